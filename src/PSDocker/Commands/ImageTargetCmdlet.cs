using System.Management.Automation;
using PSDocker.Completion;

namespace PSDocker.Commands;

/// <summary>
/// The base of cmdlets that act on existing images given by -Name (names or IDs) or piped Image objects.
/// </summary>
public abstract class ImageTargetCmdlet : DockerCmdlet
{
    /// <summary>Image names (repository:tag) or IDs.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Name", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Images from Get-Image.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "InputObject", ValueFromPipeline = true)]
    [ValidateNotNull]
    public Image[] InputObject { get; set; } = Array.Empty<Image>();

    /// <summary>Whether the text is an image ID or ID prefix rather than a name.</summary>
    private static bool IsId(string text)
        => text.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) || (text.Length >= 4 && text.Length <= 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'));

    /// <summary>
    /// The images this ProcessRecord call was given, each with the engine a piped object came from: a tagged Image by its
    /// name, an untagged one by its ID; a -Name that is not an ID is checked first (a terminating InvalidImageName error).
    /// </summary>
    protected IEnumerable<(string Target, string? Endpoint, string? Context)> ImageTargets() => ParameterSetName == "InputObject"
        ? InputObject.Select(i => (i.Tag == "<none>" ? i.Id : i.Name, (string?)i.Endpoint, i.Context))
        : Name.Select(n => (IsId(n) ? n : ParseImage(n).FamiliarName, (string?)null, (string?)null));
}
