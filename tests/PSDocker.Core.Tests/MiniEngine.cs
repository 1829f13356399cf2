using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PSDocker.Core.Tests;

/// <summary>
/// A tiny HTTP/1.1 server on a unix socket or a loopback TCP port, for tests that go through the real
/// socket handlers. Each request is answered by <see cref="Responder"/>; keep-alive is honoured.
/// </summary>
internal sealed class MiniEngine : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly string? _socketPath;

    public delegate (HttpStatusCode Status, string Body, IReadOnlyDictionary<string, string> Headers) Respond(string method, string target);

    private MiniEngine(Socket listener, string? socketPath, Respond responder)
    {
        _listener = listener;
        _socketPath = socketPath;
        Responder = responder;
        _accepting = AcceptLoopAsync();
    }

    public Respond Responder { get; }

    /// <summary>"METHOD target" of every request received, in order.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    /// <summary>Where to reach it, as DOCKER_HOST takes it.</summary>
    public string Endpoint => _socketPath is not null
        ? "unix://" + _socketPath
        : "tcp://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public static MiniEngine OnUnixSocket(Respond responder)
    {
        string path = Path.Combine(Path.GetTempPath(), "psd-" + Guid.NewGuid().ToString("N")[..12] + ".sock");
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen(16);
        return new MiniEngine(socket, path, responder);
    }

    public static MiniEngine OnLoopbackTcp(Respond responder)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(16);
        return new MiniEngine(socket, null, responder);
    }

    /// <summary>An answer like dockerd's: JSON with the API version headers.</summary>
    public static (HttpStatusCode, string, IReadOnlyDictionary<string, string>) Engine(HttpStatusCode status, string body, string apiVersion = "1.41")
        => (status, body, new Dictionary<string, string> { ["Api-Version"] = apiVersion, ["Ostype"] = "linux", ["Content-Type"] = "application/json" });

    private async Task AcceptLoopAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
                connections.Add(ServeAsync(client));
            }
        }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private async Task ServeAsync(Socket client)
    {
        using var stream = new NetworkStream(client, ownsSocket: true);
        var buffer = new List<byte>();
        byte[] chunk = new byte[4096];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                int headerEnd;
                while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
                {
                    int n = await stream.ReadAsync(chunk, _stop.Token).ConfigureAwait(false);
                    if (n == 0) return;
                    buffer.AddRange(chunk.AsSpan(0, n).ToArray());
                }
                string head = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray());
                buffer.RemoveRange(0, headerEnd + 4);
                string[] lines = head.Split("\r\n");
                string[] requestLine = lines[0].Split(' ');
                int length = lines.Skip(1)
                    .Select(l => l.Split(':', 2))
                    .Where(kv => kv.Length == 2 && kv[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    .Select(kv => int.Parse(kv[1].Trim()))
                    .FirstOrDefault();
                while (buffer.Count < length)
                {
                    int n = await stream.ReadAsync(chunk, _stop.Token).ConfigureAwait(false);
                    if (n == 0) return;
                    buffer.AddRange(chunk.AsSpan(0, n).ToArray());
                }
                buffer.RemoveRange(0, length);

                Received.Enqueue(requestLine[0] + " " + requestLine[1]);
                (HttpStatusCode status, string body, IReadOnlyDictionary<string, string> headers) = Responder(requestLine[0], requestLine[1]);
                byte[] bodyBytes = Encoding.UTF8.GetBytes(body);
                var response = new StringBuilder();
                response.Append("HTTP/1.1 ").Append((int)status).Append(' ').Append(status).Append("\r\n");
                foreach ((string name, string value) in headers) response.Append(name).Append(": ").Append(value).Append("\r\n");
                response.Append("Content-Length: ").Append(bodyBytes.Length).Append("\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response.ToString()), _stop.Token).ConfigureAwait(false);
                await stream.WriteAsync(bodyBytes, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        catch (SocketException) { }
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (int i = 0; i + 3 < buffer.Count; i++)
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') return i;
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Dispose();
        await _accepting.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _stop.Dispose();
        if (_socketPath is not null) File.Delete(_socketPath);
    }
}
