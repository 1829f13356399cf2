using System.Management.Automation;
using System.Net;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Core.Json;
using PSDocker.Errors;
using PSDocker.Progress;

namespace PSDocker.Commands;

public abstract partial class DockerCmdlet
{
    /// <summary>The credential for a registry: the -Credential given, else what config.json and its helpers hold (the docker CLI's order).</summary>
    private protected RegistryAuth? ResolveAuth(PSCredential? credential, string registry)
    {
        string key = DockerConfig.KeyFor(registry);
        if (credential is not null)
            return new RegistryAuth(credential.UserName, credential.GetNetworkCredential().Password, key);
        try
        {
            return DockerConfig.Current().GetAuth(registry, CancelToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Text.Json.JsonException or FormatException)
        {
            WriteWarning($"Could not read the stored credential for {registry}: {ex.Message} Continuing without one.");
            return null;
        }
    }

    /// <summary>Parses an image name, or writes a terminating InvalidImageName error.</summary>
    private protected ImageReference ParseImage(string text)
    {
        try
        {
            return ImageReference.Parse(text);
        }
        catch (FormatException ex)
        {
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "InvalidImageName", text));
            throw;
        }
    }

    /// <summary>Pulls an image with progress; writes a non-terminating error and returns false when the pull fails.</summary>
    private protected bool PullImage(DockerClient client, ImageReference reference, ImagePullOptions options, int progressId = 1)
    {
        string display = options.AllTags ? reference.FamiliarRepository + " (all tags)" : reference.FamiliarName;
        var progress = new ProgressStreamWriter(this, $"Pulling {display}", progressId);
        try
        {
            foreach (JsonMessage message in Enumerate(client.Images.PullAsync(reference, options, CancelToken)))
                progress.Write(message);
        }
        catch (EngineNotSupportedException ex)
        {
            progress.CompleteAll();
            WriteError(DockerErrors.NotSupported(ex, display));
            return false;
        }
        catch (DockerApiException ex)
        {
            // A request the engine refused (400: a reference it cannot parse) is the engine's error; others come from the registry.
            progress.CompleteAll();
            WriteError(ex.Kind == ApiErrorKind.InvalidRequest
                ? DockerErrors.From(ex, ErrorNoun.Image, display, client.Endpoint.ToString())
                : ImageErrors.FromRegistry("Pull", ex.Message, display, client.Endpoint.ToString()));
            return false;
        }
        progress.CompleteAll();
        if (progress.Error is { } error)
        {
            WriteError(ImageErrors.FromRegistry("Pull", error, display, client.Endpoint.ToString()));
            return false;
        }
        return true;
    }
}
