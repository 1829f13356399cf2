using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace PSDocker.Core.Transport;

/// <summary>
/// A hijacked attach or exec connection (<c>docker attach</c>, <c>docker exec</c>): one dedicated connection to the
/// engine, upgraded to a raw bidirectional stream. Write the container's standard input to <see cref="Stream"/>,
/// end it with <see cref="CloseWrite"/> (a half-close: output still arrives), read its output from <see cref="Stream"/>
/// (multiplexed frames unless the container or exec has a terminal; decide from its <c>Tty</c>, never from the
/// Content-Type). Dispose it to close the connection.
/// </summary>
public sealed class HijackedStream : IAsyncDisposable, IDisposable
{
    private readonly HttpRequestMessage _request;
    private readonly HttpResponseMessage _response;
    private readonly HijackConnection _connection;
    private int _writeClosed;
    private int _disposed;

    internal HijackedStream(HttpRequestMessage request, HttpResponseMessage response, HijackConnection connection, Stream stream, bool upgraded)
    {
        _request = request;
        _response = response;
        _connection = connection;
        Stream = stream;
        Upgraded = upgraded;
    }

    /// <summary>The raw connection: write standard input, read output.</summary>
    public Stream Stream { get; }

    /// <summary>True when the engine switched protocols (101); false when it answered 200 and streamed on the same connection.</summary>
    public bool Upgraded { get; }

    /// <summary>True when the connection can be half-closed (a socket: unix or TCP). Named pipes cannot.</summary>
    public bool CanCloseWrite => _connection.Socket is not null;

    /// <summary>True once <see cref="CloseWrite"/> has run.</summary>
    public bool IsWriteClosed => Volatile.Read(ref _writeClosed) != 0;

    /// <summary>
    /// Ends the container's standard input: flushes, then shuts down the sending side of the socket
    /// (<c>Socket.Shutdown(Send)</c>). The container's output keeps arriving until it ends. Calling it again does nothing.
    /// On a connection without a socket (named pipe) nothing can be half-closed: the input just stops.
    /// </summary>
    public void CloseWrite()
    {
        if (Interlocked.Exchange(ref _writeClosed, 1) != 0 || Volatile.Read(ref _disposed) != 0) return;
        try
        {
            Stream.Flush();
            _connection.Socket?.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException or IOException)
        {
            // The engine already closed the connection (the process ended): there is no input left to end.
        }
    }

    /// <summary>Flushes what was written, then <see cref="CloseWrite"/>.</summary>
    public async Task CloseWriteAsync(CancellationToken cancellationToken = default)
    {
        if (IsWriteClosed) return;
        try
        {
            await Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException)
        {
        }
        CloseWrite();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            Stream.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
        }
        _response.Dispose();
        _request.Dispose();
        _connection.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Sends an attach or exec-start request on a connection of its own, asking for <c>Connection: Upgrade</c>,
    /// <c>Upgrade: tcp</c>. 101 gives the upgraded stream; a 2xx without an upgrade (engines that answer 200 and
    /// stream on the same connection) gives the body to read, with writes going straight to the connection.
    /// Errors map as every other call's: <see cref="DockerApiException"/> or <see cref="DockerEndpointException"/>.
    /// </summary>
    internal static async Task<HijackedStream> SendAsync(DockerTransport transport, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Connection.Clear();
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Clear();
        request.Headers.Upgrade.Add(new ProductHeaderValue("tcp"));

        HijackConnection connection = transport.OpenHijackConnection();
        HttpResponseMessage? response = null;
        try
        {
            response = await transport.SendOnAsync(connection.Invoker, request, cancellationToken).ConfigureAwait(false);
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            bool upgraded = response.StatusCode == HttpStatusCode.SwitchingProtocols;
            Stream stream = upgraded || body.CanWrite || connection.RawStream is null
                ? body
                : new DuplexStream(body, connection.RawStream);
            return new HijackedStream(request, response, connection, stream, upgraded);
        }
        catch
        {
            response?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Reads from the response body, writes to the connection (a 200 answer that did not upgrade).</summary>
    private sealed class DuplexStream : Stream
    {
        private readonly Stream _read;
        private readonly Stream _write;

        public DuplexStream(Stream read, Stream write)
        {
            _read = read;
            _write = write;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => _write.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => _write.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => _read.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _read.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _read.ReadAsync(buffer, offset, count, cancellationToken);
        public override void Write(byte[] buffer, int offset, int count) => _write.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _write.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _write.WriteAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _read.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// The connection of one hijacked session: an invoker whose handler is used for this session only, and the
/// socket its connect made (kept so the session can half-close it).
/// </summary>
internal sealed class HijackConnection : IDisposable
{
    private readonly bool _ownsInvoker;

    private HijackConnection(HttpMessageInvoker invoker, bool ownsInvoker)
    {
        Invoker = invoker;
        _ownsInvoker = ownsInvoker;
    }

    public HttpMessageInvoker Invoker { get; }

    /// <summary>The socket under the connection, once connected (null for named pipes and test handlers).</summary>
    public Socket? Socket { get; private set; }

    /// <summary>The stream the connect returned, when it is plain (not under TLS): writes may go straight to it.</summary>
    public Stream? RawStream { get; private set; }

    /// <summary>
    /// A dedicated handler made by <see cref="HandlerFactory.CreatePrimaryHandler"/> (so TLS and connect settings carry
    /// over), its connect wrapped to keep the socket. TCP endpoints get the same keepalive connect.
    /// </summary>
    public static HijackConnection Dedicated(DockerEndpoint endpoint)
    {
        SocketsHttpHandler handler = HandlerFactory.CreatePrimaryHandler(endpoint);
        handler.PooledConnectionLifetime = Timeout.InfiniteTimeSpan;
        handler.PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan;
        handler.MaxConnectionsPerServer = 1;
        var connection = new HijackConnection(new HttpMessageInvoker(handler, disposeHandler: true), ownsInvoker: true);
        Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> connect = handler.ConnectCallback ?? HandlerFactory.ConnectTcpAsync;
        handler.ConnectCallback = async (context, ct) =>
        {
            Stream stream = await connect(context, ct).ConfigureAwait(false);
            connection.Keep(stream, plain: !string.Equals(context.InitialRequestMessage.RequestUri?.Scheme, "https", StringComparison.OrdinalIgnoreCase));
            return stream;
        };
        return connection;
    }

    /// <summary>A session over a shared handler that is not disposed with it (tests' fake handler).</summary>
    public static HijackConnection Shared(HttpMessageHandler handler)
        => new(new HttpMessageInvoker(handler, disposeHandler: false), ownsInvoker: true);

    private void Keep(Stream stream, bool plain)
    {
        // A connect that returns TLS itself (SslStream) hides its socket: such a session cannot half-close.
        Socket = (stream as NetworkStream)?.Socket;
        if (plain && stream is NetworkStream) RawStream = stream;
    }

    public void Dispose()
    {
        if (_ownsInvoker) Invoker.Dispose();
    }
}
