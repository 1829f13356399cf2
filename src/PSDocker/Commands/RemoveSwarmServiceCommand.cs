using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Removes swarm services; the engine stops their tasks and removes their containers (<c>docker service rm</c>).</summary>
[Cmdlet(VerbsCommon.Remove, "SwarmService", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class RemoveSwarmServiceCommand : SwarmServiceTargetCmdlet
{
    protected override void ProcessRecord()
    {
        foreach (ContainerTarget target in Targets())
        {
            if (!ShouldProcess(target.Display.ToString(), "Remove swarm service")) continue;
            DockerClient client = ClientFor(target.ObjectEndpoint, target.ObjectContext);
            try
            {
                Wait(ct => client.Services.RemoveAsync(target.IdOrName, new(), ct));
            }
            catch (DockerApiException ex)
            {
                WriteServiceError(ex, target.Display, client, ApiOperation.Remove);
            }
        }
    }
}
