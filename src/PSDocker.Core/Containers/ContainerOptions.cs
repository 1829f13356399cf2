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
    public string? Network { get; init; }
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
