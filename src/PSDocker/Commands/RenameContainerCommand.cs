using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Gives a container a new name (<c>docker rename</c>).</summary>
[Cmdlet(VerbsCommon.Rename, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class RenameContainerCommand : ContainerTargetCmdlet
{
    private int _renamed;

    /// <summary>The container's new name.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string NewName { get; set; } = "";

    /// <summary>Returns the container after the rename.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        if (ContainerNames.Check(NewName) is { } bad)
            ThrowTerminatingError(DockerErrors.InvalidArgument(bad, "InvalidContainerName", NewName));
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        foreach (ContainerTarget target in Targets())
        {
            if (_renamed > 0)
            {
                // One name belongs to one container: a second one would only meet NameInUse from the engine.
                WriteError(DockerErrors.InvalidArgument(
                    new ArgumentException($"Container '{Describe(target)}' was not renamed: '{NewName}' was already given to another container in this call. Rename one container at a time."),
                    "OneContainerPerRename", target.Display));
                continue;
            }
            if (!ShouldProcess(Describe(target), $"Rename container to '{NewName}'")) continue;
            DockerClient client = ClientFor(target);
            try
            {
                Wait(ct => client.Containers.RenameAsync(target.IdOrName, new ContainerRenameOptions { NewName = NewName }, ct));
                _renamed++;
                if (PassThru) WriteObject(Wait(ct => client.Containers.InspectAsync(NewName.TrimStart('/'), new(), ct)));
            }
            catch (DockerApiException ex)
            {
                WriteContainerError(ex, target.Display, client, ApiOperation.Rename);
            }
        }
    }
}
