using System.Management.Automation;
using PSDocker.Completion;

namespace PSDocker.Commands;

/// <summary>The base of cmdlets that act on volumes given by -Name or pipeline input (Volume objects, strings, objects with a Name).</summary>
public abstract class VolumeTargetCmdlet : DockerCmdlet
{
    protected const string ByName = "Name";
    protected const string ByObject = "InputObject";

    /// <summary>Volume names.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("VolumeName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VolumeCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Volumes from Get-ContainerVolume or New-ContainerVolume.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Volume[] InputObject { get; set; } = Array.Empty<Volume>();

    /// <summary>The volumes this ProcessRecord call was given.</summary>
    protected IEnumerable<ContainerTarget> Targets()
    {
        if (ParameterSetName == ByObject)
        {
            foreach (Volume v in InputObject)
                yield return new ContainerTarget(v.Name, v, v.Endpoint, v.Context);
            yield break;
        }
        foreach (string name in Name)
            yield return new ContainerTarget(name.Trim(), name, null);
    }
}
