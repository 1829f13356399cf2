using System.Collections;
using System.Management.Automation;
using System.Net;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Concurrency;
using PSDocker.Core.Images;
using PSDocker.Core.Json;
using PSDocker.Errors;
using PSDocker.Progress;

namespace PSDocker.Commands;

/// <summary>Lists images, one per repository:tag (<c>docker images</c>).</summary>
[Cmdlet(VerbsCommon.Get, "Image", DefaultParameterSetName = "Name")]
[OutputType(typeof(Image))]
public sealed class GetImageCommand : DockerCmdlet
{
    private readonly List<string> _names = new();
    private readonly List<string> _ids = new();

    /// <summary>Image names (repository[:tag]); wildcards are allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = "Name", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Image IDs or ID prefixes (with or without sha256:).</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
    [Alias("ImageId")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Only untagged images no tagged image depends on.</summary>
    [Parameter]
    public SwitchParameter Dangling { get; set; }

    /// <summary>Include intermediate images (<c>docker images -a</c>).</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Only images with these labels: <c>key</c> or <c>key=value</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Fill in what <c>docker image inspect</c> knows (architecture, OS, config, layers).</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <summary>-Context a,b and several -Endpoint values list from every engine at once.</summary>
    protected override bool SupportsMultipleEngines => true;

    protected override void ProcessRecord()
    {
        if (Name is not null) _names.AddRange(Name);
        if (Id is not null) _ids.AddRange(Id.Select(i => i.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? i[7..] : i));
    }

    protected override void EndProcessing()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        if (Dangling) filters["dangling"] = new[] { "true" };
        if (Label is { Length: > 0 }) filters["label"] = Label;
        var options = new ImageListOptions { All = All, Filters = filters };
        IReadOnlyList<(DockerClient Client, IReadOnlyList<Image> Result)> listed = FanOut((client, ct) => client.Images.ListAsync(options, ct));
        if (listed.Count == 0) return; // every engine was unreachable, each reported

        var patterns = _names.Select(n => new WildcardPattern(Familiar(n), WildcardOptions.IgnoreCase)).ToArray();
        var matchedName = new bool[_names.Count];
        var matchedId = new bool[_ids.Count];
        foreach ((DockerClient client, IReadOnlyList<Image> images) in listed)
            WriteImages(client, images, patterns, matchedName, matchedId);

        for (int i = 0; i < _names.Count; i++)
        {
            if (!matchedName[i] && !WildcardPattern.ContainsWildcardCharacters(_names[i]))
                WriteNotFound(_names[i]);
        }
        for (int i = 0; i < _ids.Count; i++)
        {
            if (!matchedId[i]) WriteNotFound(_ids[i]);
        }
    }

    private void WriteImages(DockerClient client, IReadOnlyList<Image> images, WildcardPattern[] patterns, bool[] matchedName, bool[] matchedId)
    {
        var selected = new List<Image>();
        foreach (Image image in images)
        {
            if (_names.Count > 0)
            {
                bool any = false;
                for (int i = 0; i < patterns.Length; i++)
                {
                    bool hasTag = HasTag(_names[i]);
                    if (patterns[i].IsMatch(hasTag ? image.Repository + ":" + image.Tag : image.Repository))
                    {
                        matchedName[i] = any = true;
                    }
                }
                if (!any) continue;
            }
            if (_ids.Count > 0)
            {
                string hex = image.Id.StartsWith("sha256:", StringComparison.Ordinal) ? image.Id[7..] : image.Id;
                bool any = false;
                for (int i = 0; i < _ids.Count; i++)
                {
                    if (hex.StartsWith(_ids[i], StringComparison.OrdinalIgnoreCase)) matchedId[i] = any = true;
                }
                if (!any) continue;
            }
            selected.Add(image);
        }

        if (Detailed && selected.Count > 0)
        {
            IReadOnlyList<Image> detailed = Wait(ct => OrderedWork.RunAsync(selected, 16, (i, ct) => client.Images.InspectAsync(i.Tag == "<none>" ? i.Id : i.Name, ct), ct));
            foreach (Image d in detailed) WriteEngineObject(d);
        }
        else
        {
            foreach (Image i in selected) WriteEngineObject(i);
        }
    }

    /// <summary>The familiar form of a name pattern, so 'docker.io/library/nginx' finds 'nginx'.</summary>
    private static string Familiar(string pattern)
    {
        if (WildcardPattern.ContainsWildcardCharacters(pattern)) return pattern;
        return ImageReference.TryParse(pattern, out ImageReference? r) && r is not null
            ? (r.Tag is null ? r.FamiliarRepository : r.FamiliarRepository + ":" + r.Tag)
            : pattern;
    }

    private static bool HasTag(string pattern)
    {
        int colon = pattern.LastIndexOf(':');
        return colon >= 0 && pattern.IndexOf('/', colon) < 0;
    }

    private void WriteNotFound(string value)
    {
        var ex = new ItemNotFoundException($"No image '{value}' on {string.Join(" or ", ResolvedEndpoints.Select(Describe))}.");
        WriteError(DockerErrors.Record(ex, "ImageNotFound", ErrorCategory.ObjectNotFound, value, ex.Message, "List the images with Get-Image, or pull it with Invoke-ImagePull."));
    }
}

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
                WriteObject(Wait(ct => Client.Images.InspectAsync(name, ct)));
            }
        }
    }
}

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
                WriteError(ex.StatusCode == HttpStatusCode.NotFound
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
            WriteObject(Wait(ct => Client.Images.InspectAsync(reference.FamiliarName, ct)));
        }
    }
}

/// <summary>Gives an image another name (<c>docker tag</c>).</summary>
[Cmdlet(VerbsCommon.Add, "ImageTag", SupportsShouldProcess = true)]
[OutputType(typeof(Image))]
public sealed class AddImageTagCommand : DockerCmdlet
{
    /// <summary>The image to tag: a name or an ID.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageCompleter))]
    public string Name { get; set; } = "";

    /// <summary>The new name: registry/repository[:tag] (no tag means latest).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public ImageReference Tag { get; set; } = null!;

    /// <summary>Return the tagged image.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (Tag.Digest is not null)
            ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException($"A tag cannot hold a digest: '{Tag.FamiliarName}'."), "InvalidTag", Tag.FamiliarName));
        string source = SourceName(Name);
        ImageReference target = Tag.Tag is null ? Tag.WithTag("latest") : Tag;
        if (!ShouldProcess(Name, $"Tag image as {target.FamiliarName}")) return;
        try
        {
            Wait(ct => Client.Images.TagAsync(source, target, ct));
        }
        catch (DockerApiException ex)
        {
            WriteError(ImageErrors.FromImage(ex, Name, ResolvedEndpoint.ToString()));
            return;
        }
        if (PassThru) WriteObject(Wait(ct => Client.Images.InspectAsync(target.FamiliarName, ct)));
    }

    /// <summary>A name as the engine looks it up: IDs as they are, names validated.</summary>
    internal string SourceName(string text)
    {
        if (text.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) || (text.Length >= 12 && text.All(Uri.IsHexDigit))) return text;
        return ParseImage(text).FamiliarName;
    }
}

/// <summary>Removes images (<c>docker rmi</c>).</summary>
[Cmdlet(VerbsCommon.Remove, "Image", SupportsShouldProcess = true, DefaultParameterSetName = "Name")]
[OutputType(typeof(ImageDeleteResult))]
public sealed class RemoveImageCommand : DockerCmdlet
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

    private static bool IsId(string text)
        => text.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) || (text.Length >= 4 && text.Length <= 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'));

    /// <summary>Remove even when tagged in several repositories or used by a stopped container.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Keep untagged parent images.</summary>
    [Parameter]
    public SwitchParameter NoPrune { get; set; }

    /// <summary>Return what was untagged and deleted.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        IEnumerable<(string Target, string? Endpoint, string? Context)> targets = ParameterSetName == "InputObject"
            ? InputObject.Select(i => (i.Tag == "<none>" ? i.Id : i.Name, (string?)i.Endpoint, i.Context))
            : Name.Select(n => (IsId(n) ? n : ParseImage(n).FamiliarName, (string?)null, (string?)null));
        foreach ((string target, string? endpoint, string? context) in targets)
        {
            if (!ShouldProcess(target, Force ? "Remove image (forced)" : "Remove image")) continue;
            DockerClient client = ClientFor(endpoint, context);
            try
            {
                IReadOnlyList<ImageDeleteResult> results = Wait(ct => client.Images.RemoveAsync(target, new ImageRemoveOptions { Force = Force, NoPrune = NoPrune }, ct));
                if (PassThru) foreach (ImageDeleteResult r in results) WriteObject(r);
            }
            catch (DockerApiException ex)
            {
                WriteError(ImageErrors.FromImage(ex, target, client.Endpoint.ToString()));
            }
        }
    }
}

/// <summary>Removes unused images (<c>docker image prune</c>).</summary>
[Cmdlet(VerbsLifecycle.Invoke, "ImagePrune", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ImagePruneResult))]
public sealed class InvokeImagePruneCommand : DockerCmdlet
{
    /// <summary>Remove every image no container uses, not only dangling ones (<c>-a</c>).</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Only images with these labels (<c>key</c> or <c>key=value</c>); a leading '!' excludes instead.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Only images created before this time (a DateTime, a TimeSpan, or '10m', '2h', …).</summary>
    [Parameter]
    [PointInTimeTransformation]
    public DateTime? Until { get; set; }

    protected override void EndProcessing()
    {
        string what = All ? "all images without containers" : "dangling images";
        if (!ShouldProcess($"{what} on {ResolvedEndpoint}", "Remove")) return;
        var options = new ImagePruneOptions
        {
            All = All,
            Labels = Label ?? Array.Empty<string>(),
            Until = Until is { } u ? new DateTimeOffset(u) : null,
        };
        WriteObject(Wait(ct => Client.Images.PruneAsync(options, ct)));
    }
}
