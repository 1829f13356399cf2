using PSDocker.Core;

namespace PSDocker.Completion;

/// <summary>Completes stack names.</summary>
public sealed class SwarmStackCompleter : NameCompleter<SwarmStack>
{
    protected override Task<IReadOnlyList<SwarmStack>> ListAsync(DockerClient client, CancellationToken cancellationToken)
        => client.Stacks.ListAsync(new PSDocker.Core.Swarm.Stack.StackListOptions(), cancellationToken);

    protected override (string Name, string Tip) Describe(SwarmStack s) => (s.Name, $"{s.Name} ({s.Services} services)");
}
