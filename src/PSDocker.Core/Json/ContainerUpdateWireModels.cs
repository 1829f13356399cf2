using System.Text.Json.Serialization;

namespace PSDocker.Core.Json;

internal sealed class ContainerUpdateBody
{
    public long? Memory { get; set; }
    public long? MemorySwap { get; set; }
    public long? NanoCpus { get; set; }
    public long? CpuShares { get; set; }
    public string? CpusetCpus { get; set; }
    public long? PidsLimit { get; set; }
    public RestartPolicyDto? RestartPolicy { get; set; }
}

internal sealed class ContainerUpdateResponseDto
{
    public List<string>? Warnings { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(ContainerUpdateBody))]
[JsonSerializable(typeof(ContainerUpdateResponseDto))]
internal sealed partial class ContainerUpdateJsonContext : JsonSerializerContext
{
}
