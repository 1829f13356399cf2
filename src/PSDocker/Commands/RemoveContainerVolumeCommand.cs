using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Volumes;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Removes volumes (<c>docker volume rm</c>); a volume a container uses is never removed.</summary>
[Cmdlet(VerbsCommon.Remove, "ContainerVolume", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class RemoveContainerVolumeCommand : VolumeTargetCmdlet
{
    /// <summary>Remove it from the engine even when its driver fails to clean up (<c>docker volume rm -f</c>); it does not remove a volume in use.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        foreach (ContainerTarget target in Targets())
        {
            if (!ShouldProcess(target.IdOrName, "Remove volume")) continue;
            DockerClient client = ClientFor(target.ObjectEndpoint, target.ObjectContext);
            try
            {
                Wait(ct => client.Volumes.RemoveAsync(target.IdOrName, new VolumeRemoveOptions { Force = Force }, ct));
            }
            catch (DockerApiException ex)
            {
                WriteError(DockerErrors.From(ex, ErrorNoun.Volume, target.IdOrName, client.Endpoint.ToString(), ApiOperation.Remove));
            }
        }
    }
}
