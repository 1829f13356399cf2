using System.Collections.Concurrent;
using PSDocker.Core.Containers;
using PSDocker.Core.Images;
using PSDocker.Core.Engine;
using PSDocker.Core.Networks;
using PSDocker.Core.Transport;
using PSDocker.Core.Volumes;

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
        System = new SystemOperations(transport, this);
        Networks = new NetworkOperations(transport);
        Volumes = new VolumeOperations(transport);
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

    /// <summary>Network endpoints (<c>docker network …</c>).</summary>
    public NetworkOperations Networks { get; }

    /// <summary>Volume endpoints (<c>docker volume …</c>).</summary>
    public VolumeOperations Volumes { get; }

    /// <summary>The cached client of an endpoint: one per engine identity (address, context, TLS material) for the process.</summary>
    /// <exception cref="EngineConfigurationException">The endpoint's TLS files cannot be loaded.</exception>
    public static DockerClient Get(DockerEndpoint endpoint)
    {
        Lazy<DockerClient> lazy = Cache.GetOrAdd(endpoint, e => new Lazy<DockerClient>(() => new DockerClient(new DockerTransport(e, HandlerFactory.CreateClient(e), ownsClient: true))));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Don't keep a failure (unreadable certificate files): the next call tries again.
            Cache.TryRemove(new KeyValuePair<DockerEndpoint, Lazy<DockerClient>>(endpoint, lazy));
            throw;
        }
    }

    /// <summary>
    /// The client already made for an engine an object came from: its endpoint text (as models carry it) and, when known,
    /// its context. Null when this process has no such client.
    /// </summary>
    public static DockerClient? Find(string endpointText, string? contextName)
    {
        DockerClient? found = null;
        foreach ((DockerEndpoint endpoint, Lazy<DockerClient> client) in Cache)
        {
            if (!client.IsValueCreated || !string.Equals(endpoint.ToString(), endpointText, StringComparison.Ordinal)) continue;
            if (contextName is not null && !string.Equals(endpoint.ContextName, contextName, StringComparison.Ordinal)) continue;
            if (found is not null && !found.Endpoint.Equals(endpoint)) return null; // ambiguous: let the caller resolve it afresh
            found = client.Value;
        }
        return found;
    }

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
