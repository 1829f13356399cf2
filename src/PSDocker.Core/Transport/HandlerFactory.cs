using System.IO.Pipes;
using System.Net.Sockets;
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
    private static ServiceProvider? _services;

    /// <summary>A client for the endpoint. The factory pools its handler; the client has no timeout.</summary>
    public static HttpClient CreateClient(DockerEndpoint endpoint)
    {
        HttpClient client = Factory.Value.CreateClient(endpoint.ToString());
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
            if (string.IsNullOrEmpty(name)) return;
            DockerEndpoint endpoint = DockerEndpoint.Parse(name);
            options.HandlerLifetime = Timeout.InfiniteTimeSpan;
            options.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = CreatePrimaryHandler(endpoint));
        }
    }

    /// <summary>The socket-level handler for an endpoint.</summary>
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
                handler.KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests;
                break;
        }
        return handler;
    }
}
