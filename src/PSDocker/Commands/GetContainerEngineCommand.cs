using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Engine;

namespace PSDocker.Commands;

/// <summary>
/// Describes engines (<c>docker version</c> + <c>docker info</c>): Docker or Podman, versions, counts, drivers; with
/// -DiskUsage, what images, containers, volumes and the build cache take on disk (<c>docker system df</c>).
/// </summary>
[Cmdlet(VerbsCommon.Get, "ContainerEngine")]
[OutputType(typeof(ContainerEngine), typeof(DiskUsage), typeof(DiskUsageItem))]
public sealed class GetContainerEngineCommand : DockerCmdlet
{
    /// <summary>What images, containers, local volumes and the build cache take, and what a prune could free (<c>docker system df</c>).</summary>
    [Parameter]
    public SwitchParameter DiskUsage { get; set; }

    /// <summary>The disk usage as one object per image, container, volume and cache record instead of the sums (<c>docker system df -v</c>); implies -DiskUsage.</summary>
    [Parameter]
    public SwitchParameter Detail { get; set; }

    /// <summary>-Context a,b and several -Endpoint values describe every engine at once.</summary>
    protected override bool SupportsMultipleEngines => true;

    protected override void EndProcessing()
    {
        // The calls go out to every engine at once. One engine that cannot be reached is a terminating error; with
        // several, it is a non-terminating error naming it and the others still answer.
        if (!DiskUsage && !Detail)
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
