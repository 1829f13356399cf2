using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Swarm.Stack;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists the stacks of a swarm (<c>docker stack ls</c>): each namespace label its services carry, with their count.</summary>
[Cmdlet(VerbsCommon.Get, "SwarmStack")]
[OutputType(typeof(SwarmStack))]
public sealed class GetSwarmStackCommand : DockerCmdlet
{
    private readonly List<string> _names = new();

    /// <summary>Stack names; wildcards are allowed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Stack")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SwarmStackCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        if (Name is not null) _names.AddRange(Name);
    }

    protected override void EndProcessing()
    {
        IReadOnlyList<SwarmStack> stacks;
        try
        {
            stacks = Wait(ct => Client.Stacks.ListAsync(new StackListOptions(), ct));
        }
        catch (DockerApiException ex)
        {
            ThrowTerminatingError(DockerErrors.From(ex, ErrorNoun.Stack, string.Join(",", _names), ResolvedEndpoint.ToString()));
            return;
        }
        var names = NameFilter.Wildcards(_names);
        foreach (SwarmStack stack in stacks)
            if (names.Match(stack.Name)) WriteObject(stack);
        foreach (string name in names.Unmatched())
        {
            var ex = new ItemNotFoundException($"No stack named '{name}' on {Describe(ResolvedEndpoint)}.");
            WriteError(DockerErrors.Record(ex, "StackNotFound", ErrorCategory.ObjectNotFound, name, ex.Message, "List the stacks with Get-SwarmStack, or use a wildcard."));
        }
    }
}
