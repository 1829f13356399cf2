using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists swarm services with their running/desired replicas (<c>docker service ls</c>, <c>docker service inspect</c>), in one call.</summary>
[Cmdlet(VerbsCommon.Get, "SwarmService", DefaultParameterSetName = ByName)]
[OutputType(typeof(SwarmService))]
public sealed class GetSwarmServiceCommand : DockerCmdlet
{
    private const string ByName = "Name";
    private const string ById = "Id";
    private readonly List<string> _names = new();
    private readonly List<string> _ids = new();

    /// <summary>Service names; wildcards are allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SwarmServiceCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Service IDs or ID prefixes.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceId")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Only services with these labels: key or key=value; all must match.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Only replicated or only global services.</summary>
    [Parameter]
    [ValidateSet("replicated", "global")]
    public string? Mode { get; set; }

    protected override void ProcessRecord()
    {
        if (Name is not null) _names.AddRange(Name);
        if (Id is not null) _ids.AddRange(Id);
    }

    protected override void EndProcessing()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        if (Label is { Length: > 0 }) filters["label"] = Label;
        if (Mode is not null) filters["mode"] = new[] { Mode };
        IReadOnlyList<SwarmService> services = Array.Empty<SwarmService>();
        try
        {
            services = Wait(ct => Client.Services.ListAsync(new ServiceListOptions { Filters = filters }, ct));
        }
        catch (DockerApiException ex)
        {
            ThrowTerminatingError(DockerErrors.From(ex, ErrorNoun.SwarmService, Describe(ResolvedEndpoint), Client.Endpoint.ToString()));
        }
        var names = NameFilter.Wildcards(_names);
        var ids = NameFilter.Prefixes(_ids);
        foreach (SwarmService s in services)
            if (names.Match(s.Name) && ids.Match(s.Id)) WriteObject(s);
        foreach (string name in names.Unmatched()) WriteNotFound(name, "name");
        foreach (string id in ids.Unmatched()) WriteNotFound(id, "ID");
    }

    private void WriteNotFound(string value, string what)
    {
        var ex = new ItemNotFoundException($"No swarm service with {what} '{value}' on {Describe(ResolvedEndpoint)}.");
        WriteError(DockerErrors.Record(ex, "SwarmServiceNotFound", ErrorCategory.ObjectNotFound, value, ex.Message, "List every service with Get-SwarmService, or use a wildcard."));
    }
}
