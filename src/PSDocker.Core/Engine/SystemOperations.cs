using System.Text.Json;
using PSDocker.Core.Images;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Engine;

/// <summary>The engine's system endpoints.</summary>
public sealed partial class SystemOperations
{
    private readonly DockerTransport _transport;
    private readonly DockerClient _owner;

    internal SystemOperations(DockerTransport transport, DockerClient owner)
    {
        _transport = transport;
        _owner = owner;
    }

    /// <summary>Asks the engine to check a credential with a registry.</summary>
    /// <remarks>POST /auth (CLI: <c>docker login</c>).</remarks>
    /// <exception cref="DockerApiException">401 when the registry refuses the credential; 500 when it cannot be reached.</exception>
    public async Task<RegistryLoginResult> AuthAsync(RegistryAuth auth, CancellationToken cancellationToken = default)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("username", auth.Username);
            w.WriteString("password", auth.Password);
            w.WriteString("serveraddress", auth.ServerAddress);
            w.WriteEndObject();
        }
        var content = new ByteArrayContent(ms.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        AuthResponseDto dto = await _transport.SendJsonAsync(HttpMethod.Post, "auth", SystemJsonContext.Default.AuthResponseDto, cancellationToken, content).ConfigureAwait(false);
        return new RegistryLoginResult { Status = dto.Status ?? "", IdentityToken = string.IsNullOrEmpty(dto.IdentityToken) ? null : dto.IdentityToken };
    }

    /// <summary>The engine's version and its parts.</summary>
    /// <remarks>GET /version (CLI: <c>docker version</c>, server part). Podman answers with a <c>Podman Engine</c> component.</remarks>
    /// <exception cref="DockerEndpointException">When the engine cannot be reached.</exception>
    public async Task<EngineVersion> VersionAsync(CancellationToken cancellationToken = default)
    {
        EngineHandshake handshake = await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
        VersionDto dto = await _transport.SendJsonAsync(HttpMethod.Get, "version", SystemJsonContext.Default.VersionDto, cancellationToken).ConfigureAwait(false);
        return SystemMapper.ToVersion(dto, handshake.IsPodman);
    }

    /// <summary>What the engine says about itself and its host: container and image counts, drivers, resources.</summary>
    /// <remarks>GET /info (CLI: <c>docker info</c>, server part).</remarks>
    /// <exception cref="DockerEndpointException">When the engine cannot be reached.</exception>
    public async Task<EngineInfo> InfoAsync(CancellationToken cancellationToken = default)
    {
        InfoDto dto = await _transport.SendJsonAsync(HttpMethod.Get, "info", SystemJsonContext.Default.InfoDto, cancellationToken).ConfigureAwait(false);
        return SystemMapper.ToInfo(dto);
    }

    /// <summary>The engine as <c>docker version</c> and <c>docker info</c> describe it, with the negotiated API version.</summary>
    /// <remarks>GET /version and GET /info, sent together.</remarks>
    /// <exception cref="DockerEndpointException">When the engine cannot be reached.</exception>
    public async Task<ContainerEngine> GetEngineAsync(CancellationToken cancellationToken = default)
    {
        EngineHandshake handshake = await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
        Task<EngineVersion> version = VersionAsync(cancellationToken);
        Task<EngineInfo> info = InfoAsync(cancellationToken);
        await Task.WhenAll(version, info).ConfigureAwait(false);
        return SystemMapper.ToEngine(await version.ConfigureAwait(false), await info.ConfigureAwait(false), handshake, _transport.Endpoint.ToString(), _transport.Endpoint.ContextName);
    }

    /// <summary>Docker or Podman, from the engine's <c>/_ping</c> headers (Podman adds <c>Libpod-Api-Version</c>); asked once per client.</summary>
    public async Task<EngineKind> GetEngineKindAsync(CancellationToken cancellationToken = default)
        => (await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false)).Kind;
}

/// <summary>Wire shapes of /version and /info to the public models.</summary>
internal static class SystemMapper
{
    internal const string PodmanComponent = ContainerEngine.PodmanComponent;

    public static EngineVersion ToVersion(VersionDto dto, bool podmanHeaders)
    {
        var components = (dto.Components ?? new List<VersionComponentDto>())
            .Where(c => !string.IsNullOrEmpty(c.Name))
            .Select(c => new EngineComponent { Name = c.Name!, Version = FirstLine(c.Version) })
            .ToArray();
        bool podman = podmanHeaders || components.Any(c => string.Equals(c.Name, PodmanComponent, StringComparison.OrdinalIgnoreCase));
        EngineComponent? engine = components.FirstOrDefault(c => c.Name is "Engine" || string.Equals(c.Name, PodmanComponent, StringComparison.OrdinalIgnoreCase));
        return new EngineVersion
        {
            Kind = podman ? EngineKind.Podman : EngineKind.Docker,
            Product = engine?.Name ?? (podman ? PodmanComponent : "Engine"),
            Version = !string.IsNullOrEmpty(dto.Version) ? dto.Version : engine?.Version ?? "",
            ApiVersion = ParseVersion(dto.ApiVersion),
            MinApiVersion = ParseVersion(dto.MinAPIVersion),
            Os = dto.Os ?? "",
            Architecture = dto.Arch ?? "",
            KernelVersion = dto.KernelVersion ?? "",
            GitCommit = string.IsNullOrEmpty(dto.GitCommit) ? null : dto.GitCommit,
            GoVersion = string.IsNullOrEmpty(dto.GoVersion) ? null : dto.GoVersion,
            Platform = string.IsNullOrEmpty(dto.Platform?.Name) ? null : dto.Platform.Name,
            Components = components,
        };
    }

    public static EngineInfo ToInfo(InfoDto dto) => new()
    {
        Id = dto.ID ?? "",
        HostName = dto.Name ?? "",
        ServerVersion = dto.ServerVersion ?? "",
        Containers = dto.Containers,
        ContainersRunning = dto.ContainersRunning,
        ContainersPaused = dto.ContainersPaused,
        ContainersStopped = dto.ContainersStopped,
        Images = dto.Images,
        StorageDriver = dto.Driver ?? "",
        CgroupDriver = dto.CgroupDriver ?? "",
        CgroupVersion = dto.CgroupVersion ?? "",
        OperatingSystem = dto.OperatingSystem ?? "",
        OSVersion = dto.OSVersion ?? "",
        OSType = dto.OSType ?? "",
        Architecture = dto.Architecture ?? "",
        KernelVersion = dto.KernelVersion ?? "",
        Cpus = dto.NCPU,
        MemoryBytes = dto.MemTotal,
        RootDirectory = dto.DockerRootDir ?? "",
        LoggingDriver = string.IsNullOrEmpty(dto.LoggingDriver) ? null : dto.LoggingDriver,
        DefaultRuntime = string.IsNullOrEmpty(dto.DefaultRuntime) ? null : dto.DefaultRuntime,
        Rootless = dto.Rootless,
        SecurityOptions = dto.SecurityOptions?.ToArray() ?? Array.Empty<string>(),
        Warnings = dto.Warnings?.ToArray() ?? Array.Empty<string>(),
    };

    public static ContainerEngine ToEngine(EngineVersion version, EngineInfo info, EngineHandshake handshake, string endpoint, string? context)
    {
        return new ContainerEngine
        {
            Kind = handshake.IsPodman ? EngineKind.Podman : version.Kind,
            ApiVersion = handshake.ApiVersion,
            HandshakeApiVersion = handshake.EngineApiVersion,
            Endpoint = endpoint,
            Context = context,
            VersionDetails = version,
            Info = info,
        };
    }

    private static Version? ParseVersion(string? text)
        => Version.TryParse(text, out Version? v) ? v : null;

    private static string FirstLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        int nl = text.IndexOfAny(new[] { '\r', '\n' });
        return (nl < 0 ? text : text[..nl]).Trim();
    }
}
