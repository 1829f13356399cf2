using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;

namespace PSDocker.Commands;

/// <summary>Gets a container's output, one object per line (<c>docker logs</c>).</summary>
[Cmdlet(VerbsCommon.Get, "ContainerLog", DefaultParameterSetName = ByName)]
[OutputType(typeof(ContainerLogLine))]
public sealed class GetContainerLogCommand : ContainerTargetCmdlet
{
    /// <summary>Keep streaming new lines until the container stops or Ctrl+C.</summary>
    [Parameter]
    [Alias("f")]
    public SwitchParameter Follow { get; set; }

    /// <summary>Only this many lines from the end.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Tail { get; set; }

    /// <summary>Only lines written since this time (a DateTime, a TimeSpan, or '10m', '2h', …).</summary>
    [Parameter]
    [PointInTimeTransformation]
    public DateTime? Since { get; set; }

    /// <summary>Only lines written before this time (a DateTime, a TimeSpan, or '10m', '2h', …).</summary>
    [Parameter]
    [PointInTimeTransformation]
    public DateTime? Until { get; set; }

    /// <summary>Include the time the engine received each line.</summary>
    [Parameter]
    public SwitchParameter Timestamps { get; set; }

    protected override void ProcessRecord()
    {
        foreach (ContainerTarget target in Targets())
        {
            DockerClient client = ClientFor(target);
            Container container;
            try
            {
                container = Wait(ct => client.Containers.InspectAsync(target.IdOrName, new(), ct));
            }
            catch (DockerApiException ex)
            {
                WriteContainerError(ex, target.Display, client);
                continue;
            }

            var options = new ContainerLogsOptions
            {
                Follow = Follow,
                Tail = Tail,
                Since = Since is { } s ? new DateTimeOffset(s) : null,
                Until = Until is { } u ? new DateTimeOffset(u) : null,
                Timestamps = Timestamps,
            };
            try
            {
                foreach (ContainerLogLine line in Enumerate(client.Containers.LogsAsync(container, options, CancelToken)))
                    WriteObject(line);
            }
            catch (DockerApiException ex)
            {
                WriteContainerError(ex, target.Display, client);
            }
        }
    }
}
