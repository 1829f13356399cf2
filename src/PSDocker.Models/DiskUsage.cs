namespace PSDocker;

/// <summary>What one kind of object takes on the engine's disk: a row of <c>docker system df</c>.</summary>
public sealed class DiskUsage
{
    /// <summary>Images, Containers, Local Volumes or Build Cache.</summary>
    public string Type { get; init; } = "";

    /// <summary>How many there are.</summary>
    public int Total { get; init; }

    /// <summary>How many are in use (images used by a container, running containers, volumes mounted, cache in use).</summary>
    public int Active { get; init; }

    /// <summary>Bytes they take.</summary>
    public long Size { get; init; }

    /// <summary>Bytes a prune could free.</summary>
    public long Reclaimable { get; init; }

    /// <summary><see cref="Reclaimable"/> in percent of <see cref="Size"/> (whole percent, as docker prints it).</summary>
    public int ReclaimablePercent => Size > 0 ? (int)(Reclaimable * 100 / Size) : 0;

    /// <summary>Each object counted (what <c>docker system df -v</c> lists).</summary>
    public IReadOnlyList<DiskUsageItem> Items { get; init; } = Array.Empty<DiskUsageItem>();

    /// <summary>The engine it came from.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The type and size.</summary>
    public override string ToString() => $"{Type} {Size}";
}

/// <summary>One object of <c>docker system df -v</c>: an image, a container, a volume or a build cache record.</summary>
public sealed class DiskUsageItem
{
    /// <summary>Images, Containers, Local Volumes or Build Cache.</summary>
    public string Type { get; init; } = "";

    /// <summary>The object's ID (a volume's name).</summary>
    public string Id { get; init; } = "";

    /// <summary>Its name: an image's first tag, a container's name, a volume's name, a cache record's description.</summary>
    public string Name { get; init; } = "";

    /// <summary>Bytes it takes (an image's whole size; a container's writable layer).</summary>
    public long Size { get; init; }

    /// <summary>Bytes an image shares with other images.</summary>
    public long SharedSize { get; init; }

    /// <summary>True when in use: an image with containers, a running container, a mounted volume, a cache record in use.</summary>
    public bool Active { get; init; }

    /// <summary>How many containers use an image or volume.</summary>
    public long Containers { get; init; }

    /// <summary>The type and name.</summary>
    public override string ToString() => $"{Type} {Name}";
}

/// <summary>What <c>Invoke-SystemPrune</c> removed.</summary>
public sealed class SystemPruneResult
{
    /// <summary>IDs of the containers removed.</summary>
    public IReadOnlyList<string> ContainersDeleted { get; init; } = Array.Empty<string>();

    /// <summary>Names of the networks removed.</summary>
    public IReadOnlyList<string> NetworksDeleted { get; init; } = Array.Empty<string>();

    /// <summary>Names of the volumes removed (only with -Volumes).</summary>
    public IReadOnlyList<string> VolumesDeleted { get; init; } = Array.Empty<string>();

    /// <summary>Each image untagged or deleted.</summary>
    public IReadOnlyList<ImageDeleteResult> ImagesDeleted { get; init; } = Array.Empty<ImageDeleteResult>();

    /// <summary>IDs of the build cache records removed.</summary>
    public IReadOnlyList<string> BuildCacheDeleted { get; init; } = Array.Empty<string>();

    /// <summary>Bytes of disk space freed, all kinds together.</summary>
    public long SpaceReclaimed { get; init; }

    /// <summary>The engine it ran on.</summary>
    public string Endpoint { get; init; } = "";
}
