using System.Management.Automation;
using PSDocker.Core;

namespace PSDocker.Commands;

/// <summary>Describes engines (<c>docker version</c> + <c>docker info</c>): Docker or Podman, versions, counts, drivers.</summary>
[Cmdlet(VerbsCommon.Get, "ContainerEngine")]
[OutputType(typeof(ContainerEngine))]
public sealed class GetContainerEngineCommand : DockerCmdlet
{
    /// <summary>-Context a,b and several -Endpoint values describe every engine at once.</summary>
    protected override bool SupportsMultipleEngines => true;

    protected override void EndProcessing()
    {
        // GET /version and GET /info go out together, to every engine at once. One engine that cannot be reached is
        // a terminating error; with several, it is a non-terminating error naming it and the others still answer.
        foreach ((DockerClient _, ContainerEngine engine) in FanOut((client, ct) => client.System.GetEngineAsync(ct)))
            WriteObject(engine);
    }
}
