using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core.Volumes;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists volumes with the containers that use them (<c>docker volume ls</c> + <c>inspect</c>), in two calls to the engine.</summary>
[Cmdlet(VerbsCommon.Get, "ContainerVolume")]
[OutputType(typeof(Volume))]
public sealed class GetContainerVolumeCommand : DockerCmdlet
{
    private readonly List<string> _names = new();

    /// <summary>Volume names; wildcards are allowed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VolumeName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VolumeCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only volumes of this driver (<c>local</c>, …).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Driver { get; set; }

    /// <summary>Only volumes with these labels: <c>key</c> or <c>key=value</c>; all must match.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Only volumes no container uses (<c>-Dangling:$false</c>: only volumes in use).</summary>
    [Parameter]
    public SwitchParameter Dangling { get; set; }

    protected override void ProcessRecord()
    {
        if (Name is not null) _names.AddRange(Name);
    }

    protected override void EndProcessing()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        if (Driver is not null) filters["driver"] = new[] { Driver };
        if (Label is { Length: > 0 }) filters["label"] = Label;
        var options = new VolumeListOptions { Filters = filters, Dangling = MyInvocation.BoundParameters.ContainsKey(nameof(Dangling)) ? Dangling.ToBool() : null };
        IReadOnlyList<Volume> volumes = Wait(ct => Client.Volumes.ListAsync(options, ct));

        var names = NameFilter.Wildcards(_names);
        foreach (Volume v in volumes)
        {
            if (names.Match(v.Name)) WriteObject(v);
        }
        foreach (string name in names.Unmatched())
        {
            var ex = new ItemNotFoundException($"No volume named '{name}' on {Describe(ResolvedEndpoint)}.");
            WriteError(DockerErrors.Record(ex, "VolumeNotFound", ErrorCategory.ObjectNotFound, name, ex.Message,
                "List every volume with Get-ContainerVolume, or use a wildcard."));
        }
    }
}
