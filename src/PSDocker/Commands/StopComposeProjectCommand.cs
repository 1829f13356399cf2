using System.Management.Automation;
using PSDocker.Core.Compose.Runtime;

namespace PSDocker.Commands;

/// <summary>Stops a compose project's containers, dependents first (<c>docker compose stop</c>). Needs only the project name.</summary>
[Cmdlet(VerbsLifecycle.Stop, "ComposeProject", SupportsShouldProcess = true)]
[OutputType(typeof(ComposeProjectState))]
public sealed class StopComposeProjectCommand : ComposeProjectTargetCmdlet
{
    /// <summary>Only these services.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Service { get; set; } = Array.Empty<string>();

    /// <summary>Seconds to wait for each container to stop before it is killed.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    [Alias("Time")]
    public int? Timeout { get; set; }

    /// <summary>Returns the project afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (string project in Projects())
        {
            if (!ShouldProcess(project, "Stop compose project" + (Service.Length > 0 ? " services " + string.Join(", ", Service) : ""))) continue;
            if (!Exists(project)) continue;
            Drive(Runtime.StopAsync(new ComposeStopOptions { ProjectName = project, Services = Service, Timeout = Timeout }, CancelToken), $"Stopping compose project {project}");
            if (PassThru) WriteObject(Wait(ct => Runtime.ListAsync(new ComposeListOptions { ProjectName = project }, ct)), enumerateCollection: true);
        }
    }
}
