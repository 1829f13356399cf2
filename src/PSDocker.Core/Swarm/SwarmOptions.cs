namespace PSDocker.Core.Swarm;

/// <summary>Options of <see cref="SwarmOperations.InitAsync"/> (<c>docker swarm init</c>).</summary>
public sealed record SwarmInitOptions
{
    /// <summary>The address other nodes reach this manager at (<c>--advertise-addr</c>: an address, an interface, with or without a port).</summary>
    public string? AdvertiseAddress { get; init; }

    /// <summary>The address the manager listens on for the cluster (<c>--listen-addr</c>, default <c>0.0.0.0:2377</c>).</summary>
    public string ListenAddress { get; init; } = "0.0.0.0:2377";

    /// <summary>The address data traffic (VXLAN) goes over (<c>--data-path-addr</c>).</summary>
    public string? DataPathAddress { get; init; }

    /// <summary>The VXLAN UDP port (<c>--data-path-port</c>; null for 4789).</summary>
    public uint? DataPathPort { get; init; }

    /// <summary>Where overlay networks get their subnets (<c>--default-addr-pool</c>, CIDR).</summary>
    public IReadOnlyList<string> DefaultAddressPools { get; init; } = Array.Empty<string>();

    /// <summary>The prefix length of each overlay subnet (<c>--default-addr-pool-mask-length</c>; null for 24).</summary>
    public uint? SubnetSize { get; init; }

    /// <summary>Start a new cluster from this node's state after a disaster (<c>--force-new-cluster</c>).</summary>
    public bool ForceNewCluster { get; init; }

    /// <summary>Lock the managers' keys (<c>--autolock</c>).</summary>
    public bool AutoLock { get; init; }

    /// <summary>The default availability of this node (<c>active</c>, <c>pause</c>, <c>drain</c>).</summary>
    public string? Availability { get; init; }
}

/// <summary>Options of <see cref="SwarmOperations.JoinAsync"/> (<c>docker swarm join</c>).</summary>
public sealed record SwarmJoinOptions
{
    /// <summary>Managers of the swarm to join (<c>host:port</c>).</summary>
    public required IReadOnlyList<string> RemoteAddresses { get; init; }

    /// <summary>The worker or manager join token (decides the role).</summary>
    public required string JoinToken { get; init; }

    /// <summary>The address this node listens on (<c>--listen-addr</c>).</summary>
    public string ListenAddress { get; init; } = "0.0.0.0:2377";

    /// <summary>The address other nodes reach this node at.</summary>
    public string? AdvertiseAddress { get; init; }

    /// <summary>The address data traffic goes over.</summary>
    public string? DataPathAddress { get; init; }

    /// <summary>This node's availability.</summary>
    public string? Availability { get; init; }
}

/// <summary>Options of <see cref="SwarmOperations.LeaveAsync"/> (<c>docker swarm leave</c>).</summary>
public sealed record SwarmLeaveOptions
{
    /// <summary>Leave even as the last manager, which ends the swarm (<c>--force</c>).</summary>
    public bool Force { get; init; }
}

/// <summary>Options of <see cref="SwarmOperations.InspectAsync"/> (<c>docker swarm inspect</c>); the API has none.</summary>
public sealed record SwarmInspectOptions;

/// <summary>Options of <see cref="SwarmOperations.ListNodesAsync"/> (<c>docker node ls</c>).</summary>
public sealed record NodeListOptions
{
    /// <summary>Engine-side filters: <c>id</c>, <c>name</c>, <c>label</c>, <c>node.label</c>, <c>membership</c>, <c>role</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>Options of <see cref="SwarmOperations.InspectNodeAsync"/> (<c>docker node inspect</c>); the API has none.</summary>
public sealed record NodeInspectOptions;

/// <summary>Options of <see cref="SwarmOperations.ListTasksAsync"/> (<c>docker service ps</c>, <c>docker node ps</c>).</summary>
public sealed record TaskListOptions
{
    /// <summary>
    /// Engine-side filters: <c>id</c>, <c>name</c>, <c>label</c>, <c>service</c> (name or ID), <c>node</c>,
    /// <c>desired-state</c> (<c>running</c>, <c>shutdown</c>, <c>accepted</c>).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Also look up the services' and nodes' names (one service and one node list call), for the task views.</summary>
    public bool ResolveNames { get; init; } = true;
}

/// <summary>Options of <see cref="ServiceOperations.ListAsync"/> (<c>docker service ls</c>).</summary>
public sealed record ServiceListOptions
{
    /// <summary>Engine-side filters: <c>id</c>, <c>name</c>, <c>label</c>, <c>mode</c> (replicated|global).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Ask the engine for running and desired task counts (<c>status=true</c>, API 1.41).</summary>
    public bool Status { get; init; } = true;
}

/// <summary>Options of <see cref="ServiceOperations.InspectAsync"/> (<c>docker service inspect</c>).</summary>
public sealed record ServiceInspectOptions
{
    /// <summary>Fill the running and desired task counts (one task list call).</summary>
    public bool Status { get; init; } = true;
}

/// <summary>Options of <see cref="ServiceOperations.CreateAsync"/> (<c>docker service create</c>).</summary>
public sealed record ServiceCreateOptions
{
    /// <summary>The service.</summary>
    public required ServiceSpec Spec { get; init; }
}

/// <summary>
/// Options of <see cref="ServiceOperations.UpdateAsync"/> (<c>docker service update</c>, <c>docker service scale</c>,
/// <c>docker service rollback</c>). The current spec is read, the changes applied to it (fields PSDocker does not model are
/// kept as the engine sent them), and the result sent with the version it was read at.
/// </summary>
public sealed record ServiceUpdateOptions
{
    /// <summary>The version the changes apply to; null to use the version just read (a concurrent change then wins silently, as with the CLI).</summary>
    public ulong? Version { get; init; }

    /// <summary>Replace the whole spec (a stack deploy); the edits below apply on top of it.</summary>
    public ServiceSpec? Spec { get; init; }

    /// <summary>The new number of replicas (<c>--replicas</c>, <c>docker service scale</c>).</summary>
    public ulong? Replicas { get; init; }

    /// <summary>The new image (<c>--image</c>).</summary>
    public string? Image { get; init; }

    /// <summary>Variables to add or replace (<c>--env-add KEY=value</c>).</summary>
    public IReadOnlyList<string> EnvAdd { get; init; } = Array.Empty<string>();

    /// <summary>Variables to remove, by name (<c>--env-rm KEY</c>).</summary>
    public IReadOnlyList<string> EnvRemove { get; init; } = Array.Empty<string>();

    /// <summary>Labels to add or replace (<c>--label-add</c>).</summary>
    public IReadOnlyDictionary<string, string> LabelAdd { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels to remove (<c>--label-rm</c>).</summary>
    public IReadOnlyList<string> LabelRemove { get; init; } = Array.Empty<string>();

    /// <summary>Changes to the update policy: the fields set here replace the current ones (<c>--update-parallelism</c>, <c>--update-delay</c>…).</summary>
    public ServiceUpdatePolicy? UpdateConfig { get; init; }

    /// <summary>Changes to the rollback policy.</summary>
    public ServiceUpdatePolicy? RollbackConfig { get; init; }

    /// <summary>Published ports to add (a port with the same published port and protocol is replaced).</summary>
    public IReadOnlyList<ServicePort> PortAdd { get; init; } = Array.Empty<ServicePort>();

    /// <summary>Published ports to remove (by published port, <c>--publish-rm</c>).</summary>
    public IReadOnlyList<int> PortRemove { get; init; } = Array.Empty<int>();

    /// <summary>Restart every task even when nothing else changed (<c>--force</c>).</summary>
    public bool ForceRestart { get; init; }

    /// <summary>Go back to the previous spec (<c>--rollback</c>); no other change may be given.</summary>
    public bool Rollback { get; init; }
}

/// <summary>What an update sent: the engine's warnings.</summary>
public sealed record ServiceUpdateResult(IReadOnlyList<string> Warnings);

/// <summary>What a create made: the new service's ID and the engine's warnings.</summary>
public sealed record ServiceCreateResult(string Id, IReadOnlyList<string> Warnings);

/// <summary>Options of <see cref="ServiceOperations.RemoveAsync"/> (<c>docker service rm</c>); the API has none.</summary>
public sealed record ServiceRemoveOptions;

/// <summary>Options of <see cref="ServiceOperations.LogsAsync"/> (<c>docker service logs</c>).</summary>
public sealed record ServiceLogsOptions
{
    /// <summary>Keep the stream open for new lines (<c>--follow</c>).</summary>
    public bool Follow { get; init; }

    /// <summary>Only the last N lines of each task; null or negative for all.</summary>
    public int? Tail { get; init; }

    /// <summary>Prefix each line with its time (<c>--timestamps</c>).</summary>
    public bool Timestamps { get; init; }

    /// <summary>Only lines since this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Standard output.</summary>
    public bool StdOut { get; init; } = true;

    /// <summary>Standard error.</summary>
    public bool StdErr { get; init; } = true;
}

/// <summary>Options of <see cref="ServiceOperations.WaitConvergedAsync"/> (what <c>docker service create</c> waits for by default).</summary>
public sealed record ServiceWaitOptions
{
    /// <summary>How often the tasks are read.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Called with each new task-count reading (for progress).</summary>
    public Action<ServiceConvergence>? Progress { get; init; }

    /// <summary>The service version to wait for: tasks of older specs do not count (after an update).</summary>
    public ulong? SinceVersion { get; init; }
}

/// <summary>One reading of a service's convergence: how many of its tasks run, of how many wanted.</summary>
/// <param name="Running">Tasks running the current spec.</param>
/// <param name="Desired">Tasks wanted (replicas, or the eligible nodes of a global service).</param>
/// <param name="UpdateState">The rolling update's state (<c>updating</c>, <c>completed</c>, <c>paused</c>, <c>rollback_*</c>), or null.</param>
/// <param name="Failure">The last task error, when tasks fail to start.</param>
public sealed record ServiceConvergence(int Running, int Desired, string? UpdateState, string? Failure);
