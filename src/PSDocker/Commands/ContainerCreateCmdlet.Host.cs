using System.Collections;
using System.Globalization;
using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

// The networking, mount, resource, security and health parameters of New-Container and Invoke-Container.
public abstract partial class ContainerCreateCmdlet
{
    private static readonly HashSet<string> Capabilities = new(StringComparer.Ordinal)
    {
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE",
        "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT",
        "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE",
        "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ",
        "PERFMON", "BPF", "CHECKPOINT_RESTORE",
    };

    /// <summary>
    /// Networks to attach, in order: a name (bridge, host, none, container:NAME, or a user network), or docker's long form
    /// <c>name=backend,alias=api,ip=10.20.0.5</c>. The first is attached at create, the others before the container starts.
    /// </summary>
    [Parameter]
    [Alias("Net")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkCompleter))]
    public string[]? Network { get; set; }

    /// <summary>DNS names the container answers to on each user network given with -Network.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? NetworkAlias { get; set; }

    /// <summary>
    /// Mounts: docker's --mount text (<c>type=volume,source=data,target=/data,readonly</c>), a hashtable
    /// (<c>@{ Type = 'tmpfs'; Target = '/run'; TmpfsSize = '64m' }</c>); Core's MountSpec objects (compose) pass through.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [MountTransformation]
    public MountSpec[]? Mount { get; set; }

    /// <summary>Memory limit: bytes (512MB) or docker's notation ('512m', '1.5g'); at least 6MB.</summary>
    [Parameter]
    [ByteSizeTransformation]
    public long? Memory { get; set; }

    /// <summary>How many CPUs the container may use, such as 1.5 (docker's --cpus).</summary>
    [Parameter]
    public double? Cpus { get; set; }

    /// <summary>Gives the container every capability and access to the host's devices (--privileged).</summary>
    [Parameter]
    public SwitchParameter Privileged { get; set; }

    /// <summary>Kernel capabilities to add: NET_ADMIN, SYS_TIME, …, or ALL (CAP_ prefix optional).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? CapAdd { get; set; }

    /// <summary>Kernel capabilities to drop: NET_RAW, CHOWN, …, or ALL.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? CapDrop { get; set; }

    /// <summary>Files of environment variables in docker's --env-file format (NAME=value per line, # comments); -Environment wins over them.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? EnvFile { get; set; }

    /// <summary>Ports the container exposes without publishing them (--expose): '8080', '53/udp', '8000-8002'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Expose { get; set; }

    /// <summary>Publishes every exposed port of the image on a random host port (-P).</summary>
    [Parameter]
    public SwitchParameter PublishAll { get; set; }

    /// <summary>Runs an init process as PID 1 that reaps zombies and forwards signals (--init).</summary>
    [Parameter]
    public SwitchParameter Init { get; set; }

    /// <summary>Mounts the container's root file system read-only (--read-only).</summary>
    [Parameter]
    public SwitchParameter ReadOnly { get; set; }

    /// <summary>Extra /etc/hosts entries: 'name:ip' (--add-host).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? AddHost { get; set; }

    /// <summary>The health check, run by the container's shell (--health-cmd).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HealthCommand { get; set; }

    /// <summary>Time between health checks: a TimeSpan, seconds, or '30s', '1m30s', '500ms' (default 30s).</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? HealthInterval { get; set; }

    /// <summary>How long one health check may run (default 30s).</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? HealthTimeout { get; set; }

    /// <summary>Failed checks in a row that make the container unhealthy (default 3).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? HealthRetries { get; set; }

    /// <summary>Start-up time during which failed checks do not count (default 0s).</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? HealthStartPeriod { get; set; }

    /// <summary>Turns off any health check, the image's included (--no-healthcheck).</summary>
    [Parameter]
    public SwitchParameter NoHealthcheck { get; set; }

    /// <summary>Adds the parameters of this file to the options, checking each; bad input is a terminating error before anything is sent.</summary>
    private ContainerCreateOptions WithHostOptions(ContainerCreateOptions options, List<KeyValuePair<string, string?>> environment)
    {
        return options with
        {
            Networks = BuildNetworks(),
            Mounts = BuildMounts(),
            Memory = CheckMemory(),
            Cpus = CheckCpus(),
            Privileged = Privileged,
            CapAdd = NormalizeCapabilities(CapAdd, nameof(CapAdd)),
            CapDrop = NormalizeCapabilities(CapDrop, nameof(CapDrop)),
            Environment = MergeEnvFiles(environment),
            PublishAll = PublishAll,
            ExposedPorts = BuildExposedPorts(),
            Init = Init.IsPresent ? true : null,
            ReadOnlyRootFilesystem = ReadOnly,
            ExtraHosts = (AddHost ?? Array.Empty<string>()).Select(h => Parse(h, ExtraHost.Parse, "InvalidHostEntry")).ToArray(),
            Healthcheck = BuildHealthcheck(),
        };
    }

    private IReadOnlyList<NetworkAttachment> BuildNetworks()
    {
        var list = new List<NetworkAttachment>();
        foreach (string value in Network ?? Array.Empty<string>())
        {
            NetworkAttachment n = value.Contains('=') ? ParseLongNetwork(value) : new NetworkAttachment(value.Trim());
            if (list.Any(o => o.Name == n.Name))
                Fail(new ArgumentException($"The network '{n.Name}' is given twice in -Network."), "InvalidNetworkSpecification", value);
            list.Add(n);
        }
        if (list.Count > 1 && list.FirstOrDefault(n => NetworkAttachment.IsSpecialMode(n.Name)) is { } special)
            Fail(new ArgumentException($"-Network {special.Name} cannot be combined with other networks: a container in that mode has no networks of its own."), "ConflictingParameters", special.Name);

        if (NetworkAlias is { Length: > 0 })
        {
            foreach (string alias in NetworkAlias) CheckAlias(alias, "-NetworkAlias");
            var user = list.Where(n => !NetworkAttachment.IsSpecialMode(n.Name) && n.Name != "bridge").ToList();
            if (user.Count == 0)
                Fail(new ArgumentException("-NetworkAlias needs a user-defined network in -Network: the default bridge, host and none networks have no DNS names for containers. Create one with New-ContainerNetwork."), "InvalidNetworkAlias", NetworkAlias);
            for (int i = 0; i < list.Count; i++)
            {
                if (user.Contains(list[i])) list[i] = list[i] with { Aliases = list[i].Aliases.Concat(NetworkAlias).Distinct(StringComparer.Ordinal).ToArray() };
            }
        }
        return list;
    }

    /// <summary>docker's long form of --network: <c>name=NET[,alias=A]…[,ip=ADDR][,ip6=ADDR]</c>.</summary>
    private NetworkAttachment ParseLongNetwork(string value)
    {
        string? name = null, ip = null, ip6 = null;
        var aliases = new List<string>();
        foreach (string field in value.Split(','))
        {
            int eq = field.IndexOf('=');
            string key = eq < 0 ? field : field[..eq].Trim().ToLowerInvariant();
            string v = eq < 0 ? "" : field[(eq + 1)..].Trim();
            switch (key)
            {
                case "name" when v.Length > 0: name = v; break;
                case "alias" when v.Length > 0: CheckAlias(v, "-Network alias"); aliases.Add(v); break;
                case "ip" when System.Net.IPAddress.TryParse(v, out System.Net.IPAddress? a4) && a4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork: ip = v; break;
                case "ip6" when System.Net.IPAddress.TryParse(v, out System.Net.IPAddress? a6) && a6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6: ip6 = v; break;
                default:
                    Fail(new FormatException($"Invalid -Network '{value}': '{field}' is not name=NETWORK, alias=NAME, ip=IPv4 or ip6=IPv6."), "InvalidNetworkSpecification", value);
                    break;
            }
        }
        if (name is null) Fail(new FormatException($"Invalid -Network '{value}': name=NETWORK is missing."), "InvalidNetworkSpecification", value);
        if ((aliases.Count > 0 || ip is not null || ip6 is not null) && (NetworkAttachment.IsSpecialMode(name!) || name == "bridge"))
            Fail(new ArgumentException($"Invalid -Network '{value}': aliases and fixed addresses need a user-defined network, not {name}."), "InvalidNetworkSpecification", value);
        return new NetworkAttachment(name!) { Aliases = aliases, IPv4Address = ip, IPv6Address = ip6 };
    }

    private void CheckAlias(string alias, string what)
    {
        if (alias.Length == 0 || alias.Any(c => char.IsWhiteSpace(c) || c == ','))
            Fail(new FormatException($"Invalid {what} '{alias}': a DNS name has no white space or commas."), "InvalidNetworkAlias", alias);
    }

    /// <summary>docker's --expose: a port or a range, with an optional /tcp, /udp or /sctp; ranges become one entry per port.</summary>
    private IReadOnlyList<string> BuildExposedPorts()
    {
        var ports = new List<string>();
        foreach (string value in Expose ?? Array.Empty<string>())
        {
            string text = value.Trim();
            int slash = text.IndexOf('/');
            string proto = slash < 0 ? "tcp" : text[(slash + 1)..].ToLowerInvariant();
            string range = slash < 0 ? text : text[..slash];
            string[] bounds = range.Split('-');
            bool ok = proto is "tcp" or "udp" or "sctp" && bounds.Length is 1 or 2;
            int first = 0, last = 0;
            ok = ok && int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out first)
                && int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out last)
                && first is >= 1 and <= 65535 && last >= first && last <= 65535;
            if (!ok)
                Fail(new FormatException($"Invalid -Expose '{value}': use a port or a range (1-65535) with an optional /tcp, /udp or /sctp, such as 8080 or 53/udp."), "InvalidPortSpecification", value);
            for (int p = first; p <= last; p++) ports.Add(p.ToString(CultureInfo.InvariantCulture) + "/" + proto);
        }
        return ports.Distinct(StringComparer.Ordinal).ToArray();
    }

    private IReadOnlyList<MountSpec> BuildMounts()
    {
        var list = new List<MountSpec>();
        foreach (MountSpec m in Mount ?? Array.Empty<MountSpec>())
        {
            MountSpec spec = m;
            if (spec.Type == MountType.Bind && spec.Source is { } src && (src.StartsWith('.') || src.StartsWith('~')))
                spec = spec with { Source = SessionState.Path.GetUnresolvedProviderPathFromPSPath(src) };
            try { list.Add(spec.Validate()); }
            catch (FormatException ex) { Fail(ex, "InvalidMountSpecification", m.ToString()); }
            if (list.Take(list.Count - 1).Any(o => o.Target == spec.Target))
                Fail(new ArgumentException($"Two mounts have the target {spec.Target}."), "InvalidMountSpecification", spec.ToString());
        }
        return list;
    }

    private long? CheckMemory()
    {
        if (ResourceLimits.CheckMemory(Memory) is { } bad) Fail(bad, "InvalidMemoryLimit", Memory);
        return Memory;
    }

    private double? CheckCpus()
    {
        if (ResourceLimits.CheckCpus(Cpus) is { } bad) Fail(bad, "InvalidCpus", Cpus);
        return Cpus;
    }

    private string[] NormalizeCapabilities(string[]? caps, string parameter)
    {
        var result = new List<string>();
        foreach (string cap in caps ?? Array.Empty<string>())
        {
            string name = cap.Trim().ToUpperInvariant();
            if (name == "ALL") { result.Add(name); continue; }
            if (name.StartsWith("CAP_", StringComparison.Ordinal)) name = name[4..];
            if (!Capabilities.Contains(name))
                Fail(new ArgumentException($"-{parameter} '{cap}' is not a Linux capability (such as NET_ADMIN, SYS_TIME, CHOWN, or ALL)."), "InvalidCapability", cap);
            result.Add("CAP_" + name);
        }
        return result.Distinct(StringComparer.Ordinal).ToArray();
    }

    private IReadOnlyList<KeyValuePair<string, string?>> MergeEnvFiles(List<KeyValuePair<string, string?>> environment)
    {
        if (EnvFile is not { Length: > 0 }) return environment;
        var merged = new List<KeyValuePair<string, string?>>();
        foreach (string file in EnvFile)
        {
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(file);
            string text = "";
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var error = new ItemNotFoundException($"Cannot read the -EnvFile '{file}': {ex.Message}", ex);
                ThrowTerminatingError(DockerErrors.Record(error, "EnvFileNotFound", ErrorCategory.ObjectNotFound, file, error.Message, null));
            }
            try
            {
                merged.AddRange(PSDocker.Core.Containers.EnvFile.Parse(text, System.Environment.GetEnvironmentVariable, file)
                    .Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
            }
            catch (FormatException ex)
            {
                Fail(ex, "InvalidEnvFile", file);
            }
        }
        merged.AddRange(environment);
        // Later values win, as the engine would take the last of duplicates; keep one of each.
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < merged.Count; i++) last[merged[i].Key] = i;
        return merged.Where((kv, i) => last[kv.Key] == i).ToList();
    }

    private HealthcheckSpec? BuildHealthcheck()
    {
        try { return HealthcheckSpec.FromFlags(HealthCommand, HealthInterval, HealthTimeout, HealthRetries, HealthStartPeriod, NoHealthcheck); }
        catch (FormatException ex) { Fail(ex, "InvalidHealthcheck", HealthCommand ?? "(timings)"); }
        catch (ArgumentException ex) { Fail(ex, "ConflictingParameters", "NoHealthcheck"); }
        return null;
    }

    private T Parse<T>(string text, Func<string, T> parse, string errorId)
    {
        try { return parse(text); }
        catch (FormatException ex) { Fail(ex, errorId, text); return default!; }
    }
}
