using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Core.Json;
using PSDocker.Errors;
using PSDocker.Progress;

namespace PSDocker.Commands;

/// <summary>Pushes images to a registry (<c>docker push</c>).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ImagePush", SupportsShouldProcess = true)]
[OutputType(typeof(Image))]
public sealed class InvokeImagePushCommand : DockerCmdlet
{
    /// <summary>Image names to push (registry/repository[:tag]); no tag means latest.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageCompleter))]
    public ImageReference[] Name { get; set; } = Array.Empty<ImageReference>();

    /// <summary>The registry credential; by default the one stored by Connect-Registry or docker login.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    protected override void ProcessRecord()
    {
        foreach (ImageReference given in Name)
        {
            if (given.Digest is not null)
                ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException($"Push a tag, not a digest: '{given.FamiliarName}'."), "DigestNotPushable", given.FamiliarName));
            ImageReference reference = given.Tag is null ? given.WithTag("latest") : given;
            if (!ShouldProcess(reference.FamiliarName, "Push image")) continue;
            var progress = new ProgressStreamWriter(this, $"Pushing {reference.FamiliarName}", 1);
            var options = new ImagePushOptions { Auth = ResolveAuth(Credential, reference.Registry) };
            try
            {
                foreach (JsonMessage message in Enumerate(Client.Images.PushAsync(reference, options, CancelToken)))
                    progress.Write(message);
            }
            catch (DockerApiException ex)
            {
                progress.CompleteAll();
                WriteError(ex.Kind == ApiErrorKind.NotFound
                    ? ImageErrors.FromImage(ex, reference.FamiliarName, ResolvedEndpoint.ToString())
                    : ImageErrors.FromRegistry("Push", ex.Message, reference.FamiliarName, ResolvedEndpoint.ToString()));
                continue;
            }
            progress.CompleteAll();
            if (progress.Error is { } error)
            {
                WriteError(ImageErrors.FromRegistry("Push", error, reference.FamiliarName, ResolvedEndpoint.ToString()));
                continue;
            }
            WriteObject(Wait(ct => Client.Images.InspectAsync(reference.FamiliarName, new(), ct)));
        }
    }
}
