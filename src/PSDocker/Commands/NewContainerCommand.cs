using System.Management.Automation;
using System.Text.RegularExpressions;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Core.Images;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Creates a container without starting it (<c>docker create</c>).</summary>
[Cmdlet(VerbsCommon.New, "Container", SupportsShouldProcess = true)]
[OutputType(typeof(Container))]
public sealed class NewContainerCommand : ContainerCreateCmdlet
{
    protected override void ProcessRecord()
    {
        ContainerCreateOptions options = BuildCreateOptions(attachOutput: false);
        if (!ShouldProcess($"{options.Name ?? "(new container)"} from {options.Image}", "Create container")) return;
        string? id = CreateContainer(options);
        if (id is null) return;
        WriteObject(Wait(ct => Client.Containers.InspectAsync(id, new(), ct)));
    }
}
