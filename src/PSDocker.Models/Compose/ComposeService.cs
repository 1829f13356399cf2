namespace PSDocker.Core.Compose;

/// <summary>
/// One service of a compose project, resolved: interpolated, <c>extends</c> applied, short syntax expanded,
/// relative paths made absolute against the project directory. Lists never null; absent scalars are null.
/// </summary>
public sealed class ComposeService
{
    private string? _configHash;

    /// <summary>The service name (its key under <c>services:</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>The image to run (or to tag a build with). Null when only <see cref="Build"/> is given.</summary>
    public string? Image { get; init; }

    /// <summary>How to build the image, when the service has <c>build:</c>.</summary>
    public ComposeBuild? Build { get; init; }

    /// <summary>The command, replacing the image's CMD; the string form is split like a shell. Null keeps the image's.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The entrypoint, replacing the image's; the string form is split like a shell. Null keeps the image's.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Environment variables, env_file values first, then <c>environment:</c>. A null value means "unset" (a bare <c>NAME</c> with no value in the environment).</summary>
    public ComposeMap<string?> Environment { get; init; } = ComposeMap<string?>.Empty;

    /// <summary>The env files read into <see cref="Environment"/>, absolute.</summary>
    public IReadOnlyList<ComposeEnvFile> EnvFile { get; init; } = Array.Empty<ComposeEnvFile>();

    /// <summary>Published and exposed ports (ranges in short syntax expand to one entry per port).</summary>
    public IReadOnlyList<ComposePort> Ports { get; init; } = Array.Empty<ComposePort>();

    /// <summary>Container ports exposed without publishing (<c>expose:</c>), as written ("80", "8000-8010/udp").</summary>
    public IReadOnlyList<string> Expose { get; init; } = Array.Empty<string>();

    /// <summary>Mounts: bind, volume, tmpfs (short syntax expanded; bind sources absolute).</summary>
    public IReadOnlyList<ComposeServiceVolume> Volumes { get; init; } = Array.Empty<ComposeServiceVolume>();

    /// <summary>tmpfs mounts given as <c>tmpfs:</c> ("/run", "/tmp:size=64m").</summary>
    public IReadOnlyList<string> Tmpfs { get; init; } = Array.Empty<string>();

    /// <summary>Containers/services whose volumes to mount (<c>volumes_from:</c>).</summary>
    public IReadOnlyList<string> VolumesFrom { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The networks the service joins (key: network key in the project) with their per-service settings.
    /// A service without <c>networks:</c> and without <c>network_mode</c> joins <c>default</c>.
    /// </summary>
    public ComposeMap<ComposeServiceNetwork> Networks { get; init; } = ComposeMap<ComposeServiceNetwork>.Empty;

    /// <summary><c>network_mode</c> ("host", "none", "bridge", "service:x", "container:x"), when set.</summary>
    public string? NetworkMode { get; init; }

    /// <summary>Services this one waits for (name → condition).</summary>
    public ComposeMap<ComposeDependency> DependsOn { get; init; } = ComposeMap<ComposeDependency>.Empty;

    /// <summary>Legacy links (<c>service[:alias]</c>).</summary>
    public IReadOnlyList<string> Links { get; init; } = Array.Empty<string>();

    /// <summary>The health check, when given (or disabled).</summary>
    public ComposeHealthcheck? Healthcheck { get; init; }

    /// <summary>Labels of the containers.</summary>
    public ComposeMap<string> Labels { get; init; } = ComposeMap<string>.Empty;

    /// <summary>Restart policy: "no", "always", "on-failure[:n]", "unless-stopped".</summary>
    public string? Restart { get; init; }

    /// <summary>The number of containers asked for (<c>scale:</c> or <c>deploy.replicas</c>); null when not given (means 1).</summary>
    public int? Scale { get; init; }

    /// <summary>The number of containers to run: <see cref="Scale"/>, or 1.</summary>
    public int Replicas => Scale ?? 1;

    /// <summary>The profiles the service belongs to (none: always enabled).</summary>
    public IReadOnlyList<string> Profiles { get; init; } = Array.Empty<string>();

    public string? ContainerName { get; init; }
    public string? Hostname { get; init; }
    public string? DomainName { get; init; }
    public string? User { get; init; }
    public string? WorkingDir { get; init; }
    public bool? Init { get; init; }
    public bool Privileged { get; init; }
    public bool ReadOnly { get; init; }
    public bool Tty { get; init; }
    public bool StdinOpen { get; init; }
    public IReadOnlyList<string> CapAdd { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> CapDrop { get; init; } = Array.Empty<string>();

    /// <summary>Extra /etc/hosts entries as the engine takes them: "host:ip".</summary>
    public IReadOnlyList<string> ExtraHosts { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> Dns { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> DnsSearch { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> SecurityOpt { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Devices { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> GroupAdd { get; init; } = Array.Empty<string>();
    public ComposeMap<string> Sysctls { get; init; } = ComposeMap<string>.Empty;

    /// <summary>Ulimits (name → soft/hard).</summary>
    public ComposeMap<ComposeUlimit> Ulimits { get; init; } = ComposeMap<ComposeUlimit>.Empty;

    /// <summary>Memory limit in bytes (<c>mem_limit</c> or <c>deploy.resources.limits.memory</c>).</summary>
    public long? MemLimit { get; init; }

    /// <summary>Memory reservation in bytes (<c>mem_reservation</c> or <c>deploy.resources.reservations.memory</c>).</summary>
    public long? MemReservation { get; init; }

    /// <summary>CPUs (<c>cpus</c> or <c>deploy.resources.limits.cpus</c>).</summary>
    public double? Cpus { get; init; }

    /// <summary>/dev/shm size in bytes.</summary>
    public long? ShmSize { get; init; }

    public string? StopSignal { get; init; }
    public TimeSpan? StopGracePeriod { get; init; }

    /// <summary>"always", "never", "missing", "build", "if_not_present" (= missing), or null.</summary>
    public string? PullPolicy { get; init; }

    public string? Platform { get; init; }
    public string? Ipc { get; init; }
    public string? Pid { get; init; }
    public string? Runtime { get; init; }
    public string? MacAddress { get; init; }

    /// <summary>Logging driver and options.</summary>
    public ComposeLogging? Logging { get; init; }

    /// <summary>Secrets granted (<c>secrets:</c>, long form).</summary>
    public IReadOnlyList<ComposeFileReference> Secrets { get; init; } = Array.Empty<ComposeFileReference>();

    /// <summary>Configs granted (<c>configs:</c>, long form).</summary>
    public IReadOnlyList<ComposeFileReference> Configs { get; init; } = Array.Empty<ComposeFileReference>();

    /// <summary>
    /// Keys of the compose specification this model does not type (blkio_config, cgroup_parent, develop, gpus, …),
    /// kept as plain values so they show in -AsYaml and count in <see cref="ConfigHash"/>.
    /// </summary>
    public ComposeMap<object?> Other { get; init; } = ComposeMap<object?>.Empty;

    /// <summary><c>x-</c> extension keys, as plain values.</summary>
    public ComposeMap<object?> Extensions { get; init; } = ComposeMap<object?>.Empty;

    /// <summary>
    /// SHA-256 (hex) of the service's canonical JSON, without scale/replicas, build, pull_policy, depends_on and profiles
    /// (as compose v2 leaves them out of <c>com.docker.compose.config-hash</c>). Equal hashes: no need to recreate the containers.
    /// </summary>
    public string ConfigHash => _configHash ??= ComposeCanonical.Hash(this);

    public override string ToString() => Name;
}
