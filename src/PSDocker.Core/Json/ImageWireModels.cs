using System.Text.Json.Serialization;

namespace PSDocker.Core.Json;

internal sealed class ImageSummaryDto
{
    public string Id { get; set; } = "";
    public List<string>? RepoTags { get; set; }
    public List<string>? RepoDigests { get; set; }
    public long Created { get; set; }
    public long Size { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public long Containers { get; set; }
}

internal sealed class ImageHistoryDto
{
    public string? Id { get; set; }
    public long Created { get; set; }
    public string? CreatedBy { get; set; }
    public List<string>? Tags { get; set; }
    public long Size { get; set; }
    public string? Comment { get; set; }
}

internal sealed class ImageInspectDto
{
    public string Id { get; set; } = "";
    public List<string>? RepoTags { get; set; }
    public List<string>? RepoDigests { get; set; }
    public string? Created { get; set; }
    public long Size { get; set; }
    public string? Author { get; set; }
    public string? Architecture { get; set; }
    public string? Variant { get; set; }
    public string? Os { get; set; }
    public ImageConfigDto? Config { get; set; }
    public RootFsDto? RootFS { get; set; }
}

internal sealed class ImageConfigDto
{
    public string? User { get; set; }
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public List<string>? Entrypoint { get; set; }
    public string? WorkingDir { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, EmptyObject>? ExposedPorts { get; set; }
}

internal sealed class RootFsDto
{
    public string? Type { get; set; }
    public List<string>? Layers { get; set; }
}

internal sealed class ImageDeleteDto
{
    public string? Untagged { get; set; }
    public string? Deleted { get; set; }
}

internal sealed class ImagePruneDto
{
    public List<ImageDeleteDto>? ImagesDeleted { get; set; }
    public long SpaceReclaimed { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<ImageSummaryDto>))]
[JsonSerializable(typeof(ImageInspectDto))]
[JsonSerializable(typeof(List<ImageHistoryDto>))]
[JsonSerializable(typeof(List<ImageDeleteDto>))]
[JsonSerializable(typeof(ImagePruneDto))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ImageJsonContext : JsonSerializerContext
{
}
