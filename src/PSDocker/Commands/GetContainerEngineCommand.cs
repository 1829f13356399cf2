using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Engine;

namespace PSDocker.Commands;

/// <summary>
/// Describes engines (<c>docker version</c> + <c>docker info</c>): Docker or Podman, versions, counts, drivers; with
/// -DiskUsage, what images, containers, volumes and the build cache take on disk (<c>docker system df</c>).
/// </summary>
[Cmdlet(VerbsCommon.Get, "ContainerEngine", DefaultParameterSetName = EngineSet)]
[OutputType(typeof(ContainerEngine), ParameterSetName = new[] { EngineSet })]
[OutputType(typeof(DiskUsage), typeof(DiskUsageItem), ParameterSetName = new[] { DiskUsageSet })]
public sealed class GetContainerEngineCommand : DockerCmdlet
{
    private const string EngineSet = "Engine";
    private const string DiskUsageSet = "DiskUsage";

    /// <summary>What images, containers, local volumes and the build cache take, and what a prune could free (<c>docker system df</c>).</summary>
    [Parameter(Mandatory = true, ParameterSetName = DiskUsageSet)]
    public SwitchParameter DiskUsage { get; set; }

    /// <summary>With -DiskUsage: one object per image, container, volume and cache record instead of the sums (<c>docker system df -v</c>).</summary>
    [Parameter(ParameterSetName = DiskUsageSet)]
    public SwitchParameter Detail { get; set; }

    /// <summary>-Context a,b and several -Endpoint values describe every engine at once.</summary>
    protected override bool SupportsMultipleEngines => true;

    protected override void EndProcessing()
    {
        // The calls go out to every engine at once. One engine that cannot be reached is a terminating error; with
        // several, it is a non-terminating error naming it and the others still answer.
        if (!DiskUsage)
        {
            foreach ((DockerClient _, ContainerEngine engine) in FanOut((client, ct) => client.System.GetEngineAsync(ct)))
                WriteObject(engine);
            return;
        }
        foreach ((DockerClient _, IReadOnlyList<PSDocker.DiskUsage> rows) in FanOut((client, ct) => client.System.DiskUsageAsync(new DiskUsageOptions(), ct)))
        {
            foreach (PSDocker.DiskUsage row in rows)
            {
                if (!Detail) WriteEngineObject(row);
                else foreach (DiskUsageItem item in row.Items) WriteEngineObject(item);
            }
        }
    }
}
