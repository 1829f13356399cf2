using System.Net;
using PSDocker.Core.Containers;
using PSDocker.Core.Json;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Networks;

/// <summary>The engine's network endpoints (<c>/networks/…</c>).</summary>
public sealed class NetworkOperations
{
    private readonly DockerTransport _transport;

    internal NetworkOperations(DockerTransport transport) => _transport = transport;

    private string EndpointText => _transport.Endpoint.ToString();

    private static string Path(string idOrName, string action = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(idOrName);
        return "networks/" + Uri.EscapeDataString(idOrName) + action;
    }

    /// <summary>Lists networks in one call (and, with <see cref="NetworkListOptions.IncludeContainers"/>, one container list for their members).</summary>
    /// <remarks>GET /networks (CLI: <c>docker network ls</c>).</remarks>
    public async Task<IReadOnlyList<Network>> ListAsync(NetworkListOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = new Query("networks").Filters(options.Filters);
        Task<List<NetworkDto>> networks = _transport.SendJsonAsync(HttpMethod.Get, path, NetworkJsonContext.Default.ListNetworkDto, cancellationToken);
        Task<List<ContainerNetworksDto>>? containers = options.IncludeContainers ? ListContainersAsync(_transport, cancellationToken) : null;
        List<NetworkDto> list = await networks.ConfigureAwait(false);
        List<ContainerNetworksDto>? members = containers is null ? null : await containers.ConfigureAwait(false);
        // Podman ORs several label filters where Docker ANDs them: check them here too, so both engines answer alike.
        return list.Where(n => LabelFilter.Matches(n.Labels, options.Filters))
            .Select(n => NetworkMapper.FromDto(n, members, EndpointText, _transport.Endpoint.ContextName)).ToArray();
    }

    internal static Task<List<ContainerNetworksDto>> ListContainersAsync(DockerTransport transport, CancellationToken cancellationToken)
        => transport.SendJsonAsync(HttpMethod.Get, "containers/json?all=1", NetworkJsonContext.Default.ListContainerNetworksDto, cancellationToken);

    /// <summary>Everything the engine knows of one network, with its attached containers.</summary>
    /// <remarks>GET /networks/{id} (CLI: <c>docker network inspect</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such network.</exception>
    public async Task<Network> InspectAsync(string idOrName, NetworkInspectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = new Query(Path(idOrName)).FlagIfSet("verbose", options.Verbose).AddIfNotEmpty("scope", options.Scope);
        NetworkDto dto = await _transport.SendJsonAsync(HttpMethod.Get, path, NetworkJsonContext.Default.NetworkDto, cancellationToken).ConfigureAwait(false);
        return NetworkMapper.FromDto(dto, null, EndpointText, _transport.Endpoint.ContextName);
    }

    /// <summary>Creates a network and returns its ID.</summary>
    /// <remarks>POST /networks/create (CLI: <c>docker network create</c>).</remarks>
    /// <exception cref="DockerApiException">409 if the name is in use; 400/403 for a bad or overlapping subnet.</exception>
    public async Task<string> CreateAsync(NetworkCreateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Name);
        NetworkCreateResponseDto created = await _transport.SendJsonAsync(HttpMethod.Post, "networks/create", NetworkJsonContext.Default.NetworkCreateResponseDto, cancellationToken,
            DockerTransport.JsonContent(BuildCreateBody(options), NetworkJsonContext.Default.NetworkCreateBody)).ConfigureAwait(false);
        return created.Id;
    }

    internal static NetworkCreateBody BuildCreateBody(NetworkCreateOptions o) => new()
    {
        Name = o.Name,
        // Docker before API 1.44 allows two networks of one name unless asked; docker network create always asks.
        CheckDuplicate = true,
        Driver = o.Driver,
        Internal = o.Internal,
        Attachable = o.Attachable,
        EnableIPv6 = o.EnableIPv6,
        IPAM = o.Ipam.Count == 0 && o.IpamDriver is null && o.IpamOptions.Count == 0 ? null : new IpamDto
        {
            Driver = o.IpamDriver ?? "default",
            Config = o.Ipam.Select(p => new IpamConfigDto
            {
                Subnet = p.Subnet,
                Gateway = p.Gateway,
                IPRange = p.IPRange,
                AuxiliaryAddresses = p.AuxiliaryAddresses.Count > 0 ? new Dictionary<string, string>(p.AuxiliaryAddresses) : null,
            }).ToList(),
            Options = o.IpamOptions.Count > 0 ? new Dictionary<string, string>(o.IpamOptions) : null,
        },
        Options = o.Options.Count > 0 ? new Dictionary<string, string>(o.Options) : null,
        Labels = o.Labels.Count > 0 ? new Dictionary<string, string>(o.Labels) : null,
    };

    /// <summary>Removes a network.</summary>
    /// <remarks>DELETE /networks/{id} (CLI: <c>docker network rm</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such network; 403 (Docker) or 500 (Podman) while containers are attached or for a built-in network.</exception>
    public Task RemoveAsync(string idOrName, NetworkRemoveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _transport.SendAsync(HttpMethod.Delete, Path(idOrName), cancellationToken);
    }

    /// <summary>Connects a container to a network.</summary>
    /// <remarks>POST /networks/{id}/connect (CLI: <c>docker network connect</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such network or container; 403 when it is already attached or the address is not allowed.</exception>
    public Task ConnectAsync(string network, NetworkConnectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Container);
        var attachment = new NetworkAttachment(network)
        {
            Aliases = options.Aliases,
            IPv4Address = options.IPv4Address,
            IPv6Address = options.IPv6Address,
            Links = options.Links,
        };
        var body = new NetworkConnectBody { Container = options.Container, EndpointConfig = ContainerOperations.EndpointConfig(attachment) };
        return _transport.SendAsync(HttpMethod.Post, Path(network, "/connect"), cancellationToken,
            DockerTransport.JsonContent(body, NetworkJsonContext.Default.NetworkConnectBody));
    }

    /// <summary>Disconnects a container from a network.</summary>
    /// <remarks>POST /networks/{id}/disconnect (CLI: <c>docker network disconnect</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such network or container; 403/500 when it is not attached.</exception>
    public Task DisconnectAsync(string network, NetworkDisconnectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Container);
        var body = new NetworkDisconnectBody { Container = options.Container, Force = options.Force };
        return _transport.SendAsync(HttpMethod.Post, Path(network, "/disconnect"), cancellationToken,
            DockerTransport.JsonContent(body, NetworkJsonContext.Default.NetworkDisconnectBody));
    }

    /// <summary>Removes every network no container uses, matching the filters (never the built-in ones).</summary>
    /// <remarks>POST /networks/prune (CLI: <c>docker network prune</c>).</remarks>
    public async Task<NetworkPruneResult> PruneAsync(NetworkPruneOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Dictionary<string, IReadOnlyList<string>> filters = ContainerOperations.PruneFilters(options.Labels, options.Until);
        string path = new Query("networks/prune").Filters(filters);
        NetworkPruneDto dto = await _transport.SendJsonAsync(HttpMethod.Post, path, NetworkJsonContext.Default.NetworkPruneDto, cancellationToken).ConfigureAwait(false);
        return new NetworkPruneResult { NetworksDeleted = dto.NetworksDeleted ?? new List<string>(), Endpoint = EndpointText };
    }
}

/// <summary>Docker's label filter semantics (every <c>key</c> or <c>key=value</c> must match), applied on the client.</summary>
internal static class LabelFilter
{
    public static bool Matches(IReadOnlyDictionary<string, string>? labels, IReadOnlyDictionary<string, IReadOnlyList<string>> filters)
    {
        if (!filters.TryGetValue("label", out IReadOnlyList<string>? wanted)) return true;
        foreach (string filter in wanted)
        {
            int eq = filter.IndexOf('=');
            string key = eq < 0 ? filter : filter[..eq];
            if (labels is null || !labels.TryGetValue(key, out string? value)) return false;
            if (eq >= 0 && value != filter[(eq + 1)..]) return false;
        }
        return true;
    }
}

/// <summary>Maps the engine's network shapes to <see cref="Network"/>.</summary>
internal static class NetworkMapper
{
    public static Network FromDto(NetworkDto dto, List<ContainerNetworksDto>? members, string endpoint, string? context)
    {
        List<IpamConfigDto> pools = dto.IPAM?.Config ?? new List<IpamConfigDto>();
        return new Network
        {
            Id = dto.Id,
            Name = dto.Name ?? "",
            Driver = dto.Driver ?? "",
            Scope = dto.Scope ?? "",
            Created = ContainerMapper.ParseTime(dto.Created),
            Internal = dto.Internal,
            Attachable = dto.Attachable,
            Ingress = dto.Ingress,
            EnableIPv6 = dto.EnableIPv6,
            Subnets = pools.Select(p => p.Subnet).OfType<string>().Where(s => s.Length > 0).ToArray(),
            Gateways = pools.Select(p => p.Gateway).OfType<string>().Where(s => s.Length > 0).ToArray(),
            IPRanges = pools.Select(p => p.IPRange).OfType<string>().Where(s => s.Length > 0).ToArray(),
            IpamDriver = dto.IPAM?.Driver ?? "",
            Containers = members is not null ? FromContainerList(dto, members) : dto.Containers is { } attached ? FromInspect(attached) : null,
            Options = dto.Options ?? Network.Empty,
            Labels = dto.Labels ?? Network.Empty,
            Endpoint = endpoint,
            Context = context,
        };
    }

    private static IReadOnlyList<NetworkContainer> FromInspect(Dictionary<string, NetworkContainerDto> attached)
        => attached.Select(kv => new NetworkContainer
        {
            Id = kv.Key,
            Name = kv.Value.Name ?? "",
            IPv4Address = StripPrefix(kv.Value.IPv4Address),
            IPv6Address = StripPrefix(kv.Value.IPv6Address),
            MacAddress = string.IsNullOrEmpty(kv.Value.MacAddress) ? null : kv.Value.MacAddress,
        }).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();

    private static IReadOnlyList<NetworkContainer> FromContainerList(NetworkDto network, List<ContainerNetworksDto> containers)
    {
        var result = new List<NetworkContainer>();
        foreach (ContainerNetworksDto c in containers)
        {
            if (c.NetworkSettings?.Networks is not { } networks) continue;
            foreach ((string name, EndpointSettingsDto ep) in networks)
            {
                // Docker gives the network's ID; Podman 4 gives its name there.
                bool match = ep.NetworkID == network.Id || name == network.Name;
                if (!match) continue;
                result.Add(new NetworkContainer
                {
                    Id = c.Id,
                    Name = ContainerMapper.FirstName(c.Names),
                    IPv4Address = string.IsNullOrEmpty(ep.IPAddress) ? null : ep.IPAddress,
                    IPv6Address = string.IsNullOrEmpty(ep.GlobalIPv6Address) ? null : ep.GlobalIPv6Address,
                    MacAddress = string.IsNullOrEmpty(ep.MacAddress) ? null : ep.MacAddress,
                    Aliases = ep.Aliases,
                });
                break;
            }
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    private static string? StripPrefix(string? address)
    {
        if (string.IsNullOrEmpty(address)) return null;
        int slash = address.IndexOf('/');
        return slash < 0 ? address : address[..slash];
    }
}
