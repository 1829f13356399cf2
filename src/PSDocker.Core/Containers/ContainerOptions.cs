namespace PSDocker.Core.Containers;

/// <summary>Options of <see cref="ContainerOperations.ListAsync"/> (<c>docker ps</c>).</summary>
public sealed record ContainerListOptions
{
    /// <summary>Include containers that are not running (<c>-a</c>). Default true.</summary>
    public bool All { get; init; } = true;

    /// <summary>Engine-side filters: <c>status</c>, <c>label</c>, <c>name</c>, <c>id</c>, ….</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>Options of <see cref="ContainerOperations.CreateAsync"/> (<c>docker create</c>).</summary>
public sealed record ContainerCreateOptions
{
    public required string Image { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string>? Command { get; init; }
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyList<KeyValuePair<string, string?>> Environment { get; init; } = Array.Empty<KeyValuePair<string, string?>>();
    public IReadOnlyList<PortSpec> Ports { get; init; } = Array.Empty<PortSpec>();
    public IReadOnlyList<VolumeSpec> Volumes { get; init; } = Array.Empty<VolumeSpec>();
    public bool Interactive { get; init; }
    public bool Tty { get; init; }
    public bool AutoRemove { get; init; }
    /// <summary>Set by <c>docker run</c> (not detached): the container's output is attached.</summary>
    public bool AttachOutput { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string? WorkingDirectory { get; init; }
    public string? User { get; init; }
    public string? Hostname { get; init; }
    public RestartPolicySpec? RestartPolicy { get; init; }

    /// <summary>
    /// The network mode when it is not a network to attach to: <c>host</c>, <c>none</c>, <c>container:NAME</c>, <c>service:…</c> is the caller's to resolve.
    /// Null to attach to <see cref="Networks"/> (the first one becomes the mode), or to the engine's default bridge when there are none.
    /// Cannot be combined with <see cref="Networks"/>.
    /// </summary>
    public string? NetworkMode { get; init; }

    /// <summary>
    /// Networks to attach, in order (<c>--network</c>, compose <c>networks:</c>), each with its aliases and addresses.
    /// The first is attached at create; engines before API 1.44 accept one there, so the rest are connected right after
    /// create, before the container starts (<see cref="ContainerOperations.CreateAsync"/> removes the container if that fails).
    /// </summary>
    public IReadOnlyList<NetworkAttachment> Networks { get; init; } = Array.Empty<NetworkAttachment>();

    /// <summary>Mounts in docker's <c>--mount</c> form: bind, volume, tmpfs (<c>HostConfig.Mounts</c>).</summary>
    public IReadOnlyList<MountSpec> Mounts { get; init; } = Array.Empty<MountSpec>();

    /// <summary>tmpfs mounts in docker's <c>--tmpfs</c> form: container path → mount options (<c>size=64m,mode=1777</c>, or empty).</summary>
    public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = new Dictionary<string, string>();

    /// <summary>Ports exposed without publishing (<c>--expose</c>, compose <c>expose:</c>): <c>80</c>, <c>53/udp</c>.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = Array.Empty<string>();

    /// <summary>Publishes every exposed port on a random host port (<c>-P</c>).</summary>
    public bool PublishAll { get; init; }

    /// <summary>The health check; null keeps the image's. <see cref="HealthcheckSpec.Disabled"/> turns it off (<c>--no-healthcheck</c>).</summary>
    public HealthcheckSpec? Healthcheck { get; init; }

    /// <summary>Memory limit in bytes (<c>-m</c>); null for none.</summary>
    public long? Memory { get; init; }

    /// <summary>Memory soft limit in bytes (<c>--memory-reservation</c>).</summary>
    public long? MemoryReservation { get; init; }

    /// <summary>Memory plus swap in bytes (<c>--memory-swap</c>); -1 for unlimited swap.</summary>
    public long? MemorySwap { get; init; }

    /// <summary>CPUs as a fraction (<c>--cpus 1.5</c>); sent as <c>NanoCpus</c>.</summary>
    public double? Cpus { get; init; }

    /// <summary>Relative CPU weight (<c>--cpu-shares</c>).</summary>
    public long? CpuShares { get; init; }

    /// <summary>CPUs it may run on (<c>--cpuset-cpus 0-1</c>).</summary>
    public string? CpusetCpus { get; init; }

    /// <summary>Process limit (<c>--pids-limit</c>); -1 for unlimited.</summary>
    public long? PidsLimit { get; init; }

    /// <summary>Size of /dev/shm in bytes (<c>--shm-size</c>).</summary>
    public long? ShmSize { get; init; }

    /// <summary>Extended privileges (<c>--privileged</c>).</summary>
    public bool Privileged { get; init; }

    /// <summary>Kernel capabilities to add (<c>--cap-add</c>): <c>NET_ADMIN</c>, <c>ALL</c>, ….</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = Array.Empty<string>();

    /// <summary>Kernel capabilities to drop (<c>--cap-drop</c>).</summary>
    public IReadOnlyList<string> CapDrop { get; init; } = Array.Empty<string>();

    /// <summary>Security options (<c>--security-opt</c>): <c>no-new-privileges</c>, <c>seccomp=unconfined</c>, ….</summary>
    public IReadOnlyList<string> SecurityOptions { get; init; } = Array.Empty<string>();

    /// <summary>Runs an init (tini, docker-init) as PID 1 (<c>--init</c>); null for the engine's default.</summary>
    public bool? Init { get; init; }

    /// <summary>Mounts the root file system read-only (<c>--read-only</c>).</summary>
    public bool ReadOnlyRootFilesystem { get; init; }

    /// <summary>Extra /etc/hosts entries (<c>--add-host name:ip</c>).</summary>
    public IReadOnlyList<ExtraHost> ExtraHosts { get; init; } = Array.Empty<ExtraHost>();

    /// <summary>DNS servers (<c>--dns</c>).</summary>
    public IReadOnlyList<string> Dns { get; init; } = Array.Empty<string>();

    /// <summary>DNS search domains (<c>--dns-search</c>).</summary>
    public IReadOnlyList<string> DnsSearch { get; init; } = Array.Empty<string>();

    /// <summary>DNS resolver options (<c>--dns-option</c>).</summary>
    public IReadOnlyList<string> DnsOptions { get; init; } = Array.Empty<string>();

    /// <summary>The container's domain name (<c>--domainname</c>).</summary>
    public string? DomainName { get; init; }

    /// <summary>Namespaced kernel parameters (<c>--sysctl net.ipv4.ip_forward=1</c>).</summary>
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();

    /// <summary>Resource limits (<c>--ulimit nofile=1024:2048</c>).</summary>
    public IReadOnlyList<UlimitSpec> Ulimits { get; init; } = Array.Empty<UlimitSpec>();

    /// <summary>The signal that stops it (<c>--stop-signal</c>); null for the image's (SIGTERM).</summary>
    public string? StopSignal { get; init; }

    /// <summary>Seconds to wait after the stop signal before SIGKILL (<c>--stop-timeout</c>, compose <c>stop_grace_period</c>).</summary>
    public int? StopTimeout { get; init; }

    /// <summary>Logging driver (<c>--log-driver</c>); null for the engine's default.</summary>
    public string? LogDriver { get; init; }

    /// <summary>Logging driver options (<c>--log-opt max-size=10m</c>).</summary>
    public IReadOnlyDictionary<string, string> LogOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Additional groups for the container's process (<c>--group-add</c>).</summary>
    public IReadOnlyList<string> GroupAdd { get; init; } = Array.Empty<string>();

    /// <summary>Devices to add (<c>--device /dev/x[:/dev/y[:rwm]]</c>), as docker's text form.</summary>
    public IReadOnlyList<string> Devices { get; init; } = Array.Empty<string>();

    /// <summary>PID namespace (<c>--pid host</c>).</summary>
    public string? PidMode { get; init; }

    /// <summary>IPC namespace (<c>--ipc host|private|shareable|container:x</c>).</summary>
    public string? IpcMode { get; init; }

    /// <summary>Platform to create for (<c>--platform linux/amd64</c>); sent only when set.</summary>
    public string? Platform { get; init; }
}

/// <summary>
/// One network a new container joins (<c>--network NAME --network-alias A</c>; compose's per-service <c>networks:</c>).
/// </summary>
/// <param name="Name">The network's name or ID.</param>
public sealed record NetworkAttachment(string Name)
{
    /// <summary>Extra DNS names of the container on this network.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();

    /// <summary>A fixed IPv4 address on this network (needs a user network with a configured subnet).</summary>
    public string? IPv4Address { get; init; }

    /// <summary>A fixed IPv6 address on this network.</summary>
    public string? IPv6Address { get; init; }

    /// <summary>Legacy links on this network (<c>container[:alias]</c>).</summary>
    public IReadOnlyList<string> Links { get; init; } = Array.Empty<string>();

    /// <summary>Network-mode values that are not networks to attach: they cannot take aliases and must be alone.</summary>
    public static bool IsSpecialMode(string name)
        => name is "host" or "none" || name.StartsWith("container:", StringComparison.Ordinal);
}

/// <summary>Options of <see cref="ContainerOperations.StopAsync"/> (<c>docker stop</c>).</summary>
public sealed record ContainerStopOptions
{
    /// <summary>Seconds to wait before killing; null for the container's own default.</summary>
    public int? Timeout { get; init; }

    /// <summary>The signal to stop with; null for the container's own (SIGTERM).</summary>
    public string? Signal { get; init; }
}

/// <summary>Options of <see cref="ContainerOperations.KillAsync"/> (<c>docker kill</c>).</summary>
public sealed record ContainerKillOptions
{
    /// <summary>The signal; null for SIGKILL.</summary>
    public string? Signal { get; init; }
}

/// <summary>Options of <see cref="ContainerOperations.RestartAsync"/> (<c>docker restart</c>).</summary>
public sealed record ContainerRestartOptions
{
    /// <summary>Seconds to wait before killing; null for the container's own default.</summary>
    public int? Timeout { get; init; }
}

/// <summary>Options of <see cref="ContainerOperations.RemoveAsync"/> (<c>docker rm</c>).</summary>
public sealed record ContainerRemoveOptions
{
    /// <summary>Kill and remove a running container (<c>-f</c>).</summary>
    public bool Force { get; init; }

    /// <summary>Remove its anonymous volumes (<c>-v</c>).</summary>
    public bool Volumes { get; init; }
}

/// <summary>What <see cref="ContainerOperations.WaitAsync"/> waits for.</summary>
public enum WaitCondition
{
    /// <summary>Until it is not running (returns at once for a stopped container).</summary>
    NotRunning,
    /// <summary>Until its next exit.</summary>
    NextExit,
    /// <summary>Until it is removed.</summary>
    Removed,
}

/// <summary>Options of <see cref="ContainerOperations.WaitAsync"/> (<c>docker wait</c>).</summary>
public sealed record ContainerWaitOptions
{
    public WaitCondition Condition { get; init; } = WaitCondition.NotRunning;
}

/// <summary>Options of <see cref="ContainerOperations.LogsAsync"/> (<c>docker logs</c>).</summary>
public sealed record ContainerLogsOptions
{
    public bool Follow { get; init; }
    /// <summary>Lines from the end; null for all.</summary>
    public int? Tail { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public bool Timestamps { get; init; }
    public bool StdOut { get; init; } = true;
    public bool StdErr { get; init; } = true;
}

/// <summary>Options of <see cref="ContainerOperations.AttachAsync"/> (<c>docker attach</c>).</summary>
public sealed record ContainerAttachOptions
{
    /// <summary>Send standard input (the container needs <c>OpenStdin</c>).</summary>
    public bool StdIn { get; init; }
    public bool StdOut { get; init; } = true;
    public bool StdErr { get; init; } = true;
    /// <summary>Stream what it writes from now on (default true).</summary>
    public bool Stream { get; init; } = true;
    /// <summary>Replay what it already wrote first.</summary>
    public bool Logs { get; init; }
    /// <summary>The engine's detach sequence for this attach, in docker's syntax (<c>ctrl-p,ctrl-q</c>); null for the engine's default.</summary>
    public string? DetachKeys { get; init; }
}

/// <summary>Options of <see cref="ContainerOperations.PruneAsync"/> (<c>docker container prune</c>).</summary>
public sealed record ContainerPruneOptions
{
    /// <summary>Label filters: <c>key</c>, <c>key=value</c>, or with a leading <c>!</c> to exclude.</summary>
    public IReadOnlyList<string> Labels { get; init; } = Array.Empty<string>();

    /// <summary>Only containers created before this time.</summary>
    public DateTimeOffset? Until { get; init; }
}

/// <summary>Options of <c>GET /containers/{id}/json</c> (<c>docker inspect</c>).</summary>
public sealed record ContainerInspectOptions
{
    /// <summary>Also compute the container's size (<c>SizeRw</c>, <c>SizeRootFs</c>; slower), as <c>docker inspect --size</c>.</summary>
    public bool Size { get; init; }
}

/// <summary>Options of <c>POST /containers/{id}/start</c> (<c>docker start</c>).</summary>
public sealed record ContainerStartOptions
{
    /// <summary>The key sequence that detaches from the container (<c>ctrl-p,ctrl-q</c>); null for the engine's default.</summary>
    public string? DetachKeys { get; init; }
}

/// <summary>Options of <c>POST /containers/{id}/pause</c> (<c>docker pause</c>); the API has none yet.</summary>
public sealed record ContainerPauseOptions;

/// <summary>Options of <c>POST /containers/{id}/unpause</c> (<c>docker unpause</c>); the API has none yet.</summary>
public sealed record ContainerUnpauseOptions;

/// <summary>Options of <c>POST /containers/{id}/resize</c>: the terminal's new size.</summary>
public sealed record ContainerResizeOptions
{
    /// <summary>Rows.</summary>
    public required int Height { get; init; }

    /// <summary>Columns.</summary>
    public required int Width { get; init; }
}

/// <summary>Options of <c>POST /containers/{id}/rename</c> (<c>docker rename</c>).</summary>
public sealed record ContainerRenameOptions
{
    /// <summary>The container's new name.</summary>
    public required string NewName { get; init; }
}

/// <summary>Options of <c>GET /containers/{id}/top</c> (<c>docker top</c>).</summary>
public sealed record ContainerTopOptions
{
    /// <summary>The arguments the engine passes to <c>ps</c> (<c>aux</c>, <c>-o pid,comm</c>); null for the engine's default (<c>-ef</c> on Docker).</summary>
    public string? PsArguments { get; init; }
}

/// <summary>Options of <c>GET /containers/{id}/changes</c> (<c>docker diff</c>); the API has none yet.</summary>
public sealed record ContainerChangesOptions;
