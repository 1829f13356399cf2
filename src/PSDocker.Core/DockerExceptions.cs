using System.Net;

using PSDocker.Core.Transport;

namespace PSDocker.Core;

/// <summary>The engine answered a request with an error status.</summary>
public class DockerApiException : Exception
{
    public DockerApiException(HttpStatusCode statusCode, string message, string? method = null, string? path = null, ApiErrorKind? kind = null)
        : base(message)
    {
        StatusCode = statusCode;
        Method = method;
        Path = path;
        Kind = kind ?? ApiErrorClassifier.Classify(statusCode, message);
    }

    /// <summary>The HTTP status the engine answered with (Podman's 500s that Docker answers as 409 are already 409 here).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>What went wrong, classified once from the status and the engine's message.</summary>
    public ApiErrorKind Kind { get; }

    /// <summary>True when <see cref="Kind"/> is <paramref name="kind"/> or a more specific kind of it (NotRunning is a Conflict).</summary>
    public bool IsKind(ApiErrorKind kind) => Kind == kind || ApiErrorClassifier.Parent(Kind) == kind;

    /// <summary>The request method, for diagnostics.</summary>
    public string? Method { get; }

    /// <summary>The request path, for diagnostics.</summary>
    public string? Path { get; }
}

/// <summary>
/// The engine does not offer what was asked: Podman's Docker-compatible service lacks some of the Docker API.
/// Raised by the core before the request is sent, from the engine kind the client learned at its first call.
/// </summary>
public sealed class EngineNotSupportedException : DockerApiException
{
    public EngineNotSupportedException(EngineKind engine, string? engineVersion, string endpoint, string feature, string workaround)
        : base(HttpStatusCode.NotImplemented,
            $"{engine}{(string.IsNullOrEmpty(engineVersion) ? "" : " " + engineVersion)} at {endpoint} does not support {feature} through its Docker-compatible API. {workaround}",
            kind: ApiErrorKind.NotSupported)
    {
        Engine = engine;
        Feature = feature;
        Workaround = workaround;
    }

    /// <summary>The engine that lacks the feature.</summary>
    public EngineKind Engine { get; }

    /// <summary>What it lacks, in words.</summary>
    public string Feature { get; }

    /// <summary>What to do instead.</summary>
    public string Workaround { get; }
}

/// <summary>Why an endpoint could not be reached.</summary>
public enum EndpointFailure
{
    /// <summary>Something else went wrong.</summary>
    Other,
    /// <summary>The unix socket file or named pipe does not exist.</summary>
    Missing,
    /// <summary>The socket exists but this user may not open it.</summary>
    PermissionDenied,
    /// <summary>Nothing listens there.</summary>
    ConnectionRefused,
    /// <summary>The host name did not resolve or the host did not answer.</summary>
    HostUnreachable,
    /// <summary>Something answered, but it is not a container engine.</summary>
    NotAnEngine,
    /// <summary>The engine's API is older than PSDocker supports.</summary>
    UnsupportedVersion,
    /// <summary>TLS: the engine's certificate is not signed by a trusted CA, or not for this host.</summary>
    CertificateUntrusted,
    /// <summary>TLS: the engine refused the connection for want of an acceptable client certificate.</summary>
    ClientCertificateRejected,
    /// <summary>TLS: the handshake failed otherwise (for example, the endpoint does not speak TLS).</summary>
    TlsHandshakeFailed,
}

/// <summary>The engine could not be reached at all. Cmdlets turn this into one terminating error.</summary>
public sealed class DockerEndpointException : Exception
{
    public DockerEndpointException(DockerEndpoint endpoint, EndpointFailure failure, string cause, Exception? inner = null)
        : base(BuildMessage(endpoint, failure, cause), inner)
    {
        Endpoint = endpoint;
        Failure = failure;
        Cause = cause;
    }

    /// <summary>The endpoint that failed.</summary>
    public DockerEndpoint Endpoint { get; }

    /// <summary>The kind of failure.</summary>
    public EndpointFailure Failure { get; }

    /// <summary>The cause in a few words.</summary>
    public string Cause { get; }

    private static string BuildMessage(DockerEndpoint endpoint, EndpointFailure failure, string cause)
    {
        string where = endpoint.ContextName is { } ctx && ctx != "default" ? $" (docker context '{ctx}')" : "";
        string tls = endpoint.Tls?.Source is { } source ? $" (TLS settings from {source})" : "";
        switch (failure)
        {
            case EndpointFailure.CertificateUntrusted:
                return $"Cannot connect securely to the container engine at {endpoint}{where}: {cause}. Check that ca.pem{tls} is the CA that signed the engine's certificate (dockerd --tlscacert/--tlscert) and that the certificate names this host; -SkipCertificateCheck connects without verifying (not recommended).";
            case EndpointFailure.ClientCertificateRejected:
                return $"The container engine at {endpoint}{where} refused the TLS connection: {cause}. Check that cert.pem and key.pem{tls} are present and were issued by the CA the engine trusts (dockerd --tlscacert).";
            case EndpointFailure.TlsHandshakeFailed:
                return $"The TLS handshake with {endpoint}{where} failed: {cause}. Check that the endpoint speaks TLS (an engine without TLS uses tcp://, usually port 2375) and the TLS settings{tls}.";
        }
        string advice = failure switch
        {
            EndpointFailure.PermissionDenied => "Run as a user allowed to use the socket (for example a member of the 'docker' group), or point PSDocker elsewhere",
            EndpointFailure.UnsupportedVersion => "Upgrade the engine, or point PSDocker at another one",
            _ => "Start the engine, or point PSDocker elsewhere",
        };
        if (endpoint.ContextName is { } context && context != "default")
            return $"Cannot reach the container engine at {endpoint} (docker context '{context}'): {cause}. {advice} with -Context or -Endpoint, or check the context's endpoint with Get-ContainerContext.";
        return $"Cannot reach the container engine at {endpoint}: {cause}. {advice} with -Endpoint or $env:DOCKER_HOST (for example unix:///var/run/docker.sock or tcp://127.0.0.1:2375).";
    }
}

/// <summary>
/// The engine's answer could not be understood: malformed, truncated or non-JSON (an HTML page from a proxy), or a stream
/// that is not framed as the API says. Cmdlets report it as <c>EngineProtocolError</c> naming the engine.
/// </summary>
public sealed class EngineProtocolException : Exception
{
    public EngineProtocolException(string endpoint, string? call, string problem, Exception? inner = null)
        : base($"The container engine at {endpoint} sent an answer PSDocker cannot read{(call is null ? "" : " to " + call)}: {problem}. Check that {endpoint} is a Docker or Podman API endpoint and not a proxy or another service.", inner)
    {
        Endpoint = endpoint;
        Call = call;
        Problem = problem;
    }

    /// <summary>The engine, as users name it.</summary>
    public string Endpoint { get; }

    /// <summary>The request, <c>GET /containers/json</c>, when known.</summary>
    public string? Call { get; }

    /// <summary>What was wrong with the answer.</summary>
    public string Problem { get; }
}

/// <summary>The connection to the engine broke in the middle of a call. Cmdlets report it as <c>EngineConnectionLost</c>.</summary>
public sealed class EngineConnectionLostException : Exception
{
    public EngineConnectionLostException(string endpoint, string? call, Exception? inner = null)
        : base($"The connection to the container engine at {endpoint} was lost{(call is null ? "" : " during " + call)}{(inner is null ? "" : " (" + inner.Message.TrimEnd('.') + ")")}. Check that the engine is still running, then try again.", inner)
    {
        Endpoint = endpoint;
        Call = call;
    }

    /// <summary>The engine, as users name it.</summary>
    public string Endpoint { get; }

    /// <summary>The request, when known.</summary>
    public string? Call { get; }
}

/// <summary>
/// A call that is not a stream got no complete answer within its time limit (the engine accepted the connection, then
/// stalled). Cmdlets report it as <c>EngineTimeout</c>, naming the engine, the call and the limit.
/// </summary>
public sealed class EngineTimeoutException : Exception
{
    public EngineTimeoutException(string endpoint, string? call, TimeSpan timeout, Exception? inner = null)
        : base($"The container engine at {endpoint} did not finish {call ?? "the call"} within {EngineCallTimeout.Format(timeout)}. " +
               $"Check that the engine is not hung or overloaded, or allow more time with -TimeoutSec (0 waits without a limit) or $env:{EngineCallTimeout.EnvironmentVariable}.", inner)
    {
        Endpoint = endpoint;
        Call = call;
        Timeout = timeout;
    }

    /// <summary>The engine, as users name it.</summary>
    public string Endpoint { get; }

    /// <summary>The request that did not finish (<c>GET /containers/json</c>), when known.</summary>
    public string? Call { get; }

    /// <summary>The limit that ran out.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>
/// A value that would reach the engine holds a NUL character, which no engine accepts in a name, path, port, label,
/// environment variable or command. Raised by the core before the request is sent.
/// </summary>
public sealed class NulCharacterException : ArgumentException
{
    public NulCharacterException(string where)
        : base($"The {where} holds a NUL character (\\0), which no container engine accepts in a name, path, port, label, environment variable, command or image reference. Remove it; nothing was sent to the engine.")
    {
        Where = where;
    }

    /// <summary>What held the NUL: a parameter (<c>-Name</c>), a request field (<c>Env</c>), or the request path.</summary>
    public string Where { get; }
}
