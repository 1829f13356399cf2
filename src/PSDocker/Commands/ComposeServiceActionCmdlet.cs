using System.Management.Automation;
using PSDocker.Core.Compose.Runtime;

namespace PSDocker.Commands;

/// <summary>The base of Stop- and Restart-ComposeProject: one runtime operation on the containers of a project's services.</summary>
public abstract class ComposeServiceActionCmdlet : ComposeProjectTargetCmdlet
{
    /// <summary>Only these services.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.ComposeServiceCompleter))]
    public string[] Service { get; set; } = Array.Empty<string>();

    /// <summary>Seconds to wait for each container to stop before it is killed.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    [Alias("Time")]
    public int? Timeout { get; set; }

    /// <summary>Returns the project afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The verb in messages: "Stop", "Restart".</summary>
    private protected abstract string Verb { get; }

    /// <summary>The runtime operation.</summary>
    private protected abstract IAsyncEnumerable<ComposeEvent> Run(ComposeRuntime runtime, ComposeStopOptions options, CancellationToken cancellationToken);

    protected override void ProcessRecord()
    {
        foreach (string project in Projects())
        {
            if (!ShouldProcess(project, Verb + " compose project" + (Service.Length > 0 ? " services " + string.Join(", ", Service) : ""))) continue;
            if (!Exists(project)) continue;
            Drive(Run(Runtime, new ComposeStopOptions { ProjectName = project, Services = Service, Timeout = Timeout }, CancelToken), $"{Verb} compose project {project}");
            if (PassThru) WriteObject(Wait(ct => Runtime.ListAsync(new ComposeListOptions { ProjectName = project }, ct)), enumerateCollection: true);
        }
    }
}
