namespace PSDocker;

/// <summary>An image on the engine, one per repository:tag as <c>docker images</c> lists them.</summary>
public sealed class Image
{
    /// <summary>The image ID (<c>sha256:…</c>).</summary>
    public string Id { get; init; } = "";

    /// <summary>The first 12 hexadecimal digits of the ID.</summary>
    public string ShortId
    {
        get
        {
            string hex = Id.StartsWith("sha256:", StringComparison.Ordinal) ? Id[7..] : Id;
            return hex.Length > 12 ? hex[..12] : hex;
        }
    }

    /// <summary>The repository as users type it (<c>nginx</c>, <c>localhost:5000/app</c>); <c>&lt;none&gt;</c> for an untagged image.</summary>
    public string Repository { get; init; } = "<none>";

    /// <summary>The tag; <c>&lt;none&gt;</c> for an untagged image.</summary>
    public string Tag { get; init; } = "<none>";

    /// <summary>The repository digest (<c>sha256:…</c>) when the image came from or went to a registry.</summary>
    public string? Digest { get; init; }

    /// <summary>When the image was built (local time).</summary>
    public DateTime Created { get; init; }

    /// <summary>Its size in bytes, shared layers included.</summary>
    public long Size { get; init; }

    /// <summary>Its labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get => _labels; init => _labels = TextMap<string>.Of(value); }
    private readonly IReadOnlyDictionary<string, string> _labels = TextMap<string>.Of(Container.EmptyLabels);

    /// <summary>How many containers use it (-1 when the engine did not count).</summary>
    public long Containers { get; init; } = -1;

    /// <summary>Every repository:tag of this image.</summary>
    public IReadOnlyList<string> RepoTags { get => _repoTags; init => _repoTags = TextList<string>.Of(value); }
    private readonly IReadOnlyList<string> _repoTags = TextList<string>.Of(Array.Empty<string>());

    /// <summary>Every repository@digest of this image.</summary>
    public IReadOnlyList<string> RepoDigests { get => _repoDigests; init => _repoDigests = TextList<string>.Of(value); }
    private readonly IReadOnlyList<string> _repoDigests = TextList<string>.Of(Array.Empty<string>());

    /// <summary>The engine this image is on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The docker context it was listed through ("default" for -Endpoint and DOCKER_HOST); piping it on uses the same engine.</summary>
    public string? Context { get; init; }

    /// <summary>repository:tag, or the ID for an untagged image (what Remove-Image and New-Container take).</summary>
    public string Name => Repository == "<none>" ? ShortId : Tag == "<none>" ? (Digest is null ? Repository : Repository + "@" + Digest) : Repository + ":" + Tag;

    // ---- Filled by docker image inspect (-Detailed) ----

    /// <summary>True when the properties below were filled from the engine's inspect data.</summary>
    public bool IsDetailed { get; init; }

    /// <summary>CPU architecture (<c>amd64</c>, <c>arm64</c>).</summary>
    public string? Architecture { get; init; }

    /// <summary>Operating system (<c>linux</c>).</summary>
    public string? Os { get; init; }

    /// <summary>Architecture variant (<c>v8</c>), when any.</summary>
    public string? Variant { get; init; }

    /// <summary>Default environment (NAME=value).</summary>
    public IReadOnlyList<string>? Environment { get => _environment; init => _environment = TextList<string>.OfNullable(value); }
    private readonly IReadOnlyList<string>? _environment;

    /// <summary>Default entrypoint.</summary>
    public IReadOnlyList<string>? Entrypoint { get => _entrypoint; init => _entrypoint = TextList<string>.OfNullable(value); }
    private readonly IReadOnlyList<string>? _entrypoint;

    /// <summary>Default command.</summary>
    public IReadOnlyList<string>? Command { get => _command; init => _command = TextList<string>.OfNullable(value); }
    private readonly IReadOnlyList<string>? _command;

    /// <summary>Exposed ports (<c>80/tcp</c>).</summary>
    public IReadOnlyList<string>? ExposedPorts { get => _exposedPorts; init => _exposedPorts = TextList<string>.OfNullable(value); }
    private readonly IReadOnlyList<string>? _exposedPorts;

    /// <summary>Default working directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Default user.</summary>
    public string? User { get; init; }

    /// <summary>The layer digests of its root file system, bottom first.</summary>
    public IReadOnlyList<string>? Layers { get => _layers; init => _layers = TextList<string>.OfNullable(value); }
    private readonly IReadOnlyList<string>? _layers;

    /// <summary>The image's author field.</summary>
    public string? Author { get; init; }

    /// <summary>The same image with only what <c>docker images</c> lists (IsDetailed false), for an answer read from inspect data.</summary>
    internal Image WithoutDetails() => !IsDetailed ? this : new()
    {
        Id = Id, Repository = Repository, Tag = Tag, Digest = Digest, Created = Created.AddTicks(-(Created.Ticks % TimeSpan.TicksPerSecond)), Size = Size, Labels = Labels,
        Containers = Containers, RepoTags = RepoTags, RepoDigests = RepoDigests, Endpoint = Endpoint, Context = Context,
    };

    /// <summary>repository:tag.</summary>
    public override string ToString() => Name;
}

/// <summary>What Remove-Image did to one image: untagged a name, or deleted a layer or image.</summary>
public sealed class ImageDeleteResult
{
    /// <summary>The name untagged, when this entry is an untag.</summary>
    public string? Untagged { get; init; }

    /// <summary>The ID deleted, when this entry is a deletion.</summary>
    public string? Deleted { get; init; }

    /// <summary>"Untagged: x" or "Deleted: y".</summary>
    public override string ToString() => Untagged is not null ? "Untagged: " + Untagged : "Deleted: " + Deleted;
}

/// <summary>What Invoke-ImagePrune removed.</summary>
public sealed class ImagePruneResult
{
    /// <summary>Each untag and deletion.</summary>
    public IReadOnlyList<ImageDeleteResult> ImagesDeleted { get; init; } = Array.Empty<ImageDeleteResult>();

    /// <summary>Bytes of disk space freed.</summary>
    public long SpaceReclaimed { get; init; }

    /// <summary>The engine it ran on.</summary>
    public string Endpoint { get; init; } = "";
}
