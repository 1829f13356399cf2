using System.Management.Automation;
using PSDocker.Core.Compose.Runtime;

namespace PSDocker.Commands;

/// <summary>Lists the compose projects on the engine with their services and containers (<c>docker compose ls -a</c> + <c>ps -a</c>).</summary>
[Cmdlet(VerbsCommon.Get, "ComposeProject")]
[OutputType(typeof(ComposeProjectState))]
public sealed class GetComposeProjectCommand : ComposeCmdlet
{
    private readonly List<string> _names = new();

    /// <summary>Project names; wildcards allowed. Binds from objects with a Name or Project property (Start-ComposeProject's results).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Project", "ProjectName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.ComposeProjectCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        if (Name is null) return;
        foreach (string n in Name) if (!_names.Contains(n)) _names.Add(n);
    }

    protected override void EndProcessing()
    {
        // One exact name is one filtered call; wildcards and several names filter the full list here.
        string? exact = _names.Count == 1 && !WildcardPattern.ContainsWildcardCharacters(_names[0]) ? _names[0] : null;
        IReadOnlyList<ComposeProjectState> projects = Wait(ct => Runtime.ListAsync(new ComposeListOptions { ProjectName = exact }, ct));
        var names = NameFilter.Wildcards(_names);
        foreach (ComposeProjectState p in projects)
        {
            if (names.Match(p.Name)) WriteObject(p);
        }
        foreach (string n in names.Unmatched())
        {
            WriteError(Errors.ComposeRuntimeErrors.ProjectNotFound(n, Client.Endpoint.ToString()));
        }
    }
}
