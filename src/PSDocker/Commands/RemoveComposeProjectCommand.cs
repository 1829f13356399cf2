using System.Management.Automation;
using PSDocker.Core.Compose.Runtime;

namespace PSDocker.Commands;

/// <summary>
/// Stops and removes a compose project's containers and networks, and with -Volumes its named volumes
/// (<c>docker compose down</c>). Works from the labels on the engine: the project's files are not needed.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ComposeProject", SupportsShouldProcess = true, DefaultParameterSetName = ByProject)]
[OutputType(typeof(void))]
public sealed class RemoveComposeProjectCommand : ComposeProjectTargetCmdlet
{
    /// <summary>Also remove the project's named volumes and its containers' anonymous volumes (<c>down -v</c>).</summary>
    [Parameter]
    [Alias("v")]
    public SwitchParameter Volumes { get; set; }

    /// <summary>
    /// With a piped project from Import-ComposeProject: also remove containers of services its files no longer have
    /// (<c>--remove-orphans</c>). By name alone every container of the project is removed anyway.
    /// </summary>
    [Parameter]
    public SwitchParameter RemoveOrphans { get; set; }

    /// <summary>Seconds to wait for each container to stop before it is killed.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    [Alias("Time")]
    public int? Timeout { get; set; }

    /// <summary>A project from Import-ComposeProject: its services tell orphans apart (see -RemoveOrphans) and its external networks and volumes are kept.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByProject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSDocker.Core.Compose.ComposeProject? InputObject { get; set; }

    private const string ByProject = "InputObject";

    protected override void ProcessRecord()
    {
        ComposePlan? plan = null;
        IEnumerable<string> projects;
        if (InputObject is not null)
        {
            try
            {
                plan = ComposePlanner.Plan(InputObject);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException)
            {
                WriteError(Errors.ComposeRuntimeErrors.InvalidProject(ex, InputObject.Name));
                return;
            }
            projects = new[] { InputObject.Name };
        }
        else
        {
            projects = Projects();
        }
        foreach (string project in projects)
        {
            if (!ShouldProcess(project, "Remove compose project (containers, networks" + (Volumes ? ", volumes)" : ")"))) continue;
            if (!Exists(project)) continue;
            Drive(Runtime.DownAsync(new ComposeDownOptions
            {
                ProjectName = project,
                Plan = plan,
                Volumes = Volumes,
                RemoveOrphans = RemoveOrphans,
                Timeout = Timeout,
            }, CancelToken), $"Removing compose project {project}");
        }
    }
}
