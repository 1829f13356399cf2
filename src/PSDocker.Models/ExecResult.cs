namespace PSDocker;

/// <summary>What one command run in a container gave (<c>Invoke-ContainerCommand -PassThru</c>).</summary>
public sealed class ExecResult
{
    /// <summary>The container, as it was named (or the container object's name).</summary>
    public string ContainerName { get; init; } = "";

    /// <summary>The container's full ID.</summary>
    public string ContainerId { get; init; } = "";

    /// <summary>The command and its arguments.</summary>
    public IReadOnlyList<string> Command { get; init; } = Array.Empty<string>();

    /// <summary>The command's exit code.</summary>
    public int ExitCode { get; init; }

    /// <summary>Its standard output lines (and standard error's, when merged).</summary>
    public IReadOnlyList<string> Output { get; init; } = Array.Empty<string>();

    /// <summary>Its standard error lines (empty when merged into <see cref="Output"/>).</summary>
    public IReadOnlyList<string> StandardError { get; init; } = Array.Empty<string>();

    /// <summary>The engine the container lives on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The output as one text, lines joined with newlines.</summary>
    public override string ToString() => string.Join('\n', Output);
}
