namespace PSDocker;

/// <summary>A file or directory inside a container, as the engine describes it (the <c>X-Docker-Container-Path-Stat</c> facts).</summary>
public sealed class ContainerPathInfo
{
    /// <summary>The container's name or ID, as given.</summary>
    public string Container { get; init; } = "";

    /// <summary>The absolute path in the container.</summary>
    public string Path { get; init; } = "";

    /// <summary>The last part of the path.</summary>
    public string Name { get; init; } = "";

    /// <summary>The size in bytes (of the file; the engine's own figure for a directory).</summary>
    public long Size { get; init; }

    /// <summary>The Unix permission bits (rwx for owner, group, others, plus setuid, setgid, sticky).</summary>
    public UnixFileMode Mode { get; init; }

    /// <summary>True for a directory.</summary>
    public bool IsDirectory { get; init; }

    /// <summary>True for a symbolic link.</summary>
    public bool IsSymbolicLink { get; init; }

    /// <summary>Where a symbolic link points (the engine's resolution inside the container), else null.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>When it was last modified (local time).</summary>
    public DateTime LastWriteTime { get; init; }

    /// <summary>The engine the container is on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary><c>container:path</c>, as docker cp writes it.</summary>
    public override string ToString() => Container + ":" + Path;
}
