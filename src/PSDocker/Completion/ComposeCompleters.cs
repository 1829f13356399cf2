using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using PSDocker.Core;
using PSDocker.Core.Compose.Runtime;

namespace PSDocker.Completion;

/// <summary>The compose projects on the engine the command line names, read from labels: time-boxed, and nothing on any failure so Tab never hangs.</summary>
internal static class ComposeLookup
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public static IReadOnlyList<ComposeProjectState> Projects(IDictionary fakeBoundParameters, string? project = null)
    {
        try
        {
            DockerClient client = ContainerLookup.Engine(fakeBoundParameters);
            using var cts = new CancellationTokenSource(Budget);
            Task<IReadOnlyList<ComposeProjectState>> task = new ComposeRuntime(client).ListAsync(new ComposeListOptions { ProjectName = project }, cts.Token);
            return task.Wait(Budget) ? task.Result : Array.Empty<ComposeProjectState>();
        }
        catch (Exception)
        {
            return Array.Empty<ComposeProjectState>();
        }
    }

    public static IEnumerable<CompletionResult> Matching(IEnumerable<(string Name, string Tip)> candidates, string wordToComplete)
    {
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        foreach ((string name, string tip) in candidates)
        {
            if (pattern.IsMatch(name))
                yield return new CompletionResult(ContainerLookup.Quote(name), name, CompletionResultType.ParameterValue, tip);
        }
    }
}

/// <summary>Completes compose project names from the labels on the engine.</summary>
public sealed class ComposeProjectCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        => ComposeLookup.Matching(ComposeLookup.Projects(fakeBoundParameters).Select(p => (p.Name, $"{p.Name} {p.Status}")), wordToComplete);
}

/// <summary>Completes the service names of the project named by -Name (from the labels on the engine).</summary>
public sealed class ComposeServiceCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string? project = fakeBoundParameters["Name"] switch
        {
            string s => s,
            IEnumerable e => e.Cast<object?>().Select(o => o is PSObject p ? p.BaseObject : o).OfType<string>().FirstOrDefault(),
            _ => null,
        };
        if (string.IsNullOrEmpty(project)) return Array.Empty<CompletionResult>();
        return ComposeLookup.Matching(ComposeLookup.Projects(fakeBoundParameters, project).SelectMany(p => p.Services).Select(s => (s.Name, $"{s.Name} {s.Status}")), wordToComplete);
    }
}
