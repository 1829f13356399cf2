using System.Management.Automation;
using PSDocker.Core.Containers;

namespace PSDocker.Commands;

/// <summary>Removes all stopped containers (<c>docker container prune</c>).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ContainerPrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ContainerPruneResult))]
public sealed class InvokeContainerPruneCommand : PruneCmdlet
{
    protected override void EndProcessing()
    {
        if (!ShouldPrune("all stopped containers")) return;
        var options = new ContainerPruneOptions { Labels = Labels, Until = UntilTime };
        WriteObject(Wait(ct => Client.Containers.PruneAsync(options, ct)));
    }
}
