namespace PSDocker;

/// <summary>What the engine knows of one exec process (<c>GET /exec/{id}/json</c>).</summary>
public sealed class ExecInfo
{
    /// <summary>The exec's ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The container it runs in.</summary>
    public string ContainerId { get; init; } = "";

    /// <summary>True while the process runs.</summary>
    public bool Running { get; init; }

    /// <summary>Its exit code once it ended; null while it runs (or if it never started).</summary>
    public int? ExitCode { get; init; }

    /// <summary>Its process ID on the host (0 once it ended).</summary>
    public int Pid { get; init; }

    /// <summary>True when it has a terminal.</summary>
    public bool Tty { get; init; }

    /// <summary>True when its standard input is attached.</summary>
    public bool OpenStdin { get; init; }

    /// <summary>The command: entry point and arguments.</summary>
    public IReadOnlyList<string> Command { get; init; } = Array.Empty<string>();

    /// <summary>The user it runs as ("" for the container's).</summary>
    public string User { get; init; } = "";
}
