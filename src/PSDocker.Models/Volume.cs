namespace PSDocker;

/// <summary>A volume, as <c>docker volume ls</c> lists it and <c>docker volume inspect</c> describes it.</summary>
public sealed class Volume
{
    /// <summary>The name (a 64-hex ID for an anonymous volume).</summary>
    public string Name { get; init; } = "";

    /// <summary>The driver (<c>local</c>, …).</summary>
    public string Driver { get; init; } = "";

    /// <summary>Where the engine keeps its data on the engine's host.</summary>
    public string Mountpoint { get; init; } = "";

    /// <summary><c>local</c> or <c>global</c>.</summary>
    public string Scope { get; init; } = "";

    /// <summary>When it was created (local time), when the engine says.</summary>
    public DateTime? Created { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get => _labels; init => _labels = TextMap<string>.Of(value); }
    private readonly IReadOnlyDictionary<string, string> _labels = TextMap<string>.Of(Network.Empty);

    /// <summary>Driver options it was created with.</summary>
    public IReadOnlyDictionary<string, string> Options { get => _options; init => _options = TextMap<string>.Of(value); }
    private readonly IReadOnlyDictionary<string, string> _options = TextMap<string>.Of(Network.Empty);

    /// <summary>Names of the containers (running or not) that mount it, when known (null when the engine was not asked).</summary>
    public IReadOnlyList<string>? UsedBy { get => _usedBy; init => _usedBy = TextList<string>.OfNullable(value); }
    private readonly IReadOnlyList<string>? _usedBy;

    /// <summary>True when its name is a 64-hex ID the engine made up (a volume with no name).</summary>
    public bool IsAnonymous => Name.Length == 64 && Name.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>The engine this volume lives on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The docker context it was listed through; piping it on uses the same engine.</summary>
    public string? Context { get; init; }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}

/// <summary>What <c>Invoke-ContainerVolumePrune</c> removed.</summary>
public sealed class VolumePruneResult
{
    /// <summary>Names of the volumes removed.</summary>
    public IReadOnlyList<string> VolumesDeleted { get; init; } = Array.Empty<string>();

    /// <summary>Bytes of disk space freed.</summary>
    public long SpaceReclaimed { get; init; }

    /// <summary>The engine.</summary>
    public string Endpoint { get; init; } = "";
}
