using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Removes containers (<c>docker rm</c>).</summary>
[Cmdlet(VerbsCommon.Remove, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class RemoveContainerCommand : ContainerActionCmdlet
{
    /// <summary>Kill and remove running containers (<c>docker rm -f</c>).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Also remove the containers' anonymous volumes (<c>docker rm -v</c>).</summary>
    [Parameter]
    public SwitchParameter Volumes { get; set; }

    protected override string ActionName => Force ? "Remove container (killing it if it runs)" : "Remove container";

    private protected override ApiOperation ErrorAction => ApiOperation.Remove;

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        await client.Containers.RemoveAsync(target.IdOrName, new ContainerRemoveOptions { Force = Force, Volumes = Volumes }, ct).ConfigureAwait(false);
        return null;
    }
}
