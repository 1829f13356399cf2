using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists the layers of images and the steps that made them (<c>docker history</c>).</summary>
[Cmdlet(VerbsCommon.Get, "ImageHistory", DefaultParameterSetName = "Name")]
[OutputType(typeof(ImageHistoryItem))]
public sealed class GetImageHistoryCommand : DockerCmdlet
{
    /// <summary>Image names (repository:tag) or IDs.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Name", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Image IDs or ID prefixes (with or without sha256:).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
    [Alias("ImageId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Images from Get-Image.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
    [ValidateNotNull]
    public Image[] InputObject { get; set; } = Array.Empty<Image>();

    protected override void ProcessRecord()
    {
        IEnumerable<(string Target, string? Endpoint, string? Context)> targets = ParameterSetName switch
        {
            "InputObject" => InputObject.Select(i => (i.Tag == "<none>" ? i.Id : i.Name, (string?)i.Endpoint, i.Context)),
            "Id" => Id.Select(i => (i.Trim(), (string?)null, (string?)null)),
            // Names are checked before anything is sent: a malformed one is a terminating InvalidImageName error.
            _ => Name.Select(n => (RemoveImageCommand.IsId(n) ? n : ParseImage(n).FamiliarName, (string?)null, (string?)null)),
        };
        foreach ((string target, string? endpoint, string? context) in targets)
        {
            DockerClient client = ClientFor(endpoint, context);
            try
            {
                foreach (ImageHistoryItem item in Wait(ct => client.Images.HistoryAsync(target, new ImageHistoryOptions(), ct)))
                    WriteObject(item);
            }
            catch (DockerApiException ex)
            {
                WriteError(ImageErrors.FromImage(ex, target, client.Endpoint.ToString()));
            }
        }
    }
}
