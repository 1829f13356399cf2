using System.Globalization;
using PSDocker.Core.Containers;

namespace PSDocker.Core.Swarm;

/// <summary>How a service places its tasks: a number of replicas, or one task on every node.</summary>
public enum ServiceMode
{
    /// <summary>A fixed number of tasks (<c>--mode replicated --replicas N</c>, compose <c>deploy.mode: replicated</c>).</summary>
    Replicated,

    /// <summary>One task on every node that fits the constraints (<c>--mode global</c>).</summary>
    Global,
}

/// <summary>How other tasks reach a service by name.</summary>
public enum EndpointMode
{
    /// <summary>A virtual IP the engine balances with IPVS (the engine's default).</summary>
    Vip,

    /// <summary>DNS round robin: the name resolves to the tasks' own addresses (works without IPVS).</summary>
    Dnsrr,
}

/// <summary>How a published port reaches the tasks.</summary>
public enum PublishMode
{
    /// <summary>The routing mesh: the port is open on every node and balanced to all tasks (needs IPVS).</summary>
    Ingress,

    /// <summary>The port is open only on the node that runs the task (<c>mode=host</c>).</summary>
    Host,
}

/// <summary>A published port of a service (<c>--publish published=8080,target=80,protocol=tcp,mode=host</c>).</summary>
/// <param name="TargetPort">The port inside the tasks.</param>
public sealed record ServicePort(int TargetPort)
{
    /// <summary>The port on the node; null lets the engine choose one (ingress mode) or leaves it unpublished on the node (host mode picks a random port).</summary>
    public int? PublishedPort { get; init; }

    /// <summary><c>tcp</c>, <c>udp</c> or <c>sctp</c>.</summary>
    public string Protocol { get; init; } = "tcp";

    /// <summary>Routing mesh or the task's node only.</summary>
    public PublishMode Mode { get; init; } = PublishMode.Ingress;

    /// <summary>
    /// Parses docker's <c>--publish</c> forms: <c>8080:80</c>, <c>8080:80/udp</c>, <c>80</c> and the long form
    /// <c>published=8080,target=80,protocol=udp,mode=host</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a port.</exception>
    public static ServicePort Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.Contains('='))
        {
            int? target = null, published = null;
            string protocol = "tcp";
            PublishMode mode = PublishMode.Ingress;
            foreach (string field in t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = field.IndexOf('=');
                if (eq <= 0) throw new FormatException($"Invalid published port '{text}': '{field}' is not key=value.");
                string key = field[..eq].ToLowerInvariant(), value = field[(eq + 1)..];
                switch (key)
                {
                    case "target": target = PortNumber(value, text); break;
                    case "published": published = PortNumber(value, text); break;
                    case "protocol": protocol = ProtocolName(value, text); break;
                    case "mode":
                        mode = value.ToLowerInvariant() switch
                        {
                            "ingress" => PublishMode.Ingress,
                            "host" => PublishMode.Host,
                            _ => throw new FormatException($"Invalid published port '{text}': mode must be ingress or host, not '{value}'."),
                        };
                        break;
                    default: throw new FormatException($"Invalid published port '{text}': unknown field '{key}' (use target, published, protocol, mode).");
                }
            }
            if (target is null) throw new FormatException($"Invalid published port '{text}': target= is missing.");
            return new ServicePort(target.Value) { PublishedPort = published, Protocol = protocol, Mode = mode };
        }
        string proto = "tcp";
        int slash = t.IndexOf('/');
        if (slash >= 0) { proto = ProtocolName(t[(slash + 1)..], text); t = t[..slash]; }
        string[] parts = t.Split(':');
        return parts.Length switch
        {
            1 => new ServicePort(PortNumber(parts[0], text)) { Protocol = proto },
            2 => new ServicePort(PortNumber(parts[1], text)) { PublishedPort = PortNumber(parts[0], text), Protocol = proto },
            _ => throw new FormatException($"Invalid published port '{text}': a service port is [published:]target[/protocol] (no host address)."),
        };
    }

    private static int PortNumber(string value, string text)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and <= 65535
            ? port
            : throw new FormatException($"Invalid published port '{text}': '{value}' is not a port number (1-65535).");

    private static string ProtocolName(string value, string text)
        => value.ToLowerInvariant() is "tcp" or "udp" or "sctp" ? value.ToLowerInvariant()
            : throw new FormatException($"Invalid published port '{text}': protocol must be tcp, udp or sctp, not '{value}'.");

    /// <summary>docker's long form.</summary>
    public override string ToString()
        => "published=" + (PublishedPort?.ToString(CultureInfo.InvariantCulture) ?? "") + ",target=" + TargetPort.ToString(CultureInfo.InvariantCulture)
           + ",protocol=" + Protocol + ",mode=" + (Mode == PublishMode.Host ? "host" : "ingress");
}

/// <summary>A network a service's tasks attach to (<c>--network name=n,alias=a</c>).</summary>
/// <param name="Target">The network's name or ID (an overlay network, or a local one such as <c>host</c>).</param>
public sealed record ServiceNetwork(string Target)
{
    /// <summary>Extra DNS names of the service on this network.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();

    /// <summary>Driver options of the attachment (<c>driver-opt</c>).</summary>
    public IReadOnlyDictionary<string, string> DriverOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Parses docker's <c>--network</c> forms: <c>name</c> and <c>name=n,alias=a,alias=b,driver-opt=k=v</c>.</summary>
    /// <exception cref="FormatException">The text is not a network.</exception>
    public static ServiceNetwork Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.Length == 0) throw new FormatException("The network name is empty.");
        if (!t.Contains('=')) return new ServiceNetwork(t);
        string? target = null;
        var aliases = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string field in t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = field.IndexOf('=');
            if (eq <= 0) throw new FormatException($"Invalid network '{text}': '{field}' is not key=value.");
            string key = field[..eq].ToLowerInvariant(), value = field[(eq + 1)..];
            switch (key)
            {
                case "name" or "target": target = value; break;
                case "alias": aliases.Add(value); break;
                case "driver-opt":
                    int eq2 = value.IndexOf('=');
                    if (eq2 <= 0) throw new FormatException($"Invalid network '{text}': driver-opt takes key=value.");
                    options[value[..eq2]] = value[(eq2 + 1)..];
                    break;
                default: throw new FormatException($"Invalid network '{text}': unknown field '{key}' (use name, alias, driver-opt).");
            }
        }
        if (string.IsNullOrEmpty(target)) throw new FormatException($"Invalid network '{text}': name= is missing.");
        return new ServiceNetwork(target) { Aliases = aliases, DriverOptions = options };
    }
}

/// <summary>
/// A secret or config a service's tasks see as a file (<c>--secret source=s,target=/run/secrets/x,uid=0,gid=0,mode=0400</c>).
/// </summary>
/// <param name="SourceName">The secret's or config's name.</param>
public sealed record ServiceFileReference(string SourceName)
{
    /// <summary>The secret's or config's ID; null to look it up by <see cref="SourceName"/> before the service is created.</summary>
    public string? SourceId { get; init; }

    /// <summary>
    /// The file: a name under <c>/run/secrets/</c> for a secret (absolute paths too on API 1.41), a path for a config;
    /// null for the source name (a secret) or <c>/</c> + the name (a config).
    /// </summary>
    public string? Target { get; init; }

    /// <summary>The file's owner (default <c>0</c>).</summary>
    public string Uid { get; init; } = "0";

    /// <summary>The file's group (default <c>0</c>).</summary>
    public string Gid { get; init; } = "0";

    /// <summary>The file's permission bits (default 0444).</summary>
    public int Mode { get; init; } = Convert.ToInt32("444", 8);

    /// <summary>Parses docker's <c>--secret</c>/<c>--config</c> forms: <c>name</c> and <c>source=s,target=t,uid=0,gid=0,mode=0400</c> (mode in octal).</summary>
    /// <exception cref="FormatException">The text is not a reference.</exception>
    public static ServiceFileReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.Length == 0) throw new FormatException("The secret or config name is empty.");
        if (!t.Contains('=')) return new ServiceFileReference(t);
        string? source = null, target = null, uid = null, gid = null;
        int? mode = null;
        foreach (string field in t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = field.IndexOf('=');
            if (eq <= 0) throw new FormatException($"Invalid reference '{text}': '{field}' is not key=value.");
            string key = field[..eq].ToLowerInvariant(), value = field[(eq + 1)..];
            switch (key)
            {
                case "source" or "src": source = value; break;
                case "target": target = value; break;
                case "uid": uid = value; break;
                case "gid": gid = value; break;
                case "mode":
                    try { mode = Convert.ToInt32(value, 8); }
                    catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
                    { throw new FormatException($"Invalid reference '{text}': mode '{value}' is not an octal number such as 0400."); }
                    break;
                default: throw new FormatException($"Invalid reference '{text}': unknown field '{key}' (use source, target, uid, gid, mode).");
            }
        }
        if (string.IsNullOrEmpty(source)) throw new FormatException($"Invalid reference '{text}': source= is missing.");
        var r = new ServiceFileReference(source) { Target = target };
        if (uid is not null) r = r with { Uid = uid };
        if (gid is not null) r = r with { Gid = gid };
        if (mode is int m) r = r with { Mode = m };
        return r;
    }
}

/// <summary>How a service's tasks are replaced on an update or a rollback (<c>--update-*</c>, <c>--rollback-*</c>).</summary>
public sealed record ServiceUpdatePolicy
{
    /// <summary>How many tasks are replaced at once; 0 for all at once (null: the engine's 1).</summary>
    public ulong? Parallelism { get; init; }

    /// <summary>The pause between batches.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>What to do when a task fails to update: <c>pause</c> (default), <c>continue</c>, <c>rollback</c> (updates only).</summary>
    public string? FailureAction { get; init; }

    /// <summary>How long each task is watched for failure after it is replaced.</summary>
    public TimeSpan? Monitor { get; init; }

    /// <summary>The share of tasks that may fail during the update (0 to 1).</summary>
    public double? MaxFailureRatio { get; init; }

    /// <summary><c>stop-first</c> (default) or <c>start-first</c>.</summary>
    public string? Order { get; init; }

    /// <summary>Checks the values the engine would reject.</summary>
    /// <exception cref="FormatException">A value is out of range.</exception>
    public ServiceUpdatePolicy Validate(bool rollback)
    {
        string what = rollback ? "rollback" : "update";
        if (FailureAction is { } fa && fa is not ("pause" or "continue") && !(fa == "rollback" && !rollback))
            throw new FormatException($"Invalid {what} failure action '{fa}': use pause or continue" + (rollback ? "." : ", or rollback."));
        if (Order is { } o && o is not ("stop-first" or "start-first"))
            throw new FormatException($"Invalid {what} order '{o}': use stop-first or start-first.");
        if (MaxFailureRatio is { } r && (r < 0 || r > 1))
            throw new FormatException($"Invalid {what} max failure ratio {r.ToString(CultureInfo.InvariantCulture)}: it must be between 0 and 1.");
        if (Delay < TimeSpan.Zero) throw new FormatException($"Invalid {what} delay: it must not be negative.");
        if (Monitor < TimeSpan.Zero) throw new FormatException($"Invalid {what} monitor period: it must not be negative.");
        return this;
    }
}

/// <summary>When the swarm restarts a service's tasks (<c>--restart-*</c>, compose <c>deploy.restart_policy</c>).</summary>
public sealed record ServiceRestartPolicy
{
    /// <summary><c>none</c>, <c>on-failure</c> or <c>any</c> (the engine's default).</summary>
    public string? Condition { get; init; }

    /// <summary>The wait between restarts.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>How many restarts before giving up (0: no limit).</summary>
    public ulong? MaxAttempts { get; init; }

    /// <summary>The window in which restarts are counted.</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>Checks the condition.</summary>
    /// <exception cref="FormatException">The condition is not one the engine knows.</exception>
    public ServiceRestartPolicy Validate()
    {
        if (Condition is { } c && c is not ("none" or "on-failure" or "any"))
            throw new FormatException($"Invalid restart condition '{c}': use none, on-failure or any.");
        return this;
    }
}

/// <summary>CPU and memory limits and reservations of each task (<c>--limit-cpu</c>, <c>--reserve-memory</c>…).</summary>
public sealed record ServiceResources
{
    /// <summary>CPU limit in CPUs (1.5 = one and a half).</summary>
    public double? LimitCpus { get; init; }

    /// <summary>Memory limit in bytes.</summary>
    public long? LimitMemory { get; init; }

    /// <summary>Process limit (API 1.41).</summary>
    public long? LimitPids { get; init; }

    /// <summary>CPUs reserved for scheduling.</summary>
    public double? ReserveCpus { get; init; }

    /// <summary>Memory reserved for scheduling, in bytes.</summary>
    public long? ReserveMemory { get; init; }
}

/// <summary>
/// The service spec: everything <c>docker service create</c> (and <c>docker stack deploy</c> from a compose file) sets.
/// <see cref="ServiceOperations.CreateAsync"/> sends it; <see cref="ServiceUpdateOptions.Spec"/> replaces a service's spec with it.
/// </summary>
public sealed record ServiceSpec
{
    /// <summary>The service's name (letters, digits, dashes and underscores; 63 characters at most).</summary>
    public required string Name { get; init; }

    /// <summary>The image the tasks run.</summary>
    public required string Image { get; init; }

    /// <summary>Replaces the image's entrypoint (<c>--entrypoint</c>; compose <c>entrypoint</c>); empty keeps it.</summary>
    public IReadOnlyList<string> Command { get; init; } = Array.Empty<string>();

    /// <summary>The arguments (the image's CMD is replaced; <c>docker service create IMAGE ARGS…</c>, compose <c>command</c>); empty keeps it.</summary>
    public IReadOnlyList<string> Args { get; init; } = Array.Empty<string>();

    /// <summary>Environment variables, <c>KEY=value</c>.</summary>
    public IReadOnlyList<string> Env { get; init; } = Array.Empty<string>();

    /// <summary>Labels of the service (<c>--label</c>, compose <c>deploy.labels</c>).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels of the task containers (<c>--container-label</c>, compose <c>labels</c>).</summary>
    public IReadOnlyDictionary<string, string> ContainerLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Replicated or global.</summary>
    public ServiceMode Mode { get; init; } = ServiceMode.Replicated;

    /// <summary>The number of tasks of a replicated service; null for the engine's 1.</summary>
    public ulong? Replicas { get; init; }

    /// <summary>Volumes, binds and tmpfs mounts (the <c>--mount</c> text, parsed by <see cref="MountSpec.Parse"/>).</summary>
    public IReadOnlyList<MountSpec> Mounts { get; init; } = Array.Empty<MountSpec>();

    /// <summary>The networks the tasks attach to.</summary>
    public IReadOnlyList<ServiceNetwork> Networks { get; init; } = Array.Empty<ServiceNetwork>();

    /// <summary>VIP or DNS round robin; null for the engine's default (vip).</summary>
    public EndpointMode? EndpointMode { get; init; }

    /// <summary>Published ports.</summary>
    public IReadOnlyList<ServicePort> Ports { get; init; } = Array.Empty<ServicePort>();

    /// <summary>Secrets the tasks see as files under <c>/run/secrets</c>.</summary>
    public IReadOnlyList<ServiceFileReference> Secrets { get; init; } = Array.Empty<ServiceFileReference>();

    /// <summary>Configs the tasks see as files.</summary>
    public IReadOnlyList<ServiceFileReference> Configs { get; init; } = Array.Empty<ServiceFileReference>();

    /// <summary>How updates replace the tasks.</summary>
    public ServiceUpdatePolicy? UpdateConfig { get; init; }

    /// <summary>How a rollback replaces the tasks.</summary>
    public ServiceUpdatePolicy? RollbackConfig { get; init; }

    /// <summary>When tasks are restarted.</summary>
    public ServiceRestartPolicy? RestartPolicy { get; init; }

    /// <summary>Limits and reservations.</summary>
    public ServiceResources? Resources { get; init; }

    /// <summary>Placement constraints (<c>node.role==manager</c>, <c>node.labels.zone==a</c>).</summary>
    public IReadOnlyList<string> Constraints { get; init; } = Array.Empty<string>();

    /// <summary>Spread preferences: the label each is spread over (<c>node.labels.zone</c>).</summary>
    public IReadOnlyList<string> PlacementPreferences { get; init; } = Array.Empty<string>();

    /// <summary>The most tasks of this service on one node (0 or null: no limit).</summary>
    public ulong? MaxReplicasPerNode { get; init; }

    /// <summary>The tasks' health check; null keeps the image's.</summary>
    public HealthcheckSpec? Healthcheck { get; init; }

    /// <summary>The user the tasks run as (<c>user[:group]</c>).</summary>
    public string? User { get; init; }

    /// <summary>The working directory.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>The tasks' host name (templates such as <c>{{.Task.Name}}</c> allowed).</summary>
    public string? Hostname { get; init; }

    /// <summary>Run an init process as PID 1; null for the engine's default.</summary>
    public bool? Init { get; init; }

    /// <summary>Allocate a terminal.</summary>
    public bool Tty { get; init; }

    /// <summary>Mount the root file system read-only.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>How long a task gets to stop before it is killed.</summary>
    public TimeSpan? StopGracePeriod { get; init; }

    /// <summary>The signal that stops a task.</summary>
    public string? StopSignal { get; init; }

    /// <summary>Extra <c>/etc/hosts</c> entries, <c>host:ip</c> (docker's <c>--host</c>).</summary>
    public IReadOnlyList<string> ExtraHosts { get; init; } = Array.Empty<string>();

    /// <summary>Checks what the engine would reject, before anything is sent.</summary>
    /// <exception cref="FormatException">A value is not valid; the message says which.</exception>
    public ServiceSpec Validate()
    {
        if (!IsValidName(Name))
            throw new FormatException($"Invalid service name '{Name}': use letters, digits, dashes and underscores, starting and ending with a letter or digit, 63 characters at most.");
        if (string.IsNullOrWhiteSpace(Image)) throw new FormatException("The service needs an image.");
        if (Mode == ServiceMode.Global && Replicas is not null)
            throw new FormatException("A global service runs one task per node: leave the replicas out.");
        foreach (MountSpec m in Mounts) m.Validate();
        UpdateConfig?.Validate(rollback: false);
        RollbackConfig?.Validate(rollback: true);
        RestartPolicy?.Validate();
        Healthcheck?.Validate();
        if (StopGracePeriod < TimeSpan.Zero) throw new FormatException("The stop grace period must not be negative.");
        foreach (string e in Env)
            if (string.IsNullOrEmpty(e) || e[0] == '=') throw new FormatException($"Invalid environment variable '{e}': use KEY=value.");
        var published = new HashSet<(int, string)>();
        foreach (ServicePort p in Ports)
            if (p.PublishedPort is int pp && !published.Add((pp, p.Protocol)))
                throw new FormatException($"Port {pp}/{p.Protocol} is published twice.");
        if (EndpointMode == Swarm.EndpointMode.Dnsrr && Ports.Any(p => p.Mode == PublishMode.Ingress))
            throw new FormatException("A dnsrr service cannot publish ports through the routing mesh (ingress): publish them with mode=host.");
        foreach (ServiceFileReference f in Secrets.Concat(Configs))
            if (string.IsNullOrWhiteSpace(f.SourceName) && string.IsNullOrWhiteSpace(f.SourceId))
                throw new FormatException("A secret or config reference needs a source name.");
        return this;
    }

    /// <summary>The swarm's rule for service names (<c>^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$</c>, 63 characters at most).</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 63 || !char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1])) return false;
        foreach (char c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        return true;
    }
}
