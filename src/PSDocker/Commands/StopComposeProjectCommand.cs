using System.Management.Automation;
using PSDocker.Core.Compose.Runtime;

namespace PSDocker.Commands;

/// <summary>Stops a compose project's containers, dependents first (<c>docker compose stop</c>). Needs only the project name.</summary>
[Cmdlet(VerbsLifecycle.Stop, "ComposeProject", SupportsShouldProcess = true)]
[OutputType(typeof(ComposeProjectState))]
public sealed class StopComposeProjectCommand : ComposeServiceActionCmdlet
{
    private protected override string Verb => "Stop";

    private protected override IAsyncEnumerable<ComposeEvent> Run(ComposeRuntime runtime, ComposeStopOptions options, CancellationToken cancellationToken)
        => runtime.StopAsync(options, cancellationToken);
}
