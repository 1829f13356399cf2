using System.Collections;
using System.Management.Automation;
using PSDocker.Core.Compose;
using PSDocker.Core.Compose.Runtime;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Creates and starts a compose project (<c>docker compose up -d</c>): its networks and volumes, then its services'
/// containers in dependency order, waiting for the conditions of <c>depends_on</c>. Running it again changes only
/// what changed. Writes one <see cref="ComposeServiceResult"/> per service.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "ComposeProject", SupportsShouldProcess = true, DefaultParameterSetName = ByPath)]
[OutputType(typeof(ComposeServiceResult))]
public sealed partial class StartComposeProjectCommand : ComposeCmdlet
{
    private const string ByPath = "Path";
    private const string ByProject = "InputObject";

    /// <summary>A project from Import-ComposeProject.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByProject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ComposeProject? InputObject { get; set; }

    /// <summary>Only these services (and the services they depend on).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Service { get; set; } = Array.Empty<string>();

    /// <summary>When to pull images: Missing (the default, or each service's pull_policy), Always, Never (<c>--pull</c>).</summary>
    [Parameter]
    [ValidateSet("Missing", "Always", "Never")]
    public string? Pull { get; set; }

    /// <summary>Build the images of services with build: first (<c>--build</c>).</summary>
    [Parameter]
    public SwitchParameter Build { get; set; }

    /// <summary>Containers per service, over the file's scale: @{ web = 3 } (<c>--scale web=3</c>).</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Scale { get; set; }

    /// <summary>Recreate every container, changed or not (<c>--force-recreate</c>).</summary>
    [Parameter]
    public SwitchParameter ForceRecreate { get; set; }

    /// <summary>Leave existing containers as they are even when their configuration changed (<c>--no-recreate</c>).</summary>
    [Parameter]
    public SwitchParameter NoRecreate { get; set; }

    /// <summary>Wait until every container runs, healthy when it has a health check (<c>--wait</c>).</summary>
    [Parameter]
    public new SwitchParameter Wait { get; set; }

    /// <summary>Seconds to wait at most for -Wait and for each dependency condition (<c>--wait-timeout</c>); by default as long as it takes.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? WaitTimeout { get; set; }

    /// <summary>Remove containers of services the files no longer have (<c>--remove-orphans</c>).</summary>
    [Parameter]
    public SwitchParameter RemoveOrphans { get; set; }

    /// <summary>Seconds to wait for containers that are replaced or scaled away to stop before they are killed.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    [Alias("Time")]
    public int? Timeout { get; set; }

    /// <summary>How many services are created and started at once (the dependency order always holds).</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = 32;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ForceRecreate && NoRecreate)
        {
            var ex = new ArgumentException("-ForceRecreate and -NoRecreate contradict each other: use one.");
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "ConflictingParameters", null));
        }
    }

    protected override void ProcessRecord()
    {
        ComposeProject? project = ParameterSetName == ByProject ? InputObject : LoadProject();
        if (project is null) return;

        ComposePlan plan;
        ComposeUpOptions options;
        try
        {
            plan = ComposePlanner.Plan(project, Service);
            options = Options(plan);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
        {
            WriteError(ComposeRuntimeErrors.InvalidProject(ex, project.Name));
            return;
        }

        string what = $"{plan.Services.Count} service(s): {string.Join(", ", plan.Services.Select(s => s.Name))}";
        if (!ShouldProcess($"{project.Name} ({what})", "Start compose project")) return;

        var results = new List<ComposeServiceResult>();
        Drive(Runtime.UpAsync(plan, options, CancelToken), $"Starting compose project {project.Name}", results);
        // Results in the project's order, whatever order the services finished in.
        foreach (ServicePlan s in plan.Services)
            if (results.FirstOrDefault(r => r.Service == s.Name) is { } r) WriteObject(r);
    }

    private ComposeUpOptions Options(ComposePlan plan)
    {
        var scale = new Dictionary<string, int>(StringComparer.Ordinal);
        if (Scale is not null)
        {
            foreach (DictionaryEntry e in Scale)
            {
                string name = e.Key?.ToString() ?? "";
                if (!plan.Services.Any(s => s.Name == name))
                    throw new ArgumentException($"-Scale names service '{name}', which project '{plan.ProjectName}' does not have. Its services: {string.Join(", ", plan.Services.Select(s => s.Name))}.");
                object? v = e.Value is PSObject p ? p.BaseObject : e.Value;
                if (!int.TryParse(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
                    throw new ArgumentException($"-Scale {name}={v}: the number of containers must be a whole number, 0 or more.");
                scale[name] = n;
            }
        }
        return new ComposeUpOptions
        {
            Pull = Pull switch { "Always" => ComposePullPolicy.Always, "Never" => ComposePullPolicy.Never, "Missing" => ComposePullPolicy.Missing, _ => null },
            Build = Build,
            Scale = scale,
            ForceRecreate = ForceRecreate,
            NoRecreate = NoRecreate,
            Wait = Wait,
            WaitTimeout = WaitTimeout is int t ? TimeSpan.FromSeconds(t) : null,
            RemoveOrphans = RemoveOrphans,
            Timeout = Timeout,
            ThrottleLimit = ThrottleLimit,
        };
    }
}
