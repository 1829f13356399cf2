using System.Management.Automation;
using PSDocker.Core.Containers;

namespace PSDocker.Commands;

/// <summary>Removes all stopped containers (<c>docker container prune</c>).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ContainerPrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ContainerPruneResult))]
public sealed class InvokeContainerPruneCommand : DockerCmdlet
{
    /// <summary>Only containers with these labels (<c>key</c> or <c>key=value</c>); a leading '!' excludes instead.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Only containers created before this time (a DateTime, a TimeSpan, or '10m', '2h', …).</summary>
    [Parameter]
    [PointInTimeTransformation]
    public DateTime? Until { get; set; }

    protected override void EndProcessing()
    {
        string scope = (Label is { Length: > 0 } ? " with label " + string.Join(", ", Label) : "") + (Until is { } u ? $" created before {u:u}" : "");
        if (!ShouldProcess($"all stopped containers{scope} on {ResolvedEndpoint}", "Remove")) return;
        var options = new ContainerPruneOptions
        {
            Labels = Label ?? Array.Empty<string>(),
            Until = Until is { } until ? new DateTimeOffset(until) : null,
        };
        WriteObject(Wait(ct => Client.Containers.PruneAsync(options, ct)));
    }
}
