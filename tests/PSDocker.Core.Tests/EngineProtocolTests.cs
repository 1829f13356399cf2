using System.Net;
using System.Text;
using PSDocker.Core.Containers;
using PSDocker.Core.Images;
using PSDocker.Core.Json;

namespace PSDocker.Core.Tests;

/// <summary>
/// The safety net: an engine (or something pretending to be one) that answers garbage, an HTML page, truncated JSON or
/// drops the connection mid-answer yields EngineProtocolException / EngineConnectionLostException naming the engine,
/// never a raw JsonException or HttpIOException.
/// </summary>
public class EngineProtocolTests
{
    private const string Html = "<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>";

    private static DockerClient Client(FakeDockerHandler handler) => DockerClient.Create(new Uri("http://docker.test/"), handler);

    private static FakeDockerHandler Answering(string body, string contentType, HttpStatusCode status = HttpStatusCode.OK)
        => new FakeDockerHandler().Respond((_, _) => Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        }));

    public static TheoryData<string, string> GarbageAnswers => new()
    {
        { Html, "text/html" },
        { "[{\"Id\":\"4abc\",\"Names\":[\"/web\"],\"State\":\"run", "application/json" },
        { "{\"Id\": 12", "application/json" },
        { "not json at all", "text/plain" },
        { "", "application/json" },
    };

    [Theory]
    [MemberData(nameof(GarbageAnswers))]
    public async Task ContainerList_GarbageAnswer_IsProtocolError(string body, string contentType)
    {
        using DockerClient client = Client(Answering(body, contentType));
        var ex = await Assert.ThrowsAsync<EngineProtocolException>(() => client.Containers.ListAsync(new ContainerListOptions()));
        Assert.Equal(client.Endpoint.ToString(), ex.Endpoint);
        Assert.Equal("GET /containers/json", ex.Call);
        Assert.Contains("docker.test", ex.Message);
    }

    [Fact]
    public async Task ContainerInspect_HtmlAnswer_SaysItIsNotJson()
    {
        using DockerClient client = Client(Answering(Html, "text/html"));
        var ex = await Assert.ThrowsAsync<EngineProtocolException>(() => client.Containers.InspectAsync("web", new()));
        Assert.Equal("GET /containers/web/json", ex.Call);
        Assert.Contains("text/html, not JSON", ex.Problem);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task ImageList_TruncatedJson_IsProtocolError()
    {
        using DockerClient client = Client(Answering("[{\"Id\":\"sha256:4abc\",\"RepoTags\":[\"busy", "application/json"));
        var ex = await Assert.ThrowsAsync<EngineProtocolException>(() => client.Images.ListAsync(new ImageListOptions()));
        Assert.Equal("GET /images/json", ex.Call);
        Assert.Contains("malformed or truncated", ex.Problem);
    }

    [Fact]
    public async Task EngineVersion_HtmlAnswer_IsProtocolError()
    {
        using DockerClient client = Client(Answering(Html, "text/html"));
        var ex = await Assert.ThrowsAsync<EngineProtocolException>(() => client.System.VersionAsync());
        Assert.Equal("GET /version", ex.Call);
    }

    [Fact]
    public async Task Wait_GarbageAnswer_IsProtocolError()
    {
        using DockerClient client = Client(Answering("{\"StatusCode\":", "application/json"));
        var ex = await Assert.ThrowsAsync<EngineProtocolException>(() => client.Containers.WaitAsync("web", new ContainerWaitOptions()));
        Assert.Equal("POST /containers/web/wait", ex.Call);
    }

    [Fact]
    public async Task Pull_ProgressStreamWithGarbage_IsProtocolError()
    {
        using DockerClient client = Client(Answering("{\"status\":\"Pulling from library/alpine\"}\r\n<html>oops</html>", "application/json"));
        var seen = new List<JsonMessage>();
        var ex = await Assert.ThrowsAsync<EngineProtocolException>(async () =>
        {
            await foreach (JsonMessage m in client.Images.PullAsync(ImageReference.Parse("alpine"), new ImagePullOptions())) seen.Add(m);
        });
        Assert.Single(seen);
        Assert.Equal("POST /images/create", ex.Call);
        Assert.IsType<InvalidDataException>(ex.InnerException);
    }

    [Fact]
    public async Task Pull_StreamEndingInsideAMessage_IsProtocolError()
    {
        using DockerClient client = Client(Answering("{\"status\":\"Pulling fs layer\",\"id\":\"ab", "application/json"));
        await Assert.ThrowsAsync<EngineProtocolException>(async () =>
        {
            await foreach (JsonMessage _ in client.Images.PullAsync(ImageReference.Parse("alpine"), new ImagePullOptions())) { }
        });
    }

    [Fact]
    public async Task Logs_BadFraming_IsProtocolError()
    {
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, new MemoryStream(Encoding.UTF8.GetBytes("<html>not frames</html>")));
        using DockerClient client = Client(handler);
        var container = new Container { Id = "4abc", Name = "web", Tty = false };
        var ex = await Assert.ThrowsAsync<EngineProtocolException>(async () =>
        {
            await foreach (ContainerLogLine _ in client.Containers.LogsAsync(container, new ContainerLogsOptions())) { }
        });
        Assert.Equal("GET /containers/4abc/logs", ex.Call);
    }

    [Fact]
    public async Task ContainerList_ConnectionDroppedMidAnswer_IsConnectionLost()
    {
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, new BreakingStream(Encoding.UTF8.GetBytes("[{\"Id\":\"4abc\",")), "application/json");
        using DockerClient client = Client(handler);
        var ex = await Assert.ThrowsAsync<EngineConnectionLostException>(() => client.Containers.ListAsync(new ContainerListOptions()));
        Assert.Equal("GET /containers/json", ex.Call);
        Assert.Contains("docker.test", ex.Message);
        Assert.IsAssignableFrom<IOException>(ex.InnerException);
    }

    [Fact]
    public async Task Pull_ConnectionDroppedMidStream_IsConnectionLost()
    {
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, new BreakingStream(Encoding.UTF8.GetBytes("{\"status\":\"Downloading\"}\n")), "application/json");
        using DockerClient client = Client(handler);
        var seen = new List<JsonMessage>();
        await Assert.ThrowsAsync<EngineConnectionLostException>(async () =>
        {
            await foreach (JsonMessage m in client.Images.PullAsync(ImageReference.Parse("alpine"), new ImagePullOptions())) seen.Add(m);
        });
        Assert.Single(seen);
    }

    [Fact]
    public async Task ResponseEndedAfterHandshake_IsConnectionLost()
    {
        var handler = new FakeDockerHandler().Respond((_, _) =>
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        using DockerClient client = Client(handler);
        var ex = await Assert.ThrowsAsync<EngineConnectionLostException>(() => client.Containers.InspectAsync("web", new()));
        Assert.Equal("GET /containers/web/json", ex.Call);
    }

    [Fact]
    public async Task InvalidHttpAfterHandshake_IsProtocolError()
    {
        var handler = new FakeDockerHandler().Respond((_, _) =>
            throw new HttpRequestException(HttpRequestError.InvalidResponse, "Received an invalid status line: 'garbage'."));
        using DockerClient client = Client(handler);
        var ex = await Assert.ThrowsAsync<EngineProtocolException>(() => client.Images.InspectAsync("alpine", new()));
        Assert.Contains("not valid HTTP", ex.Problem);
    }

    [Fact]
    public async Task HtmlErrorPage_IsAnApiErrorWithoutTheMarkup()
    {
        using DockerClient client = Client(Answering(Html, "text/html", HttpStatusCode.BadGateway));
        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.InspectAsync("web", new()));
        Assert.DoesNotContain("<", ex.Message);
        Assert.Contains("502", ex.Message);
        Assert.Equal(ApiErrorKind.ServerError, ex.Kind);
    }

    /// <summary>Hands out its bytes, then fails as a dropped connection does.</summary>
    private sealed class BreakingStream : Stream
    {
        private readonly byte[] _data;
        private int _position;

        public BreakingStream(byte[] data) => _data = data;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= _data.Length) throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
            int n = Math.Min(count, _data.Length - _position);
            Array.Copy(_data, _position, buffer, offset, n);
            _position += n;
            return n;
        }
    }
}
