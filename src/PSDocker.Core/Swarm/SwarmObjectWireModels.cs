using System.Text.Json.Serialization;

namespace PSDocker.Core.Swarm;

// Wire shapes of /secrets and /configs (the same shape for both), only the fields PSDocker reads or writes. Never returned to users.

internal sealed class SwarmObjectDto
{
    public string ID { get; set; } = "";
    public SwarmVersionDto? Version { get; set; }
    public string? CreatedAt { get; set; }
    public string? UpdatedAt { get; set; }
    public SwarmObjectSpecDto? Spec { get; set; }
}

internal sealed class SwarmVersionDto
{
    public long Index { get; set; }
}

internal sealed class SwarmObjectSpecDto
{
    public string? Name { get; set; }
    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>Base64 content: sent on create; the engine answers it for configs only.</summary>
    public string? Data { get; set; }

    public SwarmDriverDto? Driver { get; set; }
}

internal sealed class SwarmDriverDto
{
    public string? Name { get; set; }
}

internal sealed class SwarmCreateResponseDto
{
    public string ID { get; set; } = "";
}

[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(List<SwarmObjectDto>))]
[JsonSerializable(typeof(SwarmObjectDto))]
[JsonSerializable(typeof(SwarmObjectSpecDto))]
[JsonSerializable(typeof(SwarmCreateResponseDto))]
internal sealed partial class SwarmObjectJsonContext : JsonSerializerContext
{
}
