using System.Management.Automation;
using PSDocker.Core.Networks;

namespace PSDocker.Commands;

/// <summary>Removes every network no container uses (<c>docker network prune</c>); the engine's own networks stay.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ContainerNetworkPrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(NetworkPruneResult))]
public sealed class InvokeContainerNetworkPruneCommand : DockerCmdlet
{
    /// <summary>Only networks with these labels (<c>key</c> or <c>key=value</c>); a leading '!' excludes instead.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Only networks created before this time (a DateTime, a TimeSpan, or '10m', '2h', …).</summary>
    [Parameter]
    [PointInTimeTransformation]
    public DateTime? Until { get; set; }

    protected override void EndProcessing()
    {
        string scope = (Label is { Length: > 0 } ? " with label " + string.Join(", ", Label) : "") + (Until is { } u ? $" created before {u:u}" : "");
        if (!ShouldProcess($"all unused networks{scope} on {ResolvedEndpoint}", "Remove")) return;
        var options = new NetworkPruneOptions
        {
            Labels = Label ?? Array.Empty<string>(),
            Until = Until is { } until ? new DateTimeOffset(until) : null,
        };
        WriteObject(Wait(ct => Client.Networks.PruneAsync(options, ct)));
    }
}
