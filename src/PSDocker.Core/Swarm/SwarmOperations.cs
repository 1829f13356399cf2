using System.Text.Json.Serialization;
using PSDocker.Core.Containers;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Swarm;

/// <summary>
/// The engine's swarm endpoints (<c>/swarm</c>, <c>/nodes</c>, <c>/tasks</c>). Podman has no swarm: every call throws
/// <see cref="EngineNotSupportedException"/> before anything is sent.
/// </summary>
public sealed class SwarmOperations
{
    private readonly DockerTransport _transport;

    internal SwarmOperations(DockerTransport transport) => _transport = transport;

    private string EndpointText => _transport.Endpoint.ToString();

    internal static Task ThrowIfPodmanAsync(DockerTransport transport, CancellationToken cancellationToken)
        => transport.ThrowIfPodmanAsync("swarm mode (services, nodes, tasks, secrets, configs, stacks)",
            "Use a Docker engine for swarm, or run the containers with New-Container / Start-ComposeProject.", cancellationToken);

    /// <summary>Makes the engine the first manager of a new swarm and returns the new node's ID.</summary>
    /// <remarks>POST /swarm/init (CLI: <c>docker swarm init</c>).</remarks>
    /// <exception cref="DockerApiException">503 (<see cref="ApiErrorKind.AlreadyInSwarm"/>) when the engine is already in a swarm; 400 for a bad address.</exception>
    public async Task<string> InitAsync(SwarmInitOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        var body = new SwarmInitBody
        {
            ListenAddr = options.ListenAddress,
            AdvertiseAddr = options.AdvertiseAddress,
            DataPathAddr = options.DataPathAddress,
            DataPathPort = options.DataPathPort,
            DefaultAddrPool = options.DefaultAddressPools.Count > 0 ? options.DefaultAddressPools.ToList() : null,
            SubnetSize = options.SubnetSize,
            ForceNewCluster = options.ForceNewCluster,
            Availability = options.Availability,
            Spec = options.AutoLock ? new SwarmSpecDto { EncryptionConfig = new EncryptionConfigDto { AutoLockManagers = true } } : null,
        };
        return await _transport.SendJsonAsync(HttpMethod.Post, "swarm/init", SwarmJsonContext.Default.String, cancellationToken,
            DockerTransport.JsonContent(body, SwarmJsonContext.Default.SwarmInitBody)).ConfigureAwait(false);
    }

    /// <summary>Joins the engine to an existing swarm as a worker or manager (the token decides).</summary>
    /// <remarks>POST /swarm/join (CLI: <c>docker swarm join</c>).</remarks>
    /// <exception cref="DockerApiException">503 when the engine is already in a swarm; 500 when the managers cannot be reached or the token is wrong.</exception>
    public async Task JoinAsync(SwarmJoinOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RemoteAddresses.Count == 0) throw new ArgumentException("Give at least one manager address.", nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.JoinToken);
        await ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        var body = new SwarmJoinBody
        {
            ListenAddr = options.ListenAddress,
            AdvertiseAddr = options.AdvertiseAddress,
            DataPathAddr = options.DataPathAddress,
            RemoteAddrs = options.RemoteAddresses.ToList(),
            JoinToken = options.JoinToken,
            Availability = options.Availability,
        };
        await _transport.SendAsync(HttpMethod.Post, "swarm/join", cancellationToken,
            DockerTransport.JsonContent(body, SwarmJsonContext.Default.SwarmJoinBody)).ConfigureAwait(false);
    }

    /// <summary>Takes the engine out of its swarm.</summary>
    /// <remarks>POST /swarm/leave (CLI: <c>docker swarm leave</c>).</remarks>
    /// <exception cref="DockerApiException">503 (<see cref="ApiErrorKind.NotSwarmManager"/>) when the engine is in no swarm; 503 for the last manager without <see cref="SwarmLeaveOptions.Force"/>.</exception>
    public async Task LeaveAsync(SwarmLeaveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        await _transport.SendAsync(HttpMethod.Post, new Query("swarm/leave").FlagIfSet("force", options.Force), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The swarm the engine manages, with this node's ID and address.</summary>
    /// <remarks>GET /swarm and GET /info (CLI: <c>docker swarm inspect</c>).</remarks>
    /// <exception cref="DockerApiException">503 (<see cref="ApiErrorKind.NotSwarmManager"/>) when the engine is not a swarm manager.</exception>
    public async Task<SwarmInfo> InspectAsync(SwarmInspectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        Task<SwarmDto> swarm = _transport.SendJsonAsync(HttpMethod.Get, "swarm", SwarmJsonContext.Default.SwarmDto, cancellationToken);
        Task<LocalSwarmStateDto> local = GetLocalStateAsync(_transport, cancellationToken);
        SwarmDto s = await swarm.ConfigureAwait(false);
        LocalSwarmStateDto l = await local.ConfigureAwait(false);
        return new SwarmInfo
        {
            Id = s.ID,
            Version = s.Version?.Index ?? 0,
            Created = ContainerMapper.ParseTime(s.CreatedAt),
            Updated = ContainerMapper.ParseTime(s.UpdatedAt),
            NodeId = l.NodeID ?? "",
            NodeAddress = string.IsNullOrEmpty(l.NodeAddr) ? null : l.NodeAddr,
            WorkerJoinToken = s.JoinTokens?.Worker,
            ManagerJoinToken = s.JoinTokens?.Manager,
            DefaultAddressPools = s.DefaultAddrPool ?? new List<string>(),
            SubnetSize = s.SubnetSize,
            DataPathPort = s.DataPathPort,
            AutoLock = s.Spec?.EncryptionConfig?.AutoLockManagers ?? false,
            Endpoint = EndpointText,
            Context = _transport.Endpoint.ContextName,
        };
    }

    /// <summary>The engine's own swarm state from <c>GET /info</c>: its node ID, address, local state and whether it is a manager.</summary>
    internal static async Task<LocalSwarmStateDto> GetLocalStateAsync(DockerTransport transport, CancellationToken cancellationToken)
    {
        InfoSwarmDto info = await transport.SendJsonAsync(HttpMethod.Get, "info", SwarmLocalJsonContext.Default.InfoSwarmDto, cancellationToken).ConfigureAwait(false);
        return info.Swarm ?? new LocalSwarmStateDto();
    }

    /// <summary>Lists the swarm's nodes.</summary>
    /// <remarks>GET /nodes (CLI: <c>docker node ls</c>).</remarks>
    /// <exception cref="DockerApiException">503 (<see cref="ApiErrorKind.NotSwarmManager"/>) when the engine is not a swarm manager.</exception>
    public async Task<IReadOnlyList<SwarmNode>> ListNodesAsync(NodeListOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        Task<List<NodeDto>> nodes = _transport.SendJsonAsync(HttpMethod.Get, new Query("nodes").Filters(options.Filters), SwarmJsonContext.Default.ListNodeDto, cancellationToken);
        Task<LocalSwarmStateDto> local = GetLocalStateAsync(_transport, cancellationToken);
        string self = (await local.ConfigureAwait(false)).NodeID ?? "";
        return (await nodes.ConfigureAwait(false)).Select(n => SwarmMapper.Node(n, self, EndpointText, _transport.Endpoint.ContextName))
            .OrderBy(n => n.Hostname, StringComparer.Ordinal).ToArray();
    }

    /// <summary>One node.</summary>
    /// <remarks>GET /nodes/{id} (CLI: <c>docker node inspect</c>); <c>self</c> is this engine's node.</remarks>
    /// <exception cref="DockerApiException">404 if no such node; 503 when the engine is not a swarm manager.</exception>
    public async Task<SwarmNode> InspectNodeAsync(string idOrName, NodeInspectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idOrName);
        ArgumentNullException.ThrowIfNull(options);
        await ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        Task<LocalSwarmStateDto> local = GetLocalStateAsync(_transport, cancellationToken);
        string self = (await local.ConfigureAwait(false)).NodeID ?? "";
        string id = idOrName == "self" ? self : idOrName;
        NodeDto n = await _transport.SendJsonAsync(HttpMethod.Get, "nodes/" + Uri.EscapeDataString(id), SwarmJsonContext.Default.NodeDto, cancellationToken).ConfigureAwait(false);
        return SwarmMapper.Node(n, self, EndpointText, _transport.Endpoint.ContextName);
    }

    /// <summary>Lists tasks, with their services' and nodes' names when <see cref="TaskListOptions.ResolveNames"/>.</summary>
    /// <remarks>GET /tasks (CLI: <c>docker service ps</c>, <c>docker node ps</c>).</remarks>
    /// <exception cref="DockerApiException">503 (<see cref="ApiErrorKind.NotSwarmManager"/>) when the engine is not a swarm manager.</exception>
    public async Task<IReadOnlyList<SwarmTask>> ListTasksAsync(TaskListOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        Task<List<TaskDto>> tasks = _transport.SendJsonAsync(HttpMethod.Get, new Query("tasks").Filters(options.Filters), SwarmJsonContext.Default.ListTaskDto, cancellationToken);
        Task<List<ServiceDto>>? services = options.ResolveNames ? _transport.SendJsonAsync(HttpMethod.Get, "services", SwarmJsonContext.Default.ListServiceDto, cancellationToken) : null;
        Task<List<NodeDto>>? nodes = options.ResolveNames ? _transport.SendJsonAsync(HttpMethod.Get, "nodes", SwarmJsonContext.Default.ListNodeDto, cancellationToken) : null;
        List<TaskDto> list = await tasks.ConfigureAwait(false);
        Dictionary<string, ServiceDto> serviceById = services is null ? new() : (await services.ConfigureAwait(false)).ToDictionary(s => s.ID, StringComparer.Ordinal);
        Dictionary<string, string> nodeNames = nodes is null ? new() : (await nodes.ConfigureAwait(false)).ToDictionary(n => n.ID, n => n.Description?.Hostname ?? n.ID, StringComparer.Ordinal);
        return list.Select(t => SwarmMapper.Task(t, serviceById, nodeNames, EndpointText, _transport.Endpoint.ContextName))
            .OrderBy(t => t.ServiceName, StringComparer.Ordinal).ThenBy(t => t.Slot ?? 0).ThenBy(t => t.NodeName, StringComparer.Ordinal)
            .ThenByDescending(t => t.Created ?? DateTime.MinValue).ToArray();
    }
}

/// <summary>The part of <c>GET /info</c> about the engine's own swarm membership.</summary>
internal sealed class InfoSwarmDto
{
    public LocalSwarmStateDto? Swarm { get; set; }
}

internal sealed class LocalSwarmStateDto
{
    public string? NodeID { get; set; }
    public string? NodeAddr { get; set; }
    public string? LocalNodeState { get; set; }
    public bool ControlAvailable { get; set; }
    public string? Error { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(InfoSwarmDto))]
internal sealed partial class SwarmLocalJsonContext : JsonSerializerContext
{
}
