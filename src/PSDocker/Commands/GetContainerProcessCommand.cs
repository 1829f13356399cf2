using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists the processes running in containers (<c>docker top</c>).</summary>
[Cmdlet(VerbsCommon.Get, "ContainerProcess", DefaultParameterSetName = ByName)]
[OutputType(typeof(ContainerProcess))]
public sealed class GetContainerProcessCommand : ContainerTargetCmdlet
{
    /// <summary>Arguments for the engine's <c>ps</c> (<c>aux</c>, <c>-o pid,user,comm</c>), as after <c>docker top NAME</c>.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[]? Arguments { get; set; }

    protected override void ProcessRecord()
    {
        var options = new ContainerTopOptions { PsArguments = Arguments is { Length: > 0 } a ? string.Join(' ', a) : null };
        foreach (ContainerTarget target in Targets())
        {
            DockerClient client = ClientFor(target);
            try
            {
                Container container = target.Display as Container
                    ?? Wait(ct => client.Containers.InspectAsync(target.IdOrName, new(), ct));
                foreach (ContainerProcess process in Wait(ct => client.Containers.TopAsync(container, options, ct)))
                    WriteObject(process);
            }
            catch (DockerApiException ex)
            {
                WriteContainerError(ex, target.Display, client, ApiOperation.Inspect);
            }
        }
    }
}
