namespace PSDocker.Core.Swarm;

/// <summary>Options of <see cref="SecretOperations.ListAsync"/>.</summary>
public sealed record SecretListOptions
{
    /// <summary>Only secrets with these labels: <c>key</c> or <c>key=value</c>; all must match.</summary>
    public IReadOnlyList<string> Labels { get; init; } = Array.Empty<string>();
}

/// <summary>Options of <see cref="SecretOperations.CreateAsync"/>. <see cref="ToString"/> never shows the value.</summary>
public sealed class SecretCreateOptions
{
    /// <summary>The name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The value (sent base64-encoded; the engine never gives it back).</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public override string ToString() => $"secret {Name} ({Data.Length} bytes)";
}

/// <summary>Options of <see cref="SecretOperations.RemoveAsync"/> (none yet; the record lets the call grow).</summary>
public sealed record SecretRemoveOptions;

/// <summary>Options of <see cref="ConfigOperations.ListAsync"/>.</summary>
public sealed record ConfigListOptions
{
    /// <summary>Only configs with these labels: <c>key</c> or <c>key=value</c>; all must match.</summary>
    public IReadOnlyList<string> Labels { get; init; } = Array.Empty<string>();
}

/// <summary>Options of <see cref="ConfigOperations.CreateAsync"/>.</summary>
public sealed class ConfigCreateOptions
{
    /// <summary>The name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The content.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public override string ToString() => $"config {Name} ({Data.Length} bytes)";
}

/// <summary>Options of <see cref="ConfigOperations.RemoveAsync"/> (none yet; the record lets the call grow).</summary>
public sealed record ConfigRemoveOptions;
