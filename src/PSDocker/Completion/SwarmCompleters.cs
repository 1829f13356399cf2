using PSDocker.Core;

namespace PSDocker.Completion;

/// <summary>Completes swarm service names.</summary>
public sealed class SwarmServiceCompleter : NameCompleter<SwarmService>
{
    protected override Task<IReadOnlyList<SwarmService>> ListAsync(DockerClient client, CancellationToken cancellationToken)
        => client.Services.ListAsync(new PSDocker.Core.Swarm.ServiceListOptions { Status = false }, cancellationToken);

    protected override (string Name, string Tip) Describe(SwarmService s) => (s.Name, $"{s.Name} ({s.Image}, {s.Mode})");
}

/// <summary>Completes swarm node host names.</summary>
public sealed class SwarmNodeCompleter : NameCompleter<SwarmNode>
{
    protected override Task<IReadOnlyList<SwarmNode>> ListAsync(DockerClient client, CancellationToken cancellationToken)
        => client.Swarm.ListNodesAsync(new PSDocker.Core.Swarm.NodeListOptions(), cancellationToken);

    protected override (string Name, string Tip) Describe(SwarmNode n) => (n.Hostname, $"{n.Hostname} ({n.Role}, {n.State})");
}
