using System.Runtime.InteropServices;
using PSDocker.Core.Contexts;

namespace PSDocker.Core;

/// <summary>How PSDocker reaches an engine.</summary>
public enum EndpointKind
{
    /// <summary>A unix domain socket (<c>unix:///var/run/docker.sock</c>).</summary>
    Unix,
    /// <summary>A Windows named pipe (<c>npipe:////./pipe/docker_engine</c>).</summary>
    NamedPipe,
    /// <summary>TCP (<c>tcp://host:2375</c>, <c>http://host:2375</c>), or TLS over TCP (<c>https://host:2376</c>, or tcp:// with TLS settings).</summary>
    Tcp,
}

/// <summary>
/// A parsed engine address, as the docker CLI accepts it in <c>-H</c> and <c>DOCKER_HOST</c>, with the TLS settings
/// and the docker context it was reached through. Two endpoints are equal when address, TLS material and context all are.
/// </summary>
public sealed class DockerEndpoint : IEquatable<DockerEndpoint>
{
    /// <summary>The default on Linux and macOS.</summary>
    public const string DefaultUnix = "unix:///var/run/docker.sock";

    /// <summary>The default on Windows.</summary>
    public const string DefaultNamedPipe = "npipe:////./pipe/docker_engine";

    /// <summary>The port of an <c>https://</c> endpoint without one (Docker's TLS port).</summary>
    public const int DefaultTlsPort = 2376;

    /// <summary>The port of a <c>tcp://</c> endpoint without one.</summary>
    public const int DefaultTcpPort = 2375;

    private DockerEndpoint(EndpointKind kind, string address, string? host, int port, string basePath, DockerTlsSettings? tls = null, string? contextName = null)
    {
        Kind = kind;
        Address = address;
        Host = host;
        Port = port;
        BasePath = basePath;
        Tls = kind == EndpointKind.Tcp ? tls : null;
        ContextName = contextName;
        Key = $"{ToString()}|context={ContextName}|tls={Tls?.Key}";
    }

    /// <summary>TLS settings (null: plain HTTP, and always null for sockets and pipes, as the docker CLI has it).</summary>
    public DockerTlsSettings? Tls { get; }

    /// <summary>The docker context this endpoint was reached through ("default" for -Endpoint/DOCKER_HOST), or null when unknown.</summary>
    public string? ContextName { get; }

    /// <summary>The identity of the engine connection: address, context and TLS material (a client per identity).</summary>
    public string Key { get; }

    /// <summary>This endpoint with other TLS settings (ignored for sockets and pipes).</summary>
    public DockerEndpoint WithTls(DockerTlsSettings? tls) => new(Kind, Address, Host, Port, BasePath, tls, ContextName);

    /// <summary>This endpoint, labelled with the context it was reached through.</summary>
    public DockerEndpoint WithContext(string? contextName) => new(Kind, Address, Host, Port, BasePath, Tls, contextName);

    /// <summary>Unix socket path, pipe name, or TCP host name.</summary>
    public string Address { get; }

    /// <summary>The TCP host (null for sockets and pipes).</summary>
    public string? Host { get; }

    /// <summary>The TCP port (0 for sockets and pipes).</summary>
    public int Port { get; }

    /// <summary>An API base path from the URL ("" when none).</summary>
    public string BasePath { get; }

    /// <summary>The transport kind.</summary>
    public EndpointKind Kind { get; }

    /// <summary>The HTTP base address requests are made against.</summary>
    public Uri BaseUri => Kind == EndpointKind.Tcp
        ? new Uri($"{(Tls is null ? "http" : "https")}://{FormatHost(Host!)}:{Port}{BasePath}/")
        : new Uri("http://docker.sock/");

    /// <summary>The platform's default endpoint (the unix socket, or the named pipe on Windows).</summary>
    public static string PlatformDefault => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? DefaultNamedPipe : DefaultUnix;

    /// <summary>
    /// The engine to use, in the docker CLI's order: the endpoint given, else <c>DOCKER_HOST</c>, else <c>DOCKER_CONTEXT</c>,
    /// else <c>currentContext</c> in config.json, else the platform default; TLS from <c>DOCKER_TLS_VERIFY</c>/<c>DOCKER_CERT_PATH</c>.
    /// </summary>
    /// <exception cref="FormatException">The address, a context or the TLS files are unusable.</exception>
    public static DockerEndpoint Resolve(string? explicitEndpoint)
        => EngineResolver.Resolve(new EngineRequest
        {
            Endpoints = string.IsNullOrWhiteSpace(explicitEndpoint) ? Array.Empty<string>() : new[] { explicitEndpoint },
        })[0];

    /// <summary>True when the text names a TLS endpoint by its scheme (<c>https://</c>).</summary>
    public static bool HasTlsScheme(string text) => text.TrimStart().StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>unix://</c>, <c>npipe://</c>, <c>tcp://</c>, <c>http://</c> and bare <c>host:port</c> forms.</summary>
    /// <exception cref="FormatException">The text is no engine address PSDocker can use.</exception>
    public static DockerEndpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string value = text.Trim();
        if (value.Length == 0) throw new FormatException("The engine endpoint is empty.");

        int schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        string scheme = schemeEnd < 0 ? "tcp" : value[..schemeEnd].ToLowerInvariant();
        string rest = schemeEnd < 0 ? value : value[(schemeEnd + 3)..];

        switch (scheme)
        {
            case "unix":
                if (rest.Length == 0 || rest[0] != '/')
                    throw new FormatException($"'{text}' is not a valid unix socket endpoint: the socket path must be absolute, as in unix:///var/run/docker.sock.");
                return new DockerEndpoint(EndpointKind.Unix, rest, null, 0, "");
            case "npipe":
                if (rest.Length == 0)
                    throw new FormatException($"'{text}' is not a valid named pipe endpoint: use npipe:////./pipe/docker_engine.");
                string pipe = rest.Replace('\\', '/');
                const string prefix = "//./pipe/";
                string pipeName = pipe.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? pipe[prefix.Length..] : pipe.TrimStart('/');
                if (pipeName.Length == 0 || pipeName.Contains('/'))
                    throw new FormatException($"'{text}' is not a valid named pipe endpoint: use npipe:////./pipe/<name>.");
                return new DockerEndpoint(EndpointKind.NamedPipe, pipeName, null, 0, "");
            case "tcp":
            case "http":
                return ParseTcp(text, rest, DefaultTcpPort, null);
            case "https":
                // TLS with the system's trust store until the resolver adds certificate files.
                return ParseTcp(text, rest, DefaultTlsPort, DockerTlsSettings.SystemTrust);
            case "ssh":
                throw new FormatException($"'{text}': ssh:// endpoints are not supported; forward the engine's socket (ssh -L) and use unix:// or tcp:// with TLS.");
            default:
                throw new FormatException($"'{text}' has an unknown scheme '{scheme}'. Use unix://, tcp://, https:// (TLS), http:// or npipe://.");
        }
    }

    private static DockerEndpoint ParseTcp(string original, string rest, int defaultPort, DockerTlsSettings? tls)
    {
        string hostPort = rest;
        string basePath = "";
        int slash = rest.IndexOf('/');
        if (slash >= 0)
        {
            hostPort = rest[..slash];
            basePath = rest[slash..].TrimEnd('/');
        }

        string host;
        int port = defaultPort;
        if (hostPort.StartsWith('['))
        {
            int close = hostPort.IndexOf(']');
            if (close < 0) throw new FormatException($"'{original}' has an unclosed IPv6 address.");
            host = hostPort[1..close];
            string after = hostPort[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':') throw new FormatException($"'{original}' is not a valid TCP endpoint.");
                port = ParsePort(original, after[1..]);
            }
        }
        else
        {
            int colon = hostPort.LastIndexOf(':');
            if (colon >= 0)
            {
                host = hostPort[..colon];
                port = ParsePort(original, hostPort[(colon + 1)..]);
            }
            else
            {
                host = hostPort;
            }
        }

        if (host.Length == 0) host = "127.0.0.1";
        if (host.Contains(':') && !hostPort.StartsWith('['))
            throw new FormatException($"'{original}' is not a valid TCP endpoint: put an IPv6 address in brackets, as in tcp://[::1]:2375.");
        return new DockerEndpoint(EndpointKind.Tcp, host, host, port, basePath, tls);
    }

    private static int ParsePort(string original, string text)
    {
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
            throw new FormatException($"'{original}' has an invalid port '{text}': use a number from 1 to 65535.");
        return port;
    }

    private static string FormatHost(string host) => host.Contains(':') ? $"[{host}]" : host;

    /// <summary>The endpoint in the form PSDocker's -Endpoint and DOCKER_HOST take (https:// when TLS is on).</summary>
    public override string ToString() => Kind switch
    {
        EndpointKind.Unix => "unix://" + Address,
        EndpointKind.NamedPipe => "npipe:////./pipe/" + Address,
        _ => $"{(Tls is null ? "tcp" : "https")}://{FormatHost(Host!)}:{Port}{BasePath}",
    };

    /// <summary>Same address, TLS material and context.</summary>
    public bool Equals(DockerEndpoint? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as DockerEndpoint);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
}
