using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Errors;
using PSDocker.Progress;

namespace PSDocker.Commands;

/// <summary>
/// Makes an image from a container's file system and configuration (<c>docker commit</c>), or from a tar of a file
/// system (<c>docker import</c>), and returns it.
/// </summary>
[Cmdlet(VerbsCommon.New, "Image", SupportsShouldProcess = true, DefaultParameterSetName = CommitSet)]
[OutputType(typeof(Image))]
public sealed class NewImageCommand : DockerCmdlet
{
    private const string CommitSet = "Container";
    private const string ImportSet = "Path";

    /// <summary>The container to make the image of (name or ID). Binds from Get-Container output.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = CommitSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "ContainerId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerCompleter))]
    public string Container { get; set; } = "";

    /// <summary>A tar of a file system (a root file system, or Export-Container's output) to make a one-layer image of.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ImportSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The new image's name (repository[:tag], tag latest when left out). Without one the image is untagged.</summary>
    [Parameter(Position = 1)]
    [Alias("Tag")]
    [ValidateNotNullOrEmpty]
    public string? Repository { get; set; }

    /// <summary>Dockerfile instructions applied to the image's configuration: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR (docker commit/import --change).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Change { get; set; } = Array.Empty<string>();

    /// <summary>The commit message (shown by Get-ImageHistory).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Message { get; set; }

    /// <summary>The author, as 'Name &lt;mail&gt;' (docker commit --author).</summary>
    [Parameter(ParameterSetName = CommitSet)]
    [ValidateNotNullOrEmpty]
    public string? Author { get; set; }

    /// <summary>Pause the container while committing (on by default, as docker commit; -Pause:$false to keep it running).</summary>
    [Parameter(ParameterSetName = CommitSet)]
    public SwitchParameter Pause { get; set; }

    protected override void ProcessRecord()
    {
        ImageReference? reference = Repository is null ? null : ParseImage(Repository);
        foreach (string change in Change)
        {
            string instruction = change.TrimStart().Split(' ', 2)[0].ToUpperInvariant();
            if (instruction is not ("CMD" or "ENTRYPOINT" or "ENV" or "EXPOSE" or "LABEL" or "ONBUILD" or "USER" or "VOLUME" or "WORKDIR" or "STOPSIGNAL" or "HEALTHCHECK"))
                ThrowTerminatingError(ArchiveErrors.Usage("InvalidImageChange",
                    $"'{change}' is not a change the engine applies: use CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR, STOPSIGNAL or HEALTHCHECK.", change));
        }
        string what = reference?.FamiliarName ?? "an untagged image";
        if (ParameterSetName == ImportSet) Import(reference, what);
        else Commit(reference, what);
    }

    private void Commit(ImageReference? reference, string what)
    {
        if (!ShouldProcess(Container, $"Commit the container as {what}")) return;
        var options = new ImageCommitOptions
        {
            Container = Container,
            Reference = reference,
            Changes = Change,
            Message = Message,
            Author = Author,
            Pause = !MyInvocation.BoundParameters.ContainsKey(nameof(Pause)) || Pause.IsPresent,
        };
        try
        {
            WriteObject(Wait(ct => Client.Images.CommitAsync(options, ct)));
        }
        catch (DockerApiException ex)
        {
            WriteContainerError(ex, Container, Client);
        }
    }

    private void Import(ImageReference? reference, string what)
    {
        string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (!File.Exists(file))
        {
            WriteError(ArchiveErrors.LocalPathNotFound(Path));
            return;
        }
        if (!ShouldProcess(file, $"Import the file system tar as {what}")) return;
        var progress = new TransferProgressWriter(1, $"Importing {file}");
        var options = new ImageImportOptions { Reference = reference, Changes = Change, Message = Message };
        try
        {
            WriteObject(WaitWithProgress(ct => Client.Images.ImportAsync(ImageOperations.FileContent(file, progress), options, ct), progress));
        }
        catch (DockerApiException ex)
        {
            WriteError(DockerErrors.Record(ex, "ImageImportFailed", ErrorCategory.InvalidData, file,
                $"The engine at {Client.Endpoint} could not import '{file}': {ex.Message.TrimEnd('.')}.", "Give a tar of a file system (Export-Container writes one); Import-Image loads Save-Image's tars."));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(ArchiveErrors.LocalIOFailed(ex, file, $"Reading '{file}'"));
        }
    }
}
