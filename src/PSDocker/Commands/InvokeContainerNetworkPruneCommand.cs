using System.Management.Automation;
using PSDocker.Core.Networks;

namespace PSDocker.Commands;

/// <summary>Removes every network no container uses (<c>docker network prune</c>); the engine's own networks stay.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ContainerNetworkPrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(NetworkPruneResult))]
public sealed class InvokeContainerNetworkPruneCommand : PruneCmdlet
{
    protected override void EndProcessing()
    {
        if (!ShouldPrune("all unused networks")) return;
        var options = new NetworkPruneOptions { Labels = Labels, Until = UntilTime };
        WriteObject(Wait(ct => Client.Networks.PruneAsync(options, ct)));
    }
}
