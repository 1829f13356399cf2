using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Archives;

namespace PSDocker.Errors;

/// <summary>The errors of the tar cmdlets (Copy-ContainerItem, Export-Container, Save-Image, Import-Image, New-Image) found on this side of the engine.</summary>
internal static class ArchiveErrors
{
    /// <summary>A path in a container that is not there (a non-terminating error naming container:path).</summary>
    public static ErrorRecord ContainerPathNotFound(string container, string path, string endpoint)
    {
        var ex = new ItemNotFoundException($"No path '{path}' in container '{container}' on {endpoint}.");
        return DockerErrors.Record(ex, "ContainerPathNotFound", ErrorCategory.ObjectNotFound, $"{container}:{path}", ex.Message,
            $"Check it with Invoke-ContainerCommand {container} ls -la {path}.");
    }

    /// <summary>A local path that is not there, found before anything is sent.</summary>
    public static ErrorRecord LocalPathNotFound(string path)
    {
        var ex = new ItemNotFoundException($"Cannot find path '{path}' because it does not exist.");
        return DockerErrors.Record(ex, "LocalPathNotFound", ErrorCategory.ObjectNotFound, path, ex.Message, null);
    }

    /// <summary>docker cp's refusals, found before any data moves.</summary>
    public static ErrorRecord Refused(CopyRefusal refusal, string source, string destination) => refusal switch
    {
        CopyRefusal.DirectoryOntoFile => DockerErrors.Record(new IOException($"Cannot copy the directory '{source}' onto the file '{destination}'."),
            "CopyDirectoryOntoFile", ErrorCategory.InvalidArgument, destination, $"Cannot copy the directory '{source}' onto the file '{destination}'.",
            "Give a directory, or a path that does not exist yet, as -Destination."),
        _ => DockerErrors.Record(new DirectoryNotFoundException($"The destination directory '{destination}' does not exist."),
            "DestinationDirectoryMissing", ErrorCategory.ObjectNotFound, destination, $"The destination directory '{destination}' does not exist.",
            "Create it first, or leave out the trailing slash to copy the file under that name."),
    };

    /// <summary>The copy would replace a file and -Force was not given.</summary>
    public static ErrorRecord DestinationExists(string destination)
    {
        var ex = new IOException($"'{destination}' already exists.");
        return DockerErrors.Record(ex, "DestinationExists", ErrorCategory.ResourceExists, destination, ex.Message, "Use -Force to overwrite it.");
    }

    /// <summary>The local directory a copy would land in is missing.</summary>
    public static ErrorRecord DestinationParentMissing(string directory)
    {
        var ex = new DirectoryNotFoundException($"The directory '{directory}' does not exist.");
        return DockerErrors.Record(ex, "DestinationParentMissing", ErrorCategory.ObjectNotFound, directory, ex.Message, "Create it first.");
    }

    /// <summary>A local read or write failed mid-copy (a full disk, a directory in the way, a damaged tar).</summary>
    public static ErrorRecord LocalIOFailed(Exception ex, string target, string what)
        => DockerErrors.Record(ex, "LocalFileError", ErrorCategory.WriteError, target, $"{what} failed: {ex.Message.TrimEnd('.')}.", null);

    /// <summary>Bad combinations of parameters, caught before anything is sent.</summary>
    public static ErrorRecord Usage(string id, string message, object? target)
        => DockerErrors.InvalidArgument(new ArgumentException(message), id, target);

    /// <summary>An engine error while reading or writing a tar of a container path: a missing path names container:path.</summary>
    public static ErrorRecord FromCopy(DockerApiException ex, string container, string path, string endpoint)
        => ex.Kind == ApiErrorKind.NotFound
            ? ContainerPathNotFound(container, path, endpoint)
            : DockerErrors.FromContainer(ex, container, endpoint);
}
