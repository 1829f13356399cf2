using System.Text;

namespace PSDocker;

/// <summary>
/// A swarm secret, as <c>docker secret ls</c> lists it and <c>docker secret inspect</c> describes it. The engine never gives
/// a secret's value back, and this type has no place for it.
/// </summary>
public sealed class SwarmSecret
{
    /// <summary>The secret's ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The name services refer to it by.</summary>
    public string Name { get; init; } = "";

    /// <summary>When it was created (local time), when the engine says.</summary>
    public DateTime? Created { get; init; }

    /// <summary>When it was last changed (local time), when the engine says.</summary>
    public DateTime? Updated { get; init; }

    /// <summary>The object's version index in the swarm's store.</summary>
    public long Version { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Network.Empty;

    /// <summary>The secret store driver, when not the swarm's own (Podman answers <c>file</c>).</summary>
    public string? Driver { get; init; }

    /// <summary>The engine this secret lives on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The docker context it was listed through; piping it on uses the same engine.</summary>
    public string? Context { get; init; }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}

/// <summary>
/// A swarm config, as <c>docker config ls</c> lists it and <c>docker config inspect</c> describes it: unlike a secret,
/// its content is readable (<see cref="Data"/>, and <see cref="Text"/> decoded on demand); the default views never show it.
/// </summary>
public sealed class SwarmConfig
{
    private readonly byte[] _data = Array.Empty<byte>();

    /// <summary>The config's ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The name services refer to it by.</summary>
    public string Name { get; init; } = "";

    /// <summary>When it was created (local time), when the engine says.</summary>
    public DateTime? Created { get; init; }

    /// <summary>When it was last changed (local time), when the engine says.</summary>
    public DateTime? Updated { get; init; }

    /// <summary>The object's version index in the swarm's store.</summary>
    public long Version { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Network.Empty;

    /// <summary>The content, as the engine holds it (a copy on every read).</summary>
    public byte[] Data
    {
        get => (byte[])_data.Clone();
        init => _data = value is null ? Array.Empty<byte>() : (byte[])value.Clone();
    }

    /// <summary>The size of the content in bytes.</summary>
    public int Size => _data.Length;

    /// <summary>The content decoded as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(_data);

    /// <summary>The engine this config lives on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The docker context it was listed through; piping it on uses the same engine.</summary>
    public string? Context { get; init; }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
