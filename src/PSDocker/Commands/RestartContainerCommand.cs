using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

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

    /// <summary>The engine waits up to the grace period (10 s unless -Timeout says otherwise) before it kills: the restart may take that long on top of the call time limit.</summary>
    protected override TimeSpan CallAllowance => TimeSpan.FromSeconds(Timeout is int t and > 0 ? t : 10);

    protected override string ActionName => "Restart container";

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        await client.Containers.RestartAsync(target.IdOrName, new ContainerRestartOptions { Timeout = Timeout }, ct).ConfigureAwait(false);
        return PassThru ? await client.Containers.InspectAsync(target.IdOrName, new(), ct).ConfigureAwait(false) : null;
    }
}
