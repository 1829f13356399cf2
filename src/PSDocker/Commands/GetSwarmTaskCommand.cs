using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists the tasks of swarm services: each replica's state, node and container (<c>docker service ps</c>).</summary>
[Cmdlet(VerbsCommon.Get, "SwarmTask")]
[OutputType(typeof(SwarmTask))]
public sealed class GetSwarmTaskCommand : DockerCmdlet
{
    private readonly List<string> _services = new();

    /// <summary>Only tasks of these services (names, IDs or ID prefixes); binds from Get-SwarmService output.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "ServiceName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SwarmServiceCompleter))]
    public string[]? Service { get; set; }

    /// <summary>Only tasks on this node (host name or ID).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SwarmNodeCompleter))]
    public string? Node { get; set; }

    /// <summary>Only tasks the orchestrator wants in this state: running (the current replicas), shutdown (replaced or stopped ones), accepted.</summary>
    [Parameter]
    [ValidateSet("running", "shutdown", "accepted")]
    public string? DesiredState { get; set; }

    /// <summary>Only tasks whose actual state is one of these (running, failed, shutdown, complete, rejected, pending, …).</summary>
    [Parameter]
    [ValidateSet("new", "allocated", "pending", "assigned", "accepted", "preparing", "ready", "starting", "running", "complete", "shutdown", "failed", "rejected", "remove", "orphaned")]
    public string[]? State { get; set; }

    protected override void ProcessRecord()
    {
        if (Service is not null) _services.AddRange(Service);
    }

    protected override void EndProcessing()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        if (DesiredState is not null) filters["desired-state"] = new[] { DesiredState };
        if (Node is not null) filters["node"] = new[] { Node };
        IReadOnlyList<SwarmTask> tasks = Array.Empty<SwarmTask>();
        try
        {
            if (_services.Count > 0)
            {
                // docker service ps names a missing service: resolve names and ID prefixes to IDs first (one list call).
                IReadOnlyList<SwarmService> all = Wait(ct => Client.Services.ListAsync(new ServiceListOptions { Status = false }, ct));
                var ids = new List<string>();
                foreach (string s in _services.Distinct(StringComparer.Ordinal))
                {
                    SwarmService[] match = all.Where(x => x.Name == s || x.Id == s).ToArray();
                    if (match.Length == 0) match = all.Where(x => x.Id.StartsWith(s, StringComparison.Ordinal)).ToArray();
                    if (match.Length == 1) { ids.Add(match[0].Id); continue; }
                    var ex = new ItemNotFoundException(match.Length == 0
                        ? $"No swarm service named or with ID '{s}' on {Describe(ResolvedEndpoint)}."
                        : $"'{s}' is the start of more than one service ID on {Describe(ResolvedEndpoint)}.");
                    WriteError(DockerErrors.Record(ex, match.Length == 0 ? "SwarmServiceNotFound" : "SwarmServiceIdAmbiguous",
                        match.Length == 0 ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument, s, ex.Message, "List the services with Get-SwarmService."));
                }
                if (ids.Count == 0) return;
                filters["service"] = ids;
            }
            tasks = Wait(ct => Client.Swarm.ListTasksAsync(new TaskListOptions { Filters = filters }, ct));
        }
        catch (DockerApiException ex)
        {
            ThrowTerminatingError(DockerErrors.From(ex, ErrorNoun.SwarmTask, Describe(ResolvedEndpoint), Client.Endpoint.ToString()));
        }
        var states = State is { Length: > 0 } ? new HashSet<string>(State, StringComparer.OrdinalIgnoreCase) : null;
        foreach (SwarmTask t in tasks)
            if (states is null || states.Contains(t.State)) WriteObject(t);
    }
}
