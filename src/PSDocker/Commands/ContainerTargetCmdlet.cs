using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// The base of cmdlets that act on containers given by -Name, -Id or pipeline input
/// (Container objects, strings, or objects with an Id or Name property).
/// </summary>
public abstract class ContainerTargetCmdlet : DockerCmdlet
{
    protected const string ByName = "Name";
    protected const string ById = "Id";
    protected const string ByObject = "InputObject";

    /// <summary>Container names, full IDs or unique ID prefixes.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Container IDs or unique ID prefixes.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [Alias("ContainerId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>Containers from Get-Container or New-Container.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Container[] InputObject { get; set; } = Array.Empty<Container>();

    /// <summary>The containers this ProcessRecord call was given.</summary>
    protected IEnumerable<ContainerTarget> Targets()
    {
        switch (ParameterSetName)
        {
            case ByObject:
                foreach (Container c in InputObject)
                    yield return new ContainerTarget(c.Id.Length > 0 ? c.Id : c.Name, c, c.Endpoint, c.Context);
                break;
            case ById:
                foreach (string id in Id)
                    yield return new ContainerTarget(id.Trim(), id, null);
                break;
            default:
                foreach (string name in Name)
                    yield return new ContainerTarget(name.Trim().TrimStart('/'), name, null);
                break;
        }
    }

    /// <summary>A short label for ShouldProcess.</summary>
    protected static string Describe(ContainerTarget target) => target.Display switch
    {
        Container c => $"{c.Name} ({c.ShortId})",
        _ => target.IdOrName,
    };
}
