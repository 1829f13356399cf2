using System.Runtime.InteropServices;

namespace PSDocker.Core;

/// <summary>How PSDocker reaches an engine.</summary>
public enum EndpointKind
{
    /// <summary>A unix domain socket (<c>unix:///var/run/docker.sock</c>).</summary>
    Unix,
    /// <summary>A Windows named pipe (<c>npipe:////./pipe/docker_engine</c>).</summary>
    NamedPipe,
    /// <summary>Plain TCP (<c>tcp://host:2375</c>, <c>http://host:2375</c>).</summary>
    Tcp,
}

/// <summary>
/// A parsed engine address, as the docker CLI accepts it in <c>-H</c> and <c>DOCKER_HOST</c>.
/// </summary>
public sealed class DockerEndpoint : IEquatable<DockerEndpoint>
{
    /// <summary>The default on Linux and macOS.</summary>
    public const string DefaultUnix = "unix:///var/run/docker.sock";

    /// <summary>The default on Windows.</summary>
    public const string DefaultNamedPipe = "npipe:////./pipe/docker_engine";

    private DockerEndpoint(EndpointKind kind, string address, string? host, int port, string basePath)
    {
        Kind = kind;
        Address = address;
        Host = host;
        Port = port;
        BasePath = basePath;
    }

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
        ? new Uri($"http://{FormatHost(Host!)}:{Port}{BasePath}/")
        : new Uri("http://docker.sock/");

    /// <summary>Where an endpoint comes from when none is given: <c>DOCKER_HOST</c>, then the platform default.</summary>
    public static DockerEndpoint Resolve(string? explicitEndpoint)
    {
        if (!string.IsNullOrWhiteSpace(explicitEndpoint)) return Parse(explicitEndpoint);
        string? fromEnvironment = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Parse(fromEnvironment);
        return Parse(RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? DefaultNamedPipe : DefaultUnix);
    }

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
                return ParseTcp(text, rest);
            case "https":
                throw new FormatException($"'{text}': TLS endpoints are not supported yet; use tcp:// or http:// to an engine without TLS, or a unix socket.");
            case "ssh":
                throw new FormatException($"'{text}': ssh:// endpoints are not supported; forward the engine's socket and use unix:// or tcp://.");
            default:
                throw new FormatException($"'{text}' has an unknown scheme '{scheme}'. Use unix://, tcp://, http:// or npipe://.");
        }
    }

    private static DockerEndpoint ParseTcp(string original, string rest)
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
        int port = 2375;
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
        return new DockerEndpoint(EndpointKind.Tcp, host, host, port, basePath);
    }

    private static int ParsePort(string original, string text)
    {
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
            throw new FormatException($"'{original}' has an invalid port '{text}': use a number from 1 to 65535.");
        return port;
    }

    private static string FormatHost(string host) => host.Contains(':') ? $"[{host}]" : host;

    /// <summary>The endpoint in the form DOCKER_HOST takes.</summary>
    public override string ToString() => Kind switch
    {
        EndpointKind.Unix => "unix://" + Address,
        EndpointKind.NamedPipe => "npipe:////./pipe/" + Address,
        _ => $"tcp://{FormatHost(Host!)}:{Port}{BasePath}",
    };

    public bool Equals(DockerEndpoint? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as DockerEndpoint);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
