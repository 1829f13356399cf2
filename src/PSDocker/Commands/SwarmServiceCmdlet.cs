using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>What New-SwarmService and Set-SwarmService share: the update policy, -Wait, and writing the service afterwards.</summary>
public abstract class SwarmServiceCmdlet : SwarmCmdlet
{
    /// <summary>Update policy: how many tasks are replaced at once (0 = all at once; the engine's default is 1).</summary>
    [Parameter]
    [Alias("UpdateParallelism")]
    public ulong? Parallelism { get; set; }

    /// <summary>Update policy: the pause between batches ('10s').</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? UpdateDelay { get; set; }

    /// <summary>Update policy: pause (the engine's default), continue or rollback when a task fails to update.</summary>
    [Parameter]
    [ValidateSet("pause", "continue", "rollback")]
    public string? UpdateFailureAction { get; set; }

    /// <summary>Update policy: stop-first (the engine's default) or start-first.</summary>
    [Parameter]
    [ValidateSet("stop-first", "start-first")]
    public string? UpdateOrder { get; set; }

    /// <summary>Update policy: how long each new task is watched for failure.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? UpdateMonitor { get; set; }

    /// <summary>Wait until the replicas run the new spec (the docker CLI's default); Ctrl+C stops the wait, not the service.</summary>
    [Parameter]
    public new SwitchParameter Wait { get; set; }

    /// <summary>The update policy the parameters give, or null when none was given.</summary>
    private protected ServiceUpdatePolicy? UpdatePolicy()
        => Parallelism is null && UpdateDelay is null && UpdateFailureAction is null && UpdateOrder is null && UpdateMonitor is null ? null
            : new ServiceUpdatePolicy { Parallelism = Parallelism, Delay = UpdateDelay, FailureAction = UpdateFailureAction, Order = UpdateOrder, Monitor = UpdateMonitor };

    /// <summary>Bad input: a terminating error before anything is sent.</summary>
    private protected void Fail(Exception ex, string id, object target)
        => ThrowTerminatingError(DockerErrors.InvalidArgument(ex, id, target));

    /// <summary>Parses one parameter value with a Core parser, failing with the parser's message.</summary>
    private protected T Parse<T>(Func<string, T> parser, string text, string errorId)
    {
        try { return parser(text); }
        catch (FormatException ex) { Fail(ex, errorId, text); throw; }
    }

    /// <summary>With -Wait, waits for convergence; then writes the service (or the error of a paused update).</summary>
    private protected void EmitService(DockerClient client, string id, string name, bool write = true)
    {
        try
        {
            SwarmService service = Wait ? WaitConverged(client, id, name) : Wait(ct => client.Services.InspectAsync(id, new(), ct));
            if (write) WriteObject(service);
        }
        catch (ServiceUpdatePausedException ex)
        {
            WriteError(UpdatePaused(ex));
        }
        catch (DockerApiException ex)
        {
            WriteServiceError(ex, name, client);
        }
    }
}
