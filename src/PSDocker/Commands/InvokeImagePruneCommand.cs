using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Removes unused images (<c>docker image prune</c>).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ImagePrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ImagePruneResult))]
public sealed class InvokeImagePruneCommand : DockerCmdlet
{
    /// <summary>Remove every image no container uses, not only dangling ones (<c>-a</c>).</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Only images with these labels (<c>key</c> or <c>key=value</c>); a leading '!' excludes instead.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Only images created before this time (a DateTime, a TimeSpan, or '10m', '2h', …).</summary>
    [Parameter]
    [PointInTimeTransformation]
    public DateTime? Until { get; set; }

    protected override void EndProcessing()
    {
        string what = All ? "all images without containers" : "dangling images";
        if (!ShouldProcess($"{what} on {ResolvedEndpoint}", "Remove")) return;
        var options = new ImagePruneOptions
        {
            All = All,
            Labels = Label ?? Array.Empty<string>(),
            Until = Until is { } u ? new DateTimeOffset(u) : null,
        };
        WriteObject(Wait(ct => Client.Images.PruneAsync(options, ct)));
    }
}
