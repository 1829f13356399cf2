using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists the layers of images and the steps that made them (<c>docker history</c>).</summary>
[Cmdlet(VerbsCommon.Get, "ImageHistory", DefaultParameterSetName = "Name")]
[OutputType(typeof(ImageHistoryItem))]
public sealed class GetImageHistoryCommand : ImageTargetCmdlet
{
    /// <summary>Image IDs or ID prefixes (with or without sha256:).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
    [Alias("ImageId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = Array.Empty<string>();

    protected override void ProcessRecord()
    {
        IEnumerable<(string Target, string? Endpoint, string? Context)> targets = ParameterSetName == "Id"
            ? Id.Select(i => (i.Trim(), (string?)null, (string?)null))
            : ImageTargets();
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
