using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Engine;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Removes stopped containers, unused networks, dangling images and the build cache, and with -Volumes unused volumes (<c>docker system prune</c>).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "SystemPrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(SystemPruneResult))]
public sealed class InvokeSystemPruneCommand : PruneCmdlet
{
    /// <summary>Every image no container uses and all unused build cache, not only dangling images (<c>-a</c>).</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Unused volumes too, with the data in them (<c>--volumes</c>). Not with -Until: volumes have no creation-time filter.</summary>
    [Parameter]
    public SwitchParameter Volumes { get; set; }

    protected override void EndProcessing()
    {
        if (Volumes && Until is not null)
            ThrowTerminatingError(DockerErrors.InvalidArgument(
                new ArgumentException("-Volumes cannot be combined with -Until: the engine prunes volumes by label only. Prune volumes on their own with Invoke-ContainerVolumePrune."),
                "ConflictingParameters", Until));
        var kinds = new List<string> { "all stopped containers", "all networks no container uses" };
        if (Volumes) kinds.Add("all volumes no container uses, with their data");
        kinds.Add(All ? "all images no container uses" : "all dangling images");
        kinds.Add(All ? "all build cache" : "dangling build cache");
        if (!ShouldPrune(string.Join(", ", kinds.Take(kinds.Count - 1)) + " and " + kinds[^1])) return;
        var options = new SystemPruneOptions { All = All, Volumes = Volumes, Labels = Labels, Until = UntilTime };
        try
        {
            WriteObject(Wait(ct => Client.System.PruneAsync(options, ct)));
        }
        catch (DockerApiException ex)
        {
            ThrowTerminatingError(DockerErrors.EngineCall(ex, "system prune", ResolvedEndpoint.ToString()));
        }
    }
}
