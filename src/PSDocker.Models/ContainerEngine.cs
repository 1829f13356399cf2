namespace PSDocker;

/// <summary>Which product serves the Docker Engine API at an endpoint.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum EngineKind
{
    /// <summary>Docker Engine (dockerd, Moby).</summary>
    Docker,

    /// <summary>Podman's Docker-compatible service (<c>podman system service</c>).</summary>
    Podman,
}

/// <summary>One part of an engine, as <c>docker version</c> lists them (Engine, containerd, runc, Conmon, …).</summary>
public sealed class EngineComponent
{
    /// <summary>Its name (<c>Engine</c>, <c>Podman Engine</c>, <c>containerd</c>, <c>runc</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>Its version (first line only, for runtimes that print several).</summary>
    public string Version { get; init; } = "";

    public override string ToString() => Name + " " + Version;
}

/// <summary>What <c>GET /version</c> says (<c>docker version</c>, server part).</summary>
public sealed class EngineVersion
{
    /// <summary>Docker or Podman.</summary>
    public EngineKind Kind { get; init; }

    /// <summary>The engine component's name: <c>Engine</c> for Docker, <c>Podman Engine</c> for Podman.</summary>
    public string Product { get; init; } = "";

    /// <summary>The engine's version (<c>20.10.24</c>, <c>4.3.1</c>).</summary>
    public string Version { get; init; } = "";

    /// <summary>The newest Docker API version the engine speaks.</summary>
    public Version? ApiVersion { get; init; }

    /// <summary>The oldest Docker API version the engine accepts.</summary>
    public Version? MinApiVersion { get; init; }

    /// <summary>Operating system (<c>linux</c>, <c>windows</c>).</summary>
    public string Os { get; init; } = "";

    /// <summary>CPU architecture as Go names it (<c>amd64</c>, <c>arm64</c>).</summary>
    public string Architecture { get; init; } = "";

    /// <summary>The kernel the engine runs on.</summary>
    public string KernelVersion { get; init; } = "";

    /// <summary>The source commit the engine was built from (Podman's Debian build leaves it empty).</summary>
    public string? GitCommit { get; init; }

    /// <summary>The Go version the engine was built with.</summary>
    public string? GoVersion { get; init; }

    /// <summary>The platform name (Docker Desktop, Podman's <c>linux/amd64/debian-12</c>), when the engine sends one.</summary>
    public string? Platform { get; init; }

    /// <summary>The engine's parts: engine, containerd or Conmon, the OCI runtime, …</summary>
    public IReadOnlyList<EngineComponent> Components { get; init; } = Array.Empty<EngineComponent>();
}

/// <summary>What <c>GET /info</c> says (<c>docker info</c>, server part).</summary>
public sealed class EngineInfo
{
    /// <summary>The engine's ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The host's name.</summary>
    public string HostName { get; init; } = "";

    /// <summary>The engine's version (as /info reports it).</summary>
    public string ServerVersion { get; init; } = "";

    /// <summary>Containers in all states.</summary>
    public long Containers { get; init; }

    /// <summary>Running containers.</summary>
    public long ContainersRunning { get; init; }

    /// <summary>Paused containers.</summary>
    public long ContainersPaused { get; init; }

    /// <summary>Stopped containers (created and exited ones).</summary>
    public long ContainersStopped { get; init; }

    /// <summary>Images.</summary>
    public long Images { get; init; }

    /// <summary>The storage driver (<c>overlay2</c>, <c>overlay</c>, <c>vfs</c>).</summary>
    public string StorageDriver { get; init; } = "";

    /// <summary>The cgroup driver (<c>cgroupfs</c>, <c>systemd</c>).</summary>
    public string CgroupDriver { get; init; } = "";

    /// <summary>The cgroup version (<c>1</c>, <c>2</c>).</summary>
    public string CgroupVersion { get; init; } = "";

    /// <summary>The host's operating system, as the engine describes it.</summary>
    public string OperatingSystem { get; init; } = "";

    /// <summary>The host operating system's version.</summary>
    public string OSVersion { get; init; } = "";

    /// <summary><c>linux</c> or <c>windows</c>.</summary>
    public string OSType { get; init; } = "";

    /// <summary>The host's CPU architecture as the engine reports it (<c>x86_64</c> from Docker, <c>amd64</c> from Podman).</summary>
    public string Architecture { get; init; } = "";

    /// <summary>The kernel.</summary>
    public string KernelVersion { get; init; } = "";

    /// <summary>CPUs the engine can use.</summary>
    public int Cpus { get; init; }

    /// <summary>Memory of the host in bytes.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>Where the engine keeps its data.</summary>
    public string RootDirectory { get; init; } = "";

    /// <summary>The default log driver of new containers (Podman leaves it empty).</summary>
    public string? LoggingDriver { get; init; }

    /// <summary>The default OCI runtime.</summary>
    public string? DefaultRuntime { get; init; }

    /// <summary>True for a rootless Podman; null when the engine does not say.</summary>
    public bool? Rootless { get; init; }

    /// <summary>Security options (seccomp profile, rootless, …).</summary>
    public IReadOnlyList<string> SecurityOptions { get; init; } = Array.Empty<string>();

    /// <summary>What the engine warns about its configuration.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}

/// <summary>
/// An engine as <c>docker version</c> and <c>docker info</c> describe it, and how PSDocker talks to it. The summary
/// properties are read from <see cref="VersionDetails"/> and <see cref="Info"/>; /version wins where both say it.
/// </summary>
public sealed class ContainerEngine
{
    /// <summary>Docker or Podman.</summary>
    public EngineKind Kind { get; init; }

    /// <summary>True for Podman's Docker-compatible service.</summary>
    public bool IsPodman => Kind == EngineKind.Podman;

    /// <summary>The engine's product name: <c>Docker Engine</c> or <c>Podman Engine</c>.</summary>
    public string Name => Kind == EngineKind.Podman ? PodmanComponent : "Docker Engine";

    /// <summary>The name of Podman's engine component in /version.</summary>
    internal const string PodmanComponent = "Podman Engine";

    /// <summary>The engine's version (<c>20.10.24+dfsg1</c>, <c>4.3.1</c>).</summary>
    public string Version => Either(VersionDetails.Version, Info.ServerVersion);

    /// <summary>The API version PSDocker negotiated with it (the lower of the engine's newest and PSDocker's).</summary>
    public Version ApiVersion { get; init; } = new(1, 41);

    /// <summary>The newest Docker API version the engine speaks (from /version, else from the /_ping handshake).</summary>
    public Version? EngineApiVersion => VersionDetails.ApiVersion ?? HandshakeApiVersion;

    /// <summary>The newest API version the /_ping handshake reported (used when /version has none).</summary>
    internal Version? HandshakeApiVersion { get; init; }

    /// <summary>The oldest Docker API version the engine accepts.</summary>
    public Version? MinApiVersion => VersionDetails.MinApiVersion;

    /// <summary>Operating system (<c>linux</c>).</summary>
    public string Os => Either(VersionDetails.Os, Info.OSType);

    /// <summary>CPU architecture (<c>amd64</c>).</summary>
    public string Architecture => Either(VersionDetails.Architecture, Info.Architecture);

    /// <summary>The host's operating system as the engine describes it (<c>Debian GNU/Linux 12 (bookworm)</c>).</summary>
    public string OperatingSystem => Info.OperatingSystem;

    /// <summary>The kernel.</summary>
    public string KernelVersion => Either(Info.KernelVersion, VersionDetails.KernelVersion);

    /// <summary>Containers in all states.</summary>
    public long Containers => Info.Containers;

    /// <summary>Running containers.</summary>
    public long ContainersRunning => Info.ContainersRunning;

    /// <summary>Paused containers.</summary>
    public long ContainersPaused => Info.ContainersPaused;

    /// <summary>Stopped containers (created and exited ones).</summary>
    public long ContainersStopped => Info.ContainersStopped;

    /// <summary>Images.</summary>
    public long Images => Info.Images;

    /// <summary>The storage driver (<c>overlay2</c>, <c>overlay</c>, <c>vfs</c>).</summary>
    public string StorageDriver => Info.StorageDriver;

    /// <summary>The cgroup driver (<c>cgroupfs</c>, <c>systemd</c>).</summary>
    public string CgroupDriver => Info.CgroupDriver;

    /// <summary>The cgroup version (<c>1</c>, <c>2</c>).</summary>
    public string CgroupVersion => Info.CgroupVersion;

    /// <summary>CPUs the engine can use.</summary>
    public int Cpus => Info.Cpus;

    /// <summary>Memory of the host in bytes.</summary>
    public long MemoryBytes => Info.MemoryBytes;

    /// <summary>The host's name.</summary>
    public string HostName => Info.HostName;

    /// <summary>Where the engine keeps its data.</summary>
    public string RootDirectory => Info.RootDirectory;

    /// <summary>The engine's ID.</summary>
    public string Id => Info.Id;

    /// <summary>The engine's parts (engine, containerd or Conmon, OCI runtime, …).</summary>
    public IReadOnlyList<EngineComponent> Components => VersionDetails.Components;

    /// <summary>What the engine warns about its configuration.</summary>
    public IReadOnlyList<string> Warnings => Info.Warnings;

    /// <summary>The endpoint PSDocker reached it at.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The Docker context the endpoint came from, when it came from one.</summary>
    public string? Context { get; init; }

    /// <summary>Everything /version said.</summary>
    public EngineVersion VersionDetails { get; init; } = new();

    /// <summary>Everything /info said.</summary>
    public EngineInfo Info { get; init; } = new();

    /// <summary><c>Docker 20.10.24 (API 1.41)</c>.</summary>
    public override string ToString() => $"{Kind} {Version} (API {ApiVersion.ToString(2)})";

    private static string Either(string first, string second) => first.Length > 0 ? first : second;
}
