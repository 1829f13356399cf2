using System.Management.Automation;
using PSDocker.Core;

namespace PSDocker.Errors;

/// <summary>An error a registry reported through the engine, inside a progress stream or as an HTTP error.</summary>
public sealed class RegistryOperationException : Exception
{
    public RegistryOperationException(string message, string image) : base(message) => Image = image;

    /// <summary>The image the operation was about.</summary>
    public string Image { get; }
}

/// <summary>Maps image and registry failures to ErrorRecords (the image half of the one error map).</summary>
internal static class ImageErrors
{
    /// <summary>What kind of failure a registry message describes.</summary>
    internal static (string Suffix, ErrorCategory Category) Classify(string message)
    {
        string m = message.ToLowerInvariant();
        if (m.Contains("repository does not exist") || m.Contains("manifest unknown") || m.Contains("name unknown") || m.Contains("not found") || m.Contains("no such image") || m.Contains("does not exist locally"))
            return ("NotFound", ErrorCategory.ObjectNotFound);
        if (m.Contains("unauthorized") || m.Contains("authentication required") || m.Contains("no basic auth credentials") || m.Contains("access denied") || m.Contains("denied:") || m.Contains("incorrect username or password"))
            return ("Unauthorized", ErrorCategory.SecurityError);
        return ("Failed", ErrorCategory.NotSpecified);
    }

    /// <summary>A failed pull, push or build step reported by the registry or engine.</summary>
    public static ErrorRecord FromRegistry(string operation, string message, string image, string endpoint)
    {
        (string suffix, ErrorCategory category) = Classify(message);
        string id = suffix switch
        {
            "NotFound" => "ImageNotFound",
            "Unauthorized" => $"Image{operation}Unauthorized",
            _ => $"Image{operation}Failed",
        };
        string advice = suffix switch
        {
            "NotFound" => "Check the image name and tag.",
            "Unauthorized" => "Give a valid -Credential, or sign in with Connect-Registry first.",
            _ => "",
        };
        string verb = operation.ToLowerInvariant();
        var ex = new RegistryOperationException($"Cannot {verb} '{image}' on {endpoint}: {message.Trim().TrimEnd('.')}.", image);
        return DockerErrors.Record(ex, id, category, image, ex.Message, advice.Length == 0 ? null : advice);
    }

    /// <summary>An engine error about one image (not a registry error).</summary>
    public static ErrorRecord FromImage(DockerApiException ex, object target, string endpoint)
        => DockerErrors.From(ex, ErrorNoun.Image, target, endpoint);
}
