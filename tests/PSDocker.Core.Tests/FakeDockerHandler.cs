using System.Net;
using System.Text;

namespace PSDocker.Core.Tests;

/// <summary>Records requests and answers with canned responses; /_ping answers with an API version.</summary>
internal sealed class FakeDockerHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _responses = new();

    public string ApiVersion { get; set; } = "1.41";

    public List<HttpRequestMessage> Requests { get; } = new();

    public List<string?> Bodies { get; } = new();

    public FakeDockerHandler Respond(HttpStatusCode status, string? json = null)
    {
        _responses.Enqueue(_ => new HttpResponseMessage(status)
        {
            Content = new StringContent(json ?? "", Encoding.UTF8, "application/json"),
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith("/_ping", StringComparison.Ordinal))
        {
            var ping = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("OK") };
            ping.Headers.Add("Api-Version", ApiVersion);
            ping.Headers.Add("Ostype", "linux");
            return ping;
        }
        Requests.Add(request);
        Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
        if (_responses.Count == 0) return new HttpResponseMessage(HttpStatusCode.NoContent);
        return _responses.Dequeue()(request);
    }
}
