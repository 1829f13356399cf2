using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Removes images (<c>docker rmi</c>).</summary>
[Cmdlet(VerbsCommon.Remove, "Image", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
[OutputType(typeof(ImageDeleteResult))]
public sealed class RemoveImageCommand : DockerCmdlet
{
    /// <summary>Image names (repository:tag) or IDs.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Name", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Images from Get-Image.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
    [ValidateNotNull]
    public Image[] InputObject { get; set; } = Array.Empty<Image>();

    /// <summary>Whether the text is an image ID or ID prefix rather than a name.</summary>
    internal static bool IsId(string text)
        => text.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) || (text.Length >= 4 && text.Length <= 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'));

    /// <summary>Remove even when tagged in several repositories or used by a stopped container.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Keep untagged parent images.</summary>
    [Parameter]
    public SwitchParameter NoPrune { get; set; }

    /// <summary>Return what was untagged and deleted.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        IEnumerable<(string Target, string? Endpoint, string? Context)> targets = ParameterSetName == "InputObject"
            ? InputObject.Select(i => (i.Tag == "<none>" ? i.Id : i.Name, (string?)i.Endpoint, i.Context))
            : Name.Select(n => (IsId(n) ? n : ParseImage(n).FamiliarName, (string?)null, (string?)null));
        foreach ((string target, string? endpoint, string? context) in targets)
        {
            if (!ShouldProcess(target, Force ? "Remove image (forced)" : "Remove image")) continue;
            DockerClient client = ClientFor(endpoint, context);
            try
            {
                IReadOnlyList<ImageDeleteResult> results = Wait(ct => client.Images.RemoveAsync(target, new ImageRemoveOptions { Force = Force, NoPrune = NoPrune }, ct));
                if (PassThru) foreach (ImageDeleteResult r in results) WriteObject(r);
            }
            catch (DockerApiException ex)
            {
                WriteError(ImageErrors.FromImage(ex, target, client.Endpoint.ToString()));
            }
        }
    }
}
