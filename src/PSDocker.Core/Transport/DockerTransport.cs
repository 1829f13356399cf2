using System.Globalization;
using System.IO.Pipes;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PSDocker.Core.Json;

namespace PSDocker.Core.Transport;

/// <summary>What the engine said about itself in <c>/_ping</c>.</summary>
public sealed class EngineHandshake
{
    /// <summary>The API version PSDocker uses with this engine (the lower of the engine's and PSDocker's maximum).</summary>
    public Version ApiVersion { get; init; } = DockerTransport.MaxApiVersion;

    /// <summary>The highest API version the engine speaks.</summary>
    public Version? EngineApiVersion { get; init; }

    /// <summary><c>linux</c> or <c>windows</c>.</summary>
    public string? OSType { get; init; }

    /// <summary>True when the engine is Podman's Docker-compatible service.</summary>
    public bool IsPodman { get; init; }

    /// <summary>Docker or Podman.</summary>
    public EngineKind Kind => IsPodman ? EngineKind.Podman : EngineKind.Docker;

    /// <summary>Podman's own version (its <c>Libpod-Api-Version</c> header), null for Docker.</summary>
    public string? PodmanVersion { get; init; }
}

/// <summary>
/// HTTP to one engine: version negotiation (once, lazily), versioned paths, error mapping.
/// </summary>
public sealed class DockerTransport : IDisposable
{
    /// <summary>The newest API version PSDocker speaks.</summary>
    public static readonly Version MaxApiVersion = new(1, 51);

    /// <summary>The oldest API version PSDocker speaks (Docker 20.10 and Podman 4 speak 1.41).</summary>
    public static readonly Version MinApiVersion = new(1, 40);

    private readonly HttpClient _http;
    private readonly bool _ownsClient;
    private readonly object _gate = new();
    private Task<EngineHandshake>? _handshake;

    internal DockerTransport(DockerEndpoint endpoint, HttpClient http, bool ownsClient)
    {
        Endpoint = endpoint;
        _http = http;
        _ownsClient = ownsClient;
    }

    /// <summary>The engine this transport talks to.</summary>
    public DockerEndpoint Endpoint { get; }

    /// <summary>How long /_ping may take before the engine counts as unreachable.</summary>
    internal TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Negotiates the API version on first use and returns the cached result afterwards.</summary>
    public Task<EngineHandshake> GetHandshakeAsync(CancellationToken cancellationToken)
    {
        Task<EngineHandshake>? task;
        lock (_gate)
        {
            task = _handshake;
            if (task is null || task.IsFaulted || task.IsCanceled)
                _handshake = task = PingAsync(CancellationToken.None);
        }
        return task.WaitAsync(cancellationToken);
    }

    private async Task<EngineHandshake> PingAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "_ping");
        using var timeout = new CancellationTokenSource(PingTimeout);
        HttpResponseMessage pingResponse;
        try
        {
            pingResponse = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            // Our own timeout, not the caller's cancellation (callers only stop waiting, in GetHandshakeAsync).
            throw new DockerEndpointException(Endpoint, EndpointFailure.HostUnreachable, $"it did not answer /_ping within {PingTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} seconds", ex);
        }
        using HttpResponseMessage response = pingResponse;

        bool podman = response.Headers.Contains("Libpod-API-Version")
            || (response.Headers.Server?.ToString().Contains("Libpod", StringComparison.OrdinalIgnoreCase) ?? false);
        string? apiHeader = FirstHeader(response, "Api-Version");
        if (apiHeader is null && !response.IsSuccessStatusCode)
            throw await TlsFailures.NotAnEngineAsync(Endpoint, response).ConfigureAwait(false);

        Version? engineVersion = apiHeader is not null && Version.TryParse(apiHeader, out Version? v) ? v : null;
        Version use = engineVersion is null || engineVersion > MaxApiVersion ? MaxApiVersion : engineVersion;
        if (use < MinApiVersion)
            throw new DockerEndpointException(Endpoint, EndpointFailure.UnsupportedVersion, $"the engine speaks API {use}, older than the {MinApiVersion} PSDocker needs");

        return new EngineHandshake
        {
            ApiVersion = use,
            EngineApiVersion = engineVersion,
            OSType = FirstHeader(response, "Ostype"),
            IsPodman = podman,
            PodmanVersion = podman ? FirstHeader(response, "Libpod-Api-Version") : null,
        };
    }

    private static string? FirstHeader(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

    /// <summary>Throws <see cref="EngineNotSupportedException"/> before anything is sent when the engine is Podman.</summary>
    public async Task ThrowIfPodmanAsync(string feature, string workaround, CancellationToken cancellationToken)
    {
        EngineHandshake handshake = await GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
        if (handshake.IsPodman)
            throw new EngineNotSupportedException(EngineKind.Podman, handshake.PodmanVersion, Endpoint.ToString(), feature, workaround);
    }

    /// <summary>Builds a request for a versioned API path such as <c>containers/json?all=1</c>.</summary>
    /// <exception cref="NulCharacterException">A value in the path or query holds a NUL character (checked before anything is sent).</exception>
    public async Task<HttpRequestMessage> CreateRequestAsync(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken)
    {
        // Every value in a path or query is escaped on its way here (Query, Uri.EscapeDataString): a NUL shows as %00.
        if (pathAndQuery.Contains("%00", StringComparison.Ordinal) || pathAndQuery.Contains('\0'))
            throw new NulCharacterException($"request {method} /{NulFree(pathAndQuery)}");
        EngineHandshake handshake = await GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
        return new HttpRequestMessage(method, "v" + handshake.ApiVersion.ToString(2) + "/" + pathAndQuery);
    }

    /// <summary>Sends a request; non-success statuses (other than 304) become <see cref="DockerApiException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await SendCoreAsync(request, completion, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.NotModified or HttpStatusCode.SwitchingProtocols)
            return response;
        try
        {
            throw await ToApiExceptionAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            response.Dispose();
        }
    }

    /// <summary>Sends a body-less request and returns the status (2xx or 304).</summary>
    public Task<HttpStatusCode> SendAsync(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken)
        => SendAsync(method, pathAndQuery, cancellationToken, content: null);

    /// <summary>Sends a request with an optional body and returns the status (2xx or 304); the answer's body is not read.</summary>
    public async Task<HttpStatusCode> SendAsync(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken, HttpContent? content)
    {
        using HttpRequestMessage request = await CreateRequestAsync(method, pathAndQuery, cancellationToken).ConfigureAwait(false);
        request.Content = content;
        using HttpResponseMessage response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>Sends a request and reads a JSON answer.</summary>
    public async Task<T> SendJsonAsync<T>(HttpMethod method, string pathAndQuery, JsonTypeInfo<T> responseType, CancellationToken cancellationToken, HttpContent? content = null)
    {
        using HttpRequestMessage request = await CreateRequestAsync(method, pathAndQuery, cancellationToken).ConfigureAwait(false);
        request.Content = content;
        using HttpResponseMessage response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        T? value = await ReadJsonAsync(request, response, responseType, cancellationToken).ConfigureAwait(false);
        return value ?? throw ProtocolError(request, "the answer is empty (JSON null)");
    }

    /// <summary>
    /// Reads a JSON answer. Malformed, truncated or non-JSON content (an HTML page) is an <see cref="EngineProtocolException"/>,
    /// a connection dropped while reading an <see cref="EngineConnectionLostException"/>: never a raw JsonException.
    /// </summary>
    public async Task<T?> ReadJsonAsync<T>(HttpRequestMessage request, HttpResponseMessage response, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        await using Stream stream = await ReadBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            string type = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            string problem = type.Contains("json", StringComparison.OrdinalIgnoreCase)
                ? $"the JSON is malformed or truncated ({ex.Message})"
                : $"the answer is {type}, not JSON ({ex.Message})";
            throw ProtocolError(request, problem, ex);
        }
    }

    /// <summary>The body of an answer as a stream whose I/O failures become <see cref="EngineConnectionLostException"/>.</summary>
    public async Task<Stream> ReadBodyAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            Stream inner = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new EngineStream(inner, this, Describe(request), EngineCallTimeout.StreamIdleProbe);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw new EngineConnectionLostException(Endpoint.ToString(), Describe(request), ex);
        }
    }

    /// <summary>
    /// Sends a request and hands its answer's body, read as it arrives, to <paramref name="wrap"/>; the request and the
    /// answer are disposed here when anything fails, else by what <paramref name="wrap"/> returns.
    /// </summary>
    public async Task<T> OpenStreamAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken, Func<HttpResponseMessage, Stream, T> wrap)
    {
        try
        {
            HttpResponseMessage response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            try
            {
                Stream body = await ReadBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
                return wrap(response, body);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Passes a stream of items parsed from an answer (progress messages, log frames) through, turning a malformed or
    /// truncated stream into an <see cref="EngineProtocolException"/> naming the engine.
    /// </summary>
    public async IAsyncEnumerable<T> GuardAsync<T>(IAsyncEnumerable<T> source, HttpRequestMessage request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IAsyncEnumerator<T> e = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await e.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InvalidDataException or JsonException)
                {
                    throw ProtocolError(request, ex.Message.TrimEnd('.'), ex);
                }
                if (!more) yield break;
                yield return e.Current;
            }
        }
        finally
        {
            await e.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits for work on the engine that has no time limit (a stream's next read, a stream's answer): after each silent
    /// spell of <paramref name="interval"/>, /_ping on another connection must answer within that time, or the work is
    /// aborted and an <see cref="EngineConnectionLostException"/> names the call. Returns when the work is done (its outcome
    /// is the caller's to read) or the caller cancels.
    /// </summary>
    internal async Task WatchAsync(Task work, TimeSpan interval, string call, string silence, Action abort, CancellationToken cancellationToken)
    {
        while (true)
        {
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (await Task.WhenAny(work, Task.Delay(interval, idle.Token)).ConfigureAwait(false) == work)
                {
                    idle.Cancel();
                    return;
                }
            }
            if (cancellationToken.IsCancellationRequested) return;
            if (await ProbeAsync(interval, cancellationToken).ConfigureAwait(false) is not { } problem) continue;
            _ = work.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            abort();
            throw new EngineConnectionLostException(Endpoint.ToString(), call,
                new IOException($"{silence} for {EngineCallTimeout.Format(interval)} and the engine then {problem}"));
        }
    }

    /// <summary>
    /// Checks that the engine still answers <c>GET /_ping</c> within <paramref name="limit"/> (on a connection of its own):
    /// null when it does, else what went wrong, in words.
    /// </summary>
    internal async Task<string?> ProbeAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "_ping");
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"did not answer /_ping within {EngineCallTimeout.Format(limit)}";
        }
        catch (HttpRequestException ex)
        {
            return $"could not be reached for /_ping ({ex.Message.TrimEnd('.')})";
        }
    }

    /// <summary>An answer that cannot be read, for the request that got it.</summary>
    public EngineProtocolException ProtocolError(HttpRequestMessage request, string problem, Exception? inner = null)
        => new(Endpoint.ToString(), Describe(request), problem, inner);

    private static string Describe(HttpRequestMessage request)
    {
        string path = request.RequestUri is null ? "" : request.RequestUri.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString;
        int q = path.IndexOf('?');
        if (q >= 0) path = path[..q];
        // Drop the version prefix: GET /containers/json, as the API reference names calls.
        if (path.StartsWith('/')) path = path[1..];
        if (path.StartsWith('v') && path.IndexOf('/') is int slash and > 0 && Version.TryParse(path[1..slash], out _)) path = path[(slash + 1)..];
        return $"{request.Method} /{path}";
    }

    /// <summary>A response body whose read failures (the engine closed the connection mid-answer) name the engine.</summary>
    private sealed class EngineStream : Stream
    {
        private readonly Stream _inner;
        private readonly DockerTransport _transport;
        private readonly string _call;
        private readonly TimeSpan _idleProbe;

        public EngineStream(Stream inner, DockerTransport transport, string call, TimeSpan idleProbe)
        {
            _inner = inner;
            _transport = transport;
            _call = call;
            _idleProbe = idleProbe;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return _inner.Read(buffer, offset, count);
            }
            catch (IOException ex)
            {
                throw Lost(ex);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                ValueTask<int> pending = _inner.ReadAsync(buffer, cancellationToken);
                if (pending.IsCompleted) return await pending.ConfigureAwait(false);
                return await ReadWatchingAsync(pending.AsTask(), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Lost(ex);
            }
        }

        // A silent stream is fine (logs -Follow of a quiet container) as long as the engine is there.
        private async Task<int> ReadWatchingAsync(Task<int> read, CancellationToken cancellationToken)
        {
            await _transport.WatchAsync(read, _idleProbe, _call, "the stream was silent", _inner.Dispose, cancellationToken).ConfigureAwait(false);
            return await read.ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private EngineConnectionLostException Lost(IOException ex) => new(_transport.Endpoint.ToString(), _call, ex);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => _inner.DisposeAsync();
    }

    private static string NulFree(string pathAndQuery)
    {
        int q = pathAndQuery.IndexOf('?');
        return (q < 0 ? pathAndQuery : pathAndQuery[..q]).Replace("%00", "\\0", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
    }

    /// <summary>JSON request content from a source-generated type.</summary>
    /// <exception cref="NulCharacterException">A string in the body holds a NUL character (checked before anything is sent).</exception>
    public static HttpContent JsonContent<T>(T value, JsonTypeInfo<T> type)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
        if (bytes.AsSpan().IndexOf("\\u0000"u8) >= 0)
            throw new NulCharacterException($"request field '{FieldWithNul(bytes)}'");
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    // The JSON property whose string value (or name) holds the NUL, for the error message.
    private static string FieldWithNul(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        string field = "(top level)";
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName) field = reader.GetString() ?? field;
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueSpan.IndexOf("\\u0000"u8) >= 0)
                return field;
        }
        return field;
    }

    /// <summary>Where hijacked sessions (attach, exec) get their dedicated connection; tests set a shared fake handler.</summary>
    internal Func<HijackConnection>? HijackConnectionFactory { get; set; }

    internal HijackConnection OpenHijackConnection() => HijackConnectionFactory?.Invoke() ?? HijackConnection.Dedicated(Endpoint);

    /// <summary>Sends a request through another invoker (a hijacked session's own connection), with the same error mapping.</summary>
    internal async Task<HttpResponseMessage> SendOnAsync(HttpMessageInvoker invoker, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsAbsoluteUri: false } relative)
            request.RequestUri = new Uri(_http.BaseAddress ?? Endpoint.BaseUri, relative);
        HttpResponseMessage response = await SendCoreAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken, invoker).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.SwitchingProtocols)
            return response;
        try
        {
            throw await ToApiExceptionAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            response.Dispose();
        }
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken, HttpMessageInvoker? invoker = null)
    {
        EngineCallTimeout.Record(Endpoint.ToString(), Describe(request));
        // Inside a stream (no time limit), a request still unanswered after a while checks that the engine is there.
        if (EngineCallTimeout.StreamRequestProbe is not { } probe || invoker is null && request.RequestUri?.OriginalString == "_ping")
            return await SendOnceAsync(request, completion, cancellationToken, invoker).ConfigureAwait(false);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<HttpResponseMessage> send = SendOnceAsync(request, completion, abort.Token, invoker);
        await WatchAsync(send, probe, Describe(request), "no answer came", abort.Cancel, cancellationToken).ConfigureAwait(false);
        return await send.ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken, HttpMessageInvoker? invoker)
    {
        try
        {
            return invoker is null
                ? await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false)
                : await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Once the engine has answered /_ping, an answer cut short or not HTTP at all is not "unreachable".
            if (_handshake is { IsCompletedSuccessfully: true })
            {
                // ResponseEnded: the answer stopped short. Unknown with an I/O error: the connection broke while the
                // request was being sent (an engine that answered and hung up during a build context upload).
                if (ex.HttpRequestError == HttpRequestError.ResponseEnded
                    || ex.HttpRequestError == HttpRequestError.Unknown && ex.InnerException is IOException)
                    throw new EngineConnectionLostException(Endpoint.ToString(), Describe(request), ex);
                if (ex.HttpRequestError == HttpRequestError.InvalidResponse)
                    throw ProtocolError(request, $"the answer is not valid HTTP ({ex.Message.TrimEnd('.')})", ex);
            }
            throw ToEndpointException(ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The handler's connect timeout.
            throw new DockerEndpointException(Endpoint, EndpointFailure.HostUnreachable, "the connection timed out", ex);
        }
    }

    internal DockerEndpointException ToEndpointException(HttpRequestException ex)
    {
        if (TlsFailures.Classify(Endpoint, ex) is { } tlsFailure) return tlsFailure;
        Exception? inner = ex.InnerException;
        while (inner is not null and not SocketException and not IOException and not TimeoutException)
            inner = inner.InnerException;

        if (inner is SocketException socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported when Endpoint.Kind == EndpointKind.Unix && !File.Exists(Endpoint.Address)
                    => new DockerEndpointException(Endpoint, EndpointFailure.Missing, $"the socket {Endpoint.Address} does not exist", ex),
                SocketError.AccessDenied
                    => new DockerEndpointException(Endpoint, EndpointFailure.PermissionDenied, $"permission denied opening {Endpoint.Address}", ex),
                SocketError.ConnectionRefused
                    => new DockerEndpointException(Endpoint, EndpointFailure.ConnectionRefused, "the connection was refused (nothing is listening there)", ex),
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain
                    => new DockerEndpointException(Endpoint, EndpointFailure.HostUnreachable, $"the host name '{Endpoint.Host}' could not be resolved", ex),
                SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable
                    => new DockerEndpointException(Endpoint, EndpointFailure.HostUnreachable, "the host did not answer", ex),
                _ when Endpoint.Kind == EndpointKind.Unix && !File.Exists(Endpoint.Address)
                    => new DockerEndpointException(Endpoint, EndpointFailure.Missing, $"the socket {Endpoint.Address} does not exist", ex),
                _ => new DockerEndpointException(Endpoint, EndpointFailure.Other, socket.Message, ex),
            };
        }
        if (inner is TimeoutException && Endpoint.Kind == EndpointKind.NamedPipe)
            return new DockerEndpointException(Endpoint, EndpointFailure.Missing, $"the named pipe '{Endpoint.Address}' does not exist or is busy", ex);
        if (inner is UnauthorizedAccessException)
            return new DockerEndpointException(Endpoint, EndpointFailure.PermissionDenied, "access to the named pipe was denied", ex);
        return new DockerEndpointException(Endpoint, EndpointFailure.NotAnEngine, $"the connection failed ({ex.Message})", ex);
    }

    /// <summary>The <c>cause</c>s with which Podman answers 500 where Docker answers 409 Conflict.</summary>
    internal static readonly HashSet<string> PodmanConflictCauses = new(StringComparer.Ordinal)
    {
        "container state improper",     // kill/pause/unpause/remove in the wrong state
        "that name is already in use",  // create with a name in use
    };

    /// <summary>The <c>cause</c>s with which Podman answers 500 where Docker answers 404 Not Found.</summary>
    internal static readonly HashSet<string> PodmanNotFoundCauses = new(StringComparer.Ordinal)
    {
        "image not known",              // save (images/get) of a missing image
        "no such container",
    };

    private static async Task<DockerApiException> ToApiExceptionAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string message = "";
        HttpStatusCode status = response.StatusCode;
        try
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            message = body;
            if (body.Length > 0 && body.TrimStart().StartsWith('{'))
            {
                ErrorResponseDto? error = JsonSerializer.Deserialize(body, DockerJsonContext.Default.ErrorResponseDto);
                if (!string.IsNullOrEmpty(error?.Message)) message = error.Message;
                // Podman's compatible API answers a request the container's state forbids (kill or pause a stopped
                // container, remove a running one) or a name in use with 500 and a cause, where the Docker API answers 409.
                if (status == HttpStatusCode.InternalServerError && error?.Cause is string cause && PodmanConflictCauses.Contains(cause))
                    status = HttpStatusCode.Conflict;
                // ... and a missing image in some calls (save) with 500 where Docker answers 404.
                else if (status == HttpStatusCode.InternalServerError && error?.Cause is string missing && PodmanNotFoundCauses.Contains(missing))
                    status = HttpStatusCode.NotFound;
            }
        }
        catch (JsonException)
        {
        }
        message = message.Trim();
        if (message.StartsWith('<'))
            message = $"The engine answered HTTP {(int)response.StatusCode} ({response.ReasonPhrase}) with a web page instead of an API error";
        if (message.Length == 0)
            message = $"The engine answered HTTP {(int)response.StatusCode} ({response.ReasonPhrase}).";
        return new DockerApiException(status, message, request.Method.Method, request.RequestUri?.OriginalString);
    }

    public void Dispose()
    {
        if (_ownsClient) _http.Dispose();
    }
}
