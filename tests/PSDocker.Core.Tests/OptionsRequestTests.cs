using System.Net;
using PSDocker.Core.Containers;
using PSDocker.Core.Images;

namespace PSDocker.Core.Tests;

/// <summary>The options records of the calls that took loose parameters before: the exact requests they make.</summary>
public class OptionsRequestTests
{
    private const string InspectJson = """{"Id":"4abcf20661432fb2d719aaf90656f55c287f8ca915dc1c92ec14ff61e67fbaf8","Name":"/web","State":{"Status":"running","Running":true},"Config":{"Image":"busybox"}}""";

    private static DockerClient Client(FakeDockerHandler handler) => DockerClient.Create(new Uri("http://docker.test/"), handler);

    [Theory]
    [InlineData(false, "containers/web/json")]
    [InlineData(true, "containers/web/json?size=1")]
    public async Task ContainerInspect_Size(bool size, string expected)
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, InspectJson);
        using DockerClient client = Client(handler);
        await client.Containers.InspectAsync("web", new ContainerInspectOptions { Size = size });
        Assert.Equal(expected, Assert.Single(handler.PathsAndQueries));
    }

    [Theory]
    [InlineData(null, "containers/web/start")]
    [InlineData("ctrl-x,x", "containers/web/start?detachKeys=ctrl-x%2Cx")]
    public async Task ContainerStart_DetachKeys(string? keys, string expected)
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NoContent);
        using DockerClient client = Client(handler);
        Assert.True(await client.Containers.StartAsync("web", new ContainerStartOptions { DetachKeys = keys }));
        Assert.Equal(expected, Assert.Single(handler.PathsAndQueries));
    }

    [Fact]
    public async Task ContainerAndExecResize_TakeTheSize()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK).Respond(HttpStatusCode.Created);
        using DockerClient client = Client(handler);
        await client.Containers.ResizeAsync("web", new ContainerResizeOptions { Height = 40, Width = 120 });
        await client.Exec.ResizeAsync("e1", new ExecResizeOptions { Height = 24, Width = 80 });
        Assert.Equal(new[] { "containers/web/resize?h=40&w=120", "exec/e1/resize?h=24&w=80" }, handler.PathsAndQueries);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.Containers.ResizeAsync("web", new ContainerResizeOptions { Height = -1, Width = 1 }));
    }

    [Fact]
    public async Task ImageTag_TakesTheTarget()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Created);
        using DockerClient client = Client(handler);
        await client.Images.TagAsync("busybox:1.35", new ImageTagOptions { Target = ImageReference.Parse("127.0.0.1:5000/app") });
        Assert.Equal("images/busybox:1.35/tag?repo=127.0.0.1%3A5000%2Fapp&tag=latest", Assert.Single(handler.PathsAndQueries));
    }

    [Fact]
    public async Task NullOptions_AreRefusedBeforeAnythingIsSent()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Containers.PauseAsync("web", null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Images.InspectAsync("busybox", null!));
        Assert.Empty(handler.Requests);
    }
}
