namespace PSDocker.Core.Images;

/// <summary>Options of <see cref="ImageOperations.ListAsync"/> (<c>docker images</c>).</summary>
public sealed record ImageListOptions
{
    /// <summary>Include intermediate images (<c>-a</c>).</summary>
    public bool All { get; init; }

    /// <summary>Engine-side filters: <c>dangling</c>, <c>label</c>, <c>reference</c>, ….</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>Options of <see cref="ImageOperations.PullAsync"/> (<c>docker pull</c>).</summary>
public sealed record ImagePullOptions
{
    /// <summary>Pull every tag of the repository (<c>-a</c>): only then is the tag left empty.</summary>
    public bool AllTags { get; init; }

    /// <summary><c>os[/arch[/variant]]</c>.</summary>
    public string? Platform { get; init; }

    /// <summary>The credential; anonymous when null.</summary>
    public RegistryAuth? Auth { get; init; }
}

/// <summary>Options of <see cref="ImageOperations.PushAsync"/> (<c>docker push</c>).</summary>
public sealed record ImagePushOptions
{
    /// <summary>The credential; anonymous (<c>{}</c>) when null.</summary>
    public RegistryAuth? Auth { get; init; }
}

/// <summary>Options of <see cref="ImageOperations.RemoveAsync"/> (<c>docker rmi</c>).</summary>
public sealed record ImageRemoveOptions
{
    /// <summary>Remove even when tagged in several repositories or used by stopped containers.</summary>
    public bool Force { get; init; }

    /// <summary>Keep untagged parent images.</summary>
    public bool NoPrune { get; init; }
}

/// <summary>Options of <see cref="ImageOperations.PruneAsync"/> (<c>docker image prune</c>).</summary>
public sealed record ImagePruneOptions
{
    /// <summary>Remove every unused image, not only dangling ones (<c>-a</c>).</summary>
    public bool All { get; init; }

    /// <summary>Label filters: <c>key</c>, <c>key=value</c>, or with a leading <c>!</c> to exclude.</summary>
    public IReadOnlyList<string> Labels { get; init; } = Array.Empty<string>();

    /// <summary>Only images created before this time.</summary>
    public DateTimeOffset? Until { get; init; }
}

/// <summary>Options of <see cref="ImageOperations.BuildAsync"/> (<c>docker build</c>, classic builder).</summary>
public sealed record ImageBuildOptions
{
    /// <summary>Names for the result (<c>-t</c>).</summary>
    public IReadOnlyList<ImageReference> Tags { get; init; } = Array.Empty<ImageReference>();

    /// <summary>Build arguments (<c>--build-arg</c>).</summary>
    public IReadOnlyDictionary<string, string?> BuildArgs { get; init; } = new Dictionary<string, string?>();

    /// <summary>Labels for the result (<c>--label</c>).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage to build (<c>--target</c>).</summary>
    public string? Target { get; init; }

    /// <summary>Do not use the cache (<c>--no-cache</c>).</summary>
    public bool NoCache { get; init; }

    /// <summary>Always pull newer base images (<c>--pull</c>).</summary>
    public bool Pull { get; init; }

    /// <summary><c>os[/arch[/variant]]</c>.</summary>
    public string? Platform { get; init; }

    /// <summary>Credentials per registry for base images (<c>X-Registry-Config</c>).</summary>
    public IReadOnlyDictionary<string, RegistryAuth> RegistryConfig { get; init; } = new Dictionary<string, RegistryAuth>();
}

/// <summary>Options of <c>GET /images/{name}/json</c> (<c>docker image inspect</c>); the API has none that PSDocker uses yet.</summary>
public sealed record ImageInspectOptions;

/// <summary>Options of <c>POST /images/{name}/tag</c> (<c>docker tag</c>).</summary>
public sealed record ImageTagOptions
{
    /// <summary>The new name; without a tag it is <c>latest</c>.</summary>
    public required ImageReference Target { get; init; }
}

/// <summary>Options of <c>GET /images/{name}/history</c> (<c>docker history</c>); the API has none yet.</summary>
public sealed record ImageHistoryOptions;

/// <summary>Options of <see cref="ImageOperations.SaveAsync"/> (<c>docker save</c>).</summary>
public sealed record ImageSaveOptions
{
    /// <summary>The images to put in the one tar: names (repository:tag, kept as tags in the tar) or IDs.</summary>
    public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();
}

/// <summary>Options of <see cref="ImageOperations.LoadAsync"/> (<c>docker load</c>).</summary>
public sealed record ImageLoadOptions
{
    /// <summary>Ask the engine for no progress messages (<c>-q</c>).</summary>
    public bool Quiet { get; init; }
}

/// <summary>Options of <see cref="ImageOperations.ImportAsync"/> (<c>docker import</c>).</summary>
public sealed record ImageImportOptions
{
    /// <summary>The name to give the image; null leaves it untagged.</summary>
    public ImageReference? Reference { get; init; }

    /// <summary>Dockerfile instructions applied to the image's configuration (<c>CMD ["sh"]</c>, <c>ENV A=b</c>, …).</summary>
    public IReadOnlyList<string> Changes { get; init; } = Array.Empty<string>();

    /// <summary>The commit message of the image's one history entry.</summary>
    public string? Message { get; init; }

    /// <summary><c>os[/arch[/variant]]</c> of the image.</summary>
    public string? Platform { get; init; }
}

/// <summary>Options of <see cref="ImageOperations.CommitAsync"/> (<c>docker commit</c>).</summary>
public sealed record ImageCommitOptions
{
    /// <summary>The container whose file system and configuration become the image.</summary>
    public string Container { get; init; } = "";

    /// <summary>The name to give the image; null leaves it untagged.</summary>
    public ImageReference? Reference { get; init; }

    /// <summary>Dockerfile instructions applied to the image's configuration.</summary>
    public IReadOnlyList<string> Changes { get; init; } = Array.Empty<string>();

    /// <summary>The commit message.</summary>
    public string? Message { get; init; }

    /// <summary>The author (<c>Name &lt;mail&gt;</c>).</summary>
    public string? Author { get; init; }

    /// <summary>Pause the container while committing (the engine's default, as docker commit's).</summary>
    public bool Pause { get; init; } = true;
}
