using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Writes a container's whole file system to a tar file (<c>docker export</c>).</summary>
[Cmdlet(VerbsData.Export, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(FileInfo))]
public sealed class ExportContainerCommand : ContainerTargetCmdlet
{
    private int _exported;

    /// <summary>The tar file to write.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Replace the file if it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Return the tar file (FileInfo).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (ContainerTarget target in Targets())
        {
            if (_exported > 0)
            {
                WriteError(ArchiveErrors.Usage("OneContainerPerExport",
                    $"Container '{Describe(target)}' was not exported: '{Path}' already holds another container of this call. Export one container per file.", target.Display));
                continue;
            }
            if (ResolveTarFile(Path, Force) is not { } file) return;
            if (!ShouldProcess(Describe(target), $"Export the file system to '{file}'")) continue;
            DockerClient client = ClientFor(target);
            try
            {
                FileInfo? written = WriteTarFile(ct => client.Containers.ExportAsync(target.IdOrName, new ContainerExportOptions(), ct), file, $"Exporting {Describe(target)} to {file}");
                _exported++;
                if (written is not null && PassThru) WriteLocalItem(written.FullName);
            }
            catch (DockerApiException ex)
            {
                WriteContainerError(ex, target.Display, client);
            }
        }
    }
}
