using System.Text.Json;
using System.Text.Json.Serialization;

namespace PSDocker.Core.Json;

// Wire shapes of the Engine API, only the fields PSDocker reads or writes. Never returned to users.

internal sealed class ContainerSummaryDto
{
    public string Id { get; set; } = "";
    public List<string>? Names { get; set; }
    public string? Image { get; set; }
    public string? ImageID { get; set; }
    public string? Command { get; set; }
    public long Created { get; set; }
    public string? State { get; set; }
    public string? Status { get; set; }
    public List<PortDto>? Ports { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public List<MountDto>? Mounts { get; set; }
}

internal sealed class PortDto
{
    public string? IP { get; set; }
    public int PrivatePort { get; set; }
    public int? PublicPort { get; set; }
    public string? Type { get; set; }
}

internal sealed class MountDto
{
    public string? Type { get; set; }
    public string? Name { get; set; }
    public string? Source { get; set; }
    public string? Destination { get; set; }
    public string? Mode { get; set; }
    public bool RW { get; set; }
}

internal sealed class ContainerInspectDto
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string? Created { get; set; }
    public string? Path { get; set; }
    public List<string>? Args { get; set; }
    public ContainerStateDto? State { get; set; }
    public string? Image { get; set; }
    public int RestartCount { get; set; }
    public string? Platform { get; set; }
    public ContainerConfigDto? Config { get; set; }
    public HostConfigDto? HostConfig { get; set; }
    public List<MountDto>? Mounts { get; set; }
    public NetworkSettingsDto? NetworkSettings { get; set; }
}

internal sealed class ContainerStateDto
{
    public string? Status { get; set; }
    public bool Running { get; set; }
    public bool Paused { get; set; }
    public bool OOMKilled { get; set; }
    public int Pid { get; set; }
    public int ExitCode { get; set; }
    public string? Error { get; set; }
    public string? StartedAt { get; set; }
    public string? FinishedAt { get; set; }
    public HealthDto? Health { get; set; }
}

internal sealed class HealthDto
{
    public string? Status { get; set; }
    public int FailingStreak { get; set; }
    public List<HealthLogDto>? Log { get; set; }
}

internal sealed class HealthLogDto
{
    public string? Start { get; set; }
    public string? End { get; set; }
    public int ExitCode { get; set; }
    public string? Output { get; set; }
}

internal sealed class HealthConfigDto
{
    public List<string>? Test { get; set; }
    public long? Interval { get; set; }
    public long? Timeout { get; set; }
    public int? Retries { get; set; }
    public long? StartPeriod { get; set; }
}

internal sealed class ContainerConfigDto
{
    public string? Hostname { get; set; }
    public string? User { get; set; }
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public bool Tty { get; set; }
    public bool OpenStdin { get; set; }
    public bool StdinOnce { get; set; }
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public List<string>? Entrypoint { get; set; }
    public string? Image { get; set; }
    public string? WorkingDir { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, EmptyObject>? ExposedPorts { get; set; }
    public Dictionary<string, EmptyObject>? Volumes { get; set; }
    public int? StopTimeout { get; set; }
    public string? StopSignal { get; set; }
    public string? Domainname { get; set; }
    public HealthConfigDto? Healthcheck { get; set; }
}

internal sealed class EmptyObject
{
}

internal sealed class HostConfigDto
{
    public List<string>? Binds { get; set; }
    public Dictionary<string, List<PortBindingDto>?>? PortBindings { get; set; }
    public RestartPolicyDto? RestartPolicy { get; set; }
    public bool AutoRemove { get; set; }
    public string? NetworkMode { get; set; }
    public List<MountWriteDto>? Mounts { get; set; }
    public Dictionary<string, string>? Tmpfs { get; set; }
    public bool PublishAllPorts { get; set; }
    public long? Memory { get; set; }
    public long? MemoryReservation { get; set; }
    public long? MemorySwap { get; set; }
    public long? NanoCpus { get; set; }
    public long? CpuShares { get; set; }
    public string? CpusetCpus { get; set; }
    public long? PidsLimit { get; set; }
    public long? ShmSize { get; set; }
    public bool Privileged { get; set; }
    public List<string>? CapAdd { get; set; }
    public List<string>? CapDrop { get; set; }
    public List<string>? SecurityOpt { get; set; }
    public bool? Init { get; set; }
    public bool ReadonlyRootfs { get; set; }
    public List<string>? ExtraHosts { get; set; }
    public List<string>? Dns { get; set; }
    public List<string>? DnsSearch { get; set; }
    public List<string>? DnsOptions { get; set; }
    public Dictionary<string, string>? Sysctls { get; set; }
    public List<UlimitDto>? Ulimits { get; set; }
    public LogConfigDto? LogConfig { get; set; }
    public List<string>? GroupAdd { get; set; }
    public List<DeviceDto>? Devices { get; set; }
    public string? PidMode { get; set; }
    public string? IpcMode { get; set; }
}

internal sealed class MountWriteDto
{
    public string? Type { get; set; }
    public string? Source { get; set; }
    public string? Target { get; set; }
    public bool ReadOnly { get; set; }
    public string? Consistency { get; set; }
    public BindOptionsDto? BindOptions { get; set; }
    public VolumeOptionsDto? VolumeOptions { get; set; }
    public TmpfsOptionsDto? TmpfsOptions { get; set; }
}

internal sealed class BindOptionsDto
{
    public string? Propagation { get; set; }
    public bool NonRecursive { get; set; }
}

internal sealed class VolumeOptionsDto
{
    public bool NoCopy { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public DriverConfigDto? DriverConfig { get; set; }
}

internal sealed class DriverConfigDto
{
    public string? Name { get; set; }
    public Dictionary<string, string>? Options { get; set; }
}

internal sealed class TmpfsOptionsDto
{
    public long? SizeBytes { get; set; }
    public int? Mode { get; set; }
}

internal sealed class UlimitDto
{
    public string? Name { get; set; }
    public long Soft { get; set; }
    public long Hard { get; set; }
}

internal sealed class LogConfigDto
{
    public string? Type { get; set; }
    public Dictionary<string, string>? Config { get; set; }
}

internal sealed class DeviceDto
{
    public string? PathOnHost { get; set; }
    public string? PathInContainer { get; set; }
    public string? CgroupPermissions { get; set; }
}

internal sealed class PortBindingDto
{
    public string? HostIp { get; set; }
    public string? HostPort { get; set; }
}

internal sealed class RestartPolicyDto
{
    public string? Name { get; set; }
    public int MaximumRetryCount { get; set; }
}

internal sealed class NetworkSettingsDto
{
    public Dictionary<string, List<PortBindingDto>?>? Ports { get; set; }
    public Dictionary<string, EndpointSettingsDto>? Networks { get; set; }
}

internal sealed class EndpointSettingsDto
{
    public EndpointIpamDto? IPAMConfig { get; set; }
    public List<string>? Links { get; set; }
    public List<string>? Aliases { get; set; }
    public string? NetworkID { get; set; }
    public string? EndpointID { get; set; }
    public string? Gateway { get; set; }
    public string? IPAddress { get; set; }
    public int? IPPrefixLen { get; set; }
    public string? GlobalIPv6Address { get; set; }
    public string? MacAddress { get; set; }
}

internal sealed class EndpointIpamDto
{
    public string? IPv4Address { get; set; }
    public string? IPv6Address { get; set; }
}

internal sealed class NetworkingConfigDto
{
    public Dictionary<string, EndpointSettingsDto>? EndpointsConfig { get; set; }
}

internal sealed class ContainerCreateBody
{
    public string? Hostname { get; set; }
    public string? User { get; set; }
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public bool Tty { get; set; }
    public bool OpenStdin { get; set; }
    public bool StdinOnce { get; set; }
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public List<string>? Entrypoint { get; set; }
    public string Image { get; set; } = "";
    public string? WorkingDir { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public Dictionary<string, EmptyObject>? ExposedPorts { get; set; }
    public Dictionary<string, EmptyObject>? Volumes { get; set; }
    public string? StopSignal { get; set; }
    public int? StopTimeout { get; set; }
    public string? Domainname { get; set; }
    public HealthConfigDto? Healthcheck { get; set; }
    public HostConfigDto? HostConfig { get; set; }
    public NetworkingConfigDto? NetworkingConfig { get; set; }
}

internal sealed class CreateResponseDto
{
    public string Id { get; set; } = "";
    public List<string>? Warnings { get; set; }
}

internal sealed class WaitResponseDto
{
    public int StatusCode { get; set; }
    public WaitErrorDto? Error { get; set; }
}

internal sealed class WaitErrorDto
{
    public string? Message { get; set; }
}

internal sealed class ContainerPruneDto
{
    public List<string>? ContainersDeleted { get; set; }
    public long SpaceReclaimed { get; set; }
}

internal sealed class ContainerTopDto
{
    public List<string>? Titles { get; set; }
    public List<List<string>>? Processes { get; set; }
}

internal sealed class ContainerChangeDto
{
    public string? Path { get; set; }
    public int Kind { get; set; }
}

/// <summary>The path facts of <c>X-Docker-Container-Path-Stat</c> (base64 JSON); mode is Go's os.FileMode.</summary>
internal sealed class PathStatDto
{
    public string? Name { get; set; }
    public long Size { get; set; }
    public uint Mode { get; set; }
    public string? Mtime { get; set; }
    public string? LinkTarget { get; set; }
}

/// <summary>The answer of POST /commit.</summary>
internal sealed class CommitResponseDto
{
    public string? Id { get; set; }
}

internal sealed class ErrorResponseDto
{
    public string? Message { get; set; }

    /// <summary>Podman's error class (<c>container state improper</c>, <c>no such container</c>, …); Docker sends none.</summary>
    public string? Cause { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(List<ContainerSummaryDto>))]
[JsonSerializable(typeof(ContainerInspectDto))]
[JsonSerializable(typeof(ContainerCreateBody))]
[JsonSerializable(typeof(CreateResponseDto))]
[JsonSerializable(typeof(WaitResponseDto))]
[JsonSerializable(typeof(ContainerPruneDto))]
[JsonSerializable(typeof(ErrorResponseDto))]
[JsonSerializable(typeof(ContainerTopDto))]
[JsonSerializable(typeof(List<ContainerChangeDto>))]
[JsonSerializable(typeof(PathStatDto))]
[JsonSerializable(typeof(CommitResponseDto))]
[JsonSerializable(typeof(Dictionary<string, List<string>>))]
internal sealed partial class DockerJsonContext : JsonSerializerContext
{
}
