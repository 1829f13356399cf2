using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Networks;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists networks with their subnets and attached containers (<c>docker network ls</c> + <c>inspect</c>), in two calls to the engine.</summary>
[Cmdlet(VerbsCommon.Get, "ContainerNetwork", DefaultParameterSetName = ByName)]
[OutputType(typeof(Network))]
public sealed class GetContainerNetworkCommand : DockerCmdlet
{
    private const string ByName = "Name";
    private const string ById = "Id";
    private readonly List<string> _names = new();
    private readonly List<string> _ids = new();

    /// <summary>Network names; wildcards are allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Network IDs or ID prefixes.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [Alias("NetworkId")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Only networks of this driver (<c>bridge</c>, <c>host</c>, <c>null</c>, <c>macvlan</c>, …).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Driver { get; set; }

    /// <summary>Only networks with these labels: <c>key</c> or <c>key=value</c>; all must match.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Only the networks users made (no <c>bridge</c>, <c>host</c>, <c>none</c>).</summary>
    [Parameter]
    public SwitchParameter Custom { get; set; }

    protected override void ProcessRecord()
    {
        if (Name is not null) _names.AddRange(Name);
        if (Id is not null) _ids.AddRange(Id);
    }

    protected override void EndProcessing()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        if (Driver is not null) filters["driver"] = new[] { Driver };
        if (Label is { Length: > 0 }) filters["label"] = Label;
        IReadOnlyList<Network> networks = Wait(ct => Client.Networks.ListAsync(new NetworkListOptions { Filters = filters }, ct));

        var names = NameFilter.Wildcards(_names);
        var ids = NameFilter.Prefixes(_ids);
        foreach (Network n in networks.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (Custom && n.IsBuiltIn) continue; // here, not the engine's type filter: Podman 4 has none
            if (names.Match(n.Name) && ids.Match(n.Id)) WriteObject(n);
        }
        foreach (string name in names.Unmatched()) WriteNotFound(name, "name");
        foreach (string id in ids.Unmatched()) WriteNotFound(id, "ID");
    }

    private void WriteNotFound(string value, string what)
    {
        var ex = new ItemNotFoundException($"No network with {what} '{value}' on {Describe(ResolvedEndpoint)}.");
        WriteError(DockerErrors.Record(ex, "NetworkNotFound", ErrorCategory.ObjectNotFound, value, ex.Message,
            "List every network with Get-ContainerNetwork, or use a wildcard."));
    }
}
