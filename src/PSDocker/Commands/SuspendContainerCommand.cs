using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Pauses containers (<c>docker pause</c>).</summary>
[Cmdlet(VerbsLifecycle.Suspend, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class SuspendContainerCommand : ContainerActionCmdlet
{
    /// <summary>Returns each container after it was paused.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ActionName => "Pause container processes";

    private protected override ApiOperation ErrorAction => ApiOperation.Pause;

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        try
        {
            await client.Containers.PauseAsync(target.IdOrName, new(), ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.IsKind(ApiErrorKind.Conflict))
        {
            // Pausing a paused container is not an error; pausing a stopped one is.
            Container now = await client.Containers.InspectAsync(target.IdOrName, new(), ct).ConfigureAwait(false);
            if (now.State != ContainerState.Paused) throw;
            return PassThru ? now : null;
        }
        return PassThru ? await client.Containers.InspectAsync(target.IdOrName, new(), ct).ConfigureAwait(false) : null;
    }
}
