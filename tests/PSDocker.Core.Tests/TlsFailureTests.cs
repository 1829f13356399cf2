using System.Security.Authentication;
using PSDocker.Core;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Tests;

public sealed class TlsFailureTests
{
    private static readonly DockerEndpoint Tls = DockerEndpoint.Parse("https://127.0.0.1:5314");

    [Fact]
    public void UntrustedChain_IsCertificateUntrusted()
    {
        var ex = new HttpRequestException("The SSL connection could not be established, see inner exception.",
            new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));
        DockerEndpointException? e = TlsFailures.Classify(Tls, ex);
        Assert.Equal(EndpointFailure.CertificateUntrusted, e!.Failure);
        Assert.Contains("https://127.0.0.1:5314", e.Message, StringComparison.Ordinal);
        Assert.Contains("ca.pem", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NameMismatch_SaysWhichHost()
    {
        var ex = new HttpRequestException("The SSL connection could not be established, see inner exception.",
            new AuthenticationException("The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch"));
        DockerEndpointException? e = TlsFailures.Classify(Tls, ex);
        Assert.Equal(EndpointFailure.CertificateUntrusted, e!.Failure);
        Assert.Contains("'127.0.0.1'", e.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void BadCertificateAlert_IsClientCertificateRejected_SayingNoneWasSent()
    {
        // What OpenSSL reports when the engine wants a client certificate and got none (seen against dockerd --tlsverify).
        var ex = new HttpRequestException("An error occurred while sending the request.",
            new IOException("The decryption operation failed, see inner exception.",
                new Exception("error:0A000412:SSL routines::sslv3 alert bad certificate")));
        DockerEndpointException? e = TlsFailures.Classify(Tls, ex);
        Assert.Equal(EndpointFailure.ClientCertificateRejected, e!.Failure);
        Assert.Contains("none was sent", e.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherHandshakeFailure_IsTlsHandshakeFailed()
    {
        var ex = new HttpRequestException("The SSL connection could not be established, see inner exception.",
            new AuthenticationException("Cannot determine the frame size or a corrupted frame was received."));
        Assert.Equal(EndpointFailure.TlsHandshakeFailed, TlsFailures.Classify(Tls, ex)!.Failure);
    }

    [Fact]
    public void PlainEndpoints_AreNotClassified()
    {
        var ex = new HttpRequestException("x", new AuthenticationException("The remote certificate is invalid"));
        Assert.Null(TlsFailures.Classify(DockerEndpoint.Parse("tcp://127.0.0.1:2375"), ex));
        Assert.Null(TlsFailures.Classify(Tls, new HttpRequestException("Connection refused")));
    }

    [Fact]
    public void Find_ReturnsTheClientMadeForAnObjectsEngine()
    {
        DockerEndpoint a = DockerEndpoint.Parse("tcp://127.0.0.1:29871").WithContext("find-a");
        DockerClient client = DockerClient.Get(a);
        Assert.Same(client, DockerClient.Find("tcp://127.0.0.1:29871", "find-a"));
        Assert.Same(client, DockerClient.Find("tcp://127.0.0.1:29871", null));
        Assert.Null(DockerClient.Find("tcp://127.0.0.1:29871", "find-b"));

        // Two identities on one address: without a context to tell them apart, there is no single answer.
        DockerClient other = DockerClient.Get(a.WithContext("find-b"));
        Assert.Same(other, DockerClient.Find("tcp://127.0.0.1:29871", "find-b"));
        Assert.Null(DockerClient.Find("tcp://127.0.0.1:29871", null));
    }
}
