using System.Net;
using System.Text;

namespace PSDocker.Core.Tests;

/// <summary>Records requests and answers with canned responses; /_ping answers with an API version.</summary>
internal sealed class FakeDockerHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _responses = new();
    private int _pingCount;

    /// <summary>The <c>Api-Version</c> header /_ping answers with; null sends no such header.</summary>
    public string? ApiVersion { get; set; } = "1.41";

    /// <summary>The status /_ping answers with.</summary>
    public HttpStatusCode PingStatus { get; set; } = HttpStatusCode.OK;

    /// <summary>Extra headers on the /_ping answer (for example <c>Libpod-API-Version</c>).</summary>
    public Dictionary<string, string> PingHeaders { get; } = new();

    /// <summary>Exceptions thrown by the next /_ping calls, one per call, before it answers normally.</summary>
    public Queue<Exception> PingFailures { get; } = new();

    /// <summary>When true, /_ping never answers (it waits until its request is cancelled).</summary>
    public bool PingHangs { get; set; }

    /// <summary>How many times /_ping was called (those calls are not in <see cref="Requests"/>).</summary>
    public int PingCount => Volatile.Read(ref _pingCount);

    public List<HttpRequestMessage> Requests { get; } = new();

    public List<string?> Bodies { get; } = new();

    /// <summary>The request paths after the version prefix, with their query: <c>containers/web/stop?t=5</c>.</summary>
    public IEnumerable<string> PathsAndQueries => Requests.Select(r => StripVersion(r.RequestUri!.PathAndQuery));

    public FakeDockerHandler Respond(HttpStatusCode status, string? json = null)
    {
        _responses.Enqueue((_, _) => Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent(json ?? "", Encoding.UTF8, "application/json"),
        }));
        return this;
    }

    /// <summary>Answers with a body of raw bytes (a log or attach stream).</summary>
    public FakeDockerHandler RespondStream(HttpStatusCode status, Stream body, string contentType = "application/vnd.docker.multiplexed-stream")
    {
        _responses.Enqueue((_, _) =>
        {
            var content = new StreamContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            return Task.FromResult(new HttpResponseMessage(status) { Content = content });
        });
        return this;
    }

    /// <summary>Answers with whatever the function makes; it gets the request's cancellation token.</summary>
    public FakeDockerHandler Respond(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        _responses.Enqueue(responder);
        return this;
    }

    /// <summary>Never answers: waits until the request is cancelled.</summary>
    public FakeDockerHandler RespondNever()
        => Respond(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            throw new InvalidOperationException("unreachable");
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/_ping", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _pingCount);
            lock (PingFailures)
            {
                if (PingFailures.Count > 0) throw PingFailures.Dequeue();
            }
            if (PingHangs) await Task.Delay(Timeout.Infinite, cancellationToken);
            var ping = new HttpResponseMessage(PingStatus) { Content = new StringContent("OK") };
            if (ApiVersion is not null) ping.Headers.Add("Api-Version", ApiVersion);
            ping.Headers.Add("Ostype", "linux");
            foreach ((string name, string value) in PingHeaders) ping.Headers.TryAddWithoutValidation(name, value);
            return ping;
        }
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? responder;
        int index;
        lock (_responses)
        {
            index = Requests.Count;
            Requests.Add(request);
            Bodies.Add(null);
            responder = _responses.Count == 0 ? null : _responses.Dequeue();
        }
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_responses) Bodies[index] = body;
        if (responder is null) return new HttpResponseMessage(HttpStatusCode.NoContent);
        return await responder(request, cancellationToken);
    }

    private static string StripVersion(string pathAndQuery)
    {
        string p = pathAndQuery.TrimStart('/');
        if (p.StartsWith('v'))
        {
            int slash = p.IndexOf('/');
            if (slash > 0) return p[(slash + 1)..];
        }
        return p;
    }
}
