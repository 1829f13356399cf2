using System.Collections;
using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Core.Volumes;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Creates a volume (<c>docker volume create</c>). As with docker, creating a volume whose name exists returns the existing one.</summary>
[Cmdlet(VerbsCommon.New, "ContainerVolume", SupportsShouldProcess = true)]
[OutputType(typeof(Volume))]
public sealed class NewContainerVolumeCommand : DockerCmdlet
{
    /// <summary>The volume's name; without one the engine names it with a random ID.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The driver; <c>local</c> by default.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Driver { get; set; }

    /// <summary>Driver options: @{ type = 'tmpfs'; device = 'tmpfs'; o = 'size=64m' }.</summary>
    [Parameter]
    [Alias("Opt", "Option")]
    public Hashtable? DriverOption { get; set; }

    /// <summary>Labels: @{ key = 'value' }.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    protected override void ProcessRecord()
    {
        if (Name is not null && !VolumeNames.IsValid(Name))
            ThrowTerminatingError(DockerErrors.InvalidArgument(new FormatException($"Invalid volume name '{Name}': use letters, digits, '_', '.' and '-', starting with a letter or digit, at least two characters."), "InvalidVolumeName", Name));
        var options = new VolumeCreateOptions
        {
            Name = Name,
            Driver = Driver,
            DriverOptions = ReadStringMap(DriverOption, "InvalidVolumeOption"),
            Labels = ReadStringMap(Label, "InvalidLabel"),
        };
        if (!ShouldProcess($"{Name ?? "(anonymous volume)"} on {ResolvedEndpoint}", "Create volume")) return;
        try
        {
            WriteObject(Wait(ct => Client.Volumes.CreateAsync(options, ct)));
        }
        catch (DockerApiException ex)
        {
            WriteError(DockerErrors.From(ex, ErrorNoun.Volume, Name ?? "(anonymous)", ResolvedEndpoint.ToString(), ApiOperation.Create));
        }
    }

}
