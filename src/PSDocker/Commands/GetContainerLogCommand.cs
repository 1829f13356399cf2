using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;

namespace PSDocker.Commands;

/// <summary>Converts a TimeSpan, or text such as '10m', '2h', '3d', '45s', into a point in time that far back.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PointInTimeTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject pso ? pso.BaseObject : inputData;
        switch (value)
        {
            case TimeSpan span:
                return DateTime.Now - span.Duration();
            case int or long or double or decimal:
                // PowerShell reads an unquoted 45s or 3d as a number before the cmdlet sees it.
                throw new ArgumentTransformationMetadataException($"'{value}' is a number, not a point in time: quote durations ('45s', '10m', '2h', '3d'), or give a DateTime or a TimeSpan.");
            case string text when text.Length > 1 && char.IsAsciiLetter(text[^1]) && double.TryParse(text[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double n):
                TimeSpan ago = char.ToLowerInvariant(text[^1]) switch
                {
                    's' => TimeSpan.FromSeconds(n),
                    'm' => TimeSpan.FromMinutes(n),
                    'h' => TimeSpan.FromHours(n),
                    'd' => TimeSpan.FromDays(n),
                    _ => throw new ArgumentTransformationMetadataException($"'{text}' is not a duration: use a number followed by s, m, h or d, a TimeSpan, or a DateTime."),
                };
                return DateTime.Now - ago;
            default:
                return inputData;
        }
    }
}

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
                container = Wait(ct => client.Containers.InspectAsync(target.IdOrName, ct));
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
