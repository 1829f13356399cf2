using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Gives an image another name (<c>docker tag</c>).</summary>
[Cmdlet(VerbsCommon.Add, "ImageTag", SupportsShouldProcess = true)]
[OutputType(typeof(Image))]
public sealed class AddImageTagCommand : DockerCmdlet
{
    /// <summary>The image to tag: a name or an ID.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageCompleter))]
    public string Name { get; set; } = "";

    /// <summary>The new name: registry/repository[:tag] (no tag means latest).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public ImageReference Tag { get; set; } = null!;

    /// <summary>Return the tagged image.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (Tag.Digest is not null)
            ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException($"A tag cannot hold a digest: '{Tag.FamiliarName}'."), "InvalidTag", Tag.FamiliarName));
        string source = SourceName(Name);
        ImageReference target = Tag.Tag is null ? Tag.WithTag("latest") : Tag;
        if (!ShouldProcess(Name, $"Tag image as {target.FamiliarName}")) return;
        try
        {
            Wait(ct => Client.Images.TagAsync(source, new() { Target = target }, ct));
        }
        catch (DockerApiException ex)
        {
            WriteError(ImageErrors.FromImage(ex, Name, ResolvedEndpoint.ToString()));
            return;
        }
        if (PassThru) WriteObject(Wait(ct => Client.Images.InspectAsync(target.FamiliarName, new(), ct)));
    }

    /// <summary>A name as the engine looks it up: IDs as they are, names validated.</summary>
    internal string SourceName(string text)
    {
        if (text.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) || (text.Length >= 12 && text.All(Uri.IsHexDigit))) return text;
        return ParseImage(text).FamiliarName;
    }
}
