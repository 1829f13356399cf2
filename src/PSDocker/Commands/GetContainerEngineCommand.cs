using System.Management.Automation;
using PSDocker.Core;

namespace PSDocker.Commands;

/// <summary>Describes the engine (<c>docker version</c> + <c>docker info</c>): Docker or Podman, versions, counts, drivers.</summary>
[Cmdlet(VerbsCommon.Get, "ContainerEngine")]
[OutputType(typeof(ContainerEngine))]
public sealed class GetContainerEngineCommand : DockerCmdlet
{
    protected override void EndProcessing()
    {
        // GET /version and GET /info go out together; an engine that cannot be reached is one terminating error (Wait).
        WriteObject(Wait(ct => Client.System.GetEngineAsync(ct)));
    }
}
