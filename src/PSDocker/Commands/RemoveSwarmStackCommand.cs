using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Swarm.Stack;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Removes stacks (<c>docker stack rm</c>): the services, secrets, configs and networks carrying the stack's namespace label,
/// in that order; a network is retried while the removed services' task containers still hold it.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SwarmStack", SupportsShouldProcess = true)]
[OutputType(typeof(SwarmStackChange))]
public sealed class RemoveSwarmStackCommand : DockerCmdlet
{
    /// <summary>Stack names; binds from Get-SwarmStack output and from strings.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Stack")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SwarmStackCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Write the objects removed (SwarmStackChange) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var options = new StackRemoveOptions();
        foreach (string stack in Name)
        {
            IReadOnlyList<SwarmStackChange> objects;
            try
            {
                objects = Wait(ct => Client.Stacks.PlanRemoveAsync(stack, options, ct));
            }
            catch (DockerApiException ex)
            {
                WriteError(DockerErrors.From(ex, ErrorNoun.Stack, stack, ResolvedEndpoint.ToString(), ApiOperation.Remove));
                continue;
            }
            if (objects.Count == 0)
            {
                var ex = new ItemNotFoundException($"Nothing on {Describe(ResolvedEndpoint)} belongs to a stack named '{stack}'.");
                WriteError(DockerErrors.Record(ex, "StackNotFound", ErrorCategory.ObjectNotFound, stack, ex.Message, "List the stacks with Get-SwarmStack."));
                continue;
            }
            foreach (SwarmStackChange o in objects)
            {
                if (!ShouldProcess(o.Name, $"Remove {o.Kind.ToString().ToLowerInvariant()} of stack {stack}")) continue;
                try
                {
                    Wait(ct => Client.Stacks.RemoveAsync(o, options, ct));
                    if (PassThru) WriteObject(o);
                }
                catch (DockerApiException ex)
                {
                    WriteError(DockerErrors.From(ex, ErrorNoun.Stack, o.Name, ResolvedEndpoint.ToString(), ApiOperation.Remove));
                }
            }
        }
    }
}
