using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

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

    /// <summary>The engine waits up to the grace period (10 s unless -Timeout says otherwise) before it kills: the stop may take that long on top of the call time limit.</summary>
    protected override TimeSpan CallAllowance => TimeSpan.FromSeconds(Timeout is int t and > 0 ? t : 10);

    protected override string ActionName => Kill ? "Kill container" : "Stop container";

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        if (Kill)
        {
            try
            {
                await client.Containers.KillAsync(target.IdOrName, new ContainerKillOptions { Signal = Signal }, ct).ConfigureAwait(false);
            }
            catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.NotRunning)
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
        return PassThru ? await client.Containers.InspectAsync(target.IdOrName, new(), ct).ConfigureAwait(false) : null;
    }
}
