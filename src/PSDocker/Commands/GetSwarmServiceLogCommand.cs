using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Swarm;

namespace PSDocker.Commands;

/// <summary>Gets the log lines of every task of swarm services, each with its task and node (<c>docker service logs</c>).</summary>
[Cmdlet(VerbsCommon.Get, "SwarmServiceLog", DefaultParameterSetName = ByName)]
[OutputType(typeof(SwarmServiceLogLine))]
public sealed class GetSwarmServiceLogCommand : SwarmServiceTargetCmdlet
{
    /// <summary>Keep writing new lines as the tasks write them, until Ctrl+C or the service is removed.</summary>
    [Parameter]
    public SwitchParameter Follow { get; set; }

    /// <summary>Only the last N lines of each task (all when left out).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Tail { get; set; }

    /// <summary>Add the time the engine received each line (the Timestamp property).</summary>
    [Parameter]
    public SwitchParameter Timestamps { get; set; }

    /// <summary>Only lines since this time: a DateTime, or a duration back from now ('10m', '1h30m').</summary>
    [Parameter]
    [PointInTimeTransformation]
    public DateTime? Since { get; set; }

    protected override void ProcessRecord()
    {
        var options = new ServiceLogsOptions { Follow = Follow, Tail = Tail, Timestamps = Timestamps, Since = Since is { } s ? new DateTimeOffset(s) : null };
        foreach (ContainerTarget target in Targets())
        {
            DockerClient client = ClientFor(target.ObjectEndpoint, target.ObjectContext);
            try
            {
                foreach (SwarmServiceLogLine line in Enumerate(client.Services.LogsAsync(target.IdOrName, options, CancelToken)))
                    WriteObject(line);
            }
            catch (DockerApiException ex)
            {
                WriteServiceError(ex, target.Display, client);
            }
        }
    }
}
