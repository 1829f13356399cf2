using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Concurrency;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Runs one engine call per pipeline item concurrently (bounded by -ThrottleLimit), and writes
/// results and errors back on the pipeline thread, in input order.
/// </summary>
public abstract class ContainerActionCmdlet : ContainerTargetCmdlet
{
    private OrderedWork<(ContainerTarget Target, DockerClient Client), object?>? _work;

    /// <summary>How many containers are worked on at once.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = 32;

    /// <summary>What ShouldProcess calls the action ("Start container").</summary>
    protected abstract string ActionName { get; }

    /// <summary>Which engine errors this action maps specially.</summary>
    private protected virtual ApiOperation ErrorAction => ApiOperation.Any;

    /// <summary>True when the action waits on purpose for as long as it takes (Wait-Container): no call time limit.</summary>
    protected virtual bool ActWaitsOnPurpose => false;

    /// <summary>The work on one container; runs off the pipeline thread, so it must not call Write*.</summary>
    protected abstract Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken cancellationToken);

    protected override void ProcessRecord()
    {
        foreach (ContainerTarget target in Targets())
        {
            if (!ShouldProcess(Describe(target), ActionName)) continue;
            DockerClient client = ClientFor(target);
            _work ??= CreateOrderedWork<(ContainerTarget Target, DockerClient Client), object?>(ThrottleLimit);
            _work.Add((target, client), ActWaitsOnPurpose
                ? (item, ct) => Streamed(t => ActAsync(item.Client, item.Target, t), ct)
                : (item, ct) => Timed(t => ActAsync(item.Client, item.Target, t), ct));
            Drain(block: false);
        }
    }

    protected override void EndProcessing() => Drain(block: true);

    private void Drain(bool block)
    {
        if (_work is null) return;
        while (_work.Count > 0)
        {
            if (!_work.TryTake(out (ContainerTarget Target, DockerClient Client) item, out Task<object?> task))
            {
                if (!block) return;
                (item, task) = TakeInOrder(_work).First();
            }
            (ContainerTarget target, DockerClient client) = item;
            object? result;
            try
            {
                result = WaitStream(_ => task);
            }
            catch (DockerApiException ex)
            {
                WriteContainerError(ex, target.Display, client, ErrorAction);
                continue;
            }
            if (result is not null) WriteObject(result);
        }
    }
}
