namespace PSDocker.Core.Compose.Runtime;

/// <summary>Options of <see cref="ComposeRuntime.ListAsync"/> (<c>docker compose ls -a</c>).</summary>
public sealed record ComposeListOptions
{
    /// <summary>Only this project (exact name); null for every project on the engine.</summary>
    public string? ProjectName { get; init; }
}

/// <summary>Options of <see cref="ComposeRuntime.UpAsync"/> (<c>docker compose up -d</c>).</summary>
public sealed record ComposeUpOptions
{
    /// <summary>Overrides every service's pull policy (<c>--pull</c>); null keeps each service's (<c>missing</c> by default).</summary>
    public ComposePullPolicy? Pull { get; init; }

    /// <summary>Build the images of services with <c>build:</c> before starting (<c>--build</c>).</summary>
    public bool Build { get; init; }

    /// <summary>Containers per service (<c>--scale web=3</c>), over the file's <c>scale</c>/<c>deploy.replicas</c>.</summary>
    public IReadOnlyDictionary<string, int> Scale { get; init; } = new Dictionary<string, int>();

    /// <summary>Recreate every container even when its configuration is unchanged (<c>--force-recreate</c>).</summary>
    public bool ForceRecreate { get; init; }

    /// <summary>Never recreate a container that exists, even when its configuration changed (<c>--no-recreate</c>).</summary>
    public bool NoRecreate { get; init; }

    /// <summary>Wait until every container runs (healthy when it has a health check) or, for one-shots, exited 0 (<c>--wait</c>).</summary>
    public bool Wait { get; init; }

    /// <summary>Bounds -Wait and each dependency wait; null waits as long as it takes (Ctrl+C stops it).</summary>
    public TimeSpan? WaitTimeout { get; init; }

    /// <summary>Remove containers of services the plan does not have (<c>--remove-orphans</c>).</summary>
    public bool RemoveOrphans { get; init; }

    /// <summary>Seconds to wait when stopping containers that are replaced or scaled away (<c>-t</c>); null for each container's own.</summary>
    public int? Timeout { get; init; }

    /// <summary>How many services are worked on at once (the dependency order always holds).</summary>
    public int ThrottleLimit { get; init; } = 32;
}

/// <summary>Options of <see cref="ComposeRuntime.StopAsync"/> and <see cref="ComposeRuntime.RestartAsync"/>.</summary>
public sealed record ComposeStopOptions
{
    public required string ProjectName { get; init; }

    /// <summary>Only these services; empty for all.</summary>
    public IReadOnlyList<string> Services { get; init; } = Array.Empty<string>();

    /// <summary>Seconds to wait before killing (<c>-t</c>); null for each container's own.</summary>
    public int? Timeout { get; init; }
}

/// <summary>Options of <see cref="ComposeRuntime.DownAsync"/> (<c>docker compose down</c>).</summary>
public sealed record ComposeDownOptions
{
    public required string ProjectName { get; init; }

    /// <summary>The project as loaded from its files, when known: then only its services' containers are removed (others are orphans) and its external networks are left alone.</summary>
    public ComposePlan? Plan { get; init; }

    /// <summary>Also remove the project's named volumes and the containers' anonymous volumes (<c>-v</c>).</summary>
    public bool Volumes { get; init; }

    /// <summary>Also remove containers of services the files no longer have (<c>--remove-orphans</c>). Without a plan every container of the project goes.</summary>
    public bool RemoveOrphans { get; init; }

    /// <summary>Seconds to wait before killing (<c>-t</c>); null for each container's own.</summary>
    public int? Timeout { get; init; }
}
