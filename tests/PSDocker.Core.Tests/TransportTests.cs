using System.Net;
using System.Net.Sockets;
using PSDocker.Core.Containers;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Tests;

/// <summary>Version negotiation, versioned paths, error mapping and endpoint failures.</summary>
public class TransportTests
{
    private static DockerClient Client(FakeDockerHandler handler) => DockerClient.Create(new Uri("http://docker.test/"), handler);

    // ---- Version negotiation ----

    [Theory]
    [InlineData("1.41", "/v1.41/")]
    [InlineData("1.40", "/v1.40/")]
    [InlineData("1.43", "/v1.43/")]
    [InlineData("1.51", "/v1.51/")]
    public async Task PathsCarryTheNegotiatedVersion(string engineVersion, string prefix)
    {
        var handler = new FakeDockerHandler { ApiVersion = engineVersion }.Respond(HttpStatusCode.NoContent);
        using DockerClient client = Client(handler);

        await client.Containers.PauseAsync("web", new());

        Assert.Equal(prefix + "containers/web/pause", Assert.Single(handler.Requests).RequestUri!.AbsolutePath);
        EngineHandshake handshake = await client.Transport.GetHandshakeAsync(CancellationToken.None);
        Assert.Equal(Version.Parse(engineVersion), handshake.ApiVersion);
        Assert.Equal(Version.Parse(engineVersion), handshake.EngineApiVersion);
    }

    [Fact]
    public async Task NewerEngine_IsCappedAtTheMaximumVersion()
    {
        var handler = new FakeDockerHandler { ApiVersion = "1.99" }.Respond(HttpStatusCode.NoContent);
        using DockerClient client = Client(handler);

        await client.Containers.PauseAsync("web", new());

        string expected = "/v" + DockerTransport.MaxApiVersion.ToString(2) + "/containers/web/pause";
        Assert.Equal(expected, Assert.Single(handler.Requests).RequestUri!.AbsolutePath);
        EngineHandshake handshake = await client.Transport.GetHandshakeAsync(CancellationToken.None);
        Assert.Equal(DockerTransport.MaxApiVersion, handshake.ApiVersion);
        Assert.Equal(new Version(1, 99), handshake.EngineApiVersion);
    }

    [Fact]
    public async Task EngineWithoutVersionHeader_GetsTheMaximumVersion()
    {
        var handler = new FakeDockerHandler { ApiVersion = null };
        using DockerClient client = Client(handler);

        EngineHandshake handshake = await client.Transport.GetHandshakeAsync(CancellationToken.None);

        Assert.Equal(DockerTransport.MaxApiVersion, handshake.ApiVersion);
        Assert.Null(handshake.EngineApiVersion);
    }

    [Theory]
    [InlineData("1.39")]
    [InlineData("1.24")]
    public async Task OlderEngine_IsUnsupportedVersion(string engineVersion)
    {
        var handler = new FakeDockerHandler { ApiVersion = engineVersion };
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerEndpointException>(() => client.Containers.PauseAsync("web", new()));

        Assert.Equal(EndpointFailure.UnsupportedVersion, ex.Failure);
        Assert.Contains(engineVersion, ex.Message, StringComparison.Ordinal);
        Assert.Contains(DockerTransport.MinApiVersion.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade the engine", ex.Message, StringComparison.Ordinal);
        Assert.Equal(client.Endpoint, ex.Endpoint);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task SomethingElseAnswering_IsNotAnEngine()
    {
        var handler = new FakeDockerHandler { ApiVersion = null, PingStatus = HttpStatusCode.NotFound };
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerEndpointException>(() => client.Containers.ListAsync(new ContainerListOptions()));

        Assert.Equal(EndpointFailure.NotAnEngine, ex.Failure);
        Assert.Contains("404", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task EngineAnsweringPingWithAnErrorButAVersion_IsStillAnEngine()
    {
        // dockerd answers /_ping with 500 while it shuts down, but still says its version.
        var handler = new FakeDockerHandler { ApiVersion = "1.41", PingStatus = HttpStatusCode.InternalServerError };
        using DockerClient client = Client(handler);

        EngineHandshake handshake = await client.Transport.GetHandshakeAsync(CancellationToken.None);

        Assert.Equal(new Version(1, 41), handshake.ApiVersion);
    }

    [Fact]
    public async Task PingHappensOnceForManyCalls()
    {
        var handler = new FakeDockerHandler { ApiVersion = "1.43" }
            .Respond(HttpStatusCode.OK, "[]")
            .Respond(HttpStatusCode.NoContent)
            .Respond(HttpStatusCode.NoContent);
        using DockerClient client = Client(handler);

        await client.Containers.ListAsync(new ContainerListOptions());
        await client.Containers.StartAsync("a", new());
        await client.Containers.StopAsync("a", new ContainerStopOptions { Signal = "SIGINT" });

        Assert.Equal(1, handler.PingCount);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.StartsWith("/v1.43/", r.RequestUri!.AbsolutePath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConcurrentFirstCalls_ShareOnePing()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => client.Containers.PauseAsync("c" + i, new()))));

        Assert.Equal(1, handler.PingCount);
        Assert.Equal(20, handler.Requests.Count);
    }

    [Fact]
    public async Task FailedPing_IsRetriedOnTheNextCall()
    {
        var handler = new FakeDockerHandler();
        handler.PingFailures.Enqueue(new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)));
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerEndpointException>(() => client.Containers.PauseAsync("web", new()));
        Assert.Equal(EndpointFailure.ConnectionRefused, ex.Failure);
        Assert.Empty(handler.Requests);

        await client.Containers.PauseAsync("web", new());
        Assert.Equal(2, handler.PingCount);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Handshake_ReportsOsTypeAndDocker()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);

        EngineHandshake handshake = await client.Transport.GetHandshakeAsync(CancellationToken.None);

        Assert.Equal("linux", handshake.OSType);
        Assert.False(handshake.IsPodman);
    }

    [Theory]
    [InlineData("Libpod-API-Version", "4.3.1")]
    [InlineData("Server", "Libpod/4.3.1 (linux)")]
    public async Task Handshake_RecognisesPodman(string header, string value)
    {
        var handler = new FakeDockerHandler();
        handler.PingHeaders[header] = value;
        using DockerClient client = Client(handler);

        EngineHandshake handshake = await client.Transport.GetHandshakeAsync(CancellationToken.None);

        Assert.True(handshake.IsPodman);
    }

    // ---- Error mapping ----

    [Theory]
    [InlineData(HttpStatusCode.NotFound, """{"message":"No such container: x"}""", "No such container: x")]
    [InlineData(HttpStatusCode.Conflict, """{"message":"  Container x is not running \n"}""", "Container x is not running")]
    [InlineData(HttpStatusCode.BadRequest, """{"message":"invalid filter 'bogus'"}""", "invalid filter 'bogus'")]
    [InlineData(HttpStatusCode.InternalServerError, "plain text failure\n", "plain text failure")]
    [InlineData(HttpStatusCode.InternalServerError, """{"error":"other shape"}""", """{"error":"other shape"}""")]
    [InlineData(HttpStatusCode.InternalServerError, "{not json", "{not json")]
    [InlineData(HttpStatusCode.InternalServerError, "", "The engine answered HTTP 500 (Internal Server Error).")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "   ", "The engine answered HTTP 503 (Service Unavailable).")]
    public async Task ErrorStatus_BecomesDockerApiException(HttpStatusCode status, string body, string message)
    {
        var handler = new FakeDockerHandler().Respond(status, body);
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.PauseAsync("x", new()));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(message, ex.Message);
        Assert.Equal("POST", ex.Method);
        Assert.EndsWith("/v1.41/containers/x/pause", ex.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotModified_IsNotAnError()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NotModified);
        using DockerClient client = Client(handler);

        HttpStatusCode status = await client.Transport.SendAsync(HttpMethod.Post, "containers/x/start", CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotModified, status);
    }

    // ---- Endpoint failures from the handler ----

    [Theory]
    [InlineData(SocketError.ConnectionRefused, EndpointFailure.ConnectionRefused, "refused")]
    [InlineData(SocketError.AccessDenied, EndpointFailure.PermissionDenied, "permission denied")]
    [InlineData(SocketError.HostNotFound, EndpointFailure.HostUnreachable, "'docker.test' could not be resolved")]
    [InlineData(SocketError.TimedOut, EndpointFailure.HostUnreachable, "did not answer")]
    [InlineData(SocketError.NetworkUnreachable, EndpointFailure.HostUnreachable, "did not answer")]
    [InlineData(SocketError.Shutdown, EndpointFailure.Other, "")]
    public async Task SocketErrors_MapToEndpointFailures(SocketError error, EndpointFailure failure, string cause)
    {
        var handler = new FakeDockerHandler();
        handler.PingFailures.Enqueue(new HttpRequestException("connect failed", new SocketException((int)error)));
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerEndpointException>(() => client.Containers.PauseAsync("web", new()));

        Assert.Equal(failure, ex.Failure);
        Assert.Contains(cause, ex.Cause, StringComparison.Ordinal);
        Assert.StartsWith("Cannot reach the container engine at tcp://docker.test:2375: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-Endpoint or $env:DOCKER_HOST", ex.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task PingWithoutAnswer_IsHostUnreachableAfterThePingTimeout()
    {
        var handler = new FakeDockerHandler { PingHangs = true };
        using DockerClient client = Client(handler);
        client.Transport.PingTimeout = TimeSpan.FromMilliseconds(200);

        var ex = await Assert.ThrowsAsync<DockerEndpointException>(() => client.Containers.PauseAsync("web", new()).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(EndpointFailure.HostUnreachable, ex.Failure);
        Assert.Contains("did not answer /_ping within 0.2 seconds", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task CallerCancellationDuringPing_IsOperationCanceled()
    {
        var handler = new FakeDockerHandler { PingHangs = true };
        using DockerClient client = Client(handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Containers.PauseAsync("web", new(), cts.Token).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task HttpFailureWithoutSocketError_IsNotAnEngine()
    {
        var handler = new FakeDockerHandler();
        handler.PingFailures.Enqueue(new HttpRequestException("The response ended prematurely."));
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerEndpointException>(() => client.Containers.PauseAsync("web", new()));

        Assert.Equal(EndpointFailure.NotAnEngine, ex.Failure);
        Assert.Contains("The response ended prematurely.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerTimeout_IsHostUnreachable()
    {
        var handler = new FakeDockerHandler();
        handler.PingFailures.Enqueue(new TaskCanceledException("connect timeout"));
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerEndpointException>(() => client.Containers.PauseAsync("web", new()));

        Assert.Equal(EndpointFailure.HostUnreachable, ex.Failure);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionLostOnARequest_IsAnEndpointFailure()
    {
        var handler = new FakeDockerHandler().Respond((_, _) =>
            throw new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)));
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerEndpointException>(() => client.Containers.StartAsync("web", new()));

        Assert.Equal(EndpointFailure.ConnectionRefused, ex.Failure);
    }

    [Fact]
    public async Task CallerCancellation_IsOperationCanceled_NotAnEndpointFailure()
    {
        var handler = new FakeDockerHandler().RespondNever();
        using DockerClient client = Client(handler);
        using var cts = new CancellationTokenSource();

        Task start = client.Containers.StartAsync("web", new(), cts.Token);
        await WaitUntil(() => handler.Requests.Count == 1);
        cts.Cancel();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.IsNotType<DockerEndpointException>(ex);
    }

    [Fact]
    public async Task AlreadyCancelledToken_IsOperationCanceled()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);
        await client.Transport.GetHandshakeAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Containers.StartAsync("web", new(), cts.Token));
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), "timed out waiting for the condition");
    }

    // ---- The client ----

    [Fact]
    public void Create_DerivesATcpEndpointFromTheBaseAddress()
    {
        using DockerClient a = DockerClient.Create(new Uri("http://docker.test/"), new FakeDockerHandler());
        using DockerClient b = DockerClient.Create(new Uri("http://127.0.0.1:2376/"), new FakeDockerHandler());
        Assert.Equal("tcp://docker.test:2375", a.Endpoint.ToString());
        Assert.Equal("tcp://127.0.0.1:2376", b.Endpoint.ToString());
    }

    [Fact]
    public void Get_CachesOneClientPerEndpoint()
    {
        string path = "/tmp/psd-cache-" + Guid.NewGuid().ToString("N") + ".sock";
        DockerClient first = DockerClient.Get(DockerEndpoint.Parse("unix://" + path));
        DockerClient again = DockerClient.Get(DockerEndpoint.Parse("UNIX://" + path));
        DockerClient other = DockerClient.Get(DockerEndpoint.Parse("unix://" + path + ".other"));
        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Equal("unix://" + path, first.Endpoint.ToString());
    }
}

/// <summary>Through the real socket handlers (HandlerFactory), against loopback listeners only.</summary>
public class SocketTransportTests
{
    [Fact]
    public async Task UnixSocket_NegotiatesAndSendsVersionedRequests()
    {
        await using var engine = MiniEngine.OnUnixSocket((method, target) => target switch
        {
            "/_ping" => MiniEngine.Engine(HttpStatusCode.OK, "OK", "1.41"),
            "/v1.41/containers/json?all=1" => MiniEngine.Engine(HttpStatusCode.OK, """[{"Id":"abc","Names":["/web"],"State":"running","Status":"Up 1 second"}]"""),
            "/v1.41/containers/nope/json" => MiniEngine.Engine(HttpStatusCode.NotFound, """{"message":"No such container: nope"}"""),
            _ => MiniEngine.Engine(HttpStatusCode.NotImplemented, """{"message":"unexpected"}"""),
        });
        DockerClient client = DockerClient.Get(DockerEndpoint.Parse(engine.Endpoint));

        IReadOnlyList<Container> list = await client.Containers.ListAsync(new ContainerListOptions());
        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.InspectAsync("nope", new()));

        Assert.Equal("web", Assert.Single(list).Name);
        Assert.Equal(engine.Endpoint, list[0].Endpoint);
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("No such container: nope", ex.Message);
        Assert.Equal(new[] { "GET /_ping", "GET /v1.41/containers/json?all=1", "GET /v1.41/containers/nope/json" }, engine.Received);
    }

    [Fact]
    public async Task UnixSocket_Missing_IsReportedAsMissing()
    {
        string path = Path.Combine(Path.GetTempPath(), "psd-missing-" + Guid.NewGuid().ToString("N") + ".sock");
        DockerClient client = DockerClient.Get(DockerEndpoint.Parse("unix://" + path));

        var ex = await Assert.ThrowsAsync<DockerEndpointException>(() => client.Containers.ListAsync(new ContainerListOptions()));

        Assert.Equal(EndpointFailure.Missing, ex.Failure);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoopbackPortWithNothingListening_IsConnectionRefused()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        DockerClient client = DockerClient.Get(DockerEndpoint.Parse("tcp://127.0.0.1:" + port));

        var ex = await Assert.ThrowsAsync<DockerEndpointException>(() => client.Containers.ListAsync(new ContainerListOptions()));

        Assert.Equal(EndpointFailure.ConnectionRefused, ex.Failure);
        Assert.Contains("tcp://127.0.0.1:" + port, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoopbackHttpServerThatIsNoEngine_IsNotAnEngine()
    {
        await using var server = MiniEngine.OnLoopbackTcp((_, _) =>
            (HttpStatusCode.NotFound, "<html>not found</html>", new Dictionary<string, string> { ["Content-Type"] = "text/html" }));
        DockerClient client = DockerClient.Get(DockerEndpoint.Parse(server.Endpoint));

        var ex = await Assert.ThrowsAsync<DockerEndpointException>(() => client.Containers.ListAsync(new ContainerListOptions()));

        Assert.Equal(EndpointFailure.NotAnEngine, ex.Failure);
        Assert.Equal(new[] { "GET /_ping" }, server.Received);
    }

    [Fact]
    public async Task LoopbackTcpEngine_CapsTheVersion()
    {
        await using var engine = MiniEngine.OnLoopbackTcp((_, target) => target == "/_ping"
            ? MiniEngine.Engine(HttpStatusCode.OK, "OK", "1.99")
            : MiniEngine.Engine(HttpStatusCode.NoContent, ""));
        DockerClient client = DockerClient.Get(DockerEndpoint.Parse(engine.Endpoint));

        await client.Containers.PauseAsync("web", new());

        Assert.Equal(new[] { "GET /_ping", $"POST /v{DockerTransport.MaxApiVersion.ToString(2)}/containers/web/pause" }, engine.Received);
    }
}
