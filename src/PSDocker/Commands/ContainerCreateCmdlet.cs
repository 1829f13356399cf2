using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Core.Images;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>The parameters of <c>docker create</c>, shared by New-Container and Invoke-Container, and their validation.</summary>
public abstract partial class ContainerCreateCmdlet : DockerCmdlet
{
    /// <summary>The image to create the container from.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Image { get; set; } = "";

    /// <summary>The container's name; the engine makes one up when none is given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The command and its arguments (overrides the image's CMD): the rest of the command line after the image; put <c>--</c> before it when an argument starts with '-'.</summary>
    [Parameter(Position = 1, ValueFromRemainingArguments = true)]
    [Alias("Cmd")]
    public string[]? Command { get; set; }

    private protected override (string Command, string[] Leading)? DockerStyleCommandParameters => (nameof(Command), new[] { nameof(Image) });

    /// <summary>Overrides the image's ENTRYPOINT; an empty string clears it.</summary>
    [Parameter]
    [AllowEmptyString]
    public string[]? Entrypoint { get; set; }

    /// <summary>Environment variables: @{ NAME = 'value' }.</summary>
    [Parameter]
    [Alias("Env")]
    public Hashtable? Environment { get; set; }

    /// <summary>Published ports, in docker's -p syntax: [ip:][hostPort:]containerPort[/protocol].</summary>
    [Parameter]
    [Alias("Publish")]
    [ValidateNotNullOrEmpty]
    public string[]? Port { get; set; }

    /// <summary>Mounts, in docker's -v syntax: hostPath:containerPath[:ro], volumeName:containerPath[:ro], or containerPath.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Volume { get; set; }

    /// <summary>Keeps standard input open (-i).</summary>
    [Parameter]
    public SwitchParameter Interactive { get; set; }

    /// <summary>Gives the container a terminal (-t).</summary>
    [Parameter]
    public SwitchParameter Tty { get; set; }

    /// <summary>The engine removes the container when it stops (--rm).</summary>
    [Parameter]
    [Alias("Rm")]
    public SwitchParameter AutoRemove { get; set; }

    /// <summary>Labels: @{ key = 'value' }.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>The working directory inside the container.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>The user (name or UID, optionally :group) the command runs as.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>The container's host name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Hostname { get; set; }

    /// <summary>no, always, unless-stopped or on-failure[:max-retries].</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RestartPolicyCompleter))]
    public string? RestartPolicy { get; set; }

    /// <summary>When to pull the image: Missing (default) pulls it only when the engine lacks it, Always pulls first, Never fails when it is missing.</summary>
    [Parameter]
    public PullPolicy Pull { get; set; } = PullPolicy.Missing;

    /// <summary>The registry credential for pulling the image; by default the stored one.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>Checks every parameter and builds the create options; on bad input writes a terminating error before anything reaches the engine.</summary>
    protected ContainerCreateOptions BuildCreateOptions(bool attachOutput)
    {
        if (!IsImageId(Image)) _ = ParseImage(Image);
        if (Name is not null && ContainerNames.Check(Name) is { } badName)
            Fail(badName, "InvalidContainerName", Name);

        var ports = new List<PortSpec>();
        foreach (string p in Port ?? Array.Empty<string>())
        {
            try { ports.AddRange(PortSpec.Parse(p)); }
            catch (FormatException ex) { Fail(ex, "InvalidPortSpecification", p); }
        }

        var volumes = new List<VolumeSpec>();
        foreach (string v in Volume ?? Array.Empty<string>())
        {
            try { volumes.Add(VolumeSpec.Parse(ResolveRelativeHostPath(v))); }
            catch (FormatException ex) { Fail(ex, "InvalidVolumeSpecification", v); }
        }

        RestartPolicySpec? restart = null;
        if (RestartPolicy is not null)
        {
            try { restart = RestartPolicySpec.Parse(RestartPolicy); }
            catch (FormatException ex) { Fail(ex, "InvalidRestartPolicy", RestartPolicy); }
            if (AutoRemove && restart!.Name != "no")
                Fail(new ArgumentException("-AutoRemove and a -RestartPolicy other than 'no' conflict: a container removed when it stops cannot be restarted."), "ConflictingParameters", RestartPolicy);
        }

        var env = new List<KeyValuePair<string, string?>>();
        foreach (DictionaryEntry e in Environment ?? new Hashtable())
        {
            string key = e.Key?.ToString() ?? "";
            if (key.Length == 0 || key.Contains('='))
                Fail(new ArgumentException($"Invalid environment variable name '{key}': it must be non-empty and contain no '='."), "InvalidEnvironment", key);
            env.Add(new(key, e.Value is null ? null : LanguagePrimitives.ConvertTo<string>(e.Value)));
        }
        env.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Label ?? new Hashtable())
        {
            string key = e.Key?.ToString() ?? "";
            if (key.Length == 0)
                Fail(new ArgumentException("A label name is empty."), "InvalidLabel", key);
            labels[key] = e.Value is null ? "" : LanguagePrimitives.ConvertTo<string>(e.Value);
        }

        return WithHostOptions(new ContainerCreateOptions
        {
            Image = Image,
            Name = Name?.TrimStart('/'),
            Command = Command,
            Entrypoint = Entrypoint is null ? null : Entrypoint.Where(s => s.Length > 0).ToArray(),
            Environment = env,
            Ports = ports,
            Volumes = volumes,
            Interactive = Interactive,
            Tty = Tty,
            AutoRemove = AutoRemove,
            AttachOutput = attachOutput,
            Labels = labels,
            WorkingDirectory = WorkingDirectory,
            User = User,
            Hostname = Hostname,
            RestartPolicy = restart,
        }, env);
    }

    /// <summary>Relative host paths (./data, ~/data, ../x) resolve against the current PowerShell location, as Docker 23+ does against the shell's.</summary>
    private string ResolveRelativeHostPath(string spec)
    {
        if (!(spec.StartsWith("./", StringComparison.Ordinal) || spec.StartsWith("../", StringComparison.Ordinal) || spec.StartsWith("~/", StringComparison.Ordinal) || spec.StartsWith(".:", StringComparison.Ordinal)))
            return spec;
        int colon = spec.IndexOf(':');
        if (colon < 0) return spec;
        string host = SessionState.Path.GetUnresolvedProviderPathFromPSPath(spec[..colon]);
        if (!spec.StartsWith("~/", StringComparison.Ordinal)) WarnIfOutsideCurrentFolder(spec[..colon], host);
        return host + spec[colon..];
    }

    /// <summary>
    /// A relative host path that climbs out of the current folder (<c>../../</c>), up to the root perhaps, binds more of the
    /// host than it looks: say which host folder the container gets.
    /// </summary>
    private void WarnIfOutsideCurrentFolder(string given, string host)
    {
        string current = Path.TrimEndingDirectorySeparator(SessionState.Path.CurrentFileSystemLocation.ProviderPath);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(host));
        bool root = Path.GetPathRoot(full) is { } r && string.Equals(Path.TrimEndingDirectorySeparator(r), full, StringComparison.Ordinal) || full.Length == 0;
        bool inside = string.Equals(full, current, StringComparison.Ordinal) || full.StartsWith(current + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!root && inside) return;
        string what = root ? "the root of the host's file system" : "a folder outside the current location";
        WriteWarning($"-Volume '{given}' binds the host folder '{(full.Length == 0 ? Path.DirectorySeparatorChar.ToString() : full)}' ({what}), resolved against the current location '{current}'. If that is meant, give the absolute path to bind it without this warning.");
    }

    private static bool IsImageId(string image)
        => image.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) || (image.Length >= 12 && image.Length <= 64 && image.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'));

    /// <summary>Creates the container, pulling the image first as -Pull says (as docker run does), and maps create errors (name in use, image missing).</summary>
    protected string? CreateContainer(ContainerCreateOptions options)
    {
        ImageReference? reference = IsImageId(options.Image) ? null : ParseImage(options.Image);
        if (Pull == PullPolicy.Always && reference is not null && !PullForCreate(reference)) return null;
        try
        {
            return Wait(ct => Client.Containers.CreateAsync(options, ct));
        }
        catch (DockerApiException ex) when (MissingNetwork(ex, options) is { } network)
        {
            WriteError(DockerErrors.From(ex, ErrorNoun.Network, network, ResolvedEndpoint.ToString()));
            return null;
        }
        catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.NotFound && Pull == PullPolicy.Missing && reference is not null)
        {
            WriteVerbose($"Image {reference.FamiliarName} is not on {ResolvedEndpoint}: pulling it.");
            if (!PullForCreate(reference)) return null;
        }
        catch (DockerApiException ex)
        {
            WriteError(DockerErrors.FromContainer(ex, options.Name ?? options.Image, ResolvedEndpoint.ToString(), ApiOperation.Create));
            return null;
        }
        try
        {
            return Wait(ct => Client.Containers.CreateAsync(options, ct));
        }
        catch (DockerApiException ex)
        {
            WriteError(DockerErrors.FromContainer(ex, options.Name ?? options.Image, ResolvedEndpoint.ToString(), ApiOperation.Create));
            return null;
        }
    }

    /// <summary>The network a create failed on for being missing (a 404 that names one of the options' networks), else null.</summary>
    private static string? MissingNetwork(DockerApiException ex, ContainerCreateOptions options)
    {
        if (ex.Kind != ApiErrorKind.NotFound || !ex.Message.Contains("network", StringComparison.OrdinalIgnoreCase)) return null;
        return options.Networks.Select(n => n.Name).FirstOrDefault(n => ex.Message.Contains(n, StringComparison.Ordinal))
            ?? (ex.Path?.Contains("/networks/", StringComparison.Ordinal) == true ? options.Networks.LastOrDefault()?.Name : null);
    }

    private bool PullForCreate(ImageReference reference)
        => PullImage(Client, reference, new ImagePullOptions { Auth = ResolveAuth(Credential, reference.Registry) });

    /// <summary>Removes a container this cmdlet made when a later step failed, so nothing half-made is left.</summary>
    protected void RemoveQuietly(string id)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            Client.Containers.RemoveAsync(id, new ContainerRemoveOptions { Force = true, Volumes = true }, cts.Token).GetAwaiter().GetResult();
        }
        catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.NotFound)
        {
        }
        catch (Exception ex) when (ex is DockerApiException or DockerEndpointException or OperationCanceledException or HttpRequestException)
        {
            WriteWarning($"Could not remove the container {id[..Math.Min(12, id.Length)]} this command created: {ex.Message}");
        }
    }

    private void Fail(Exception ex, string errorId, object? target) => ThrowTerminatingError(DockerErrors.InvalidArgument(ex, errorId, target));
}
