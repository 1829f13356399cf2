using System.Security.Cryptography;
using System.Text;

namespace PSDocker.Core;

/// <summary>
/// How PSDocker speaks TLS to a TCP endpoint: the CA to trust (<c>ca.pem</c>), the client certificate and key
/// (<c>cert.pem</c>, <c>key.pem</c>), and whether the engine's certificate is verified.
/// </summary>
public sealed class DockerTlsSettings : IEquatable<DockerTlsSettings>
{
    /// <summary>The file names the docker CLI looks for in <c>DOCKER_CERT_PATH</c> and in a context's TLS folder.</summary>
    public const string CaFileName = "ca.pem", CertFileName = "cert.pem", KeyFileName = "key.pem";

    /// <summary>TLS with the system's trust store and no client certificate.</summary>
    public static readonly DockerTlsSettings SystemTrust = new(null, null, null, verify: true, source: "the system's trust store", fingerprint: "");

    private DockerTlsSettings(string? caFile, string? certFile, string? keyFile, bool verify, string source, string fingerprint)
    {
        CaFile = caFile;
        CertFile = certFile;
        KeyFile = keyFile;
        Verify = verify;
        Source = source;
        Key = $"verify={verify};ca={caFile};cert={certFile};key={keyFile};sha256={fingerprint}";
    }

    /// <summary>The PEM file of the CA(s) to trust exclusively; null for the system's trust store.</summary>
    public string? CaFile { get; }

    /// <summary>The client certificate (PEM); null to send none.</summary>
    public string? CertFile { get; }

    /// <summary>The client certificate's private key (PEM); null to send no certificate.</summary>
    public string? KeyFile { get; }

    /// <summary>True when a client certificate is sent.</summary>
    public bool HasClientCertificate => CertFile is not null && KeyFile is not null;

    /// <summary>False when the engine's certificate is accepted unchecked (<c>--tls</c> without <c>--tlsverify</c>, <c>-SkipCertificateCheck</c>).</summary>
    public bool Verify { get; }

    /// <summary>Where the settings came from, for messages (a folder, a context, an environment variable).</summary>
    public string Source { get; }

    /// <summary>The identity of the settings: paths, verification and a hash of the files' contents.</summary>
    public string Key { get; }

    /// <summary>
    /// The settings the docker CLI reads from a folder: <c>ca.pem</c>, and <c>cert.pem</c> with <c>key.pem</c> when both exist.
    /// </summary>
    /// <param name="directory">The folder (DOCKER_CERT_PATH, -TlsCertificatePath, or a context's TLS folder).</param>
    /// <param name="verify">Verify the engine's certificate.</param>
    /// <param name="requireCa">Fail when verifying and there is no ca.pem (the CLI's rule for DOCKER_TLS_VERIFY); otherwise fall back to the system's trust store.</param>
    /// <param name="source">Where the folder came from, for messages.</param>
    /// <exception cref="EngineConfigurationException">A needed file is missing or unreadable.</exception>
    public static DockerTlsSettings FromDirectory(string directory, bool verify, bool requireCa, string source)
    {
        string ca = Path.Combine(directory, CaFileName);
        string cert = Path.Combine(directory, CertFileName);
        string key = Path.Combine(directory, KeyFileName);
        bool hasCa = File.Exists(ca);
        if (verify && requireCa && !hasCa)
        {
            throw new EngineConfigurationException(EngineConfigurationError.TlsFiles, directory,
                $"TLS verification is on ({source}) but there is no {CaFileName} in '{directory}'. Put the CA certificate of the engine there, point DOCKER_CERT_PATH or -TlsCertificatePath at the folder that has it, or use -SkipCertificateCheck to connect without verifying the engine (not recommended).");
        }
        bool hasPair = File.Exists(cert) && File.Exists(key);
        return FromFiles(verify && hasCa ? ca : null, hasPair ? cert : null, hasPair ? key : null, verify, source);
    }

    /// <summary>Settings from given files (any may be null).</summary>
    /// <exception cref="EngineConfigurationException">A file cannot be read.</exception>
    public static DockerTlsSettings FromFiles(string? caFile, string? certFile, string? keyFile, bool verify, string source)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string? file in new[] { caFile, certFile, keyFile })
        {
            hash.AppendData(Encoding.UTF8.GetBytes((file ?? "") + "\n"));
            if (file is null) continue;
            try
            {
                hash.AppendData(File.ReadAllBytes(file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new EngineConfigurationException(EngineConfigurationError.TlsFiles, file, $"Cannot read the TLS file '{file}' ({source}): {ex.Message}", ex);
            }
        }
        return new DockerTlsSettings(caFile, certFile, keyFile, verify, source, Convert.ToHexString(hash.GetHashAndReset()));
    }

    /// <summary>These settings with verification turned off (the CA is then unused).</summary>
    public DockerTlsSettings WithoutVerification()
        => Verify ? FromFiles(null, CertFile, KeyFile, verify: false, Source) : this;

    public bool Equals(DockerTlsSettings? other) => other is not null && other.Key == Key;

    public override bool Equals(object? obj) => Equals(obj as DockerTlsSettings);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>A short description: what is verified against what, and which client certificate is sent.</summary>
    public override string ToString()
        => (Verify ? $"verify against {CaFile ?? "the system's trust store"}" : "no verification")
           + (HasClientCertificate ? $", client certificate {CertFile}" : ", no client certificate");
}

/// <summary>What is wrong with an engine selection.</summary>
public enum EngineConfigurationError
{
    /// <summary>The endpoint text is malformed.</summary>
    InvalidEndpoint,
    /// <summary>Parameters that exclude each other were given (-Endpoint with -Context).</summary>
    Conflict,
    /// <summary>No context has that name.</summary>
    ContextNotFound,
    /// <summary>A context exists but cannot be used (unreadable, unsupported endpoint).</summary>
    InvalidContext,
    /// <summary>TLS files are missing or unreadable.</summary>
    TlsFiles,
}

/// <summary>The engine selection (endpoint, context, TLS files) cannot be used. Raised before anything is sent.</summary>
public sealed class EngineConfigurationException : FormatException
{
    public EngineConfigurationException(EngineConfigurationError error, string target, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
        Target = target;
    }

    /// <summary>What is wrong.</summary>
    public EngineConfigurationError Error { get; }

    /// <summary>The endpoint, context name or file concerned.</summary>
    public string Target { get; }
}
