using System.Management.Automation;
using PSDocker.Core.Volumes;

namespace PSDocker.Commands;

/// <summary>Removes every volume no container uses (<c>docker volume prune</c>).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ContainerVolumePrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(VolumePruneResult))]
public sealed class InvokeContainerVolumePruneCommand : DockerCmdlet
{
    /// <summary>Only volumes with these labels (<c>key</c> or <c>key=value</c>); a leading '!' excludes instead.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>
    /// Named volumes too (<c>docker volume prune -a</c>). Engines with API 1.42 or later prune only anonymous volumes without it;
    /// Docker 20.10 (API 1.41) and Podman prune named and anonymous volumes alike, with or without it.
    /// </summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    protected override void EndProcessing()
    {
        // -WhatIf sends nothing, so it cannot ask the engine which kind of prune it does.
        bool whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? w) && w is SwitchParameter { IsPresent: true };
        bool namedToo = All || (!whatIf && Wait(ct => Client.Volumes.PrunesNamedVolumesAsync(ct)));
        string scope = (namedToo ? "all unused volumes, named and anonymous," : whatIf ? "all unused anonymous volumes (named ones too on Docker 20.10 and Podman)" : "all unused anonymous volumes")
            + (Label is { Length: > 0 } ? " with label " + string.Join(", ", Label) : "");
        if (!ShouldProcess($"{scope} on {ResolvedEndpoint}", "Remove")) return;
        var options = new VolumePruneOptions { Labels = Label ?? Array.Empty<string>(), All = All };
        WriteObject(Wait(ct => Client.Volumes.PruneAsync(options, ct)));
    }
}
