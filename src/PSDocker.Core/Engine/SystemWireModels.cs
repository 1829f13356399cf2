using System.Text.Json;
using System.Text.Json.Serialization;

namespace PSDocker.Core.Engine;

// Wire shapes of GET /version and GET /info: only the fields PSDocker reads. Never returned to users.

internal sealed class AuthResponseDto
{
    public string? Status { get; set; }
    public string? IdentityToken { get; set; }
}

internal sealed class VersionDto
{
    public VersionPlatformDto? Platform { get; set; }
    public List<VersionComponentDto>? Components { get; set; }
    public string? Version { get; set; }
    public string? ApiVersion { get; set; }
    public string? MinAPIVersion { get; set; }
    public string? GitCommit { get; set; }
    public string? GoVersion { get; set; }
    public string? Os { get; set; }
    public string? Arch { get; set; }
    public string? KernelVersion { get; set; }
    public string? BuildTime { get; set; }
}

internal sealed class VersionPlatformDto
{
    public string? Name { get; set; }
}

internal sealed class VersionComponentDto
{
    public string? Name { get; set; }
    public string? Version { get; set; }

    // Values are strings on both engines today; JsonElement keeps an odd one (a bool, a number) from failing the call.
    public Dictionary<string, JsonElement>? Details { get; set; }
}

internal sealed class InfoDto
{
    public string? ID { get; set; }
    public long Containers { get; set; }
    public long ContainersRunning { get; set; }
    public long ContainersPaused { get; set; }
    public long ContainersStopped { get; set; }
    public long Images { get; set; }
    public string? Driver { get; set; }
    public string? CgroupDriver { get; set; }
    public string? CgroupVersion { get; set; }
    public string? KernelVersion { get; set; }
    public string? OperatingSystem { get; set; }
    public string? OSVersion { get; set; }
    public string? OSType { get; set; }
    public string? Architecture { get; set; }
    public int NCPU { get; set; }
    public long MemTotal { get; set; }
    public string? DockerRootDir { get; set; }
    public string? Name { get; set; }
    public string? ServerVersion { get; set; }
    public string? LoggingDriver { get; set; }
    public string? DefaultRuntime { get; set; }
    public bool? Rootless { get; set; }
    public List<string>? SecurityOptions { get; set; }
    public List<string>? Warnings { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(AuthResponseDto))]
[JsonSerializable(typeof(VersionDto))]
[JsonSerializable(typeof(InfoDto))]
internal sealed partial class SystemJsonContext : JsonSerializerContext
{
}
