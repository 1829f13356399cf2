using System.Management.Automation;
using PSDocker.Completion;

namespace PSDocker.Commands;

/// <summary>The base of cmdlets that act on networks given by -Name or pipeline input (Network objects, strings, objects with a Name).</summary>
public abstract class NetworkTargetCmdlet : DockerCmdlet
{
    protected const string ByName = "Name";
    protected const string ByObject = "InputObject";

    /// <summary>Network names, IDs or unique ID prefixes.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("NetworkName", "NetworkId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Networks from Get-ContainerNetwork or New-ContainerNetwork.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Network[] InputObject { get; set; } = Array.Empty<Network>();

    /// <summary>The networks this ProcessRecord call was given.</summary>
    protected IEnumerable<ContainerTarget> Targets()
    {
        if (ParameterSetName == ByObject)
        {
            foreach (Network n in InputObject)
                yield return new ContainerTarget(n.Name.Length > 0 ? n.Name : n.Id, n, n.Endpoint, n.Context);
            yield break;
        }
        foreach (string name in Name)
            yield return new ContainerTarget(name.Trim(), name, null);
    }
}
