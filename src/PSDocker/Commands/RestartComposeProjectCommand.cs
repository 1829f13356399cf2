using System.Management.Automation;
using PSDocker.Core.Compose.Runtime;

namespace PSDocker.Commands;

/// <summary>Restarts a compose project's containers, dependencies first (<c>docker compose restart</c>). Needs only the project name.</summary>
[Cmdlet(VerbsLifecycle.Restart, "ComposeProject", SupportsShouldProcess = true)]
[OutputType(typeof(ComposeProjectState))]
public sealed class RestartComposeProjectCommand : ComposeServiceActionCmdlet
{
    private protected override string Verb => "Restart";

    private protected override IAsyncEnumerable<ComposeEvent> Run(ComposeRuntime runtime, ComposeStopOptions options, CancellationToken cancellationToken)
        => runtime.RestartAsync(options, cancellationToken);
}
