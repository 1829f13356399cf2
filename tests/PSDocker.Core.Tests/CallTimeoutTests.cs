using System.Net;
using System.Text;
using PSDocker.Core.Containers;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Tests;

/// <summary>
/// The call time limit (EngineTimeoutException naming the engine and the request), the stream watch (a silent request or
/// stream probes /_ping; EngineConnectionLostException when the engine no longer answers), and the NUL check made where
/// requests are built, before anything is sent.
/// </summary>
public class CallTimeoutTests
{
    private static DockerClient Client(FakeDockerHandler handler) => DockerClient.Create(new Uri("http://docker.test/"), handler);

    [Fact]
    public async Task RunAsync_StalledCall_IsEngineTimeoutNamingTheRequest()
    {
        using DockerClient client = Client(new FakeDockerHandler().RespondNever());

        var ex = await Assert.ThrowsAsync<EngineTimeoutException>(() => EngineCallTimeout.RunAsync(
            ct => client.Containers.ListAsync(new ContainerListOptions(), ct), TimeSpan.FromMilliseconds(200), "fallback", CancellationToken.None));

        Assert.Equal(client.Endpoint.ToString(), ex.Endpoint);
        Assert.Equal("GET /containers/json", ex.Call);
        Assert.Equal(TimeSpan.FromMilliseconds(200), ex.Timeout);
        Assert.Contains("-TimeoutSec", ex.Message);
    }

    [Fact]
    public async Task RunAsync_CallerCancellation_IsNotATimeout()
    {
        using DockerClient client = Client(new FakeDockerHandler().RespondNever());
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EngineCallTimeout.RunAsync(
            ct => client.Containers.ListAsync(new ContainerListOptions(), ct), TimeSpan.FromSeconds(30), "fallback", stop.Token));
    }

    [Fact]
    public async Task RunAsync_NoLimit_WaitsForTheAnswer()
    {
        using DockerClient client = Client(new FakeDockerHandler().Respond(async (_, ct) =>
        {
            await Task.Delay(300, ct);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]", Encoding.UTF8, "application/json") };
        }));

        IReadOnlyList<Container> list = await EngineCallTimeout.RunAsync(
            ct => client.Containers.ListAsync(new ContainerListOptions(), ct), Timeout.InfiniteTimeSpan, "fallback", CancellationToken.None);

        Assert.Empty(list);
    }

    [Fact]
    public async Task StreamStep_UnansweredRequest_WhileTheEngineAnswersPing_KeepsWaiting()
    {
        var handler = new FakeDockerHandler().Respond(async (_, ct) =>
        {
            await Task.Delay(700, ct);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]", Encoding.UTF8, "application/json") };
        });
        using DockerClient client = Client(handler);
        await client.Transport.GetHandshakeAsync(CancellationToken.None);

        IReadOnlyList<Container> list = await EngineCallTimeout.RunStreamStepAsync(
            ct => client.Containers.ListAsync(new ContainerListOptions(), ct), TimeSpan.FromMilliseconds(200), CancellationToken.None);

        Assert.Empty(list);
        Assert.True(handler.PingCount >= 2, "the silent request probed /_ping");
    }

    [Fact]
    public async Task StreamStep_UnansweredRequest_WhenPingHangs_IsConnectionLost()
    {
        var handler = new FakeDockerHandler().RespondNever();
        using DockerClient client = Client(handler);
        await client.Transport.GetHandshakeAsync(CancellationToken.None);
        handler.PingHangs = true;

        var ex = await Assert.ThrowsAsync<EngineConnectionLostException>(() => EngineCallTimeout.RunStreamStepAsync(
            ct => client.Containers.ListAsync(new ContainerListOptions(), ct), TimeSpan.FromMilliseconds(200), CancellationToken.None));

        Assert.Equal("GET /containers/json", ex.Call);
        Assert.Contains("/_ping", ex.Message);
    }

    [Fact]
    public async Task NulInARequestPath_IsRejectedBeforeAnythingIsSent()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<NulCharacterException>(() => client.Containers.PauseAsync("web\0x", new ContainerPauseOptions()));

        Assert.Contains("/containers/web\\0x/pause", ex.Where);
        Assert.Empty(handler.Requests);
        Assert.Equal(0, handler.PingCount);
    }

    [Fact]
    public async Task NulInARequestBody_IsRejectedNamingTheField()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<NulCharacterException>(() => client.Containers.CreateAsync(new ContainerCreateOptions
        {
            Image = "busybox",
            Labels = new Dictionary<string, string> { ["role"] = "web\0" },
        }));

        Assert.Contains("'role'", ex.Where);
        Assert.Empty(handler.Requests);
    }
}
