using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Writes one or more images, with their layers and tags, to one tar file (<c>docker save</c>); Import-Image loads it.</summary>
[Cmdlet(VerbsData.Save, "Image", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
[OutputType(typeof(FileInfo))]
public sealed class SaveImageCommand : ImageTargetCmdlet
{
    private readonly List<string> _names = new();
    private (string? Endpoint, string? Context)? _engine;

    /// <summary>The tar file to write (all the images go into this one file).</summary>
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
        // Every image of the pipeline goes into one tar: collect them, write once at the end.
        foreach ((string target, string? endpoint, string? context) in ImageTargets())
        {
            if (_names.Contains(target, StringComparer.Ordinal)) continue;
            _engine ??= (endpoint, context);
            if (!EngineGiven && (endpoint ?? _engine.Value.Endpoint) != _engine.Value.Endpoint)
                ThrowTerminatingError(ArchiveErrors.Usage("SeveralEnginesNotSupported", $"Image '{target}' is on another engine ({endpoint}) than the others ({_engine.Value.Endpoint}): one tar holds images of one engine.", target));
            _names.Add(target);
        }
    }

    protected override void EndProcessing()
    {
        if (_names.Count == 0) return;
        if (ResolveTarFile(Path, Force) is not { } file) return;
        string list = string.Join(", ", _names);
        if (!ShouldProcess(list, $"Save to '{file}'")) return;
        DockerClient client = ClientFor(_engine?.Endpoint, _engine?.Context);
        try
        {
            FileInfo? written = WriteTarFile(ct => client.Images.SaveAsync(new ImageSaveOptions { Names = _names }, ct), file, $"Saving {list} to {file}");
            if (written is not null && PassThru) WriteLocalItem(written.FullName);
        }
        catch (DockerApiException ex)
        {
            // The engine names the image it could not find.
            WriteError(ImageErrors.FromImage(ex, list, client.Endpoint.ToString()));
        }
    }
}
