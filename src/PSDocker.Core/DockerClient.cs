using System.Collections.Concurrent;
using PSDocker.Core.Containers;
using PSDocker.Core.Images;
using PSDocker.Core.SystemApi;
using PSDocker.Core.Transport;

namespace PSDocker.Core;

/// <summary>A client of one engine: the entry point to its endpoint groups.</summary>
public sealed class DockerClient : IDisposable
{
    private static readonly ConcurrentDictionary<DockerEndpoint, Lazy<DockerClient>> Cache = new();

    private DockerClient(DockerTransport transport)
    {
        Transport = transport;
        Containers = new ContainerOperations(transport);
        Exec = new ExecOperations(transport);
        Images = new ImageOperations(transport);
        System = new SystemOperations(transport);
    }

    /// <summary>The engine's endpoint.</summary>
    public DockerEndpoint Endpoint => Transport.Endpoint;

    /// <summary>HTTP to the engine, with the negotiated API version.</summary>
    public DockerTransport Transport { get; }

    /// <summary>Container endpoints.</summary>
    public ContainerOperations Containers { get; }

    /// <summary>Exec endpoints (<c>docker exec</c>): create, start (hijacked), inspect, resize.</summary>
    public ExecOperations Exec { get; }

    /// <summary>Image endpoints.</summary>
    public ImageOperations Images { get; }

    /// <summary>System endpoints (registry login).</summary>
    public SystemOperations System { get; }

    /// <summary>The cached client of an endpoint (one per endpoint for the process).</summary>
    public static DockerClient Get(DockerEndpoint endpoint)
        => Cache.GetOrAdd(endpoint, e => new Lazy<DockerClient>(() => new DockerClient(new DockerTransport(e, HandlerFactory.CreateClient(e), ownsClient: true)))).Value;

    /// <summary>A client over a given handler (tests).</summary>
    public static DockerClient Create(Uri baseAddress, HttpMessageHandler handler)
    {
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var endpoint = DockerEndpoint.Parse("tcp://" + baseAddress.Host + ":" + (baseAddress.IsDefaultPort ? 2375 : baseAddress.Port));
        var transport = new DockerTransport(endpoint, http, ownsClient: true)
        {
            // Hijacked sessions go through the same handler (a fake one in tests), which they must not dispose.
            HijackConnectionFactory = () => HijackConnection.Shared(handler),
        };
        return new DockerClient(transport);
    }

    /// <summary>Disposes every cached client (module removal).</summary>
    public static void DisposeAll()
    {
        foreach (Lazy<DockerClient> client in Cache.Values)
            if (client.IsValueCreated) client.Value.Dispose();
        Cache.Clear();
        HandlerFactory.Shutdown();
    }

    public void Dispose() => Transport.Dispose();
}
