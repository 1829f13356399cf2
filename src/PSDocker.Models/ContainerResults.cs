namespace PSDocker;

/// <summary>Which output stream a log line came from.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum ContainerStream
{
    /// <summary>Standard output (and everything, for a container with a terminal).</summary>
    StdOut,
    /// <summary>Standard error.</summary>
    StdErr,
}

/// <summary>One line a container wrote.</summary>
public sealed class ContainerLogLine
{
    /// <summary>The text, without its line ending.</summary>
    public string Text { get; init; } = "";

    /// <summary>The stream it was written to.</summary>
    public ContainerStream Stream { get; init; }

    /// <summary>When the engine received it (with <c>-Timestamps</c>).</summary>
    public DateTime? Timestamp { get; init; }

    /// <summary>The container's name.</summary>
    public string ContainerName { get; init; } = "";

    /// <summary>The container's ID.</summary>
    public string ContainerId { get; init; } = "";

    /// <summary>The text, after its timestamp when it has one.</summary>
    public override string ToString() => Timestamp is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture) + " " + Text : Text;
}

/// <summary>What <c>Invoke-ContainerPrune</c> removed.</summary>
public sealed class ContainerPruneResult
{
    /// <summary>IDs of the containers removed.</summary>
    public IReadOnlyList<string> ContainersDeleted { get; init; } = Array.Empty<string>();

    /// <summary>Bytes of disk space freed.</summary>
    public long SpaceReclaimed { get; init; }

    /// <summary>The engine it ran on.</summary>
    public string Endpoint { get; init; } = "";
}

/// <summary>How a container's wait ended.</summary>
public sealed class ContainerWaitResult
{
    /// <summary>The container's ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The container's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The exit code of its main process.</summary>
    public int ExitCode { get; init; }

    /// <summary>The engine's error text, when waiting itself failed.</summary>
    public string? Error { get; init; }

    /// <summary>The exit code.</summary>
    public override string ToString() => ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
