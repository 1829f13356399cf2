using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using PSDocker.Core.Compose;

namespace PSDocker.Completion;

/// <summary>Completes -Profile with the profiles the compose files on the command line (or found from the current directory) declare.</summary>
public sealed class ComposeProfileCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<string> profiles;
        try
        {
            string[] paths = fakeBoundParameters["Path"] switch
            {
                string s => new[] { s },
                IEnumerable e => e.Cast<object?>().Select(o => o is PSObject p ? p.BaseObject : o).OfType<string>().ToArray(),
                _ => Array.Empty<string>(),
            };
            string cwd = CurrentDirectory();
            var project = ComposeLoader.Load(new ComposeLoadOptions
            {
                Paths = paths.Select(p => System.IO.Path.IsPathRooted(p) ? p : System.IO.Path.Combine(cwd, p)).ToArray(),
                ProjectDirectory = fakeBoundParameters["ProjectDirectory"] as string,
                Profiles = new[] { "*" },
                CurrentDirectory = cwd,
            });
            profiles = project.Services.Values.Concat(project.DisabledServices.Values).SelectMany(s => s.Profiles)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception)
        {
            yield break;
        }
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        foreach (string profile in profiles)
            if (pattern.IsMatch(profile))
                yield return new CompletionResult(ContainerLookup.Quote(profile), profile, CompletionResultType.ParameterValue, profile);
    }

    /// <summary>The current PowerShell file system location (completion runs on the pipeline thread), else the process's.</summary>
    private static string CurrentDirectory()
    {
        try
        {
            // Completion runs on the pipeline thread of the session: a script block sees its location.
            var result = ScriptBlock.Create("(Get-Location -PSProvider FileSystem).ProviderPath").Invoke();
            return result.Count > 0 && result[0]?.BaseObject is string path ? path : Directory.GetCurrentDirectory();
        }
        catch (Exception)
        {
            return Directory.GetCurrentDirectory();
        }
    }
}
