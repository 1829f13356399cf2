namespace PSDocker.Core.Containers;

/// <summary>Options of <see cref="ContainerOperations.StatPathAsync"/>.</summary>
public sealed record ContainerStatPathOptions
{
    /// <summary>The absolute path in the container.</summary>
    public string Path { get; init; } = "/";
}

/// <summary>Options of <see cref="ContainerOperations.GetArchiveAsync"/> (the reading half of <c>docker cp</c>).</summary>
public sealed record ContainerGetArchiveOptions
{
    /// <summary>The absolute path in the container to read (a file or a directory tree; <c>dir/.</c> for its contents).</summary>
    public string Path { get; init; } = "/";
}

/// <summary>Options of <see cref="ContainerOperations.PutArchiveAsync"/> (the writing half of <c>docker cp</c>).</summary>
public sealed record ContainerPutArchiveOptions
{
    /// <summary>The existing directory in the container the tar's entries land in.</summary>
    public string Path { get; init; } = "/";

    /// <summary>Keep the tar's owners (<c>docker cp -a</c>); otherwise the files belong to the container's root.</summary>
    public bool CopyUidGid { get; init; }

    /// <summary>Refuse to replace a directory with a file or a file with a directory (docker cp always sets it).</summary>
    public bool NoOverwriteDirNonDir { get; init; } = true;
}

/// <summary>Options of <see cref="ContainerOperations.ExportAsync"/> (<c>docker export</c>).</summary>
public sealed record ContainerExportOptions;
