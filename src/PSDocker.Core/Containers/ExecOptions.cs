namespace PSDocker.Core.Containers;

/// <summary>Options of <see cref="ExecOperations.CreateAsync"/> (<c>docker exec</c>).</summary>
public sealed record ExecCreateOptions
{
    /// <summary>The command and its arguments.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>User (name or UID, optionally <c>:group</c>); null for the container's user.</summary>
    public string? User { get; init; }

    /// <summary>Working directory; null for the container's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables: a null value passes the name alone (<c>KEY</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Environment { get; init; } = Array.Empty<KeyValuePair<string, string?>>();

    /// <summary>Extended privileges for the process (<c>--privileged</c>).</summary>
    public bool Privileged { get; init; }

    /// <summary>Give the process a terminal (<c>-t</c>): its output is then raw, not multiplexed.</summary>
    public bool Tty { get; init; }

    /// <summary>Attach standard input (<c>-i</c>).</summary>
    public bool AttachStdin { get; init; }

    public bool AttachStdout { get; init; } = true;

    public bool AttachStderr { get; init; } = true;

    /// <summary>The engine's detach sequence (<c>ctrl-p,ctrl-q</c> syntax); null for the default.</summary>
    public string? DetachKeys { get; init; }

    /// <summary>The terminal's initial size (height, width); sent from API 1.42 on, ignored before.</summary>
    public (int Height, int Width)? ConsoleSize { get; init; }
}

/// <summary>Options of <see cref="ExecOperations.StartAsync(string, ExecStartOptions, CancellationToken)"/>.</summary>
public sealed record ExecStartOptions
{
    /// <summary>Must match the exec's <c>Tty</c>: it decides the framing of the output.</summary>
    public bool Tty { get; init; }

    /// <summary>The terminal's initial size (height, width); sent from API 1.42 on, ignored before.</summary>
    public (int Height, int Width)? ConsoleSize { get; init; }
}

/// <summary>Options of <c>GET /exec/{id}/json</c>; the API has none yet.</summary>
public sealed record ExecInspectOptions;

/// <summary>Options of <c>POST /exec/{id}/resize</c>: the terminal's new size.</summary>
public sealed record ExecResizeOptions
{
    /// <summary>Rows.</summary>
    public required int Height { get; init; }

    /// <summary>Columns.</summary>
    public required int Width { get; init; }
}
