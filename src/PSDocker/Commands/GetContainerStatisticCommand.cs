using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Concurrency;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Samples containers' CPU, memory, network and block I/O use and process counts (<c>docker stats</c>).</summary>
[Cmdlet(VerbsCommon.Get, "ContainerStatistic", DefaultParameterSetName = Running)]
[OutputType(typeof(ContainerStatistic))]
public sealed class GetContainerStatisticCommand : ContainerTargetCmdlet
{
    private const string Running = "Running";
    private OrderedWork<(ContainerTarget Target, DockerClient Client), ContainerStatistic>? _work;
    private readonly List<(ContainerTarget Target, DockerClient Client)> _streams = new();

    /// <summary>Without names: every container, not only running ones (<c>docker stats -a</c>).</summary>
    [Parameter(ParameterSetName = Running)]
    public SwitchParameter All { get; set; }

    /// <summary>Keep sampling, one new object per container each time the engine reads one, until Ctrl+C (<c>docker stats</c> without <c>--no-stream</c>).</summary>
    [Parameter]
    public SwitchParameter Stream { get; set; }

    /// <summary>How many containers are sampled at once (default 32).</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = 32;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == Running) return;
        foreach (ContainerTarget target in Targets()) Add(target);
        WriteFinished(wait: false);
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == Running)
        {
            IReadOnlyList<Container> containers = Wait(ct => Client.Containers.ListAsync(new ContainerListOptions { All = All.IsPresent }, ct));
            foreach (Container c in containers) Add(new ContainerTarget(c.Id, c, c.Endpoint, c.Context));
        }
        if (Stream)
        {
            StreamAll();
            return;
        }
        WriteFinished(wait: true);
    }

    private void Add(ContainerTarget target)
    {
        DockerClient client = ClientFor(target);
        if (Stream)
        {
            _streams.Add((target, client));
            return;
        }
        _work ??= CreateOrderedWork<(ContainerTarget Target, DockerClient Client), ContainerStatistic>(ThrottleLimit);
        // One sample is a call, with the call time limit.
        _work.Add((target, client), (s, ct) => Timed(async t =>
        {
            await foreach (ContainerStatistic sample in s.Client.Containers.StatsAsync(s.Target.IdOrName, new ContainerStatsOptions(), t).ConfigureAwait(false))
                return sample;
            throw new DockerApiException(System.Net.HttpStatusCode.InternalServerError, "the engine sent no sample");
        }, ct));
    }

    // Writes the samples that are ready, in the order the containers were given (all of them when wait is set).
    private void WriteFinished(bool wait)
    {
        if (_work is null) return;
        while (_work.Count > 0)
        {
            (ContainerTarget Target, DockerClient Client) item;
            Task<ContainerStatistic> done;
            if (wait) (item, done) = TakeInOrder(_work).First();
            else if (!_work.TryTake(out item, out done)) return;
            try
            {
                WriteObject(Wait(_ => done));
            }
            catch (DockerApiException ex)
            {
                WriteContainerError(ex, item.Target.Display, item.Client, ApiOperation.Any);
            }
        }
    }

    private void StreamAll()
    {
        var options = new ContainerStatsOptions { Stream = true };
        IAsyncEnumerable<MergedItem<(ContainerTarget Target, DockerClient Client), ContainerStatistic>> merged =
            StreamMerge.MergeAsync<(ContainerTarget Target, DockerClient Client), ContainerStatistic>(_streams, (s, ct) => s.Client.Containers.StatsAsync(s.Target.IdOrName, options, ct), CancelToken);
        foreach (MergedItem<(ContainerTarget Target, DockerClient Client), ContainerStatistic> item in Enumerate(merged))
        {
            if (item.Error is null)
            {
                WriteObject(item.Value);
                continue;
            }
            try
            {
                Wait(_ => Task.FromException(item.Error));
            }
            catch (DockerApiException ex)
            {
                WriteContainerError(ex, item.Source.Target.Display, item.Source.Client, ApiOperation.Any);
            }
        }
    }
}
