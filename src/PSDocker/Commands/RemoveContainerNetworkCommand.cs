using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Removes networks (<c>docker network rm</c>).</summary>
[Cmdlet(VerbsCommon.Remove, "ContainerNetwork", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class RemoveContainerNetworkCommand : NetworkTargetCmdlet
{
    protected override void ProcessRecord()
    {
        foreach (ContainerTarget target in Targets())
        {
            if (!ShouldProcess(target.IdOrName, "Remove network")) continue;
            DockerClient client = ClientFor(target.ObjectEndpoint, target.ObjectContext);
            try
            {
                Wait(ct => client.Networks.RemoveAsync(target.IdOrName, new(), ct));
            }
            catch (DockerApiException ex)
            {
                WriteError(DockerErrors.From(ex, ErrorNoun.Network, target.IdOrName, client.Endpoint.ToString(), ApiOperation.Remove));
            }
        }
    }
}
