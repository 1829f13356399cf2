using System.Collections;
using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Core.Json;
using PSDocker.Core.Engine;
using PSDocker.Errors;
using PSDocker.Progress;

namespace PSDocker.Commands;

/// <summary>Builds an image from a Dockerfile and a context directory (<c>docker build</c>, classic builder).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ImageBuild", SupportsShouldProcess = true)]
[OutputType(typeof(Image))]
public sealed class InvokeImageBuildCommand : DockerCmdlet
{
    /// <summary>The build context directory (default: the current location).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = ".";

    /// <summary>The Dockerfile (default: Dockerfile in the context); it may lie outside the context.</summary>
    [Parameter]
    [Alias("Dockerfile")]
    [ValidateNotNullOrEmpty]
    public string? File { get; set; }

    /// <summary>Names for the image: registry/repository[:tag].</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Tag { get; set; }

    /// <summary>Build arguments: @{ NAME = 'value' }.</summary>
    [Parameter]
    public Hashtable? BuildArg { get; set; }

    /// <summary>The stage of a multi-stage Dockerfile to build.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Target { get; set; }

    /// <summary>Labels for the image: @{ key = 'value' }.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>Do not use the build cache.</summary>
    [Parameter]
    public SwitchParameter NoCache { get; set; }

    /// <summary>Always pull newer versions of the base images.</summary>
    [Parameter]
    public SwitchParameter Pull { get; set; }

    /// <summary>The platform to build for: os[/arch[/variant]].</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Platform { get; set; }

    /// <summary>A credential for the registry of the base images; by default the stored ones.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    protected override void ProcessRecord()
    {
        string contextPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        string? dockerfile = File is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(File);
        var tags = (Tag ?? Array.Empty<string>()).Select(ParseImage).ToArray();
        if (tags.Any(t => t.Digest is not null))
            ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException("A build tag cannot hold a digest."), "InvalidTag", Tag));

        BuildContext context;
        try
        {
            context = BuildContext.Create(contextPath, dockerfile);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(DockerErrors.Record(ex, ex is FormatException ? "InvalidDockerIgnore" : "BuildContextNotFound",
                ex is FormatException ? ErrorCategory.InvalidData : ErrorCategory.ObjectNotFound, Path, ex.Message, null));
            return;
        }

        string what = tags.Length > 0 ? string.Join(", ", tags.Select(t => t.FamiliarName)) : contextPath;
        if (!ShouldProcess(what, "Build image")) return;

        // As the docker CLI does: every stored credential goes along for the base images;
        // -Credential is for the registries the Dockerfile's FROM lines name.
        var registries = new Dictionary<string, RegistryAuth>(StringComparer.Ordinal);
        try
        {
            foreach ((string key, RegistryAuth auth) in DockerConfig.Current().GetAllAuths(CancelToken)) registries[key] = auth;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Text.Json.JsonException or FormatException)
        {
            WriteWarning($"Could not read the stored registry credentials: {ex.Message} Building without them.");
        }
        if (Credential is not null)
        {
            foreach (string registry in BaseImageRegistries(context).DefaultIfEmpty(ImageReference.DockerHub).Distinct())
                registries[DockerConfig.KeyFor(registry)] = ResolveAuth(Credential, registry)!;
        }

        var options = new ImageBuildOptions
        {
            Tags = tags,
            BuildArgs = ToDictionary(BuildArg).ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
            Labels = ToDictionary(Label),
            Target = Target,
            NoCache = NoCache,
            Pull = Pull,
            Platform = Platform,
            RegistryConfig = registries,
        };

        string? imageId = null;
        string? error = null;
        var stepLine = new System.Text.StringBuilder();
        IAsyncEnumerator<JsonMessage> messages = Client.Images.BuildAsync(context, options, CancelToken).GetAsyncEnumerator(CancelToken);
        try
        {
            // Started as a stream step: its request checks the engine with /_ping while no answer comes.
            Task<bool> next = Streamed(_ => messages.MoveNextAsync().AsTask(), CancelToken);
            // The engine answers once it has the whole context: show the upload meanwhile.
            while (!next.IsCompleted)
            {
                WaitStream(ct => Task.WhenAny(next, Task.Delay(200, ct)));
                if (!next.IsCompleted)
                {
                    int percent = context.EntryCount == 0 ? 100 : Math.Min(100, context.FilesSent * 100 / context.EntryCount);
                    WriteProgress(new ProgressRecord(1, "Sending build context", $"{context.FilesSent} of {context.EntryCount} files, {ProgressStreamWriter.Human(context.BytesSent)}") { PercentComplete = percent });
                }
            }
            WriteProgress(new ProgressRecord(1, "Sending build context", "Sent") { RecordType = ProgressRecordType.Completed });

            bool more;
            try
            {
                more = WaitStream(_ => next);
            }
            catch (DockerApiException ex)
            {
                WriteError(ImageErrors.FromRegistry("Build", ex.Message, what, ResolvedEndpoint.ToString()));
                return;
            }
            while (more)
            {
                JsonMessage m = messages.Current;
                if (m.ErrorMessage is { } e)
                {
                    error ??= e;
                }
                else if (m.Stream is { } text)
                {
                    foreach (string line in SplitLines(stepLine, text))
                        WriteInformation(new InformationRecord(new HostInformationMessage { Message = line }, "Invoke-ImageBuild") { Tags = { "PSHOST", "Build" } });
                }
                else if (m.Aux is { } aux && aux.ValueKind == System.Text.Json.JsonValueKind.Object && aux.TryGetProperty("ID", out var id))
                {
                    imageId = id.GetString();
                }
                else if (m.Status is { Length: > 0 } status)
                {
                    WriteVerbose(string.IsNullOrEmpty(m.Id) ? status : $"{m.Id}: {status}");
                }
                more = WaitStream(_ => messages.MoveNextAsync().AsTask());
            }
            if (stepLine.Length > 0)
                WriteInformation(new InformationRecord(new HostInformationMessage { Message = stepLine.ToString() }, "Invoke-ImageBuild") { Tags = { "PSHOST", "Build" } });
        }
        finally
        {
            try { messages.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
            catch (Exception) { }
        }

        if (error is not null)
        {
            var ex = new RegistryOperationException($"The build of {what} failed: {error.Trim()}", what);
            WriteError(DockerErrors.Record(ex, "ImageBuildFailed", ErrorCategory.InvalidResult, what, ex.Message, null));
            return;
        }
        if (imageId is null && tags.Length == 0)
        {
            var ex = new RegistryOperationException("The engine did not report the ID of the built image.", what);
            WriteError(DockerErrors.Record(ex, "ImageBuildFailed", ErrorCategory.InvalidResult, what, ex.Message, null));
            return;
        }
        string lookup = tags.Length > 0 ? tags[0].FamiliarName + (tags[0].Tag is null ? ":latest" : "") : imageId!;
        WriteObject(Wait(ct => Client.Images.InspectAsync(lookup, new(), ct)));
    }

    /// <summary>The registries of the images the Dockerfile's FROM lines name (stage names and ARG-built names skipped).</summary>
    private static IEnumerable<string> BaseImageRegistries(BuildContext context)
    {
        string path = context.DockerfileSource;
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string raw in System.IO.File.ReadLines(path))
        {
            string[] words = raw.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2 || !words[0].Equals("FROM", StringComparison.OrdinalIgnoreCase)) continue;
            string image = words.Skip(1).FirstOrDefault(w => !w.StartsWith("--", StringComparison.Ordinal)) ?? "";
            int asIndex = Array.FindIndex(words, w => w.Equals("AS", StringComparison.OrdinalIgnoreCase));
            if (asIndex > 0 && asIndex + 1 < words.Length) stages.Add(words[asIndex + 1]);
            if (image.Length == 0 || image.Contains('$') || stages.Contains(image) || image.Equals("scratch", StringComparison.OrdinalIgnoreCase)) continue;
            if (ImageReference.TryParse(image, out ImageReference? reference) && reference is not null) yield return reference.Registry;
        }
    }

    private static IEnumerable<string> SplitLines(System.Text.StringBuilder pending, string text)
    {
        foreach (char ch in text)
        {
            if (ch == '\n')
            {
                yield return pending.ToString().TrimEnd('\r');
                pending.Clear();
            }
            else
            {
                pending.Append(ch);
            }
        }
    }

    private static Dictionary<string, string> ToDictionary(Hashtable? table)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in table ?? new Hashtable())
            result[e.Key?.ToString() ?? ""] = e.Value is null ? "" : LanguagePrimitives.ConvertTo<string>(e.Value);
        return result;
    }
}
