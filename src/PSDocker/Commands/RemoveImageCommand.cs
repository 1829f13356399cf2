using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Removes images (<c>docker rmi</c>).</summary>
[Cmdlet(VerbsCommon.Remove, "Image", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
[OutputType(typeof(ImageDeleteResult))]
public sealed class RemoveImageCommand : ImageTargetCmdlet
{
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
        foreach ((string target, string? endpoint, string? context) in ImageTargets())
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
