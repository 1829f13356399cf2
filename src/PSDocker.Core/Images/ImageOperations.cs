using System.Globalization;
using System.Runtime.CompilerServices;
using PSDocker.Core.Containers;
using PSDocker.Core.Json;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Images;

/// <summary>The engine's image endpoints (<c>/images/…</c>).</summary>
public sealed partial class ImageOperations
{
    private readonly DockerTransport _transport;

    internal ImageOperations(DockerTransport transport) => _transport = transport;

    private string EndpointText => _transport.Endpoint.ToString();

    /// <summary>Lists images, one <see cref="Image"/> per repository:tag (an untagged image once).</summary>
    /// <remarks>GET /images/json (CLI: <c>docker images</c>).</remarks>
    public async Task<IReadOnlyList<Image>> ListAsync(ImageListOptions options, CancellationToken cancellationToken = default)
    {
        string query = new Query("images/json").Flag("all", options.All).Filters(options.Filters);
        List<ImageSummaryDto> list = await _transport.SendJsonAsync(HttpMethod.Get, query, ImageJsonContext.Default.ListImageSummaryDto, cancellationToken).ConfigureAwait(false);
        var result = new List<Image>(list.Count);
        foreach (ImageSummaryDto dto in list) ImageMapper.AddRows(result, dto, EndpointText, _transport.Endpoint.ContextName);
        return result;
    }

    /// <summary>Everything the engine knows of one image.</summary>
    /// <remarks>GET /images/{name}/json (CLI: <c>docker image inspect</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such image.</exception>
    public async Task<Image> InspectAsync(string nameOrId, ImageInspectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrId);
        ArgumentNullException.ThrowIfNull(options);
        ImageInspectDto dto = await _transport.SendJsonAsync(HttpMethod.Get, "images/" + nameOrId + "/json", ImageJsonContext.Default.ImageInspectDto, cancellationToken).ConfigureAwait(false);
        return ImageMapper.FromInspect(dto, nameOrId, EndpointText, _transport.Endpoint.ContextName);
    }

    /// <summary>The layers of an image and the steps that made them, newest first.</summary>
    /// <remarks>GET /images/{name}/history (CLI: <c>docker history</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such image.</exception>
    public async Task<IReadOnlyList<ImageHistoryItem>> HistoryAsync(string nameOrId, ImageHistoryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrId);
        ArgumentNullException.ThrowIfNull(options);
        List<ImageHistoryDto> list = await _transport.SendJsonAsync(HttpMethod.Get, new Query("images/" + nameOrId + "/history").ToString(), ImageJsonContext.Default.ListImageHistoryDto, cancellationToken).ConfigureAwait(false);
        return list.Select(h => new ImageHistoryItem
        {
            // Podman sends bare hexadecimal IDs; images are sha256:<hex> everywhere else.
            Id = h.Id is null or "" ? "<missing>" : h.Id.Length == 64 && !h.Id.Contains(':') ? "sha256:" + h.Id : h.Id,
            Created = DateTimeOffset.FromUnixTimeSeconds(h.Created).LocalDateTime,
            CreatedBy = h.CreatedBy ?? "",
            Size = h.Size,
            Comment = h.Comment ?? "",
            Tags = h.Tags?.Where(t => t != "<none>:<none>").ToList() ?? (IReadOnlyList<string>)Array.Empty<string>(),
            Image = nameOrId,
            Endpoint = EndpointText,
        }).ToList();
    }

    /// <summary>Pulls an image and streams the engine's progress messages; an in-band error is a message with <see cref="JsonMessage.ErrorMessage"/>.</summary>
    /// <remarks>POST /images/create?fromImage&amp;tag (CLI: <c>docker pull</c>). The tag is never left empty unless <c>AllTags</c>: the engine pulls every tag then.</remarks>
    public async IAsyncEnumerable<JsonMessage> PullAsync(ImageReference reference, ImagePullOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (options.AllTags)
        {
            // Podman 4's /images/create without a tag pulls only :latest.
            await _transport.ThrowIfPodmanAsync("pulling every tag of a repository (-AllTags)", "Pull each tag by name.", cancellationToken).ConfigureAwait(false);
        }
        string query = new Query("images/create")
            .Add("fromImage", reference.Name)
            .Add("tag", options.AllTags ? null : reference.Digest ?? reference.EffectiveTag)
            .AddIfNotEmpty("platform", options.Platform);

        using HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Post, query, cancellationToken).ConfigureAwait(false);
        request.Headers.TryAddWithoutValidation("X-Registry-Auth", (options.Auth ?? RegistryAuth.Anonymous).Encode());
        await foreach (JsonMessage m in StreamAsync(request, cancellationToken).ConfigureAwait(false))
            yield return m;
    }

    /// <summary>Pushes an image and streams the engine's progress messages.</summary>
    /// <remarks>POST /images/{name}/push?tag (CLI: <c>docker push</c>). X-Registry-Auth is always sent, <c>{}</c> when anonymous.</remarks>
    public async IAsyncEnumerable<JsonMessage> PushAsync(ImageReference reference, ImagePushOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string query = new Query("images/" + reference.Name + "/push").Add("tag", reference.Tag);
        using HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Post, query, cancellationToken).ConfigureAwait(false);
        request.Headers.TryAddWithoutValidation("X-Registry-Auth", (options.Auth ?? RegistryAuth.Anonymous).Encode());
        await foreach (JsonMessage m in StreamAsync(request, cancellationToken).ConfigureAwait(false))
            yield return m;
    }

    internal async IAsyncEnumerable<JsonMessage> StreamAsync(HttpRequestMessage request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _transport.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await using Stream stream = await _transport.ReadBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
        await foreach (JsonMessage m in _transport.GuardAsync(JsonMessageReader.ReadAllAsync(stream, cancellationToken), request, cancellationToken).ConfigureAwait(false))
            yield return m;
    }

    /// <summary>Builds an image from a context with the classic builder and streams the build's messages (<c>stream</c> lines, <c>aux.ID</c>, in-band errors).</summary>
    /// <remarks>POST /build (CLI: <c>DOCKER_BUILDKIT=0 docker build</c>). The context is written as a tar while it is sent.</remarks>
    public async IAsyncEnumerable<JsonMessage> BuildAsync(BuildContext context, ImageBuildOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string query = new Query("build")
            .Add("dockerfile", context.DockerfileName)
            .Flag("rm", true)
            .Flag("forcerm", true)
            .Add("version", "1")
            .AddEach("t", options.Tags.Select(tag => tag.FamiliarName))
            .Json("buildargs", options.BuildArgs.Count > 0 ? options.BuildArgs.ToDictionary(kv => kv.Key, kv => kv.Value!) : null, ImageJsonContext.Default.DictionaryStringString)
            .Json("labels", options.Labels.Count > 0 ? options.Labels.ToDictionary(kv => kv.Key, kv => kv.Value) : null, ImageJsonContext.Default.DictionaryStringString)
            .AddIfNotEmpty("target", options.Target)
            .FlagIfSet("nocache", options.NoCache)
            .FlagIfSet("pull", options.Pull)
            .AddIfNotEmpty("platform", options.Platform);

        using HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Post, query, cancellationToken).ConfigureAwait(false);
        request.Content = context;
        request.Headers.TryAddWithoutValidation("X-Registry-Config", RegistryAuth.EncodeConfig(options.RegistryConfig));
        await foreach (JsonMessage m in StreamAsync(request, cancellationToken).ConfigureAwait(false))
            yield return m;
    }

    /// <summary>Tags an image with another name.</summary>
    /// <remarks>POST /images/{name}/tag?repo&amp;tag (CLI: <c>docker tag</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such source image.</exception>
    public Task TagAsync(string source, ImageTagOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(options);
        string query = new Query("images/" + source + "/tag").Add("repo", options.Target.Name).Add("tag", options.Target.Tag ?? "latest");
        return _transport.SendAsync(HttpMethod.Post, query, cancellationToken);
    }

    /// <summary>Removes an image (or one of its names).</summary>
    /// <remarks>DELETE /images/{name}?force&amp;noprune (CLI: <c>docker rmi</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such image; 409 if a container uses it or it has several names.</exception>
    public async Task<IReadOnlyList<ImageDeleteResult>> RemoveAsync(string nameOrId, ImageRemoveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrId);
        if (options.Force && (await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false)).IsPodman)
        {
            // Podman's forced removal also removes every container of the image; Docker's only untags and keeps them.
            // (Podman 4.3's ancestor filter misses short names, so match the containers' image IDs.)
            ImageInspectDto image = await _transport.SendJsonAsync(HttpMethod.Get, "images/" + nameOrId + "/json", ImageJsonContext.Default.ImageInspectDto, cancellationToken).ConfigureAwait(false);
            List<ContainerSummaryDto> containers = await _transport.SendJsonAsync(HttpMethod.Get, new Query("containers/json").Flag("all", true), DockerJsonContext.Default.ListContainerSummaryDto, cancellationToken).ConfigureAwait(false);
            string imageId = ImageMapper.QualifiedId(image.Id);
            if (containers.Any(c => c.ImageID is not null && string.Equals(ImageMapper.QualifiedId(c.ImageID), imageId, StringComparison.OrdinalIgnoreCase)))
                await _transport.ThrowIfPodmanAsync("removing an image that containers use (-Force) while keeping those containers (Podman would remove them too)",
                    "Remove the containers that use it first (Get-Container | Where-Object Image -eq <image> | Remove-Container), then the image.", cancellationToken).ConfigureAwait(false);
        }
        string query = new Query("images/" + nameOrId).Flag("force", options.Force).Flag("noprune", options.NoPrune);
        List<ImageDeleteDto> list = await _transport.SendJsonAsync(HttpMethod.Delete, query, ImageJsonContext.Default.ListImageDeleteDto, cancellationToken).ConfigureAwait(false);
        return list.Select(ImageMapper.ToDeleteResult).ToArray();
    }

    /// <summary>Removes unused images: dangling ones, or with <c>All</c> every image no container uses.</summary>
    /// <remarks>POST /images/prune?filters (CLI: <c>docker image prune</c>).</remarks>
    public async Task<ImagePruneResult> PruneAsync(ImagePruneOptions options, CancellationToken cancellationToken = default)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>> { ["dangling"] = new[] { options.All ? "false" : "true" } };
        foreach ((string key, IReadOnlyList<string> values) in ContainerOperations.PruneFilters(options.Labels, options.Until)) filters[key] = values;
        string path = new Query("images/prune").Filters(filters);
        ImagePruneDto dto = await _transport.SendJsonAsync(HttpMethod.Post, path, ImageJsonContext.Default.ImagePruneDto, cancellationToken).ConfigureAwait(false);
        return new ImagePruneResult
        {
            ImagesDeleted = (dto.ImagesDeleted ?? new()).Select(ImageMapper.ToDeleteResult).ToArray(),
            SpaceReclaimed = dto.SpaceReclaimed,
            Endpoint = EndpointText,
        };
    }
}

/// <summary>Maps the engine's image shapes to <see cref="Image"/>.</summary>
internal static class ImageMapper
{
    /// <summary>One row per repository:tag, as <c>docker images</c> shows them; an untagged image once.</summary>
    public static void AddRows(List<Image> rows, ImageSummaryDto dto, string endpoint, string? context = null)
    {
        var tags = (dto.RepoTags ?? new()).Where(t => t != "<none>:<none>").Select(Familiar).ToList();
        var digests = (dto.RepoDigests ?? new()).Where(d => d != "<none>@<none>").Select(Familiar).ToList();
        DateTime created = DateTimeOffset.FromUnixTimeSeconds(dto.Created).LocalDateTime;
        Image Make(string repo, string tag, string? digest) => new()
        {
            Id = dto.Id,
            Repository = repo,
            Tag = tag,
            Digest = digest,
            Created = created,
            Size = dto.Size,
            Labels = dto.Labels ?? Container.EmptyLabels,
            Containers = dto.Containers,
            RepoTags = tags,
            RepoDigests = digests,
            Endpoint = endpoint,
            Context = context,
        };

        if (tags.Count == 0 && digests.Count == 0)
        {
            rows.Add(Make("<none>", "<none>", null));
            return;
        }
        var tagged = new HashSet<string>(StringComparer.Ordinal);
        foreach (string t in tags)
        {
            (string repo, string tag) = SplitTag(t);
            tagged.Add(repo);
            string? digest = digests.Select(SplitDigest).Where(d => d.Repo == repo).Select(d => d.Digest).FirstOrDefault();
            rows.Add(Make(repo, tag, digest));
        }
        // A repository the image has only a digest in (pulled by digest, or its tag removed after a push or pull) is a row
        // of its own with the tag <none>, as docker images shows it, even when the image has tags in other repositories.
        foreach (IGrouping<string, (string Repo, string Digest)> repo in digests.Select(SplitDigest).GroupBy(d => d.Repo, StringComparer.Ordinal))
        {
            if (!tagged.Contains(repo.Key)) rows.Add(Make(repo.Key, "<none>", repo.First().Digest));
        }
    }

    public static Image FromInspect(ImageInspectDto dto, string requestedName, string endpoint, string? context = null)
    {
        var tags = (dto.RepoTags ?? new()).Select(Familiar).ToList();
        var digests = (dto.RepoDigests ?? new()).Select(Familiar).ToList();
        // The row for the name asked for when it is one of the image's tags; else the first tag.
        string? chosen = null;
        if (ImageReference.TryParse(requestedName, out ImageReference? asked) && asked is not null)
        {
            string want = asked.FamiliarRepository + ":" + (asked.Tag ?? "latest");
            chosen = tags.FirstOrDefault(t => t == want);
        }
        chosen ??= tags.FirstOrDefault();
        (string repo, string tag) = chosen is null ? ("<none>", "<none>") : SplitTag(chosen);
        string? digest = digests.Select(SplitDigest).Where(d => d.Repo == repo || repo == "<none>").Select(d => d.Digest).FirstOrDefault();
        if (repo == "<none>" && digests.Count > 0) repo = SplitDigest(digests[0]).Repo;
        ImageConfigDto config = dto.Config ?? new ImageConfigDto();
        return new Image
        {
            Id = dto.Id,
            Repository = repo,
            Tag = tag,
            Digest = digest,
            Created = ContainerMapper.ParseTime(dto.Created) ?? default,
            Size = dto.Size,
            Labels = config.Labels ?? Container.EmptyLabels,
            RepoTags = tags,
            RepoDigests = digests,
            Endpoint = endpoint,
            Context = context,
            IsDetailed = true,
            Architecture = dto.Architecture,
            Os = dto.Os,
            Variant = string.IsNullOrEmpty(dto.Variant) ? null : dto.Variant,
            Environment = config.Env ?? new(),
            Entrypoint = config.Entrypoint ?? new(),
            Command = config.Cmd ?? new(),
            ExposedPorts = config.ExposedPorts?.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray() ?? Array.Empty<string>(),
            WorkingDirectory = config.WorkingDir ?? "",
            User = config.User ?? "",
            Layers = dto.RootFS?.Layers ?? new(),
            Author = string.IsNullOrEmpty(dto.Author) ? null : dto.Author,
        };
    }

    /// <summary>
    /// A name as users type it: <c>docker.io/library/nginx:1</c> is <c>nginx:1</c>, <c>docker.io/bitnami/x</c> is <c>bitnami/x</c>.
    /// Docker lists names that way already; Podman lists them fully qualified.
    /// </summary>
    internal static string Familiar(string name)
    {
        const string Hub = ImageReference.DockerHub + "/";
        const string Library = "library/";
        if (!name.StartsWith(Hub, StringComparison.Ordinal)) return name;
        string rest = name[Hub.Length..];
        if (rest.StartsWith(Library, StringComparison.Ordinal) && rest.IndexOf('/', Library.Length) < 0) rest = rest[Library.Length..];
        return rest;
    }

    /// <summary>One line of a delete or prune answer, with names and IDs as Docker gives them (Podman: fully qualified names, bare IDs).</summary>
    internal static ImageDeleteResult ToDeleteResult(ImageDeleteDto d) => new()
    {
        Untagged = d.Untagged is null ? null : Familiar(d.Untagged),
        Deleted = d.Deleted is null ? null : QualifiedId(d.Deleted),
    };

    /// <summary><c>sha256:&lt;hex&gt;</c> for a bare 64-digit ID (Podman's delete, prune and commit answers).</summary>
    internal static string QualifiedId(string id)
        => id.Length == 64 && id.All(char.IsAsciiHexDigit) ? "sha256:" + id : id;

    internal static (string Repo, string Tag) SplitTag(string repoTag)
    {
        int colon = repoTag.LastIndexOf(':');
        return colon > 0 && repoTag.IndexOf('/', colon) < 0 ? (repoTag[..colon], repoTag[(colon + 1)..]) : (repoTag, "<none>");
    }

    internal static (string Repo, string Digest) SplitDigest(string repoDigest)
    {
        int at = repoDigest.IndexOf('@');
        return at > 0 ? (repoDigest[..at], repoDigest[(at + 1)..]) : (repoDigest, "");
    }

    internal static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
