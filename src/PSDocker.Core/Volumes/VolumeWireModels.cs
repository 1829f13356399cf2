using System.Text.Json.Serialization;

namespace PSDocker.Core.Volumes;

// Wire shapes of /volumes, only the fields PSDocker reads or writes. Never returned to users.

internal sealed class VolumeDto
{
    public string Name { get; set; } = "";
    public string? Driver { get; set; }
    public string? Mountpoint { get; set; }
    public string? CreatedAt { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public string? Scope { get; set; }
    public Dictionary<string, string>? Options { get; set; }
}

internal sealed class VolumeListDto
{
    public List<VolumeDto>? Volumes { get; set; }
    public List<string>? Warnings { get; set; }
}

internal sealed class VolumeCreateBody
{
    public string? Name { get; set; }
    public string? Driver { get; set; }
    public Dictionary<string, string>? DriverOpts { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class VolumePruneDto
{
    public List<string>? VolumesDeleted { get; set; }
    public long SpaceReclaimed { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(VolumeDto))]
[JsonSerializable(typeof(VolumeListDto))]
[JsonSerializable(typeof(VolumeCreateBody))]
[JsonSerializable(typeof(VolumePruneDto))]
internal sealed partial class VolumeJsonContext : JsonSerializerContext
{
}
