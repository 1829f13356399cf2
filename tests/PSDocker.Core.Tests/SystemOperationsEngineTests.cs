using System.Net;
using System.Text;
using PSDocker.Core.Images;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Tests;

/// <summary>GET /version and GET /info (docker version, docker info), and telling Docker from Podman.</summary>
public class SystemOperationsEngineTests
{
    // Answers as Docker Engine 20.10 and Podman 4.3.1 answered on this project's test machine (trimmed).
    private const string DockerVersion = """
        {"Platform":{"Name":""},"Components":[{"Name":"Engine","Version":"20.10.24+dfsg1","Details":{"ApiVersion":"1.41","Arch":"amd64","MinAPIVersion":"1.12","Os":"linux"}},
        {"Name":"containerd","Version":"1.6.20~ds1","Details":{"GitCommit":"1.6.20~ds1-1+deb12u3"}},{"Name":"runc","Version":"1.1.5+ds1","Details":{"GitCommit":"1.1.5+ds1-1+deb12u1"}}],
        "Version":"20.10.24+dfsg1","ApiVersion":"1.41","MinAPIVersion":"1.12","GitCommit":"5d6db84","GoVersion":"go1.19.8","Os":"linux","Arch":"amd64","KernelVersion":"6.1.0-13-amd64","BuildTime":"2026-05-07T21:09:36.000000000+00:00"}
        """;

    private const string PodmanVersion = """
        {"Platform":{"Name":"linux/amd64/debian-12"},"Components":[{"Name":"Podman Engine","Version":"4.3.1","Details":{"APIVersion":"4.3.1","Arch":"amd64","Experimental":"false","MinAPIVersion":"4.0.0","Os":"linux"}},
        {"Name":"Conmon","Version":"conmon version 2.1.6, commit: unknown","Details":{"Package":"conmon_2.1.6+ds1-1_amd64"}},
        {"Name":"OCI Runtime (runc)","Version":"runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev","Details":{"Package":"runc_1.1.5+ds1-1+deb12u1_amd64"}}],
        "Version":"4.3.1","ApiVersion":"1.41","MinAPIVersion":"1.24","GitCommit":"","GoVersion":"go1.19.8","Os":"linux","Arch":"amd64","KernelVersion":"6.1.0-13-amd64","BuildTime":"1970-01-01T00:00:00Z"}
        """;

    private const string DockerInfo = """
        {"ID":"ULUV:ALJF","Containers":7,"ContainersRunning":2,"ContainersPaused":1,"ContainersStopped":4,"Images":12,"Driver":"overlay2",
        "CgroupDriver":"cgroupfs","CgroupVersion":"1","KernelVersion":"6.1.0-13-amd64","OperatingSystem":"Debian GNU/Linux 12 (bookworm)","OSVersion":"12",
        "OSType":"linux","Architecture":"x86_64","NCPU":2,"MemTotal":25276026880,"DockerRootDir":"/var/lib/docker","Name":"vm","ServerVersion":"20.10.24+dfsg1",
        "LoggingDriver":"json-file","DefaultRuntime":"runc","SecurityOptions":["name=seccomp,profile=default"],"Warnings":["WARNING: No swap limit support"],
        "Swarm":{"LocalNodeState":"inactive"},"Plugins":{"Volume":["local"]}}
        """;

    private const string PodmanInfo = """
        {"ID":"9e20c920-1e24","Containers":3,"ContainersRunning":1,"ContainersPaused":0,"ContainersStopped":2,"Images":4,"Driver":"overlay",
        "CgroupDriver":"cgroupfs","CgroupVersion":"1","KernelVersion":"6.1.0-13-amd64","OperatingSystem":"debian","OSVersion":"12","OSType":"linux",
        "Architecture":"amd64","NCPU":2,"MemTotal":25276026880,"DockerRootDir":"/var/lib/containers/storage","Name":"vm","ServerVersion":"4.3.1",
        "LoggingDriver":"","DefaultRuntime":"runc","Rootless":false,"Warnings":[],"BuildahVersion":"1.28.2"}
        """;

    private static DockerClient Client(FakeDockerHandler handler) => DockerClient.Create(new Uri("http://docker.test/"), handler);

    private static HttpResponseMessage Json(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>Answers /version and /info by path, whatever order they arrive in.</summary>
    private static FakeDockerHandler Engine(string version, string info)
    {
        var handler = new FakeDockerHandler();
        for (int i = 0; i < 2; i++)
        {
            handler.Respond((request, _) => Task.FromResult(request.RequestUri!.AbsolutePath.EndsWith("/version", StringComparison.Ordinal)
                ? Json(HttpStatusCode.OK, version)
                : Json(HttpStatusCode.OK, info)));
        }
        return handler;
    }

    [Fact]
    public async Task Version_GetsVersion_AndMapsDocker()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, DockerVersion);
        using DockerClient client = Client(handler);

        EngineVersion v = await client.System.VersionAsync();

        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/v1.41/version", request.RequestUri!.AbsolutePath);
        Assert.Equal("", request.RequestUri.Query);
        Assert.Equal(EngineKind.Docker, v.Kind);
        Assert.Equal("Engine", v.Product);
        Assert.Equal("20.10.24+dfsg1", v.Version);
        Assert.Equal(new Version(1, 41), v.ApiVersion);
        Assert.Equal(new Version(1, 12), v.MinApiVersion);
        Assert.Equal(("linux", "amd64"), (v.Os, v.Architecture));
        Assert.Equal("5d6db84", v.GitCommit);
        Assert.Null(v.Platform);
        Assert.Equal(new[] { "Engine 20.10.24+dfsg1", "containerd 1.6.20~ds1", "runc 1.1.5+ds1" }, v.Components.Select(c => c.ToString()));
    }

    [Fact]
    public async Task Version_RecognizesPodman_ByItsComponent_EvenWithoutItsHeaders()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, PodmanVersion);
        using DockerClient client = Client(handler);

        EngineVersion v = await client.System.VersionAsync();

        Assert.Equal(EngineKind.Podman, v.Kind);
        Assert.Equal("Podman Engine", v.Product);
        Assert.Equal("4.3.1", v.Version);
        Assert.Equal(new Version(1, 24), v.MinApiVersion);
        Assert.Null(v.GitCommit);
        Assert.Equal("linux/amd64/debian-12", v.Platform);
        // A runtime that prints several lines keeps its first.
        Assert.Equal("runc version 1.1.5+ds1", v.Components.Single(c => c.Name == "OCI Runtime (runc)").Version);
    }

    [Fact]
    public async Task Info_GetsInfo_AndMapsCountsAndDrivers()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, DockerInfo);
        using DockerClient client = Client(handler);

        EngineInfo info = await client.System.InfoAsync();

        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/v1.41/info", request.RequestUri!.AbsolutePath);
        Assert.Equal((7L, 2L, 1L, 4L, 12L), (info.Containers, info.ContainersRunning, info.ContainersPaused, info.ContainersStopped, info.Images));
        Assert.Equal(("overlay2", "cgroupfs", "1"), (info.StorageDriver, info.CgroupDriver, info.CgroupVersion));
        Assert.Equal((2, 25276026880L), (info.Cpus, info.MemoryBytes));
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", info.OperatingSystem);
        Assert.Equal("x86_64", info.Architecture);
        Assert.Equal("/var/lib/docker", info.RootDirectory);
        Assert.Equal("json-file", info.LoggingDriver);
        Assert.Null(info.Rootless);
        Assert.Equal(new[] { "WARNING: No swap limit support" }, info.Warnings);
    }

    [Fact]
    public async Task GetEngine_SendsVersionAndInfo_AndCombinesThemWithTheNegotiatedVersion()
    {
        FakeDockerHandler handler = Engine(DockerVersion, DockerInfo);
        handler.ApiVersion = "1.43"; // a newer engine than its /version says: the handshake decides what PSDocker uses
        using DockerClient client = Client(handler);

        ContainerEngine e = await client.System.GetEngineAsync();

        Assert.Equal(new[] { "/v1.43/info", "/v1.43/version" }, handler.Requests.Select(r => r.RequestUri!.AbsolutePath).Order(StringComparer.Ordinal));
        Assert.All(handler.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
        Assert.Equal(1, handler.PingCount);
        Assert.Equal(EngineKind.Docker, e.Kind);
        Assert.False(e.IsPodman);
        Assert.Equal("Docker Engine", e.Name);
        Assert.Equal("20.10.24+dfsg1", e.Version);
        Assert.Equal(new Version(1, 43), e.ApiVersion);
        Assert.Equal(new Version(1, 41), e.EngineApiVersion);
        Assert.Equal(new Version(1, 12), e.MinApiVersion);
        Assert.Equal(("linux", "amd64"), (e.Os, e.Architecture));
        Assert.Equal((7L, 2L, 1L, 4L, 12L), (e.Containers, e.ContainersRunning, e.ContainersPaused, e.ContainersStopped, e.Images));
        Assert.Equal("overlay2", e.StorageDriver);
        Assert.Equal("tcp://docker.test:2375", e.Endpoint);
        Assert.Null(e.Context);
        Assert.Equal("Docker 20.10.24+dfsg1 (API 1.43)", e.ToString());
    }

    [Fact]
    public async Task GetEngine_IsPodman_WhenPingSendsLibpodHeaders()
    {
        FakeDockerHandler handler = Engine(PodmanVersion, PodmanInfo);
        handler.PingHeaders["Libpod-Api-Version"] = "4.3.1";
        using DockerClient client = Client(handler);

        ContainerEngine e = await client.System.GetEngineAsync();

        Assert.Equal(EngineKind.Podman, e.Kind);
        Assert.True(e.IsPodman);
        Assert.Equal("Podman Engine", e.Name);
        Assert.Equal("4.3.1", e.Version);
        Assert.Equal(new Version(1, 41), e.ApiVersion);
        Assert.Equal("overlay", e.StorageDriver);
        Assert.Equal((3L, 1L, 0L, 2L, 4L), (e.Containers, e.ContainersRunning, e.ContainersPaused, e.ContainersStopped, e.Images));
        Assert.False(e.Info.Rootless);
        Assert.Null(e.Info.LoggingDriver);
        Assert.Empty(e.Warnings);
    }

    [Fact]
    public async Task EngineKind_ComesFromTheCachedHandshake_WithoutAnotherCall()
    {
        var handler = new FakeDockerHandler();
        handler.PingHeaders["Libpod-Api-Version"] = "4.3.1";
        using DockerClient client = Client(handler);

        Assert.Equal(EngineKind.Podman, await client.System.GetEngineKindAsync());
        Assert.Equal(EngineKind.Podman, await client.System.GetEngineKindAsync());
        EngineHandshake handshake = await client.Transport.GetHandshakeAsync(CancellationToken.None);

        Assert.Equal(1, handler.PingCount);
        Assert.Empty(handler.Requests);
        Assert.Equal("4.3.1", handshake.PodmanVersion);
    }

    [Fact]
    public async Task EngineKind_IsDocker_WithoutLibpodHeaders()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);

        Assert.Equal(EngineKind.Docker, await client.System.GetEngineKindAsync());
        Assert.Null((await client.Transport.GetHandshakeAsync(CancellationToken.None)).PodmanVersion);
    }

    [Theory]
    [InlineData("container state improper", HttpStatusCode.Conflict)]
    [InlineData("that name is already in use", HttpStatusCode.Conflict)]
    [InlineData("something else", HttpStatusCode.InternalServerError)]
    public async Task PodmanStateErrors_AreConflicts_AsDockerReportsThem(string cause, HttpStatusCode expected)
    {
        string body = $$"""{"cause":"{{cause}}","message":"can only kill running containers. abc is in state exited: {{cause}}","response":500}""";
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.InternalServerError, body);
        using DockerClient client = Client(handler);

        DockerApiException ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.KillAsync("abc", new Containers.ContainerKillOptions()));

        Assert.Equal(expected, ex.StatusCode);
        Assert.StartsWith("can only kill running containers", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docker.io/library/nginx:1.25", "nginx:1.25")]
    [InlineData("docker.io/library/nginx@sha256:abc", "nginx@sha256:abc")]
    [InlineData("docker.io/psdocker-test/busybox:1.35", "psdocker-test/busybox:1.35")]
    [InlineData("docker.io/library/a/b:1", "library/a/b:1")]
    [InlineData("localhost/app:1", "localhost/app:1")]
    [InlineData("127.0.0.1:5310/app:1", "127.0.0.1:5310/app:1")]
    [InlineData("nginx:1", "nginx:1")]
    public void ImageNames_AreFamiliar_AsDockerListsThem(string listed, string familiar)
        => Assert.Equal(familiar, ImageMapper.Familiar(listed));
}
