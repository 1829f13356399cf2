namespace PSDocker.Core.Networks;

/// <summary>Options of <see cref="NetworkOperations.ListAsync"/> (<c>docker network ls</c>).</summary>
public sealed record NetworkListOptions
{
    /// <summary>Engine-side filters: <c>name</c>, <c>id</c>, <c>driver</c>, <c>label</c>, <c>scope</c>, <c>type</c> (custom|builtin), <c>dangling</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Fill each network's <see cref="Network.Containers"/> from one container list (the engine's network list leaves them out since API 1.28).
    /// </summary>
    public bool IncludeContainers { get; init; } = true;
}

/// <summary>Options of <see cref="NetworkOperations.InspectAsync"/> (<c>docker network inspect</c>).</summary>
public sealed record NetworkInspectOptions
{
    /// <summary>Swarm networks: also the services and tasks on them (<c>--verbose</c>).</summary>
    public bool Verbose { get; init; }

    /// <summary>Look the network up only in this scope (<c>local</c>, <c>global</c>, <c>swarm</c>); null for any.</summary>
    public string? Scope { get; init; }
}

/// <summary>Options of <see cref="NetworkOperations.RemoveAsync"/> (<c>docker network rm</c>); the API has none yet.</summary>
public sealed record NetworkRemoveOptions;

/// <summary>One IPAM pool of a network (<c>--subnet</c>, <c>--gateway</c>, <c>--ip-range</c>, <c>--aux-address</c>).</summary>
/// <param name="Subnet">CIDR of the pool, such as <c>10.10.0.0/24</c>.</param>
public sealed record IpamPool(string Subnet)
{
    /// <summary>The gateway address; null for the engine's choice (the first address).</summary>
    public string? Gateway { get; init; }

    /// <summary>The sub-range containers get addresses from (CIDR inside <see cref="Subnet"/>).</summary>
    public string? IPRange { get; init; }

    /// <summary>Addresses the driver must not hand out: name → address.</summary>
    public IReadOnlyDictionary<string, string> AuxiliaryAddresses { get; init; } = new Dictionary<string, string>();
}

/// <summary>Options of <see cref="NetworkOperations.CreateAsync"/> (<c>docker network create</c>, compose <c>networks:</c>).</summary>
public sealed record NetworkCreateOptions
{
    /// <summary>The network's name.</summary>
    public required string Name { get; init; }

    /// <summary>The driver; null for the engine's default (<c>bridge</c>).</summary>
    public string? Driver { get; init; }

    /// <summary>No outside connectivity (<c>--internal</c>).</summary>
    public bool Internal { get; init; }

    /// <summary>Standalone containers may attach to a swarm overlay network (<c>--attachable</c>).</summary>
    public bool Attachable { get; init; }

    /// <summary>IPv6 networking (<c>--ipv6</c>); null leaves it to the engine (off on API 1.41).</summary>
    public bool? EnableIPv6 { get; init; }

    /// <summary>The IPAM driver; null for <c>default</c>.</summary>
    public string? IpamDriver { get; init; }

    /// <summary>Address pools; empty to let the engine pick a subnet from its default address pools.</summary>
    public IReadOnlyList<IpamPool> Ipam { get; init; } = Array.Empty<IpamPool>();

    /// <summary>IPAM driver options.</summary>
    public IReadOnlyDictionary<string, string> IpamOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Driver options (<c>--opt com.docker.network.bridge.name=br0</c>).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>Options of <see cref="NetworkOperations.ConnectAsync"/> (<c>docker network connect</c>).</summary>
public sealed record NetworkConnectOptions
{
    /// <summary>The container's name or ID.</summary>
    public required string Container { get; init; }

    /// <summary>Extra DNS names of the container on this network (<c>--alias</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();

    /// <summary>A fixed IPv4 address (<c>--ip</c>); the network needs a user-configured subnet.</summary>
    public string? IPv4Address { get; init; }

    /// <summary>A fixed IPv6 address (<c>--ip6</c>).</summary>
    public string? IPv6Address { get; init; }

    /// <summary>Legacy links (<c>--link container[:alias]</c>).</summary>
    public IReadOnlyList<string> Links { get; init; } = Array.Empty<string>();
}

/// <summary>Options of <see cref="NetworkOperations.DisconnectAsync"/> (<c>docker network disconnect</c>).</summary>
public sealed record NetworkDisconnectOptions
{
    /// <summary>The container's name or ID.</summary>
    public required string Container { get; init; }

    /// <summary>Disconnect even when the container is gone or the endpoint is stale (<c>-f</c>).</summary>
    public bool Force { get; init; }
}

/// <summary>Options of <see cref="NetworkOperations.PruneAsync"/> (<c>docker network prune</c>).</summary>
public sealed record NetworkPruneOptions
{
    /// <summary>Label filters: <c>key</c>, <c>key=value</c>, or with a leading <c>!</c> to exclude.</summary>
    public IReadOnlyList<string> Labels { get; init; } = Array.Empty<string>();

    /// <summary>Only networks created before this time.</summary>
    public DateTimeOffset? Until { get; init; }
}
