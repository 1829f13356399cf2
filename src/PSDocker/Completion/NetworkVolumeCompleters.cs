using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using PSDocker.Core;

namespace PSDocker.Completion;

/// <summary>A name completer over one time-boxed list call (silent on any failure so Tab never hangs).</summary>
public abstract class NameCompleter<T> : IArgumentCompleter
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    /// <summary>The list call.</summary>
    protected abstract Task<IReadOnlyList<T>> ListAsync(DockerClient client, CancellationToken cancellationToken);

    /// <summary>The name to complete and the tooltip of an item.</summary>
    protected abstract (string Name, string Tip) Describe(T item);

    public virtual IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<T> items;
        try
        {
            DockerClient client = ContainerLookup.Engine(fakeBoundParameters);
            using var cts = new CancellationTokenSource(Budget);
            Task<IReadOnlyList<T>> task = ListAsync(client, cts.Token);
            items = task.Wait(Budget) ? task.Result : Array.Empty<T>();
        }
        catch (Exception)
        {
            items = Array.Empty<T>();
        }
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        foreach ((string name, string tip) in items.Select(Describe).OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (pattern.IsMatch(name))
                yield return new CompletionResult(ContainerLookup.Quote(name), name, CompletionResultType.ParameterValue, tip);
        }
    }
}

/// <summary>Completes network names.</summary>
public sealed class NetworkCompleter : NameCompleter<Network>
{
    protected override Task<IReadOnlyList<Network>> ListAsync(DockerClient client, CancellationToken cancellationToken)
        => client.Networks.ListAsync(new PSDocker.Core.Networks.NetworkListOptions { IncludeContainers = false }, cancellationToken);

    protected override (string Name, string Tip) Describe(Network n) => (n.Name, $"{n.Name} ({n.Driver}{(n.Subnet is null ? "" : ", " + n.Subnet)})");
}

/// <summary>Completes volume names.</summary>
public sealed class VolumeCompleter : NameCompleter<Volume>
{
    protected override Task<IReadOnlyList<Volume>> ListAsync(DockerClient client, CancellationToken cancellationToken)
        => client.Volumes.ListAsync(new PSDocker.Core.Volumes.VolumeListOptions { IncludeUsage = false }, cancellationToken);

    protected override (string Name, string Tip) Describe(Volume v) => (v.Name, $"{v.Name} ({v.Driver})");
}

/// <summary>Completes secret names (on *-SwarmSecret) or config names (on *-SwarmConfig).</summary>
public sealed class SwarmObjectCompleter : NameCompleter<(string Name, string Tip)>
{
    private bool _configs;

    protected override async Task<IReadOnlyList<(string Name, string Tip)>> ListAsync(DockerClient client, CancellationToken cancellationToken)
    {
        if (_configs)
        {
            IReadOnlyList<SwarmConfig> configs = await client.Configs.ListAsync(new PSDocker.Core.Swarm.ConfigListOptions(), cancellationToken).ConfigureAwait(false);
            return configs.Select(c => (c.Name, $"{c.Name} (config, {c.Size} bytes)")).ToArray();
        }
        IReadOnlyList<SwarmSecret> secrets = await client.Secrets.ListAsync(new PSDocker.Core.Swarm.SecretListOptions(), cancellationToken).ConfigureAwait(false);
        return secrets.Select(s => (s.Name, $"{s.Name} (secret)")).ToArray();
    }

    protected override (string Name, string Tip) Describe((string Name, string Tip) item) => item;

    public override IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        _configs = commandName.EndsWith("SwarmConfig", StringComparison.OrdinalIgnoreCase);
        return base.CompleteArgument(commandName, parameterName, wordToComplete, commandAst, fakeBoundParameters);
    }
}
