namespace PSDocker;

/// <summary>The swarm an engine manages, as <c>docker swarm inspect</c> (<c>GET /swarm</c>) describes it.</summary>
public sealed class SwarmInfo
{
    /// <summary>The swarm's ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The version of the swarm object.</summary>
    public ulong Version { get; init; }

    /// <summary>When the swarm was created (local time).</summary>
    public DateTime? Created { get; init; }

    /// <summary>When its settings last changed (local time).</summary>
    public DateTime? Updated { get; init; }

    /// <summary>The ID of the node the engine runs (from <c>GET /info</c>).</summary>
    public string NodeId { get; init; } = "";

    /// <summary>The address other nodes reach this node at.</summary>
    public string? NodeAddress { get; init; }

    /// <summary>The token a worker joins with (<c>Join-Swarm -Token</c>).</summary>
    public string? WorkerJoinToken { get; init; }

    /// <summary>The token a manager joins with.</summary>
    public string? ManagerJoinToken { get; init; }

    /// <summary>Where overlay networks get their subnets.</summary>
    public IReadOnlyList<string> DefaultAddressPools { get; init; } = Array.Empty<string>();

    /// <summary>The prefix length of each overlay subnet.</summary>
    public uint SubnetSize { get; init; }

    /// <summary>The VXLAN UDP port.</summary>
    public uint DataPathPort { get; init; }

    /// <summary>True when the managers' keys are locked.</summary>
    public bool AutoLock { get; init; }

    /// <summary>The engine this swarm was read from.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The docker context it was read through.</summary>
    public string? Context { get; init; }

    /// <summary>The ID.</summary>
    public override string ToString() => Id;
}

/// <summary>A node of the swarm, as <c>docker node ls</c> lists it.</summary>
public sealed class SwarmNode
{
    /// <summary>The node's ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The host name (the node's name unless one was set).</summary>
    public string Hostname { get; init; } = "";

    /// <summary>The name set with <c>docker node update</c>, or the host name.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>manager</c> or <c>worker</c>.</summary>
    public string Role { get; init; } = "";

    /// <summary><c>active</c>, <c>pause</c> or <c>drain</c>.</summary>
    public string Availability { get; init; } = "";

    /// <summary><c>ready</c>, <c>down</c>, <c>disconnected</c> or <c>unknown</c>.</summary>
    public string State { get; init; } = "";

    /// <summary>The node's address.</summary>
    public string? Address { get; init; }

    /// <summary>For managers: <c>Leader</c>, <c>Reachable</c> or <c>Unreachable</c>; empty for workers (the MANAGER STATUS column).</summary>
    public string ManagerStatus { get; init; } = "";

    /// <summary>True for the leader manager.</summary>
    public bool IsLeader { get; init; }

    /// <summary>True for the node the engine answering runs on.</summary>
    public bool IsSelf { get; init; }

    /// <summary>The node's engine version.</summary>
    public string? EngineVersion { get; init; }

    /// <summary>The node's OS and architecture (<c>linux/x86_64</c>).</summary>
    public string? Platform { get; init; }

    /// <summary>CPUs the node offers (in CPUs).</summary>
    public double Cpus { get; init; }

    /// <summary>Memory the node offers, in bytes.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>Node labels (used in placement constraints).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = SwarmService.Empty;

    /// <summary>When the node joined (local time).</summary>
    public DateTime? Created { get; init; }

    /// <summary>The version of the node object.</summary>
    public ulong Version { get; init; }

    /// <summary>The engine answering.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The docker context it was listed through.</summary>
    public string? Context { get; init; }

    /// <summary>The host name.</summary>
    public override string ToString() => Hostname.Length > 0 ? Hostname : Id;
}

/// <summary>A published port of a service.</summary>
public sealed class SwarmServicePort
{
    /// <summary>The port on the node, when published.</summary>
    public int? PublishedPort { get; init; }

    /// <summary>The port in the tasks.</summary>
    public int TargetPort { get; init; }

    /// <summary><c>tcp</c>, <c>udp</c> or <c>sctp</c>.</summary>
    public string Protocol { get; init; } = "tcp";

    /// <summary><c>ingress</c> (routing mesh) or <c>host</c>.</summary>
    public string Mode { get; init; } = "ingress";

    /// <summary>docker's form: <c>*:8080->80/tcp</c> (ingress), <c>8080->80/tcp (host)</c>.</summary>
    public override string ToString()
        => (Mode == "host" ? "" : "*:") + (PublishedPort is int p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "") + "->"
           + TargetPort.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + Protocol + (Mode == "host" ? " (host)" : "");
}

/// <summary>A swarm service, as <c>docker service ls</c> lists it and <c>docker service inspect</c> describes it.</summary>
public sealed class SwarmService
{
    /// <summary>The full ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The first 12 characters of the ID.</summary>
    public string ShortId => Id.Length > 12 ? Id[..12] : Id;

    /// <summary>The name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The image the tasks run (without the digest the engine pinned, if any).</summary>
    public string Image { get; init; } = "";

    /// <summary><c>replicated</c> or <c>global</c>.</summary>
    public string Mode { get; init; } = "";

    /// <summary>Tasks running (of the current spec, desired running).</summary>
    public int RunningReplicas { get; init; }

    /// <summary>Tasks wanted: the replicas, or the eligible nodes of a global service.</summary>
    public int DesiredReplicas { get; init; }

    /// <summary>The REPLICAS column: running/desired.</summary>
    public string Replicas => RunningReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + DesiredReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>vip</c> or <c>dnsrr</c>.</summary>
    public string EndpointMode { get; init; } = "vip";

    /// <summary>Published ports.</summary>
    public IReadOnlyList<SwarmServicePort> Ports { get; init; } = Array.Empty<SwarmServicePort>();

    /// <summary>The virtual IPs of a vip service, per network (CIDR).</summary>
    public IReadOnlyList<string> VirtualIPs { get; init; } = Array.Empty<string>();

    /// <summary>The entrypoint override, if any.</summary>
    public IReadOnlyList<string> Command { get; init; } = Array.Empty<string>();

    /// <summary>The arguments, if set.</summary>
    public IReadOnlyList<string> Args { get; init; } = Array.Empty<string>();

    /// <summary>Environment variables, <c>KEY=value</c>.</summary>
    public IReadOnlyList<string> Env { get; init; } = Array.Empty<string>();

    /// <summary>The networks the tasks attach to (IDs, as the engine stores them).</summary>
    public IReadOnlyList<string> Networks { get; init; } = Array.Empty<string>();

    /// <summary>Mounts, in docker's <c>--mount</c> text.</summary>
    public IReadOnlyList<string> Mounts { get; init; } = Array.Empty<string>();

    /// <summary>The names of the secrets the tasks see.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = Array.Empty<string>();

    /// <summary>The names of the configs the tasks see.</summary>
    public IReadOnlyList<string> Configs { get; init; } = Array.Empty<string>();

    /// <summary>Placement constraints.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = Array.Empty<string>();

    /// <summary>Update policy: tasks replaced at once (0 = all).</summary>
    public ulong UpdateParallelism { get; init; }

    /// <summary>Update policy: the pause between batches.</summary>
    public TimeSpan UpdateDelay { get; init; }

    /// <summary>Update policy: <c>pause</c>, <c>continue</c> or <c>rollback</c>.</summary>
    public string? UpdateFailureAction { get; init; }

    /// <summary>Update policy: <c>stop-first</c> or <c>start-first</c>.</summary>
    public string? UpdateOrder { get; init; }

    /// <summary>The state of the last update or rollback (<c>updating</c>, <c>completed</c>, <c>paused</c>, <c>rollback_completed</c>…), or null.</summary>
    public string? UpdateState { get; init; }

    /// <summary>What the engine said about the last update.</summary>
    public string? UpdateMessage { get; init; }

    /// <summary>True when the engine keeps a previous spec a rollback can return to.</summary>
    public bool HasPreviousSpec { get; init; }

    /// <summary>Service labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Empty;

    /// <summary>Labels of the task containers.</summary>
    public IReadOnlyDictionary<string, string> ContainerLabels { get; init; } = Empty;

    /// <summary>The version index; an update is sent against it.</summary>
    public ulong Version { get; init; }

    /// <summary>When it was created (local time).</summary>
    public DateTime? Created { get; init; }

    /// <summary>When it last changed (local time).</summary>
    public DateTime? Updated { get; init; }

    /// <summary>The engine it lives on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The docker context it was listed through.</summary>
    public string? Context { get; init; }

    internal static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}

/// <summary>A task of a service (one replica's container on one node), as <c>docker service ps</c> lists it.</summary>
public sealed class SwarmTask
{
    /// <summary>The task's ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The first 12 characters of the ID.</summary>
    public string ShortId => Id.Length > 12 ? Id[..12] : Id;

    /// <summary>docker's task name: <c>service.slot</c> (replicated) or <c>service.node</c> (global).</summary>
    public string Name { get; init; } = "";

    /// <summary>The service's ID.</summary>
    public string ServiceId { get; init; } = "";

    /// <summary>The service's name (when known).</summary>
    public string ServiceName { get; init; } = "";

    /// <summary>The replica slot (replicated services).</summary>
    public int? Slot { get; init; }

    /// <summary>The node's ID.</summary>
    public string NodeId { get; init; } = "";

    /// <summary>The node's host name (when known).</summary>
    public string NodeName { get; init; } = "";

    /// <summary>The image.</summary>
    public string Image { get; init; } = "";

    /// <summary>The state the orchestrator wants: <c>running</c>, <c>shutdown</c>, <c>ready</c>, <c>accepted</c>…</summary>
    public string DesiredState { get; init; } = "";

    /// <summary>The actual state: <c>new</c>, <c>pending</c>, <c>assigned</c>, <c>preparing</c>, <c>starting</c>, <c>running</c>, <c>complete</c>, <c>shutdown</c>, <c>failed</c>, <c>rejected</c>…</summary>
    public string State { get; init; } = "";

    /// <summary>When the actual state was reached (local time).</summary>
    public DateTime? StateChanged { get; init; }

    /// <summary>The engine's note on the state.</summary>
    public string? Message { get; init; }

    /// <summary>Why the task failed or was rejected.</summary>
    public string? Error { get; init; }

    /// <summary>The task's container, once it has one.</summary>
    public string? ContainerId { get; init; }

    /// <summary>The container's exit code, once it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Host-mode ports the task published.</summary>
    public IReadOnlyList<SwarmServicePort> Ports { get; init; } = Array.Empty<SwarmServicePort>();

    /// <summary>The task's addresses on its networks (CIDR).</summary>
    public IReadOnlyList<string> Addresses { get; init; } = Array.Empty<string>();

    /// <summary>When the task was created (local time).</summary>
    public DateTime? Created { get; init; }

    /// <summary>The engine answering.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The docker context it was listed through.</summary>
    public string? Context { get; init; }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}

/// <summary>A line a service's task wrote, as <c>docker service logs</c> shows it.</summary>
public sealed class SwarmServiceLogLine
{
    /// <summary>The text, without its line ending.</summary>
    public string Text { get; init; } = "";

    /// <summary>The stream it was written to.</summary>
    public ContainerStream Stream { get; init; }

    /// <summary>When the engine received it (with <c>-Timestamps</c>).</summary>
    public DateTime? Timestamp { get; init; }

    /// <summary>The service's name.</summary>
    public string ServiceName { get; init; } = "";

    /// <summary>The service's ID.</summary>
    public string ServiceId { get; init; } = "";

    /// <summary>The task's ID.</summary>
    public string TaskId { get; init; } = "";

    /// <summary>docker's task label: <c>service.slot.taskid</c> (12 characters of the ID).</summary>
    public string TaskName { get; init; } = "";

    /// <summary>The node's ID.</summary>
    public string NodeId { get; init; } = "";

    /// <summary>docker's line: <c>service.slot.taskid@node    | text</c> (with the time first when there is one).</summary>
    public override string ToString()
        => (Timestamp is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture) + " " : "")
           + TaskName + (NodeId.Length > 0 ? "@" + (NodeId.Length > 12 ? NodeId[..12] : NodeId) : "") + "    | " + Text;
}
