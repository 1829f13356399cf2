using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PSDocker.Core.Json;

namespace PSDocker.Core.Swarm;

// Wire shapes of /swarm, /nodes, /services and /tasks: only the fields PSDocker reads or writes. Never returned to users.

internal sealed class VersionDto
{
    public ulong Index { get; set; }
}

internal sealed class SwarmInitBody
{
    public string ListenAddr { get; set; } = "";
    public string? AdvertiseAddr { get; set; }
    public string? DataPathAddr { get; set; }
    public uint? DataPathPort { get; set; }
    public List<string>? DefaultAddrPool { get; set; }
    public uint? SubnetSize { get; set; }
    public bool ForceNewCluster { get; set; }
    public string? Availability { get; set; }
    public SwarmSpecDto? Spec { get; set; }
}

internal sealed class SwarmJoinBody
{
    public string ListenAddr { get; set; } = "";
    public string? AdvertiseAddr { get; set; }
    public string? DataPathAddr { get; set; }
    public List<string> RemoteAddrs { get; set; } = new();
    public string JoinToken { get; set; } = "";
    public string? Availability { get; set; }
}

internal sealed class SwarmSpecDto
{
    public string? Name { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public EncryptionConfigDto? EncryptionConfig { get; set; }
}

internal sealed class EncryptionConfigDto
{
    public bool AutoLockManagers { get; set; }
}

internal sealed class SwarmDto
{
    public string ID { get; set; } = "";
    public VersionDto? Version { get; set; }
    public string? CreatedAt { get; set; }
    public string? UpdatedAt { get; set; }
    public SwarmSpecDto? Spec { get; set; }
    public JoinTokensDto? JoinTokens { get; set; }
    public List<string>? DefaultAddrPool { get; set; }
    public uint SubnetSize { get; set; }
    public uint DataPathPort { get; set; }
}

internal sealed class JoinTokensDto
{
    public string? Worker { get; set; }
    public string? Manager { get; set; }
}

internal sealed class NodeDto
{
    public string ID { get; set; } = "";
    public VersionDto? Version { get; set; }
    public string? CreatedAt { get; set; }
    public string? UpdatedAt { get; set; }
    public NodeSpecDto? Spec { get; set; }
    public NodeDescriptionDto? Description { get; set; }
    public NodeStatusDto? Status { get; set; }
    public ManagerStatusDto? ManagerStatus { get; set; }
}

internal sealed class NodeSpecDto
{
    public string? Name { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public string? Role { get; set; }
    public string? Availability { get; set; }
}

internal sealed class NodeDescriptionDto
{
    public string? Hostname { get; set; }
    public PlatformDto? Platform { get; set; }
    public NodeResourcesDto? Resources { get; set; }
    public NodeEngineDto? Engine { get; set; }
}

internal sealed class PlatformDto
{
    public string? Architecture { get; set; }
    public string? OS { get; set; }
}

internal sealed class NodeResourcesDto
{
    public long NanoCPUs { get; set; }
    public long MemoryBytes { get; set; }
}

internal sealed class NodeEngineDto
{
    public string? EngineVersion { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class NodeStatusDto
{
    public string? State { get; set; }
    public string? Message { get; set; }
    public string? Addr { get; set; }
}

internal sealed class ManagerStatusDto
{
    public bool Leader { get; set; }
    public string? Reachability { get; set; }
    public string? Addr { get; set; }
}

// ---- services

internal sealed class ServiceDto
{
    public string ID { get; set; } = "";
    public VersionDto? Version { get; set; }
    public string? CreatedAt { get; set; }
    public string? UpdatedAt { get; set; }
    public ServiceSpecDto? Spec { get; set; }
    public ServiceSpecDto? PreviousSpec { get; set; }
    public ServiceEndpointDto? Endpoint { get; set; }
    public UpdateStatusDto? UpdateStatus { get; set; }
    public ServiceStatusDto? ServiceStatus { get; set; }
}

internal sealed class ServiceEndpointDto
{
    public EndpointSpecDto? Spec { get; set; }
    public List<EndpointPortDto>? Ports { get; set; }
    public List<VirtualIpDto>? VirtualIPs { get; set; }
}

internal sealed class VirtualIpDto
{
    public string? NetworkID { get; set; }
    public string? Addr { get; set; }
}

internal sealed class UpdateStatusDto
{
    public string? State { get; set; }
    public string? StartedAt { get; set; }
    public string? CompletedAt { get; set; }
    public string? Message { get; set; }
}

internal sealed class ServiceStatusDto
{
    public ulong RunningTasks { get; set; }
    public ulong DesiredTasks { get; set; }
    public ulong CompletedTasks { get; set; }
}

internal sealed class ServiceSpecDto
{
    public string? Name { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public TaskTemplateDto? TaskTemplate { get; set; }
    public ServiceModeDto? Mode { get; set; }
    public UpdateConfigDto? UpdateConfig { get; set; }
    public UpdateConfigDto? RollbackConfig { get; set; }
    public EndpointSpecDto? EndpointSpec { get; set; }
}

internal sealed class TaskTemplateDto
{
    public ContainerSpecDto? ContainerSpec { get; set; }
    public TaskResourcesDto? Resources { get; set; }
    public ServiceRestartPolicyDto? RestartPolicy { get; set; }
    public PlacementDto? Placement { get; set; }
    public List<NetworkAttachmentConfigDto>? Networks { get; set; }
    public ulong? ForceUpdate { get; set; }
}

internal sealed class ContainerSpecDto
{
    public string? Image { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public List<string>? Command { get; set; }
    public List<string>? Args { get; set; }
    public string? Hostname { get; set; }
    public List<string>? Env { get; set; }
    public string? Dir { get; set; }
    public string? User { get; set; }
    public bool? Init { get; set; }
    public bool TTY { get; set; }
    public bool ReadOnly { get; set; }
    public List<MountWriteDto>? Mounts { get; set; }
    public string? StopSignal { get; set; }
    public long? StopGracePeriod { get; set; }
    public HealthConfigDto? Healthcheck { get; set; }
    public List<string>? Hosts { get; set; }
    public List<SecretReferenceDto>? Secrets { get; set; }
    public List<ConfigReferenceDto>? Configs { get; set; }
}

internal sealed class FileTargetDto
{
    public string Name { get; set; } = "";
    public string UID { get; set; } = "0";
    public string GID { get; set; } = "0";
    public uint Mode { get; set; }
}

internal sealed class SecretReferenceDto
{
    public FileTargetDto? File { get; set; }
    public string? SecretID { get; set; }
    public string? SecretName { get; set; }
}

internal sealed class ConfigReferenceDto
{
    public FileTargetDto? File { get; set; }
    public string? ConfigID { get; set; }
    public string? ConfigName { get; set; }
}

internal sealed class TaskResourcesDto
{
    public ResourceLimitDto? Limits { get; set; }
    public ResourceLimitDto? Reservations { get; set; }
}

internal sealed class ResourceLimitDto
{
    public long? NanoCPUs { get; set; }
    public long? MemoryBytes { get; set; }
    public long? Pids { get; set; }
}

internal sealed class ServiceRestartPolicyDto
{
    public string? Condition { get; set; }
    public long? Delay { get; set; }
    public ulong? MaxAttempts { get; set; }
    public long? Window { get; set; }
}

internal sealed class PlacementDto
{
    public List<string>? Constraints { get; set; }
    public List<PlacementPreferenceDto>? Preferences { get; set; }
    public ulong? MaxReplicas { get; set; }
}

internal sealed class PlacementPreferenceDto
{
    public SpreadOverDto? Spread { get; set; }
}

internal sealed class SpreadOverDto
{
    public string? SpreadDescriptor { get; set; }
}

internal sealed class NetworkAttachmentConfigDto
{
    public string Target { get; set; } = "";
    public List<string>? Aliases { get; set; }
    public Dictionary<string, string>? DriverOpts { get; set; }
}

internal sealed class ServiceModeDto
{
    public ReplicatedDto? Replicated { get; set; }
    public EmptyObject? Global { get; set; }
}

internal sealed class ReplicatedDto
{
    public ulong? Replicas { get; set; }
}

internal sealed class UpdateConfigDto
{
    public ulong? Parallelism { get; set; }
    public long? Delay { get; set; }
    public string? FailureAction { get; set; }
    public long? Monitor { get; set; }
    public double? MaxFailureRatio { get; set; }
    public string? Order { get; set; }
}

internal sealed class EndpointSpecDto
{
    public string? Mode { get; set; }
    public List<EndpointPortDto>? Ports { get; set; }
}

internal sealed class EndpointPortDto
{
    public string? Name { get; set; }
    public string? Protocol { get; set; }
    public uint TargetPort { get; set; }
    public uint? PublishedPort { get; set; }
    public string? PublishMode { get; set; }
}

internal sealed class ServiceCreateResponseDto
{
    public string ID { get; set; } = "";
    public string? Warning { get; set; }
    public List<string>? Warnings { get; set; }
}

internal sealed class ServiceUpdateResponseDto
{
    public List<string>? Warnings { get; set; }
}

/// <summary>A secret or config as the list calls return it: ID and name (to resolve references by name).</summary>
internal sealed class NamedObjectDto
{
    public string ID { get; set; } = "";
    public NamedSpecDto? Spec { get; set; }
}

internal sealed class NamedSpecDto
{
    public string? Name { get; set; }
}

// ---- tasks

internal sealed class TaskDto
{
    public string ID { get; set; } = "";
    public VersionDto? Version { get; set; }
    public string? CreatedAt { get; set; }
    public string? UpdatedAt { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public TaskSpecDto? Spec { get; set; }
    public string? ServiceID { get; set; }
    public int? Slot { get; set; }
    public string? NodeID { get; set; }
    public TaskStatusDto? Status { get; set; }
    public string? DesiredState { get; set; }
    public List<TaskNetworkAttachmentDto>? NetworksAttachments { get; set; }
}

internal sealed class TaskSpecDto
{
    public ContainerSpecDto? ContainerSpec { get; set; }
}

internal sealed class TaskStatusDto
{
    public string? Timestamp { get; set; }
    public string? State { get; set; }
    public string? Message { get; set; }
    public string? Err { get; set; }
    public TaskContainerStatusDto? ContainerStatus { get; set; }
    public TaskPortStatusDto? PortStatus { get; set; }
}

internal sealed class TaskContainerStatusDto
{
    public string? ContainerID { get; set; }
    public int? PID { get; set; }
    public int? ExitCode { get; set; }
}

internal sealed class TaskPortStatusDto
{
    public List<EndpointPortDto>? Ports { get; set; }
}

internal sealed class TaskNetworkAttachmentDto
{
    public TaskNetworkDto? Network { get; set; }
    public List<string>? Addresses { get; set; }
}

internal sealed class TaskNetworkDto
{
    public string? ID { get; set; }
    public TaskNetworkSpecDto? Spec { get; set; }
}

internal sealed class TaskNetworkSpecDto
{
    public string? Name { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(SwarmInitBody))]
[JsonSerializable(typeof(SwarmJoinBody))]
[JsonSerializable(typeof(SwarmDto))]
[JsonSerializable(typeof(NodeDto))]
[JsonSerializable(typeof(List<NodeDto>))]
[JsonSerializable(typeof(ServiceDto))]
[JsonSerializable(typeof(List<ServiceDto>))]
[JsonSerializable(typeof(ServiceSpecDto))]
[JsonSerializable(typeof(ServiceCreateResponseDto))]
[JsonSerializable(typeof(ServiceUpdateResponseDto))]
[JsonSerializable(typeof(List<NamedObjectDto>))]
[JsonSerializable(typeof(TaskDto))]
[JsonSerializable(typeof(List<TaskDto>))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(EndpointPortDto))]
[JsonSerializable(typeof(string))]
internal sealed partial class SwarmJsonContext : JsonSerializerContext
{
}
