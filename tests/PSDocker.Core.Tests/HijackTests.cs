using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using PSDocker.Core.Containers;
using PSDocker.Core.Transport;
using static PSDocker.Core.Tests.Frames;

namespace PSDocker.Core.Tests;

/// <summary>Attach, resize and exec: the exact requests (fake handler) and the hijacked connection over real sockets.</summary>
public sealed class HijackTests
{
    private static DockerClient Client(FakeDockerHandler handler) => DockerClient.Create(new Uri("http://docker.test/"), handler);

    private static void AssertUpgrade(HttpRequestMessage request)
    {
        Assert.Equal(new[] { "Upgrade" }, request.Headers.Connection);
        Assert.Equal("tcp", Assert.Single(request.Headers.Upgrade).Name);
    }

    private static async Task<List<(int Type, string Text)>> ReadAll(Stream stream, bool tty)
    {
        var result = new List<(int, string)>();
        await foreach (StreamFrame frame in HijackPump.ReadOutputAsync(stream, tty, CancellationToken.None))
            result.Add((frame.StreamType, Encoding.UTF8.GetString(frame.Payload.Span)));
        return result;
    }

    // ---- Attach ----

    [Fact]
    public async Task Attach_DefaultOptions_StreamsOutputOnly()
    {
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.SwitchingProtocols, new MemoryStream(StdOut("hi\n")));
        using DockerClient client = Client(handler);

        await using HijackedStream attached = await client.Containers.AttachAsync("web", new ContainerAttachOptions());

        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/v1.41/containers/web/attach?stream=1&stdin=0&stdout=1&stderr=1", request.RequestUri!.PathAndQuery);
        AssertUpgrade(request);
        Assert.True(attached.Upgraded);
        Assert.Equal(new[] { (1, "hi\n") }, await ReadAll(attached.Stream, tty: false));
    }

    [Fact]
    public async Task Attach_AllOptions_InTheQuery()
    {
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.SwitchingProtocols, new MemoryStream());
        using DockerClient client = Client(handler);

        await using HijackedStream attached = await client.Containers.AttachAsync("my web", new ContainerAttachOptions
        {
            StdIn = true, StdOut = true, StdErr = false, Logs = true, Stream = false, DetachKeys = "ctrl-x,y",
        });

        Assert.Equal("/v1.41/containers/my%20web/attach?stream=0&stdin=1&stdout=1&stderr=0&logs=1&detachKeys=ctrl-x%2Cy",
            Assert.Single(handler.Requests).RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task Attach_MissingContainer_IsApiError()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NotFound, """{"message":"No such container: nope"}""");
        using DockerClient client = Client(handler);

        DockerApiException ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.AttachAsync("nope", new ContainerAttachOptions()));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("No such container: nope", ex.Message);
    }

    [Fact]
    public async Task Attach_OkWithoutUpgrade_IsAccepted()
    {
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, new MemoryStream(StdErr("oops\n")), "application/vnd.docker.raw-stream");
        using DockerClient client = Client(handler);

        await using HijackedStream attached = await client.Containers.AttachAsync("web", new ContainerAttachOptions());

        Assert.False(attached.Upgraded);
        Assert.Equal(new[] { (2, "oops\n") }, await ReadAll(attached.Stream, tty: false));
    }

    [Fact]
    public async Task Resize_PostsHeightAndWidth()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK);
        using DockerClient client = Client(handler);

        await client.Containers.ResizeAsync("web", new() { Height = 40, Width = 120 });

        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/v1.41/containers/web/resize?h=40&w=120", request.RequestUri!.PathAndQuery);
    }

    // ---- Exec ----

    [Fact]
    public async Task ExecCreate_SendsTheBody()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Created, """{"Id":"e1"}""");
        using DockerClient client = Client(handler);

        string id = await client.Exec.CreateAsync("web", new ExecCreateOptions
        {
            Command = new[] { "sh", "-c", "echo $A" },
            User = "nobody",
            WorkingDirectory = "/tmp",
            Environment = new[] { new KeyValuePair<string, string?>("A", "1"), new KeyValuePair<string, string?>("B", null) },
            Privileged = true,
            AttachStdin = true,
            DetachKeys = "ctrl-a",
            ConsoleSize = (24, 80),
        });

        Assert.Equal("e1", id);
        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/v1.41/containers/web/exec", request.RequestUri!.PathAndQuery);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        // ConsoleSize needs API 1.42: not sent to a 1.41 engine.
        Assert.Equal("""{"AttachStdin":true,"AttachStdout":true,"AttachStderr":true,"DetachKeys":"ctrl-a","Tty":false,"Env":["A=1","B"],"Cmd":["sh","-c","echo $A"],"Privileged":true,"User":"nobody","WorkingDir":"/tmp"}""",
            handler.Bodies[0]);
    }

    [Fact]
    public async Task ExecCreate_MinimalBody_AndConsoleSizeOnNewerEngines()
    {
        var handler = new FakeDockerHandler { ApiVersion = "1.43" }.Respond(HttpStatusCode.Created, """{"Id":"e2"}""");
        using DockerClient client = Client(handler);

        await client.Exec.CreateAsync("web", new ExecCreateOptions { Command = new[] { "hostname" }, Tty = true, ConsoleSize = (30, 100) });

        Assert.Equal("/v1.43/containers/web/exec", Assert.Single(handler.Requests).RequestUri!.PathAndQuery);
        Assert.Equal("""{"AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"Tty":true,"ConsoleSize":[30,100],"Cmd":["hostname"],"Privileged":false}""", handler.Bodies[0]);
    }

    [Fact]
    public async Task ExecCreate_WithoutCommand_FailsBeforeSending()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Exec.CreateAsync("web", new ExecCreateOptions { Command = Array.Empty<string>() }));
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "No such container: web")]
    [InlineData(HttpStatusCode.Conflict, "Container 0123 is not running")]
    public async Task ExecCreate_EngineErrors(HttpStatusCode status, string message)
    {
        var handler = new FakeDockerHandler().Respond(status, JsonSerializer.Serialize(new { message }));
        using DockerClient client = Client(handler);

        DockerApiException ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Exec.CreateAsync("web", new ExecCreateOptions { Command = new[] { "true" } }));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData(false, """{"Detach":false,"Tty":false}""")]
    [InlineData(true, """{"Detach":false,"Tty":true}""")]
    public async Task ExecStart_UpgradesWithTheBody(bool tty, string body)
    {
        byte[] output = tty ? Encoding.UTF8.GetBytes("raw\r\n") : Concat(StdOut("out\n"), StdErr("err\n"));
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.SwitchingProtocols, new MemoryStream(output), "application/vnd.docker.raw-stream");
        using DockerClient client = Client(handler);

        await using HijackedStream started = await client.Exec.StartAsync("e1", new ExecStartOptions { Tty = tty });

        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/v1.41/exec/e1/start", request.RequestUri!.PathAndQuery);
        AssertUpgrade(request);
        Assert.Equal(body, handler.Bodies[0]);
        // Framing follows Tty, not the Content-Type (which says raw-stream either way).
        Assert.Equal(tty ? new[] { (1, "raw\r\n") } : new[] { (1, "out\n"), (2, "err\n") }, await ReadAll(started.Stream, tty));
    }

    [Fact]
    public async Task ExecStart_ConsoleSizeOnNewerEngines()
    {
        var handler = new FakeDockerHandler { ApiVersion = "1.44" }.RespondStream(HttpStatusCode.SwitchingProtocols, new MemoryStream());
        using DockerClient client = Client(handler);

        await using HijackedStream started = await client.Exec.StartAsync("e1", new ExecStartOptions { Tty = true, ConsoleSize = (24, 80) });

        Assert.Equal("""{"Detach":false,"Tty":true,"ConsoleSize":[24,80]}""", handler.Bodies[0]);
    }

    [Fact]
    public async Task ExecStart_MissingExec_IsApiError()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NotFound, """{"message":"No such exec instance: e9"}""");
        using DockerClient client = Client(handler);

        DockerApiException ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Exec.StartAsync("e9", new ExecStartOptions()));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task ExecInspect_MapsTheAnswer()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """
            {"CanRemove":false,"ContainerID":"c0ffee","DetachKeys":"","ExitCode":3,"ID":"e1","OpenStderr":true,"OpenStdin":true,"OpenStdout":true,
             "ProcessConfig":{"arguments":["-c","exit 3"],"entrypoint":"sh","privileged":false,"tty":false,"user":"nobody"},"Running":false,"Pid":0}
            """);
        using DockerClient client = Client(handler);

        ExecInfo info = await client.Exec.InspectAsync("e1", new());

        Assert.Equal("/v1.41/exec/e1/json", Assert.Single(handler.Requests).RequestUri!.PathAndQuery);
        Assert.Equal(HttpMethod.Get, handler.Requests[0].Method);
        Assert.Equal("e1", info.Id);
        Assert.Equal("c0ffee", info.ContainerId);
        Assert.False(info.Running);
        Assert.Equal(3, info.ExitCode);
        Assert.True(info.OpenStdin);
        Assert.False(info.Tty);
        Assert.Equal(new[] { "sh", "-c", "exit 3" }, info.Command);
        Assert.Equal("nobody", info.User);
    }

    [Fact]
    public async Task ExecInspect_Running_HasNoExitCode()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"ID":"e1","ContainerID":"c","Running":true,"ExitCode":0,"Pid":4242}""");
        using DockerClient client = Client(handler);

        ExecInfo info = await client.Exec.InspectAsync("e1", new());

        Assert.True(info.Running);
        Assert.Null(info.ExitCode);
        Assert.Equal(4242, info.Pid);
    }

    [Fact]
    public async Task ExecResize_PostsHeightAndWidth()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Created);
        using DockerClient client = Client(handler);

        await client.Exec.ResizeAsync("e1", new() { Height = 50, Width = 200 });

        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/v1.41/exec/e1/resize?h=50&w=200", request.RequestUri!.PathAndQuery);
    }

    // ---- Pump ----

    [Fact]
    public async Task ReadOutput_SystemErrorFrame_Throws()
    {
        var stream = new MemoryStream(Concat(StdOut("a"), Frame(3, "exec failed")));
        DockerApiException ex = await Assert.ThrowsAsync<DockerApiException>(() => ReadAll(stream, tty: false));
        Assert.Equal("exec failed", ex.Message);
    }

    [Fact]
    public async Task CopyOutput_SplitsStdoutAndStderr()
    {
        var stream = new MemoryStream(Concat(StdOut("o1 "), StdErr("e1"), StdOut("o2")));
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();

        await HijackPump.CopyOutputAsync(stream, tty: false, stdout, stderr, CancellationToken.None);

        Assert.Equal("o1 o2", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("e1", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    // ---- A real hijacked connection (unix socket and loopback TCP) ----

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HalfClose_EndsInput_WhileOutputStillArrives(bool tcp)
    {
        await using var engine = new EchoEngine(tcp);
        DockerClient client = DockerClient.Get(DockerEndpoint.Parse(engine.Endpoint));

        await using HijackedStream attached = await client.Containers.AttachAsync("cat", new ContainerAttachOptions { StdIn = true });
        Assert.True(attached.Upgraded);
        Assert.True(attached.CanCloseWrite);

        static async IAsyncEnumerable<ReadOnlyMemory<byte>> Input()
        {
            yield return Encoding.UTF8.GetBytes("a\n");
            await Task.Yield();
            yield return Encoding.UTF8.GetBytes("b\n");
        }
        Task<bool> copy = HijackPump.CopyInputAsync(attached, Input(), CancellationToken.None);
        List<(int Type, string Text)> output = await ReadAll(attached.Stream, tty: false).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(await copy);
        Assert.True(attached.IsWriteClosed);
        // The engine echoes what it read, and writes "eof" only once it saw the end of input: the half-close.
        Assert.Equal("a\nb\neof\n", string.Concat(output.Select(o => o.Text)));
        string request = Assert.Single(engine.Hijacked);
        Assert.StartsWith("POST /v1.41/containers/cat/attach?stream=1&stdin=1&stdout=1&stderr=1 HTTP/1.1", request);
        Assert.Contains("Connection: Upgrade", request, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Upgrade: tcp", request, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EachSession_HasItsOwnConnection()
    {
        await using var engine = new EchoEngine(tcp: false);
        DockerClient client = DockerClient.Get(DockerEndpoint.Parse(engine.Endpoint));

        await using HijackedStream first = await client.Containers.AttachAsync("one", new ContainerAttachOptions { StdIn = true });
        await using HijackedStream second = await client.Containers.AttachAsync("two", new ContainerAttachOptions { StdIn = true });
        await second.Stream.WriteAsync(Encoding.UTF8.GetBytes("2\n"));
        await second.CloseWriteAsync();
        await first.Stream.WriteAsync(Encoding.UTF8.GetBytes("1\n"));
        await first.CloseWriteAsync();

        Assert.Equal("2\neof\n", string.Concat((await ReadAll(second.Stream, false)).Select(o => o.Text)));
        Assert.Equal("1\neof\n", string.Concat((await ReadAll(first.Stream, false)).Select(o => o.Text)));
        Assert.Equal(2, engine.Hijacked.Count);
    }

    [Fact]
    public async Task UnreachableEngine_IsEndpointError()
    {
        string path = Path.Combine(Path.GetTempPath(), "psd-missing-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        var transportClient = DockerClient.Get(DockerEndpoint.Parse("unix://" + path));

        await Assert.ThrowsAsync<DockerEndpointException>(() => transportClient.Exec.StartAsync("e1", new ExecStartOptions()));
    }

    /// <summary>
    /// A minimal engine: answers /_ping, upgrades attach/exec-start requests (101) and then acts as <c>cat</c> in
    /// multiplexed framing, writing "eof" when its input ends and closing.
    /// </summary>
    private sealed class EchoEngine : IAsyncDisposable
    {
        private readonly Socket _listener;
        private readonly string? _path;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public EchoEngine(bool tcp)
        {
            if (tcp)
            {
                _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                Endpoint = "tcp://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndPoint!).Port;
            }
            else
            {
                _path = Path.Combine(Path.GetTempPath(), "psd-hj-" + Guid.NewGuid().ToString("N")[..12] + ".sock");
                _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                _listener.Bind(new UnixDomainSocketEndPoint(_path));
                Endpoint = "unix://" + _path;
            }
            _listener.Listen(16);
            _loop = AcceptAsync();
        }

        public string Endpoint { get; }

        public System.Collections.Concurrent.ConcurrentQueue<string> Hijacked { get; } = new();

        private async Task AcceptAsync()
        {
            var served = new List<Task>();
            try
            {
                while (true) served.Add(ServeAsync(await _listener.AcceptAsync(_stop.Token)));
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
            await Task.WhenAll(served);
        }

        private async Task ServeAsync(Socket socket)
        {
            using var stream = new NetworkStream(socket, ownsSocket: true);
            var pending = new List<byte>();
            byte[] chunk = new byte[4096];
            try
            {
                while (true)
                {
                    int end;
                    while ((end = IndexOf(pending, "\r\n\r\n"u8.ToArray())) < 0)
                    {
                        int n = await stream.ReadAsync(chunk, _stop.Token);
                        if (n == 0) return;
                        pending.AddRange(chunk.AsSpan(0, n).ToArray());
                    }
                    string head = Encoding.ASCII.GetString(pending.GetRange(0, end).ToArray());
                    pending.RemoveRange(0, end + 4);
                    int length = head.Split("\r\n").Select(l => l.Split(':', 2))
                        .Where(kv => kv.Length == 2 && kv[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        .Select(kv => int.Parse(kv[1].Trim())).FirstOrDefault();
                    while (pending.Count < length)
                    {
                        int n = await stream.ReadAsync(chunk, _stop.Token);
                        if (n == 0) return;
                        pending.AddRange(chunk.AsSpan(0, n).ToArray());
                    }
                    pending.RemoveRange(0, length);

                    if (head.StartsWith("GET /_ping", StringComparison.Ordinal))
                    {
                        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nOstype: linux\r\nContent-Length: 2\r\n\r\nOK"), _stop.Token);
                        continue;
                    }
                    Hijacked.Enqueue(head);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"), _stop.Token);
                    if (pending.Count > 0) await stream.WriteAsync(StdOut(Encoding.UTF8.GetString(pending.ToArray())), _stop.Token);
                    int read;
                    while ((read = await stream.ReadAsync(chunk, _stop.Token)) > 0)
                        await stream.WriteAsync(Frame(1, chunk.AsSpan(0, read).ToArray()), _stop.Token);
                    await stream.WriteAsync(StdOut("eof\n"), _stop.Token);
                    socket.Shutdown(SocketShutdown.Both);
                    return;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
            {
            }
        }

        private static int IndexOf(List<byte> data, byte[] pattern)
        {
            for (int i = 0; i + pattern.Length <= data.Count; i++)
            {
                int j = 0;
                while (j < pattern.Length && data[i + j] == pattern[j]) j++;
                if (j == pattern.Length) return i;
            }
            return -1;
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Dispose();
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
            _stop.Dispose();
            if (_path is not null) File.Delete(_path);
        }
    }
}
