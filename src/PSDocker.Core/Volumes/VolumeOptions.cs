namespace PSDocker.Core.Volumes;

/// <summary>Options of <see cref="VolumeOperations.ListAsync"/> (<c>docker volume ls</c>).</summary>
public sealed record VolumeListOptions
{
    /// <summary>Engine-side filters: <c>name</c>, <c>driver</c>, <c>label</c>, <c>dangling</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>True: only volumes no container uses; false: only volumes in use; null: all (the <c>dangling</c> filter).</summary>
    public bool? Dangling { get; init; }

    /// <summary>Fill each volume's <see cref="Volume.UsedBy"/> from one container list.</summary>
    public bool IncludeUsage { get; init; } = true;
}

/// <summary>Options of <see cref="VolumeOperations.InspectAsync"/> (<c>docker volume inspect</c>).</summary>
public sealed record VolumeInspectOptions
{
    /// <summary>Fill <see cref="Volume.UsedBy"/> from one container list.</summary>
    public bool IncludeUsage { get; init; } = true;
}

/// <summary>Options of <see cref="VolumeOperations.CreateAsync"/> (<c>docker volume create</c>, compose <c>volumes:</c>).</summary>
public sealed record VolumeCreateOptions
{
    /// <summary>The name; null for an anonymous volume (the engine names it with a random ID).</summary>
    public string? Name { get; init; }

    /// <summary>The driver; null for <c>local</c>.</summary>
    public string? Driver { get; init; }

    /// <summary>Driver options (<c>-o type=tmpfs -o device=tmpfs</c>).</summary>
    public IReadOnlyDictionary<string, string> DriverOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>Options of <see cref="VolumeOperations.RemoveAsync"/> (<c>docker volume rm</c>).</summary>
public sealed record VolumeRemoveOptions
{
    /// <summary>Remove it even when its driver fails to (<c>-f</c>); a volume in use is never removed.</summary>
    public bool Force { get; init; }
}

/// <summary>Options of <see cref="VolumeOperations.PruneAsync"/> (<c>docker volume prune</c>).</summary>
public sealed record VolumePruneOptions
{
    /// <summary>Label filters: <c>key</c>, <c>key=value</c>, or with a leading <c>!</c> to exclude.</summary>
    public IReadOnlyList<string> Labels { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Named volumes too (<c>docker volume prune -a</c>). From API 1.42 the engine prunes only anonymous volumes unless asked;
    /// engines before 1.42 (Docker 20.10) and Podman always prune named and anonymous volumes alike.
    /// </summary>
    public bool All { get; init; }
}
