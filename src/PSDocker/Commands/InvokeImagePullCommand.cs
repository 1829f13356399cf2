using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Pulls images from a registry (<c>docker pull</c>).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ImagePull", SupportsShouldProcess = true)]
[OutputType(typeof(Image))]
public sealed class InvokeImagePullCommand : DockerCmdlet
{
    /// <summary>Image names (registry/repository[:tag][@digest]); no tag means latest.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageCompleter))]
    public ImageReference[] Name { get; set; } = Array.Empty<ImageReference>();

    /// <summary>Pull every tag of the repository (<c>docker pull -a</c>).</summary>
    [Parameter]
    public SwitchParameter AllTags { get; set; }

    /// <summary>The platform to pull: os[/arch[/variant]], for example linux/arm64.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Platform { get; set; }

    /// <summary>The registry credential; by default the one stored by Connect-Registry or docker login.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    protected override void ProcessRecord()
    {
        foreach (ImageReference reference in Name)
        {
            if (AllTags && (reference.Tag is not null || reference.Digest is not null))
            {
                ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException($"-AllTags pulls every tag of a repository: give '{reference.FamiliarRepository}' without a tag or digest."), "TagWithAllTags", reference.FamiliarName));
            }
            string what = AllTags ? reference.FamiliarRepository + " (all tags)" : reference.FamiliarName;
            if (!ShouldProcess(what, "Pull image")) continue;
            var options = new ImagePullOptions { AllTags = AllTags, Platform = Platform, Auth = ResolveAuth(Credential, reference.Registry) };
            if (!PullImage(Client, reference, options)) continue;

            if (AllTags)
            {
                string repo = reference.FamiliarRepository;
                foreach (Image image in Wait(ct => Client.Images.ListAsync(new ImageListOptions(), ct)).Where(i => i.Repository == repo))
                    WriteObject(image);
            }
            else
            {
                string name = reference.Digest is not null ? reference.FamiliarRepository + "@" + reference.Digest : reference.FamiliarRepository + ":" + reference.EffectiveTag;
                WriteObject(Wait(ct => Client.Images.InspectAsync(name, new(), ct)));
            }
        }
    }
}
