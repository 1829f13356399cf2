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

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
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
