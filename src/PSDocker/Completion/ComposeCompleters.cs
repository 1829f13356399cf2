using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using PSDocker.Core;
using PSDocker.Core.Compose.Runtime;

namespace PSDocker.Completion;

/// <summary>Completes compose project names from the labels on the engine, time-boxed.</summary>
public sealed class ComposeProjectCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<ComposeProjectState> projects;
        try
        {
            DockerClient client = ContainerLookup.Engine(fakeBoundParameters);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            Task<IReadOnlyList<ComposeProjectState>> task = new ComposeRuntime(client).ListAsync(new ComposeListOptions(), cts.Token);
            projects = task.Wait(TimeSpan.FromSeconds(2)) ? task.Result : Array.Empty<ComposeProjectState>();
        }
        catch (Exception)
        {
            projects = Array.Empty<ComposeProjectState>();
        }
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        foreach (ComposeProjectState p in projects)
        {
            if (pattern.IsMatch(p.Name))
                yield return new CompletionResult(ContainerLookup.Quote(p.Name), p.Name, CompletionResultType.ParameterValue, $"{p.Name} {p.Status}");
        }
    }
}

/// <summary>Completes the service names of the project named by -Name (from the labels on the engine), time-boxed.</summary>
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
        if (string.IsNullOrEmpty(project)) yield break;
        IReadOnlyList<ComposeProjectState> projects;
        try
        {
            DockerClient client = ContainerLookup.Engine(fakeBoundParameters);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            Task<IReadOnlyList<ComposeProjectState>> task = new ComposeRuntime(client).ListAsync(new ComposeListOptions { ProjectName = project }, cts.Token);
            projects = task.Wait(TimeSpan.FromSeconds(2)) ? task.Result : Array.Empty<ComposeProjectState>();
        }
        catch (Exception)
        {
            projects = Array.Empty<ComposeProjectState>();
        }
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        foreach (ComposeServiceState s in projects.SelectMany(p => p.Services))
        {
            if (pattern.IsMatch(s.Name))
                yield return new CompletionResult(ContainerLookup.Quote(s.Name), s.Name, CompletionResultType.ParameterValue, $"{s.Name} {s.Status}");
        }
    }
}
