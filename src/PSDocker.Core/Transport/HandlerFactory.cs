using System.Collections.Concurrent;
using System.IO.Pipes;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace PSDocker.Core.Transport;

/// <summary>
/// The process-wide HTTP client factory (Microsoft.Extensions.Http): one named client per endpoint,
/// its primary handler connecting through a unix socket, a named pipe or TCP, kept for the life of the process.
/// </summary>
internal static class HandlerFactory
{
    private static readonly Lazy<IHttpClientFactory> Factory = new(CreateFactory, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentDictionary<string, DockerEndpoint> Named = new(StringComparer.Ordinal);
    private static ServiceProvider? _services;

    /// <summary>A client for the endpoint. The factory pools its handler; the client has no timeout.</summary>
    /// <remarks>The client's name is the endpoint's identity (address, context, TLS material), so two TLS configurations never share a handler.</remarks>
    public static HttpClient CreateClient(DockerEndpoint endpoint)
    {
        Named.TryAdd(endpoint.Key, endpoint);
        HttpClient client = Factory.Value.CreateClient(endpoint.Key);
        client.BaseAddress = endpoint.BaseUri;
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    /// <summary>Disposes every pooled handler (module removal).</summary>
    public static void Shutdown() => _services?.Dispose();

    private static IHttpClientFactory CreateFactory()
    {
        var services = new ServiceCollection();
        services.AddHttpClient();
        services.ConfigureHttpClientDefaults(builder => builder.RemoveAllLoggers());
        services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>, EndpointHandlerOptions>();
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<IHttpClientFactory>();
    }

    /// <summary>Configures the named client whose name is an endpoint.</summary>
    private sealed class EndpointHandlerOptions : IConfigureNamedOptions<HttpClientFactoryOptions>
    {
        public void Configure(HttpClientFactoryOptions options) { }

        public void Configure(string? name, HttpClientFactoryOptions options)
        {
            if (string.IsNullOrEmpty(name) || !Named.TryGetValue(name, out DockerEndpoint? endpoint)) return;
            options.HandlerLifetime = Timeout.InfiniteTimeSpan;
            options.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = CreatePrimaryHandler(endpoint));
        }
    }

    /// <summary>The socket-level handler for an endpoint, with its TLS settings (a dedicated handler made here speaks TLS too).</summary>
    /// <exception cref="EngineConfigurationException">A TLS file cannot be loaded.</exception>
    internal static SocketsHttpHandler CreatePrimaryHandler(DockerEndpoint endpoint)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        switch (endpoint.Kind)
        {
            case EndpointKind.Unix:
                string path = endpoint.Address;
                handler.ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                };
                break;
            case EndpointKind.NamedPipe:
                string pipeName = endpoint.Address;
                handler.ConnectCallback = async (_, ct) =>
                {
                    var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.Asynchronous);
                    try
                    {
                        await pipe.ConnectAsync(2000, ct).ConfigureAwait(false);
                        return pipe;
                    }
                    catch
                    {
                        await pipe.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }
                };
                break;
            case EndpointKind.Tcp:
                handler.ConnectCallback = ConnectTcpAsync;
                handler.KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests;
                if (endpoint.Tls is { } tls) handler.SslOptions = CreateSslOptions(tls);
                break;
        }
        return handler;
    }

    /// <summary>
    /// A TCP connection with keepalive on: a stream that stays silent on purpose (logs -Follow, a wait, an attach session)
    /// learns within about a minute that the engine's host is gone (30 s idle, then 3 probes 10 s apart), where without
    /// keepalive the read would wait forever. TLS, when the endpoint has it, goes on top of this stream.
    /// </summary>
    internal static async ValueTask<Stream> ConnectTcpAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 30);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// TLS as the docker CLI sets it up: the client certificate from cert.pem/key.pem, the engine's certificate
    /// checked against ca.pem only (a custom root trust; the host name is still checked), or not at all when verification is off.
    /// </summary>
    internal static SslClientAuthenticationOptions CreateSslOptions(DockerTlsSettings tls)
    {
        var options = new SslClientAuthenticationOptions();
        if (tls.HasClientCertificate)
            options.ClientCertificates = new X509CertificateCollection { LoadClientCertificate(tls) };
        if (!tls.Verify)
        {
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (tls.CaFile is { } caFile)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            try
            {
                policy.CustomTrustStore.ImportFromPemFile(caFile);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new EngineConfigurationException(EngineConfigurationError.TlsFiles, caFile, $"Cannot load the CA certificate '{caFile}' ({tls.Source}): {ex.Message}", ex);
            }
            if (policy.CustomTrustStore.Count == 0)
                throw new EngineConfigurationException(EngineConfigurationError.TlsFiles, caFile, $"'{caFile}' ({tls.Source}) holds no PEM certificate.");
            options.CertificateChainPolicy = policy;
        }
        return options;
    }

    private static X509Certificate2 LoadClientCertificate(DockerTlsSettings tls)
    {
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(tls.CertFile!, tls.KeyFile);
            if (!OperatingSystem.IsWindows()) return certificate;
            // SChannel cannot use the ephemeral key of a PEM import for client authentication.
            using (certificate)
                return new X509Certificate2(certificate.Export(X509ContentType.Pkcs12));
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new EngineConfigurationException(EngineConfigurationError.TlsFiles, tls.CertFile!,
                $"Cannot load the client certificate '{tls.CertFile}' with its key '{tls.KeyFile}' ({tls.Source}): {ex.Message} Check that both are PEM files and that the key is not encrypted.", ex);
        }
    }
}
