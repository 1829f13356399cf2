namespace PSDocker;

/// <summary>A network, as <c>docker network ls</c> lists it and <c>docker network inspect</c> describes it.</summary>
public sealed class Network
{
    /// <summary>The full ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The first 12 characters of the ID.</summary>
    public string ShortId => Id.Length > 12 ? Id[..12] : Id;

    /// <summary>The name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The driver (<c>bridge</c>, <c>host</c>, <c>null</c>, <c>overlay</c>, <c>macvlan</c>, …).</summary>
    public string Driver { get; init; } = "";

    /// <summary><c>local</c>, <c>global</c> or <c>swarm</c>.</summary>
    public string Scope { get; init; } = "";

    /// <summary>When it was created (local time).</summary>
    public DateTime? Created { get; init; }

    /// <summary>True when it has no outside connectivity.</summary>
    public bool Internal { get; init; }

    /// <summary>True when standalone containers may attach (overlay networks).</summary>
    public bool Attachable { get; init; }

    /// <summary>True for a swarm routing-mesh network.</summary>
    public bool Ingress { get; init; }

    /// <summary>True when IPv6 is on.</summary>
    public bool EnableIPv6 { get; init; }

    /// <summary>The subnets of its address pools (CIDR).</summary>
    public IReadOnlyList<string> Subnets { get => _subnets; init => _subnets = TextList<string>.Of(value); }
    private readonly IReadOnlyList<string> _subnets = TextList<string>.Of(Array.Empty<string>());

    /// <summary>The first subnet, or null.</summary>
    public string? Subnet => Subnets.Count > 0 ? Subnets[0] : null;

    /// <summary>The gateways of its address pools.</summary>
    public IReadOnlyList<string> Gateways { get => _gateways; init => _gateways = TextList<string>.Of(value); }
    private readonly IReadOnlyList<string> _gateways = TextList<string>.Of(Array.Empty<string>());

    /// <summary>The first gateway, or null.</summary>
    public string? Gateway => Gateways.Count > 0 ? Gateways[0] : null;

    /// <summary>The IP ranges containers get addresses from, when narrowed.</summary>
    public IReadOnlyList<string> IPRanges { get => _ipRanges; init => _ipRanges = TextList<string>.Of(value); }
    private readonly IReadOnlyList<string> _ipRanges = TextList<string>.Of(Array.Empty<string>());

    /// <summary>The IPAM driver.</summary>
    public string IpamDriver { get; init; } = "";

    /// <summary>The containers attached to it, when known (null when the engine was not asked).</summary>
    public IReadOnlyList<NetworkContainer>? Containers { get => _containers; init => _containers = TextList<NetworkContainer>.OfNullable(value); }
    private readonly IReadOnlyList<NetworkContainer>? _containers;

    /// <summary>Driver options.</summary>
    public IReadOnlyDictionary<string, string> Options { get => _options; init => _options = TextMap<string>.Of(value); }
    private readonly IReadOnlyDictionary<string, string> _options = TextMap<string>.Of(Empty);

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get => _labels; init => _labels = TextMap<string>.Of(value); }
    private readonly IReadOnlyDictionary<string, string> _labels = TextMap<string>.Of(Empty);

    /// <summary>True for the engine's own networks (<c>bridge</c>, <c>host</c>, <c>none</c>; Podman's <c>podman</c>).</summary>
    public bool IsBuiltIn => Name is "bridge" or "host" or "none" or "podman" && Driver is "bridge" or "host" or "null";

    /// <summary>The engine this network lives on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The docker context it was listed through; piping it on uses the same engine.</summary>
    public string? Context { get; init; }

    internal static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>The name.</summary>
    public override string ToString() => Name.Length > 0 ? Name : ShortId;
}

/// <summary>A container attached to a network.</summary>
public sealed class NetworkContainer
{
    /// <summary>The container's ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The container's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Its IPv4 address on the network (without prefix length).</summary>
    public string? IPv4Address { get; init; }

    /// <summary>Its IPv6 address on the network.</summary>
    public string? IPv6Address { get; init; }

    /// <summary>Its MAC address on the network.</summary>
    public string? MacAddress { get; init; }

    /// <summary>Its DNS aliases on the network; null when the engine did not say (Docker's container list leaves them out: see <c>Get-Container -Detailed</c>'s NetworkAliases).</summary>
    public IReadOnlyList<string>? Aliases { get => _aliases; init => _aliases = TextList<string>.OfNullable(value); }
    private readonly IReadOnlyList<string>? _aliases;

    /// <summary>The name.</summary>
    public override string ToString() => Name.Length > 0 ? Name : Id;
}

/// <summary>What <c>Invoke-ContainerNetworkPrune</c> removed.</summary>
public sealed class NetworkPruneResult
{
    /// <summary>Names of the networks removed.</summary>
    public IReadOnlyList<string> NetworksDeleted { get; init; } = Array.Empty<string>();

    /// <summary>The engine.</summary>
    public string Endpoint { get; init; } = "";
}
