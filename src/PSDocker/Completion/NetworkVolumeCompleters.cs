using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using PSDocker.Core;

namespace PSDocker.Completion;

/// <summary>Completes network names, time-boxed (silent on any failure so Tab never hangs).</summary>
public sealed class NetworkCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<Network> networks;
        try
        {
            DockerClient client = ContainerLookup.Engine(fakeBoundParameters);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            Task<IReadOnlyList<Network>> task = client.Networks.ListAsync(new PSDocker.Core.Networks.NetworkListOptions { IncludeContainers = false }, cts.Token);
            networks = task.Wait(TimeSpan.FromSeconds(2)) ? task.Result : Array.Empty<Network>();
        }
        catch (Exception)
        {
            networks = Array.Empty<Network>();
        }
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        foreach (Network n in networks.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (pattern.IsMatch(n.Name))
                yield return new CompletionResult(ContainerLookup.Quote(n.Name), n.Name, CompletionResultType.ParameterValue, $"{n.Name} ({n.Driver}{(n.Subnet is null ? "" : ", " + n.Subnet)})");
        }
    }
}

/// <summary>Completes volume names, time-boxed (silent on any failure so Tab never hangs).</summary>
public sealed class VolumeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<Volume> volumes;
        try
        {
            DockerClient client = ContainerLookup.Engine(fakeBoundParameters);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            Task<IReadOnlyList<Volume>> task = client.Volumes.ListAsync(new PSDocker.Core.Volumes.VolumeListOptions { IncludeUsage = false }, cts.Token);
            volumes = task.Wait(TimeSpan.FromSeconds(2)) ? task.Result : Array.Empty<Volume>();
        }
        catch (Exception)
        {
            volumes = Array.Empty<Volume>();
        }
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        foreach (Volume v in volumes)
        {
            if (pattern.IsMatch(v.Name))
                yield return new CompletionResult(ContainerLookup.Quote(v.Name), v.Name, CompletionResultType.ParameterValue, $"{v.Name} ({v.Driver})");
        }
    }
}
