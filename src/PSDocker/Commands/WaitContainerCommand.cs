using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Waits for containers and returns their exit codes (<c>docker wait</c>).</summary>
[Cmdlet(VerbsLifecycle.Wait, "Container", DefaultParameterSetName = ByName)]
[OutputType(typeof(ContainerWaitResult))]
public sealed class WaitContainerCommand : ContainerActionCmdlet
{
    /// <summary>What to wait for: NotRunning (default), NextExit or Removed.</summary>
    [Parameter]
    public WaitCondition Condition { get; set; } = WaitCondition.NotRunning;

    protected override string ActionName => "Wait for container";

    protected override bool ActWaitsOnPurpose => true;

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        Container container = target.Display as Container ?? await client.Containers.InspectAsync(target.IdOrName, new(), ct).ConfigureAwait(false);
        int code = await client.Containers.WaitAsync(container.Id, new ContainerWaitOptions { Condition = Condition }, ct).ConfigureAwait(false);
        return new ContainerWaitResult { Id = container.Id, Name = container.Name, ExitCode = code };
    }
}
