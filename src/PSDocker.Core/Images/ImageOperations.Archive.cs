using System.Runtime.CompilerServices;
using PSDocker.Core.Archives;
using PSDocker.Core.Containers;
using PSDocker.Core.Json;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Images;

public sealed partial class ImageOperations
{
    /// <summary>One tar of several images, their layers and tags (<c>docker save</c>), read as it arrives.</summary>
    /// <remarks>GET /images/get?names (CLI: <c>docker save</c>).</remarks>
    /// <exception cref="DockerApiException">404 if one of the images does not exist.</exception>
    public async Task<EngineTarStream> SaveAsync(ImageSaveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Names.Count == 0) throw new ArgumentException("Name at least one image.", nameof(options));
        string path = new Query("images/get").AddEach("names", options.Names);
        HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Get, path, cancellationToken).ConfigureAwait(false);
        return await _transport.OpenStreamAsync(request, cancellationToken, (response, body) => new EngineTarStream(request, response, body, null)).ConfigureAwait(false);
    }

    /// <summary>Loads the images of a <c>docker save</c> tar and returns them as the engine then lists them.</summary>
    /// <remarks>POST /images/load?quiet (CLI: <c>docker load</c>). The tar is sent as it is read. The engine names each image it loaded in its answer.</remarks>
    /// <exception cref="DockerApiException">The engine refused the tar (400), or reported an error while loading (in-band).</exception>
    public async Task<IReadOnlyList<Image>> LoadAsync(HttpContent tar, ImageLoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentNullException.ThrowIfNull(options);
        string path = new Query("images/load").Flag("quiet", options.Quiet);
        using HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Post, path, cancellationToken).ConfigureAwait(false);
        request.Content = tar;
        var loaded = new List<string>();
        await foreach (JsonMessage m in StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (m.ErrorMessage is { } error) throw new DockerApiException(System.Net.HttpStatusCode.BadRequest, error, "POST", "/images/load", ApiErrorKind.InvalidRequest);
            foreach (string line in (m.Stream ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // Docker: "Loaded image: name:tag" or "Loaded image ID: sha256:…"; Podman: "Loaded image: <name or ID>" (several, comma-separated).
                int colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (colon < 0 || !line.StartsWith("Loaded image", StringComparison.Ordinal)) continue;
                foreach (string name in line[(colon + 2)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    string familiar = ImageMapper.Familiar(ImageMapper.QualifiedId(name));
                    if (!loaded.Contains(familiar)) loaded.Add(familiar);
                }
            }
        }
        var images = new List<Image>(loaded.Count);
        foreach (string name in loaded) images.Add(await InspectAsync(name, new ImageInspectOptions(), cancellationToken).ConfigureAwait(false));
        return images;
    }

    /// <summary>Makes an image of one layer from a tar of a file system (<c>docker import</c>) and returns it.</summary>
    /// <remarks>POST /images/create?fromSrc=-&amp;repo&amp;tag&amp;changes&amp;message (CLI: <c>docker import</c>). The tar is sent as it is read.</remarks>
    /// <exception cref="DockerApiException">The engine refused the tar or a change (400, or in-band).</exception>
    public async Task<Image> ImportAsync(HttpContent tar, ImageImportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentNullException.ThrowIfNull(options);
        string path = new Query("images/create")
            .Add("fromSrc", "-")
            // The tag goes inside repo: Podman 4 ignores the tag parameter of an import (and Docker reads both forms).
            .Add("repo", options.Reference is null ? null : options.Reference.Name + ":" + (options.Reference.Tag ?? "latest"))
            .AddIfNotEmpty("message", options.Message)
            .AddIfNotEmpty("platform", options.Platform)
            .AddEach("changes", options.Changes);
        using HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Post, path, cancellationToken).ConfigureAwait(false);
        request.Content = tar;
        string? id = null;
        await foreach (JsonMessage m in StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (m.ErrorMessage is { } error) throw new DockerApiException(System.Net.HttpStatusCode.BadRequest, error, "POST", "/images/create", ApiErrorKind.InvalidRequest);
            // The image ID comes as the status of the last message (Docker: sha256:<hex>; Podman: bare hex, also as id).
            foreach (string? candidate in new[] { m.Status?.Trim(), m.Id?.Trim() })
            {
                if (candidate is null) continue;
                string q = ImageMapper.QualifiedId(candidate);
                if (q.StartsWith("sha256:", StringComparison.Ordinal) && q.Length == 71) id = q;
            }
        }
        if (id is null) throw new EngineProtocolException(EndpointText, "POST /images/create", "the answer did not name the imported image");
        return await InspectAsync(options.Reference?.FamiliarName ?? id, new ImageInspectOptions(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes an image of a container's file system and configuration (<c>docker commit</c>) and returns it.</summary>
    /// <remarks>POST /commit?container&amp;repo&amp;tag&amp;comment&amp;author&amp;pause&amp;changes (CLI: <c>docker commit</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container; 400 for a change the engine does not accept.</exception>
    public async Task<Image> CommitAsync(ImageCommitOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Container);
        string path = new Query("commit")
            .Add("container", options.Container)
            .Add("repo", options.Reference?.Name)
            .Add("tag", options.Reference is null ? null : options.Reference.Tag ?? "latest")
            .AddIfNotEmpty("comment", options.Message)
            .AddIfNotEmpty("author", options.Author)
            .Bool("pause", options.Pause)
            .AddEach("changes", options.Changes);
        // The body is the container configuration to change; Podman insists on one (an empty object changes nothing).
        var body = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        CommitResponseDto dto = await _transport.SendJsonAsync(HttpMethod.Post, path, DockerJsonContext.Default.CommitResponseDto, cancellationToken, body).ConfigureAwait(false);
        if (string.IsNullOrEmpty(dto.Id)) throw new EngineProtocolException(EndpointText, "POST /commit", "the answer did not name the new image");
        return await InspectAsync(options.Reference?.FamiliarName ?? ImageMapper.QualifiedId(dto.Id), new ImageInspectOptions(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A local tar file as a request body read as it is sent, its bytes counted for progress.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static HttpContent FileContent(string path, IProgress<TransferProgress>? progress)
    {
        var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0, Options = FileOptions.Asynchronous | FileOptions.SequentialScan });
        long total = file.Length;
        long last = 0;
        var counting = new CountingStream(file, n =>
        {
            if (progress is null || (n - last < 256 * 1024 && n < total)) return;
            last = n;
            progress.Report(new TransferProgress(n, total, 0, null));
        });
        var content = new StreamContent(counting, 1024 * 1024);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        content.Headers.ContentLength = total;
        return content;
    }
}
