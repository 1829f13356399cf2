using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using PSDocker.Core.Json;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Containers;

/// <summary>A tar stream the engine is sending; dispose it to close the connection.</summary>
public sealed class EngineTarStream : IAsyncDisposable, IDisposable
{
    private readonly HttpRequestMessage _request;
    private readonly HttpResponseMessage _response;

    internal EngineTarStream(HttpRequestMessage request, HttpResponseMessage response, Stream content, ContainerPathInfo? stat)
    {
        _request = request;
        _response = response;
        Content = content;
        Stat = stat;
    }

    /// <summary>The tar, read as it arrives.</summary>
    public Stream Content { get; }

    /// <summary>The engine's facts about the path read (<c>X-Docker-Container-Path-Stat</c>), when it sent them.</summary>
    public ContainerPathInfo? Stat { get; }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _request.Dispose();
    }

    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
        _request.Dispose();
    }
}

public sealed partial class ContainerOperations
{
    private const string PathStatHeader = "X-Docker-Container-Path-Stat";

    /// <summary>Facts about a path in a container (size, mode, link target), or null when the container has no such path.</summary>
    /// <remarks>HEAD /containers/{id}/archive?path (CLI: the stat <c>docker cp</c> makes first).</remarks>
    /// <exception cref="DockerApiException">404 if no such container.</exception>
    public async Task<ContainerPathInfo?> StatPathAsync(string idOrName, ContainerStatPathOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = new Query(Path(idOrName, "/archive")).Add("path", options.Path);
        using HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Head, path, cancellationToken).ConfigureAwait(false);
        try
        {
            using HttpResponseMessage response = await _transport.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return ParseStat(response, idOrName, options.Path) ?? throw _transport.ProtocolError(request, $"the answer has no {PathStatHeader} header");
        }
        catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.NotFound)
        {
            // A HEAD answer has no body to tell a missing path from a missing container: ask about the container.
            await InspectAsync(idOrName, new ContainerInspectOptions(), cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>
    /// Reads a file or directory tree of a container as a tar stream (its root entry is the path's last part;
    /// <c>.</c> for <c>dir/.</c>).
    /// </summary>
    /// <remarks>GET /containers/{id}/archive?path (CLI: <c>docker cp CONTAINER:SRC DEST</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container or path (<see cref="ApiErrorKind.NotFound"/>; tell them apart with <see cref="StatPathAsync"/>).</exception>
    public async Task<EngineTarStream> GetArchiveAsync(string idOrName, ContainerGetArchiveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = new Query(Path(idOrName, "/archive")).Add("path", options.Path);
        HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Get, path, cancellationToken).ConfigureAwait(false);
        return await _transport.OpenStreamAsync(request, cancellationToken,
            (response, body) => new EngineTarStream(request, response, body, ParseStat(response, idOrName, options.Path))).ConfigureAwait(false);
    }

    /// <summary>Writes a tar's entries into a directory of a container, the tar made as it is sent.</summary>
    /// <remarks>PUT /containers/{id}/archive?path&amp;noOverwriteDirNonDir&amp;copyUIDGID (CLI: <c>docker cp SRC CONTAINER:DEST</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container or directory; 400 when a directory would replace a file or the reverse; 403 for a read-only file system.</exception>
    public Task PutArchiveAsync(string idOrName, ContainerPutArchiveOptions options, HttpContent tar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tar);
        string path = new Query(Path(idOrName, "/archive"))
            .Add("path", options.Path)
            .Bool("noOverwriteDirNonDir", options.NoOverwriteDirNonDir)
            .Bool("copyUIDGID", options.CopyUidGid);
        return _transport.SendAsync(HttpMethod.Put, path, cancellationToken, tar);
    }

    /// <summary>A container's whole file system as a tar stream.</summary>
    /// <remarks>GET /containers/{id}/export (CLI: <c>docker export</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container.</exception>
    public async Task<EngineTarStream> ExportAsync(string idOrName, ContainerExportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Get, Path(idOrName, "/export"), cancellationToken).ConfigureAwait(false);
        return await _transport.OpenStreamAsync(request, cancellationToken, (response, body) => new EngineTarStream(request, response, body, null)).ConfigureAwait(false);
    }

    /// <summary>The engine's path facts header: base64 JSON {name,size,mode,mtime,linkTarget}, mode as Go's os.FileMode.</summary>
    internal ContainerPathInfo? ParseStat(HttpResponseMessage response, string container, string requestedPath)
    {
        if (!response.Headers.TryGetValues(PathStatHeader, out IEnumerable<string>? values)) return null;
        string? text = values.FirstOrDefault();
        if (string.IsNullOrEmpty(text)) return null;
        PathStatDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(Encoding.UTF8.GetString(Convert.FromBase64String(text)), DockerJsonContext.Default.PathStatDto);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
        if (dto is null) return null;
        return PathStat.ToInfo(dto, container, requestedPath, EndpointText);
    }
}

/// <summary>Go's os.FileMode bits as the engine sends them in the path stat header.</summary>
internal static class PathStat
{
    internal const uint ModeDir = 1u << 31;
    internal const uint ModeSymlink = 1u << 27;
    private const uint ModeSetuid = 1u << 23;
    private const uint ModeSetgid = 1u << 22;
    private const uint ModeSticky = 1u << 20;

    public static ContainerPathInfo ToInfo(PathStatDto dto, string container, string requestedPath, string endpoint)
    {
        uint mode = dto.Mode;
        var unix = (UnixFileMode)(mode & 0x1FF);
        if ((mode & ModeSetuid) != 0) unix |= UnixFileMode.SetUser;
        if ((mode & ModeSetgid) != 0) unix |= UnixFileMode.SetGroup;
        if ((mode & ModeSticky) != 0) unix |= UnixFileMode.StickyBit;
        return new ContainerPathInfo
        {
            Container = container,
            Path = requestedPath,
            Name = dto.Name ?? "",
            Size = dto.Size,
            Mode = unix,
            IsDirectory = (mode & ModeDir) != 0,
            IsSymbolicLink = (mode & ModeSymlink) != 0,
            LinkTarget = string.IsNullOrEmpty(dto.LinkTarget) ? null : dto.LinkTarget,
            LastWriteTime = DateTime.TryParse(dto.Mtime, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTime t) ? t.ToLocalTime() : default,
            Endpoint = endpoint,
        };
    }
}
