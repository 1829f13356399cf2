using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists the swarm's nodes (<c>docker node ls</c>).</summary>
[Cmdlet(VerbsCommon.Get, "SwarmNode", DefaultParameterSetName = ByName)]
[OutputType(typeof(SwarmNode))]
public sealed class GetSwarmNodeCommand : DockerCmdlet
{
    private const string ByName = "Name";
    private const string ById = "Id";
    private readonly List<string> _names = new();
    private readonly List<string> _ids = new();

    /// <summary>Node host names; wildcards are allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Hostname", "NodeName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SwarmNodeCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Node IDs or ID prefixes.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [Alias("NodeId")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Only managers or only workers.</summary>
    [Parameter]
    [ValidateSet("manager", "worker")]
    public string? Role { get; set; }

    protected override void ProcessRecord()
    {
        if (Name is not null) _names.AddRange(Name);
        if (Id is not null) _ids.AddRange(Id);
    }

    protected override void EndProcessing()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        if (Role is not null) filters["role"] = new[] { Role };
        IReadOnlyList<SwarmNode> nodes = Array.Empty<SwarmNode>();
        try
        {
            nodes = Wait(ct => Client.Swarm.ListNodesAsync(new NodeListOptions { Filters = filters }, ct));
        }
        catch (DockerApiException ex)
        {
            ThrowTerminatingError(DockerErrors.From(ex, ErrorNoun.SwarmNode, Describe(ResolvedEndpoint), Client.Endpoint.ToString()));
        }
        var names = NameFilter.Wildcards(_names);
        var ids = NameFilter.Prefixes(_ids);
        foreach (SwarmNode n in nodes)
            if ((names.Match(n.Hostname) || names.Match(n.Name)) && ids.Match(n.Id)) WriteObject(n);
        foreach (string name in names.Unmatched()) WriteNotFound(name, "host name");
        foreach (string id in ids.Unmatched()) WriteNotFound(id, "ID");
    }

    private void WriteNotFound(string value, string what)
    {
        var ex = new ItemNotFoundException($"No swarm node with {what} '{value}' on {Describe(ResolvedEndpoint)}.");
        WriteError(DockerErrors.Record(ex, "SwarmNodeNotFound", ErrorCategory.ObjectNotFound, value, ex.Message, "List every node with Get-SwarmNode."));
    }
}
