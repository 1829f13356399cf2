using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Compose.Runtime;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>The base of the compose project cmdlets: drives a runtime operation's events on the pipeline thread.</summary>
public abstract class ComposeCmdlet : DockerCmdlet
{
    private const int ProjectActivityId = 1;
    private readonly Dictionary<string, int> _activities = new(StringComparer.Ordinal);
    private ProgressRecord? _project;

    /// <summary>The runtime of the engine this cmdlet talks to.</summary>
    private protected ComposeRuntime Runtime => new(Client);

    /// <summary>
    /// Runs an operation to its end: progress per service (a bar under the project's), warnings, one non-terminating
    /// error per failed service, and the services' results in the order they finished. True when nothing failed.
    /// </summary>
    private protected bool Drive(IAsyncEnumerable<ComposeEvent> events, string activity, List<ComposeServiceResult>? results = null)
    {
        bool ok = true;
        _project = new ProgressRecord(ProjectActivityId, activity, "Working");
        WriteProgress(_project);
        try
        {
            foreach (ComposeEvent e in Enumerate(events))
            {
                switch (e.Kind)
                {
                    case ComposeEventKind.Progress:
                    case ComposeEventKind.Removed:
                        Report(e);
                        WriteVerbose(Describe(e));
                        break;
                    case ComposeEventKind.Warning:
                        WriteWarning(e.Text);
                        break;
                    case ComposeEventKind.ServiceDone:
                        Complete(e.Service);
                        WriteVerbose(Describe(e));
                        if (e.Result is not null) results?.Add(e.Result);
                        break;
                    case ComposeEventKind.Failed:
                        ok = false;
                        Complete(e.Service);
                        WriteError(ComposeRuntimeErrors.FromService(e.Error!));
                        break;
                }
            }
        }
        catch (ComposeServiceException ex)
        {
            ok = false;
            WriteError(ComposeRuntimeErrors.FromService(ex));
        }
        catch (DockerApiException ex) when (ex is not EngineNotSupportedException)
        {
            ok = false;
            WriteError(DockerErrors.Record(ex, "ComposeOperationFailed", ErrorCategory.InvalidOperation, activity, $"{activity} failed: {ex.Message}", null));
        }
        finally
        {
            foreach (string service in _activities.Keys.ToList()) Complete(service);
            _project.RecordType = ProgressRecordType.Completed;
            WriteProgress(_project);
        }
        return ok;
    }

    private static string Describe(ComposeEvent e)
        => string.Join(" ", new[] { e.Service is null ? null : "[" + e.Service + "]", e.Resource, e.Text }.Where(x => !string.IsNullOrEmpty(x)));

    private void Report(ComposeEvent e)
    {
        if (e.Service is null)
        {
            _project!.StatusDescription = (e.Resource is null ? "" : e.Resource + ": ") + e.Text;
            WriteProgress(_project);
            return;
        }
        if (!_activities.TryGetValue(e.Service, out int id)) _activities[e.Service] = id = ProjectActivityId + 1 + _activities.Count;
        WriteProgress(new ProgressRecord(id, e.Service, (e.Resource is null ? "" : e.Resource + ": ") + e.Text) { ParentActivityId = ProjectActivityId });
    }

    private void Complete(string? service)
    {
        if (service is null || !_activities.Remove(service, out int id)) return;
        WriteProgress(new ProgressRecord(id, service, "Done") { ParentActivityId = ProjectActivityId, RecordType = ProgressRecordType.Completed });
    }
}

/// <summary>The base of cmdlets that act on projects on the engine by name (Stop, Restart, Remove): pipeline input by Name or Project.</summary>
public abstract class ComposeProjectTargetCmdlet : ComposeCmdlet
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    protected const string ByName = "Name";

    /// <summary>Project names (as Get-ComposeProject lists them). Binds from Get-ComposeProject, Import-ComposeProject and Start-ComposeProject output.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Project", "ProjectName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.ComposeProjectCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Each project named once, however many pipeline objects name it (Start-ComposeProject writes one per service).</summary>
    protected IEnumerable<string> Projects() => Name.Select(n => n.Trim()).Where(n => n.Length > 0 && _seen.Add(n));

    /// <summary>True when the engine has anything of the project; else writes ComposeProjectNotFound.</summary>
    private protected bool Exists(string project)
    {
        IReadOnlyList<PSDocker.ComposeProjectState> found = Wait(ct => Runtime.ListAsync(new ComposeListOptions { ProjectName = project }, ct));
        if (found.Count > 0) return true;
        WriteError(ComposeRuntimeErrors.ProjectNotFound(project, Client.Endpoint.ToString()));
        return false;
    }
}
