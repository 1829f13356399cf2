namespace PSDocker;

/// <summary>How a path in a container's file system differs from its image.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum ContainerChangeKind
{
    /// <summary>The path was changed (<c>C</c> in <c>docker diff</c>).</summary>
    Modified = 0,
    /// <summary>The path was added (<c>A</c>).</summary>
    Added = 1,
    /// <summary>The path was deleted (<c>D</c>).</summary>
    Deleted = 2,
}

/// <summary>One changed path in a container's file system, as <c>docker diff</c> lists it.</summary>
public sealed class ContainerChange
{
    /// <summary>The absolute path in the container.</summary>
    public string Path { get; init; } = "";

    /// <summary>Added, Modified or Deleted.</summary>
    public ContainerChangeKind Kind { get; init; }

    /// <summary>The container's name.</summary>
    public string ContainerName { get; init; } = "";

    /// <summary>The container's ID.</summary>
    public string ContainerId { get; init; } = "";

    /// <summary>The engine it is on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary><c>A /path</c>, as <c>docker diff</c> prints it.</summary>
    public override string ToString() => Kind switch { ContainerChangeKind.Added => "A ", ContainerChangeKind.Deleted => "D ", _ => "C " } + Path;
}
