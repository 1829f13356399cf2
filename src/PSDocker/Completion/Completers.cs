using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using PSDocker.Core;
using PSDocker.Core.Containers;

namespace PSDocker.Completion;

/// <summary>Shared lookup for the container completers: time-boxed, and silent on any failure so Tab never hangs.</summary>
internal static class ContainerLookup
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public static IReadOnlyList<Container> List(IDictionary fakeBoundParameters)
    {
        try
        {
            DockerClient client = ContainerLookup.Engine(fakeBoundParameters);
            using var cts = new CancellationTokenSource(Budget);
            Task<IReadOnlyList<Container>> task = client.Containers.ListAsync(new ContainerListOptions(), cts.Token);
            return task.Wait(Budget) ? task.Result : Array.Empty<Container>();
        }
        catch (Exception)
        {
            return Array.Empty<Container>();
        }
    }

    /// <summary>The (first) engine the command line names with -Endpoint, -Context and the TLS parameters, else the current one.</summary>
    public static DockerClient Engine(IDictionary fakeBoundParameters)
    {
        static string[] Values(object? value) => value switch
        {
            null => Array.Empty<string>(),
            string s => new[] { s },
            IEnumerable e => e.Cast<object?>().Select(o => o is PSObject p ? p.BaseObject : o).OfType<string>().Take(1).ToArray(),
            _ => new[] { value.ToString() ?? "" },
        };
        var request = new PSDocker.Core.Contexts.EngineRequest
        {
            Endpoints = Values(fakeBoundParameters["Endpoint"]).Take(1).ToArray(),
            Contexts = Values(fakeBoundParameters["Context"]).Take(1).ToArray(),
            TlsCertificatePath = fakeBoundParameters["TlsCertificatePath"] as string,
            SkipCertificateCheck = fakeBoundParameters["SkipCertificateCheck"] is SwitchParameter { IsPresent: true } or true,
        };
        return DockerClient.Get(PSDocker.Core.Contexts.EngineResolver.Resolve(request)[0]);
    }

    public static string Quote(string value) => value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '&', '@', '#' }) >= 0
        ? "'" + value.Replace("'", "''") + "'"
        : value;
}

/// <summary>Completes container names.</summary>
public sealed class ContainerCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        foreach (Container c in ContainerLookup.List(fakeBoundParameters).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (pattern.IsMatch(c.Name))
                yield return new CompletionResult(ContainerLookup.Quote(c.Name), c.Name, CompletionResultType.ParameterValue, $"{c.Name} ({c.ShortId}) {c.State} {c.Image}");
        }
    }
}

/// <summary>Completes container IDs (short form).</summary>
public sealed class ContainerIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = wordToComplete.Trim('\'', '"');
        foreach (Container c in ContainerLookup.List(fakeBoundParameters))
        {
            if (c.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(c.ShortId, c.ShortId, CompletionResultType.ParameterValue, $"{c.ShortId} {c.Name} {c.State}");
        }
    }
}

/// <summary>Completes restart policies.</summary>
public sealed class RestartPolicyCompleter : IArgumentCompleter
{
    private static readonly string[] Policies = { "no", "always", "unless-stopped", "on-failure", "on-failure:3" };

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        => Policies.Where(p => p.StartsWith(wordToComplete, StringComparison.OrdinalIgnoreCase))
            .Select(p => new CompletionResult(p, p, CompletionResultType.ParameterValue, p));
}

/// <summary>Completes endpoints: DOCKER_HOST and the platform default.</summary>
public sealed class EndpointCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? candidate in new[] { System.Environment.GetEnvironmentVariable("DOCKER_HOST"), OperatingSystem.IsWindows() ? DockerEndpoint.DefaultNamedPipe : DockerEndpoint.DefaultUnix })
        {
            if (!string.IsNullOrEmpty(candidate) && candidate.StartsWith(wordToComplete, StringComparison.OrdinalIgnoreCase) && seen.Add(candidate))
                yield return new CompletionResult(candidate, candidate, CompletionResultType.ParameterValue, candidate);
        }
    }
}

/// <summary>Completes image names (repository:tag), time-boxed.</summary>
public sealed class ImageCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<Image> images;
        try
        {
            DockerClient client = ContainerLookup.Engine(fakeBoundParameters);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            Task<IReadOnlyList<Image>> task = client.Images.ListAsync(new PSDocker.Core.Images.ImageListOptions(), cts.Token);
            images = task.Wait(TimeSpan.FromSeconds(2)) ? task.Result : Array.Empty<Image>();
        }
        catch (Exception)
        {
            images = Array.Empty<Image>();
        }
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        foreach (string name in images.Where(i => i.Repository != "<none>").Select(i => i.Name).Distinct().OrderBy(n => n, StringComparer.OrdinalIgnoreCase))
        {
            if (pattern.IsMatch(name))
                yield return new CompletionResult(ContainerLookup.Quote(name), name, CompletionResultType.ParameterValue, name);
        }
    }
}

/// <summary>Completes docker context names ("default" and the stored ones); reads only the local store.</summary>
public sealed class ContextCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<PSDocker.Core.Contexts.DockerContextInfo> stored;
        try
        {
            stored = PSDocker.Core.Contexts.EngineEnvironment.Current.Store.List();
        }
        catch (Exception)
        {
            stored = Array.Empty<PSDocker.Core.Contexts.DockerContextInfo>();
        }
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string name, string tip) in new[] { (PSDocker.Core.Contexts.ContextStore.DefaultContextName, "-Endpoint, DOCKER_HOST or the platform default") }
                     .Concat(stored.Select(c => (c.Name, c.Host.Length > 0 ? c.Host : c.Description))))
        {
            if (pattern.IsMatch(name) && seen.Add(name))
                yield return new CompletionResult(ContainerLookup.Quote(name), name, CompletionResultType.ParameterValue, tip.Length > 0 ? tip : name);
        }
    }
}
