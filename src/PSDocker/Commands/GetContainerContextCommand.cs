using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core.Contexts;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists the docker contexts (<c>docker context ls</c>): name, endpoint, TLS, and which one is current.</summary>
/// <remarks>Reads the contexts store only; no engine is contacted.</remarks>
[Cmdlet(VerbsCommon.Get, "ContainerContext")]
[OutputType(typeof(ContainerContext))]
public sealed class GetContainerContextCommand : PSCmdlet
{
    private readonly List<string> _names = new();

    /// <summary>Context names; wildcards are allowed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        if (Name is not null) _names.AddRange(Name);
    }

    protected override void EndProcessing()
    {
        IReadOnlyList<ContainerContext> contexts = ContextLister.List();
        var names = NameFilter.Wildcards(_names);
        foreach (ContainerContext context in contexts)
        {
            if (names.Match(context.Name)) WriteObject(context);
        }
        foreach (string name in names.Unmatched())
        {
            var ex = new ItemNotFoundException($"No docker context named '{name}' in {EngineEnvironment.Current.Store.ContextsDirectory}.");
            WriteError(DockerErrors.Record(ex, "ContextNotFound", ErrorCategory.ObjectNotFound, name, ex.Message,
                "List the contexts with Get-ContainerContext; create them with 'docker context create'."));
        }
    }
}
