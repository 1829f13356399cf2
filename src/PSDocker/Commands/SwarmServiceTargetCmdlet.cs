using System.Collections.Concurrent;
using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>The base of cmdlets that act on swarm services given by -Name or pipeline input (SwarmService objects, strings, objects with a Name).</summary>
public abstract class SwarmServiceTargetCmdlet : SwarmCmdlet
{
    /// <summary>Service names, IDs or unique ID prefixes.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceName", "ServiceId", "Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SwarmServiceCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Services from Get-SwarmService or New-SwarmService.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SwarmService[] InputObject { get; set; } = Array.Empty<SwarmService>();

    /// <summary>The services this ProcessRecord call was given.</summary>
    protected IEnumerable<ContainerTarget> Targets() => ServiceTargets(ParameterSetName, Name, InputObject);
}

/// <summary>What the swarm service cmdlets share: service targets, errors, and waiting for convergence.</summary>
public abstract class SwarmCmdlet : DockerCmdlet
{
    protected const string ByName = "Name";
    protected const string ByObject = "InputObject";

    /// <summary>The services a -Name/-InputObject pair names.</summary>
    private protected static IEnumerable<ContainerTarget> ServiceTargets(string parameterSet, string[] names, SwarmService[] inputObjects)
    {
        if (parameterSet == ByObject)
        {
            foreach (SwarmService s in inputObjects)
                yield return new ContainerTarget(s.Id.Length > 0 ? s.Id : s.Name, s, s.Endpoint, s.Context);
            yield break;
        }
        foreach (string name in names)
            yield return new ContainerTarget(name.Trim(), name, null);
    }

    /// <summary>Writes a failed call on one service as a non-terminating error (Podman: NotSupportedByEngine; no swarm: NotSwarmManager).</summary>
    private protected void WriteServiceError(DockerApiException ex, object target, DockerClient client, ApiOperation operation = ApiOperation.Any)
        => WriteError(DockerErrors.From(ex, ErrorNoun.SwarmService, target, client.Endpoint.ToString(), operation));

    /// <summary>
    /// Waits until the service converged (its replicas run the current spec, no update in progress), showing progress and
    /// warning once per new task failure. Ctrl+C stops the wait at once (the service stays as it is). Returns the service
    /// as it is then.
    /// </summary>
    private protected SwarmService WaitConverged(DockerClient client, string id, string name)
    {
        var readings = new ConcurrentQueue<ServiceConvergence>();
        Task<ServiceConvergence> task = client.Services.WaitConvergedAsync(id, new ServiceWaitOptions { Progress = readings.Enqueue }, CancelToken);
        var progress = new ProgressRecord(0x5357, $"Service {name}", "Waiting for the tasks to run");
        string? lastFailure = null;
        try
        {
            while (!Wait(async ct => { await Task.WhenAny(task, Task.Delay(200, ct)).ConfigureAwait(false); return task.IsCompleted; }))
            {
                ServiceConvergence? latest = null;
                while (readings.TryDequeue(out ServiceConvergence? r)) latest = r;
                if (latest is null) continue;
                progress.StatusDescription = $"{latest.Running}/{latest.Desired} running" + (latest.UpdateState is { } u ? $", update {u}" : "");
                progress.PercentComplete = latest.Desired > 0 ? Math.Min(100, latest.Running * 100 / latest.Desired) : -1;
                WriteProgress(progress);
                if (latest.Failure is { } f && f != lastFailure)
                {
                    lastFailure = f;
                    WriteWarning($"Service '{name}': a task failed: {f}. Still waiting (Ctrl+C stops waiting; Get-SwarmTask -Service {name} shows the tasks).");
                }
            }
            Wait(_ => task);
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
        return Wait(ct => client.Services.InspectAsync(id, new(), ct));
    }

    /// <summary>The error for a rolling update that paused while waiting.</summary>
    private protected static ErrorRecord UpdatePaused(ServiceUpdatePausedException ex)
        => DockerErrors.Record(ex, "SwarmServiceUpdatePaused", ErrorCategory.OperationStopped, ex.Service, ex.Message,
            $"See the failed tasks with Get-SwarmTask -Service {ex.Service}; go back with Set-SwarmService {ex.Service} -Rollback, or fix the spec and update again.");
}
