using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Concurrency;
using PSDocker.Core.Images;
using PSDocker.Errors;

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
        bool direct = filters.Count == 0 && _ids.Count == 0 && _names.Count > 0 && _names.All(IsExactTaggedName);
        IReadOnlyList<(DockerClient Client, (IReadOnlyList<Image>? Inspected, IReadOnlyList<Image>? Listed) Result)> listed =
            FanOut((client, ct) => LookUpAsync(client, direct, options, _names, ct));
        if (listed.Count == 0) return; // every engine was unreachable, each reported

        var patterns = _names.Select(n => new WildcardPattern(Familiar(n), WildcardOptions.IgnoreCase)).ToArray();
        var matchedName = new bool[_names.Count];
        var matchedId = new bool[_ids.Count];
        foreach ((DockerClient client, (IReadOnlyList<Image>? inspected, IReadOnlyList<Image>? images)) in listed)
        {
            if (inspected is not null)
            {
                Array.Fill(matchedName, true);
                foreach (Image image in inspected.DistinctBy(i => i.Name)) WriteEngineObject(Detailed ? image : image.WithoutDetails(), Detailed);
            }
            else
            {
                WriteImages(client, images!, patterns, matchedName, matchedId);
            }
        }

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
            IReadOnlyList<Image> detailed = Wait(ct => OrderedWork.RunAsync(selected, 16, (i, ct) => client.Images.InspectAsync(i.Tag == "<none>" ? i.Id : i.Name, new(), ct), ct));
            foreach (Image d in detailed) WriteEngineObject(d, detailed: true);
        }
        else
        {
            foreach (Image i in selected) WriteEngineObject(i);
        }
    }

    /// <summary>
    /// Names with a tag (<c>repo:tag</c>) go to one inspect call each (<c>GET /images/{name}/json</c>) instead of a list of every
    /// image; an answer counts only when it carries the repository:tag asked for. When any is missing, the engine's list is
    /// matched here as before (case-insensitive, familiar names), so what is found and what is not stays the same.
    /// </summary>
    private static async Task<(IReadOnlyList<Image>?, IReadOnlyList<Image>?)> LookUpAsync(DockerClient client, bool direct, ImageListOptions options, IReadOnlyList<string> names, CancellationToken ct)
    {
        if (direct)
        {
            IReadOnlyList<Image?> inspected = await OrderedWork.RunAsync(names, 16, async (name, ct) =>
            {
                try
                {
                    Image image = await client.Images.InspectAsync(name, new(), ct).ConfigureAwait(false);
                    return string.Equals(image.Repository + ":" + image.Tag, Familiar(name), StringComparison.OrdinalIgnoreCase) ? image : null;
                }
                catch (DockerApiException)
                {
                    return null; // not found, or found under another spelling: the list decides
                }
            }, ct).ConfigureAwait(false);
            if (inspected.All(i => i is not null)) return (inspected.OfType<Image>().ToArray(), null);
        }
        return (null, await client.Images.ListAsync(options, ct).ConfigureAwait(false));
    }

    private static bool IsExactTaggedName(string name)
        => !WildcardPattern.ContainsWildcardCharacters(name) && !name.Contains('@', StringComparison.Ordinal)
           && ImageReference.TryParse(name, out ImageReference? r) && r?.Tag is not null;

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
