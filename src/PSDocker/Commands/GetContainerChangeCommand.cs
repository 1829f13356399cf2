using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;

namespace PSDocker.Commands;

/// <summary>Lists the files and folders that changed in containers' file systems (<c>docker diff</c>).</summary>
[Cmdlet(VerbsCommon.Get, "ContainerChange", DefaultParameterSetName = ByName)]
[OutputType(typeof(ContainerChange))]
public sealed class GetContainerChangeCommand : ContainerTargetCmdlet
{
    /// <summary>Only changes of these kinds.</summary>
    [Parameter]
    public ContainerChangeKind[]? Kind { get; set; }

    protected override void ProcessRecord()
    {
        foreach (ContainerTarget target in Targets())
        {
            DockerClient client = ClientFor(target);
            try
            {
                Container container = target.Display as Container
                    ?? Wait(ct => client.Containers.InspectAsync(target.IdOrName, new(), ct));
                foreach (ContainerChange change in Wait(ct => client.Containers.ChangesAsync(container, new ContainerChangesOptions(), ct)))
                {
                    if (Kind is null || Kind.Contains(change.Kind)) WriteObject(change);
                }
            }
            catch (DockerApiException ex)
            {
                WriteContainerError(ex, target.Display, client);
            }
        }
    }
}
