namespace PSDocker;

/// <summary>Where a container is in its life: Created → Running ⇄ Paused → Stopped → removed.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum ContainerState
{
    /// <summary>Created and never started.</summary>
    Created,
    /// <summary>Its main process is running.</summary>
    Running,
    /// <summary>Its processes are frozen (<c>docker pause</c>).</summary>
    Paused,
    /// <summary>The engine is restarting it under its restart policy.</summary>
    Restarting,
    /// <summary>The engine is removing it.</summary>
    Removing,
    /// <summary>Its main process has ended (the engine's <c>exited</c>).</summary>
    Stopped,
    /// <summary>The engine failed to remove it and gave up.</summary>
    Dead,
    /// <summary>A state this version of PSDocker does not know.</summary>
    Unknown,
}

/// <summary>Maps the engine's state words to <see cref="ContainerState"/>.</summary>
public static class ContainerStateMapper
{
    /// <summary>Maps a state word from Docker or Podman (case-insensitive).</summary>
    public static ContainerState FromEngine(string? state) => state?.ToLowerInvariant() switch
    {
        "created" or "configured" or "initialized" => ContainerState.Created,
        "running" or "stopping" => ContainerState.Running,
        "paused" => ContainerState.Paused,
        "restarting" => ContainerState.Restarting,
        "removing" => ContainerState.Removing,
        "exited" or "stopped" => ContainerState.Stopped,
        "dead" => ContainerState.Dead,
        _ => ContainerState.Unknown,
    };

    /// <summary>The engine's word for a state, as the <c>status</c> list filter takes it.</summary>
    public static string ToEngine(ContainerState state) => state switch
    {
        ContainerState.Stopped => "exited",
        ContainerState.Unknown => throw new ArgumentOutOfRangeException(nameof(state), "Unknown is not a state the engine can filter on."),
        _ => state.ToString().ToLowerInvariant(),
    };
}
