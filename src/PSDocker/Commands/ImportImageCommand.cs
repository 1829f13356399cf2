using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Errors;
using PSDocker.Progress;

namespace PSDocker.Commands;

/// <summary>Loads the images of a tar written by Save-Image or docker save (<c>docker load</c>) and returns them.</summary>
[Cmdlet(VerbsData.Import, "Image", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(Image))]
public sealed class ImportImageCommand : DockerCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralSet = "LiteralPath";

    /// <summary>The tar files to load (wildcards allowed). Binds from Get-ChildItem output.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Like -Path, with no wildcard expansion.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Show no progress (docker load -q).</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        foreach (string given in ParameterSetName == LiteralSet ? LiteralPath : Path)
        {
            foreach (string file in ResolveFiles(given))
            {
                if (!ShouldProcess(file, "Load the images of the tar")) continue;
                var progress = Quiet ? null : new TransferProgressWriter(1, $"Loading {file}");
                try
                {
                    IReadOnlyList<Image> images = WaitWithProgress(ct => Client.Images.LoadAsync(ImageOperations.FileContent(file, progress), new ImageLoadOptions { Quiet = Quiet }, ct), progress);
                    foreach (Image image in images) WriteObject(image);
                }
                catch (DockerApiException ex)
                {
                    WriteError(DockerErrors.Record(ex, "ImageLoadFailed", ErrorCategory.InvalidData, file,
                        $"The engine at {Client.Endpoint} could not load '{file}': {ex.Message.TrimEnd('.')}.", "Give a tar written by Save-Image or docker save (New-Image -Path imports a file-system tar)."));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    WriteError(ArchiveErrors.LocalIOFailed(ex, file, $"Reading '{file}'"));
                }
            }
        }
    }

    /// <summary>The existing files a -Path or -LiteralPath names; a missing one is a LocalPathNotFound error, before anything is sent.</summary>
    private IEnumerable<string> ResolveFiles(string given)
    {
        List<string> files;
        try
        {
            files = ParameterSetName == LiteralSet
                ? new List<string> { SessionState.Path.GetUnresolvedProviderPathFromPSPath(given) }
                : SessionState.Path.GetResolvedProviderPathFromPSPath(given, out _).ToList();
        }
        catch (ItemNotFoundException)
        {
            files = new List<string>();
        }
        files = files.Where(File.Exists).ToList();
        if (files.Count == 0) WriteError(ArchiveErrors.LocalPathNotFound(given));
        return files;
    }
}
