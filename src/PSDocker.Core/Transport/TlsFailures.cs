using System.Net;
using System.Security.Authentication;

namespace PSDocker.Core.Transport;

/// <summary>Tells TLS failures (untrusted engine certificate, refused client certificate) from other connection failures.</summary>
internal static class TlsFailures
{
    // What OpenSSL (Linux, macOS) and SChannel (Windows) say when the server rejects or wants a client certificate.
    private static readonly string[] ClientCertificateAlerts =
    {
        "alert bad certificate", "certificate required", "alert unknown ca", "alert handshake failure",
        "alert certificate unknown", "alert access denied", "The credentials supplied to the package were not recognized",
    };

    /// <summary>The endpoint failure for a TLS problem, or null when the failure is not about TLS.</summary>
    public static DockerEndpointException? Classify(DockerEndpoint endpoint, HttpRequestException ex)
    {
        if (endpoint.Tls is not { } tls) return null;
        string all = "";
        AuthenticationException? authentication = null;
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            all += " " + e.Message;
            authentication ??= e as AuthenticationException;
        }
        if (ClientCertificateAlerts.Any(a => all.Contains(a, StringComparison.OrdinalIgnoreCase)))
        {
            string cause = tls.HasClientCertificate
                ? $"it did not accept the client certificate {tls.CertFile}"
                : $"it requires a client certificate and none was sent (no cert.pem and key.pem in the TLS folder from {tls.Source})";
            return new DockerEndpointException(endpoint, EndpointFailure.ClientCertificateRejected, cause, ex);
        }
        if (authentication is not null)
        {
            string message = authentication.Message;
            if (message.Contains("RemoteCertificateNameMismatch", StringComparison.Ordinal))
                return new DockerEndpointException(endpoint, EndpointFailure.CertificateUntrusted, $"the engine's certificate is not issued for '{endpoint.Host}'", ex);
            if (message.Contains("remote certificate", StringComparison.OrdinalIgnoreCase) || message.Contains("certificate chain", StringComparison.OrdinalIgnoreCase))
            {
                string against = tls.CaFile is null ? "the system's trust store" : tls.CaFile;
                return new DockerEndpointException(endpoint, EndpointFailure.CertificateUntrusted, $"its certificate is not signed by a CA in {against} ({message})", ex);
            }
            return new DockerEndpointException(endpoint, EndpointFailure.TlsHandshakeFailed, message, ex);
        }
        return null;
    }

    /// <summary>A /_ping answered without the engine's headers; names a TLS port spoken to in plain HTTP.</summary>
    public static async Task<DockerEndpointException> NotAnEngineAsync(DockerEndpoint endpoint, HttpResponseMessage response)
    {
        string body = "";
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            try
            {
                body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
            }
        }
        if (endpoint.Tls is null && body.Contains("HTTPS server", StringComparison.OrdinalIgnoreCase))
            return new DockerEndpointException(endpoint, EndpointFailure.NotAnEngine,
                "it expects TLS, and the request was plain HTTP. Use https://, set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, or give -TlsCertificatePath");
        return new DockerEndpointException(endpoint, EndpointFailure.NotAnEngine, $"it answered /_ping with HTTP {(int)response.StatusCode}, not as a container engine does");
    }
}
