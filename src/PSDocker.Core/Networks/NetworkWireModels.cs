using System.Text.Json.Serialization;
using PSDocker.Core.Json;

namespace PSDocker.Core.Networks;

// Wire shapes of /networks, only the fields PSDocker reads or writes. Never returned to users.

internal sealed class NetworkDto
{
    public string? Name { get; set; }
    public string Id { get; set; } = "";
    public string? Created { get; set; }
    public string? Scope { get; set; }
    public string? Driver { get; set; }
    public bool EnableIPv6 { get; set; }
    public IpamDto? IPAM { get; set; }
    public bool Internal { get; set; }
    public bool Attachable { get; set; }
    public bool Ingress { get; set; }
    public Dictionary<string, NetworkContainerDto>? Containers { get; set; }
    public Dictionary<string, string>? Options { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class IpamDto
{
    public string? Driver { get; set; }
    public List<IpamConfigDto>? Config { get; set; }
    public Dictionary<string, string>? Options { get; set; }
}

internal sealed class IpamConfigDto
{
    public string? Subnet { get; set; }
    public string? IPRange { get; set; }
    public string? Gateway { get; set; }
    public Dictionary<string, string>? AuxiliaryAddresses { get; set; }
}

internal sealed class NetworkContainerDto
{
    public string? Name { get; set; }
    public string? EndpointID { get; set; }
    public string? MacAddress { get; set; }
    public string? IPv4Address { get; set; }
    public string? IPv6Address { get; set; }
}

internal sealed class NetworkCreateBody
{
    public string Name { get; set; } = "";
    public bool CheckDuplicate { get; set; }
    public string? Driver { get; set; }
    public bool Internal { get; set; }
    public bool Attachable { get; set; }
    public bool? EnableIPv6 { get; set; }
    public IpamDto? IPAM { get; set; }
    public Dictionary<string, string>? Options { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class NetworkCreateResponseDto
{
    public string Id { get; set; } = "";
    public string? Warning { get; set; }
}

internal sealed class NetworkConnectBody
{
    public string Container { get; set; } = "";
    public EndpointSettingsDto? EndpointConfig { get; set; }
}

internal sealed class NetworkDisconnectBody
{
    public string Container { get; set; } = "";
    public bool Force { get; set; }
}

internal sealed class NetworkPruneDto
{
    public List<string>? NetworksDeleted { get; set; }
}

/// <summary>The network fields of a container list entry: which networks each container is on.</summary>
internal sealed class ContainerNetworksDto
{
    public string Id { get; set; } = "";
    public List<string>? Names { get; set; }
    public ContainerNetworkSettingsDto? NetworkSettings { get; set; }
    public List<MountDto>? Mounts { get; set; }
}

internal sealed class ContainerNetworkSettingsDto
{
    public Dictionary<string, EndpointSettingsDto>? Networks { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(List<NetworkDto>))]
[JsonSerializable(typeof(NetworkDto))]
[JsonSerializable(typeof(NetworkCreateBody))]
[JsonSerializable(typeof(NetworkCreateResponseDto))]
[JsonSerializable(typeof(NetworkConnectBody))]
[JsonSerializable(typeof(NetworkDisconnectBody))]
[JsonSerializable(typeof(NetworkPruneDto))]
[JsonSerializable(typeof(List<ContainerNetworksDto>))]
internal sealed partial class NetworkJsonContext : JsonSerializerContext
{
}
