namespace PSDocker;

/// <summary>One process running in a container, as <c>docker top</c> lists it (one row of the engine's <c>ps</c> output).</summary>
public sealed class ContainerProcess
{
    /// <summary>The process ID, as the host sees it (the <c>PID</c> column).</summary>
    public int? Pid { get; init; }

    /// <summary>The parent's process ID (<c>PPID</c>), when the columns hold it.</summary>
    public int? ParentPid { get; init; }

    /// <summary>The user it runs as (<c>UID</c> or <c>USER</c>), as the host names it.</summary>
    public string? User { get; init; }

    /// <summary>The command line (<c>CMD</c>, <c>COMMAND</c> or <c>ARGS</c>).</summary>
    public string? Command { get; init; }

    /// <summary>The terminal (<c>TTY</c>); <c>?</c> for none.</summary>
    public string? Tty { get; init; }

    /// <summary>The CPU time used (<c>TIME</c>).</summary>
    public string? Time { get; init; }

    /// <summary>When it started (<c>STIME</c> or <c>START</c>), as ps writes it.</summary>
    public string? Started { get; init; }

    /// <summary>Every column of the row, by its title (<c>%CPU</c>, <c>RSS</c>, <c>STAT</c>, … with <c>-Arguments</c>).</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>The container's name.</summary>
    public string ContainerName { get; init; } = "";

    /// <summary>The container's ID.</summary>
    public string ContainerId { get; init; } = "";

    /// <summary>The engine it runs on.</summary>
    public string Endpoint { get; init; } = "";
}
