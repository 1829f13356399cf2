using System.Management.Automation;
using System.Net;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Starts containers (<c>docker start</c>).</summary>
[Cmdlet(VerbsLifecycle.Start, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container), typeof(string))]
public sealed partial class StartContainerCommand : ContainerActionCmdlet
{
    /// <summary>Returns each container after it started.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Attach to the container's output (and with -Interactive its input) and wait for it (<c>docker start -a</c>). One container only.</summary>
    [Parameter]
    [Alias("a")]
    public SwitchParameter Attach { get; set; }

    /// <summary>With -Attach: connect the keyboard to the container's input (<c>docker start -ai</c>).</summary>
    [Parameter]
    [Alias("i")]
    public SwitchParameter Interactive { get; set; }

    /// <summary>With -Attach -Interactive: the keys that detach and leave the container running (docker syntax; default ctrl-p,ctrl-q).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DetachKeys { get; set; }

    protected override string ActionName => "Start container";

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        await client.Containers.StartAsync(target.IdOrName, ct).ConfigureAwait(false);
        return PassThru ? await client.Containers.InspectAsync(target.IdOrName, ct).ConfigureAwait(false) : null;
    }

    private readonly List<ContainerTarget> _attachTargets = new();

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (!Attach && (Interactive || DetachKeys is not null))
        {
            var ex = new ArgumentException("-Interactive and -DetachKeys work with -Attach only: add -Attach (docker start -ai).");
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "ConflictingParameters", null));
        }
        if (Attach && PassThru)
        {
            var ex = new ArgumentException("-PassThru does not go with -Attach, which writes the container's output instead.");
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "ConflictingParameters", null));
        }
        if (Attach) ParseDetachKeys(DetachKeys);
    }

    protected override void ProcessRecord()
    {
        if (!Attach)
        {
            base.ProcessRecord();
            return;
        }
        _attachTargets.AddRange(Targets());
    }

    protected override void EndProcessing()
    {
        if (!Attach)
        {
            base.EndProcessing();
            return;
        }
        if (_attachTargets.Count != 1)
        {
            var ex = new ArgumentException($"Start-Container -Attach attaches to one container; it was given {_attachTargets.Count}. Start the others without -Attach.");
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "AttachOneContainer", null));
        }
        StartAttached(_attachTargets[0]);
    }
}

/// <summary>Stops containers (<c>docker stop</c>, or <c>docker kill</c> with -Kill).</summary>
[Cmdlet(VerbsLifecycle.Stop, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class StopContainerCommand : ContainerActionCmdlet
{
    /// <summary>Seconds to wait for the container to stop before it is killed.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    [Alias("Time")]
    public int? Timeout { get; set; }

    /// <summary>Kill at once instead of stopping gracefully (<c>docker kill</c>).</summary>
    [Parameter]
    public SwitchParameter Kill { get; set; }

    /// <summary>The signal to send (SIGTERM by default; SIGKILL with -Kill).</summary>
    [Parameter]
    [ValidatePattern(@"^(SIG)?[A-Z0-9+-]+$|^\d+$", Options = System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    public string? Signal { get; set; }

    /// <summary>Returns each container after it stopped.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ActionName => Kill ? "Kill container" : "Stop container";

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        if (Kill)
        {
            try
            {
                await client.Containers.KillAsync(target.IdOrName, new ContainerKillOptions { Signal = Signal }, ct).ConfigureAwait(false);
            }
            catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict
                && (ex.Message.Contains("not running", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("can only kill running", StringComparison.OrdinalIgnoreCase)))
            {
                // Killing a stopped container is not an error, as stopping one is not (Podman says "can only kill running containers").
            }
            if (PassThru && (Signal is null || Signal.ToUpperInvariant() is "KILL" or "SIGKILL" or "9"))
                await client.Containers.WaitAsync(target.IdOrName, new ContainerWaitOptions { Condition = WaitCondition.NotRunning }, ct).ConfigureAwait(false);
        }
        else
        {
            await client.Containers.StopAsync(target.IdOrName, new ContainerStopOptions { Timeout = Timeout, Signal = Signal }, ct).ConfigureAwait(false);
        }
        return PassThru ? await client.Containers.InspectAsync(target.IdOrName, ct).ConfigureAwait(false) : null;
    }
}

/// <summary>Pauses containers (<c>docker pause</c>).</summary>
[Cmdlet(VerbsLifecycle.Suspend, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class SuspendContainerCommand : ContainerActionCmdlet
{
    /// <summary>Returns each container after it was paused.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ActionName => "Pause container processes";

    private protected override ApiOperation ErrorAction => ApiOperation.Pause;

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        try
        {
            await client.Containers.PauseAsync(target.IdOrName, ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Pausing a paused container is not an error; pausing a stopped one is.
            Container now = await client.Containers.InspectAsync(target.IdOrName, ct).ConfigureAwait(false);
            if (now.State != ContainerState.Paused) throw;
            return PassThru ? now : null;
        }
        return PassThru ? await client.Containers.InspectAsync(target.IdOrName, ct).ConfigureAwait(false) : null;
    }
}

/// <summary>Resumes paused containers (<c>docker unpause</c>).</summary>
[Cmdlet(VerbsLifecycle.Resume, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class ResumeContainerCommand : ContainerActionCmdlet
{
    /// <summary>Returns each container after it resumed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ActionName => "Resume container processes";

    private protected override ApiOperation ErrorAction => ApiOperation.Unpause;

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        try
        {
            await client.Containers.UnpauseAsync(target.IdOrName, ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.InternalServerError)
        {
            // Resuming a running container is not an error; resuming a stopped one is.
            // Docker 20.10 answers "is not paused" with 500 where newer engines answer 409: map it to 409,
            // so it is reported as ContainerNotRunning like the other engines' answer.
            Container now = await client.Containers.InspectAsync(target.IdOrName, ct).ConfigureAwait(false);
            if (now.State == ContainerState.Running) return PassThru ? now : null;
            if (ex.StatusCode == HttpStatusCode.Conflict || now.State == ContainerState.Paused) throw;
            throw new DockerApiException(HttpStatusCode.Conflict, ex.Message, ex.Method, ex.Path);
        }
        return PassThru ? await client.Containers.InspectAsync(target.IdOrName, ct).ConfigureAwait(false) : null;
    }
}

/// <summary>Restarts containers (<c>docker restart</c>).</summary>
[Cmdlet(VerbsLifecycle.Restart, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class RestartContainerCommand : ContainerActionCmdlet
{
    /// <summary>Seconds to wait for the container to stop before it is killed.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    [Alias("Time")]
    public int? Timeout { get; set; }

    /// <summary>Returns each container after it restarted.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ActionName => "Restart container";

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        await client.Containers.RestartAsync(target.IdOrName, new ContainerRestartOptions { Timeout = Timeout }, ct).ConfigureAwait(false);
        return PassThru ? await client.Containers.InspectAsync(target.IdOrName, ct).ConfigureAwait(false) : null;
    }
}

/// <summary>Removes containers (<c>docker rm</c>).</summary>
[Cmdlet(VerbsCommon.Remove, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class RemoveContainerCommand : ContainerActionCmdlet
{
    /// <summary>Kill and remove running containers (<c>docker rm -f</c>).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Also remove the containers' anonymous volumes (<c>docker rm -v</c>).</summary>
    [Parameter]
    public SwitchParameter Volumes { get; set; }

    protected override string ActionName => Force ? "Remove container (killing it if it runs)" : "Remove container";

    private protected override ApiOperation ErrorAction => ApiOperation.Remove;

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        await client.Containers.RemoveAsync(target.IdOrName, new ContainerRemoveOptions { Force = Force, Volumes = Volumes }, ct).ConfigureAwait(false);
        return null;
    }
}

/// <summary>Waits for containers and returns their exit codes (<c>docker wait</c>).</summary>
[Cmdlet(VerbsLifecycle.Wait, "Container", DefaultParameterSetName = ByName)]
[OutputType(typeof(ContainerWaitResult))]
public sealed class WaitContainerCommand : ContainerActionCmdlet
{
    /// <summary>What to wait for: NotRunning (default), NextExit or Removed.</summary>
    [Parameter]
    public WaitCondition Condition { get; set; } = WaitCondition.NotRunning;

    protected override string ActionName => "Wait for container";

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        Container container = target.Display as Container ?? await client.Containers.InspectAsync(target.IdOrName, ct).ConfigureAwait(false);
        int code = await client.Containers.WaitAsync(container.Id, new ContainerWaitOptions { Condition = Condition }, ct).ConfigureAwait(false);
        return new ContainerWaitResult { Id = container.Id, Name = container.Name, ExitCode = code };
    }
}
