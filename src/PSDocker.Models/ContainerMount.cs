namespace PSDocker;

/// <summary>A volume or bind mount of a container.</summary>
public sealed class ContainerMount
{
    /// <summary><c>bind</c>, <c>volume</c>, <c>tmpfs</c>, …</summary>
    public string Type { get; init; } = "";

    /// <summary>The volume name, for volumes.</summary>
    public string? Name { get; init; }

    /// <summary>The host path or volume path.</summary>
    public string? Source { get; init; }

    /// <summary>The path inside the container.</summary>
    public string Destination { get; init; } = "";

    /// <summary>Mount mode options such as <c>ro</c> or <c>z</c>.</summary>
    public string? Mode { get; init; }

    /// <summary>Whether the container can write to it.</summary>
    public bool ReadWrite { get; init; }

    /// <summary>Prints like the CLI's <c>-v</c> form.</summary>
    public override string ToString() => $"{(Type == "volume" ? Name : Source)}:{Destination}{(ReadWrite ? "" : ":ro")}";
}
