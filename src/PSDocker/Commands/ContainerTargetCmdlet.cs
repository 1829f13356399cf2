using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Concurrency;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>One container a cmdlet acts on: what the user named, and the engine (endpoint and context) it lives on.</summary>
public readonly record struct ContainerTarget(string IdOrName, object Display, string? ObjectEndpoint, string? ObjectContext = null);

/// <summary>
/// The base of cmdlets that act on containers given by -Name, -Id or pipeline input
/// (Container objects, strings, or objects with an Id or Name property).
/// </summary>
public abstract class ContainerTargetCmdlet : DockerCmdlet
{
    protected const string ByName = "Name";
    protected const string ById = "Id";
    protected const string ByObject = "InputObject";

    /// <summary>Container names, full IDs or unique ID prefixes.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Container IDs or unique ID prefixes.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [Alias("ContainerId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Containers from Get-Container or New-Container.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Container[] InputObject { get; set; } = Array.Empty<Container>();

    /// <summary>The containers this ProcessRecord call was given.</summary>
    protected IEnumerable<ContainerTarget> Targets()
    {
        switch (ParameterSetName)
        {
            case ByObject:
                foreach (Container c in InputObject)
                    yield return new ContainerTarget(c.Id.Length > 0 ? c.Id : c.Name, c, c.Endpoint, c.Context);
                break;
            case ById:
                foreach (string id in Id)
                    yield return new ContainerTarget(id.Trim(), id, null);
                break;
            default:
                foreach (string name in Name)
                    yield return new ContainerTarget(name.Trim().TrimStart('/'), name, null);
                break;
        }
    }

    /// <summary>A short label for ShouldProcess.</summary>
    protected static string Describe(ContainerTarget target) => target.Display switch
    {
        Container c => $"{c.Name} ({c.ShortId})",
        _ => target.IdOrName,
    };
}

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

    /// <summary>The work on one container; runs off the pipeline thread, so it must not call Write*.</summary>
    protected abstract Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken cancellationToken);

    protected override void ProcessRecord()
    {
        foreach (ContainerTarget target in Targets())
        {
            if (!ShouldProcess(Describe(target), ActionName)) continue;
            DockerClient client = ClientFor(target);
            _work ??= CreateOrderedWork<(ContainerTarget Target, DockerClient Client), object?>(ThrottleLimit);
            _work.Add((target, client), (item, ct) => ActAsync(item.Client, item.Target, ct));
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
                result = Wait(_ => task);
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
