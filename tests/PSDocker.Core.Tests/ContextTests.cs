using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using PSDocker.Core;
using PSDocker.Core.Contexts;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Tests;

/// <summary>A temporary docker config folder with a contexts store, and a fake environment around it.</summary>
internal sealed class TempDockerConfig : IDisposable
{
    public TempDockerConfig()
    {
        Root = Path.Combine(Path.GetTempPath(), "psdocker-ctx-" + Guid.NewGuid().ToString("N"));
        Config = Path.Combine(Root, "config");
        Directory.CreateDirectory(Config);
    }

    public string Root { get; }

    public string Config { get; }

    public Dictionary<string, string?> Variables { get; } = new();

    public EngineEnvironment Environment => new()
    {
        Variable = name => name == "DOCKER_CONFIG" ? Config : Variables.GetValueOrDefault(name),
        HomeDirectory = Path.Combine(Root, "home"),
        DefaultEndpoint = "unix:///var/run/docker.sock",
    };

    public string AddContext(string name, string host, bool skipTlsVerify = false, string description = "", params string[] tlsFiles)
    {
        string id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();
        string meta = Path.Combine(Config, "contexts", "meta", id);
        Directory.CreateDirectory(meta);
        var doc = new Dictionary<string, object>
        {
            ["Name"] = name,
            ["Metadata"] = new Dictionary<string, object> { ["Description"] = description },
            ["Endpoints"] = new Dictionary<string, object> { ["docker"] = new Dictionary<string, object> { ["Host"] = host, ["SkipTLSVerify"] = skipTlsVerify } },
        };
        File.WriteAllText(Path.Combine(meta, "meta.json"), JsonSerializer.Serialize(doc));
        string tls = Path.Combine(Config, "contexts", "tls", id, "docker");
        if (tlsFiles.Length > 0)
        {
            Directory.CreateDirectory(tls);
            foreach (string file in tlsFiles) File.WriteAllText(Path.Combine(tls, file), "-----BEGIN CERTIFICATE-----\n" + name + file + "\n-----END CERTIFICATE-----\n");
        }
        return tls;
    }

    public void SetCurrentContext(string name)
        => File.WriteAllText(Path.Combine(Config, "config.json"), "{\n  \"auths\": {},\n  \"currentContext\": \"" + name + "\"\n}");

    public string CertDirectory(string name, params string[] files)
    {
        string dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        foreach (string file in files) File.WriteAllText(Path.Combine(dir, file), name + "/" + file);
        return dir;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class ContextStoreTests : IDisposable
{
    private readonly TempDockerConfig _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void IdOf_IsTheHexSha256OfTheName()
    {
        // docker context create uses digest.FromString(name).Encoded().
        Assert.Equal("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb", ContextStore.IdOf("a"));
        Assert.Equal(64, ContextStore.IdOf("production").Length);
    }

    [Fact]
    public void List_ReadsMetaJson_SortedByName_WithTlsFolders()
    {
        _config.AddContext("zeta", "tcp://10.0.0.1:2376", description: "remote", tlsFiles: new[] { "ca.pem" });
        _config.AddContext("alpha", "unix:///run/alpha.sock");
        IReadOnlyList<DockerContextInfo> list = _config.Environment.Store.List();
        Assert.Equal(new[] { "alpha", "zeta" }, list.Select(c => c.Name));
        Assert.Equal("unix:///run/alpha.sock", list[0].Host);
        Assert.Null(list[0].TlsDirectory);
        Assert.Equal("remote", list[1].Description);
        Assert.EndsWith(Path.Combine(ContextStore.IdOf("zeta"), "docker"), list[1].TlsDirectory);
    }

    [Fact]
    public void List_WithoutAStore_IsEmpty()
        => Assert.Empty(_config.Environment.Store.List());

    [Fact]
    public void List_SkipsBrokenMetadata_AndSaysWhy()
    {
        _config.AddContext("good", "unix:///run/good.sock");
        string broken = Path.Combine(_config.Config, "contexts", "meta", ContextStore.IdOf("bad"));
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "meta.json"), "{ not json");
        var problems = new List<string>();
        IReadOnlyList<DockerContextInfo> list = _config.Environment.Store.List(problems);
        Assert.Equal("good", Assert.Single(list).Name);
        Assert.Contains("meta.json", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void CurrentContextFromConfig_ReadsConfigJson()
    {
        Assert.Null(_config.Environment.Store.CurrentContextFromConfig());
        _config.SetCurrentContext("remote");
        Assert.Equal("remote", _config.Environment.Store.CurrentContextFromConfig());
    }

    [Theory]
    [InlineData("ab", true)]
    [InlineData("my-ctx_1.2+x", true)]
    [InlineData("a", false)]
    [InlineData("-x", false)]
    [InlineData("a/b", false)]
    public void IsValidName_FollowsTheCli(string name, bool valid) => Assert.Equal(valid, ContextStore.IsValidName(name));
}

public sealed class EngineResolverTests : IDisposable
{
    private readonly TempDockerConfig _config = new();

    public void Dispose() => _config.Dispose();

    private IReadOnlyList<DockerEndpoint> Resolve(EngineRequest? request = null)
        => EngineResolver.Resolve(request ?? new EngineRequest(), _config.Environment);

    [Fact]
    public void Nothing_IsTheDefaultContext_OnThePlatformDefault()
    {
        DockerEndpoint e = Assert.Single(Resolve());
        Assert.Equal("unix:///var/run/docker.sock", e.ToString());
        Assert.Equal("default", e.ContextName);
        Assert.Null(e.Tls);
    }

    [Fact]
    public void Precedence_DockerHost_BeatsDockerContext_BeatsCurrentContext()
    {
        _config.AddContext("from-env", "unix:///run/env.sock");
        _config.AddContext("from-config", "unix:///run/config.sock");
        _config.SetCurrentContext("from-config");
        Assert.Equal(("unix:///run/config.sock", "from-config"), Only(Resolve()));

        _config.Variables["DOCKER_CONTEXT"] = "from-env";
        Assert.Equal(("unix:///run/env.sock", "from-env"), Only(Resolve()));
        Assert.Equal("from-env", EngineResolver.CurrentContextName(_config.Environment));

        _config.Variables["DOCKER_HOST"] = "unix:///run/host.sock";
        Assert.Equal(("unix:///run/host.sock", "default"), Only(Resolve()));
        Assert.Equal("default", EngineResolver.CurrentContextName(_config.Environment));
    }

    [Fact]
    public void ExplicitContext_BeatsDockerHost_AndExplicitEndpoint_BeatsEverything()
    {
        _config.AddContext("ctx1", "unix:///run/ctx1.sock");
        _config.Variables["DOCKER_HOST"] = "unix:///run/host.sock";
        _config.Variables["DOCKER_CONTEXT"] = "nonexistent";
        Assert.Equal(("unix:///run/ctx1.sock", "ctx1"), Only(Resolve(new EngineRequest { Contexts = new[] { "ctx1" } })));
        Assert.Equal(("unix:///run/given.sock", "default"), Only(Resolve(new EngineRequest { Endpoints = new[] { "unix:///run/given.sock" } })));
    }

    [Fact]
    public void ContextDefault_IsDockerHost()
    {
        _config.Variables["DOCKER_HOST"] = "tcp://10.1.2.3:2375";
        Assert.Equal(("tcp://10.1.2.3:2375", "default"), Only(Resolve(new EngineRequest { Contexts = new[] { "default" } })));
    }

    [Fact]
    public void EndpointWithContext_IsAConflict_AsHostWithContextIsInTheCli()
    {
        var ex = Assert.Throws<EngineConfigurationException>(() => Resolve(new EngineRequest { Endpoints = new[] { "unix:///x.sock" }, Contexts = new[] { "default" } }));
        Assert.Equal(EngineConfigurationError.Conflict, ex.Error);
        Assert.Contains("-Endpoint and -Context", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TlsParametersWithContext_IsAConflict()
    {
        var ex = Assert.Throws<EngineConfigurationException>(() => Resolve(new EngineRequest { Contexts = new[] { "default" }, SkipCertificateCheck = true }));
        Assert.Equal(EngineConfigurationError.Conflict, ex.Error);
    }

    [Fact]
    public void UnknownContext_NamesTheStore()
    {
        _config.Variables["DOCKER_CONTEXT"] = "missing-one";
        var ex = Assert.Throws<EngineConfigurationException>(() => Resolve());
        Assert.Equal(EngineConfigurationError.ContextNotFound, ex.Error);
        Assert.Equal("missing-one", ex.Target);
        Assert.Contains(Path.Combine(_config.Config, "contexts"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SshContext_IsAClearNotSupportedError()
    {
        _config.AddContext("remote", "ssh://me@host");
        var ex = Assert.Throws<EngineConfigurationException>(() => Resolve(new EngineRequest { Contexts = new[] { "remote" } }));
        Assert.Equal(EngineConfigurationError.InvalidContext, ex.Error);
        Assert.Contains("ssh:// endpoints are not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralContexts_KeepTheirOrder_AndDropDuplicates()
    {
        _config.AddContext("one", "unix:///run/one.sock");
        _config.AddContext("two", "tcp://127.0.0.1:2375");
        IReadOnlyList<DockerEndpoint> list = Resolve(new EngineRequest { Contexts = new[] { "two", "one", "two" } });
        Assert.Equal(new[] { "two", "one" }, list.Select(e => e.ContextName));
    }

    [Fact]
    public void ContextTls_ComesFromItsTlsFolder()
    {
        string folder = _config.AddContext("secure", "tcp://10.0.0.5:2376", tlsFiles: new[] { "ca.pem", "cert.pem", "key.pem" });
        DockerEndpoint e = Assert.Single(Resolve(new EngineRequest { Contexts = new[] { "secure" } }));
        Assert.Equal("https://10.0.0.5:2376", e.ToString());
        Assert.NotNull(e.Tls);
        Assert.True(e.Tls!.Verify);
        Assert.Equal(Path.Combine(folder, "ca.pem"), e.Tls.CaFile);
        Assert.Equal(Path.Combine(folder, "cert.pem"), e.Tls.CertFile);
        Assert.Equal(new Uri("https://10.0.0.5:2376/"), e.BaseUri);
    }

    [Fact]
    public void ContextSkipTlsVerify_IsTlsWithoutVerification()
    {
        _config.AddContext("insecure", "tcp://10.0.0.6:2376", skipTlsVerify: true);
        DockerEndpoint e = Assert.Single(Resolve(new EngineRequest { Contexts = new[] { "insecure" } }));
        Assert.False(e.Tls!.Verify);
        Assert.False(e.Tls.HasClientCertificate);
    }

    [Fact]
    public void ContextWithoutTls_OnTcp_IsPlainHttp()
    {
        _config.AddContext("plain", "tcp://10.0.0.7:2375");
        DockerEndpoint e = Assert.Single(Resolve(new EngineRequest { Contexts = new[] { "plain" } }));
        Assert.Null(e.Tls);
        Assert.Equal(new Uri("http://10.0.0.7:2375/"), e.BaseUri);
    }

    [Fact]
    public void DockerTlsVerify_AnyNonEmptyValue_TurnsTlsAndVerificationOn_WithFilesFromDockerCertPath()
    {
        string certs = _config.CertDirectory("certs", "ca.pem", "cert.pem", "key.pem");
        _config.Variables["DOCKER_HOST"] = "tcp://10.0.0.8:2376";
        _config.Variables["DOCKER_TLS_VERIFY"] = "0"; // the CLI only checks that it is set
        _config.Variables["DOCKER_CERT_PATH"] = certs;
        DockerEndpoint e = Assert.Single(Resolve());
        Assert.True(e.Tls!.Verify);
        Assert.Equal(Path.Combine(certs, "ca.pem"), e.Tls.CaFile);
        Assert.Equal(Path.Combine(certs, "key.pem"), e.Tls.KeyFile);
        Assert.Equal("https://10.0.0.8:2376", e.ToString());
    }

    [Fact]
    public void DockerCertPath_DefaultsToTheConfigFolder()
    {
        File.WriteAllText(Path.Combine(_config.Config, "ca.pem"), "ca");
        _config.Variables["DOCKER_HOST"] = "tcp://10.0.0.9:2376";
        _config.Variables["DOCKER_TLS_VERIFY"] = "1";
        DockerEndpoint e = Assert.Single(Resolve());
        Assert.Equal(Path.Combine(_config.Config, "ca.pem"), e.Tls!.CaFile);
        Assert.False(e.Tls.HasClientCertificate); // no cert.pem/key.pem there: none is sent
    }

    [Fact]
    public void DockerTlsVerify_WithoutCaPem_IsAnErrorNamingTheFolder()
    {
        string certs = _config.CertDirectory("nocerts");
        _config.Variables["DOCKER_HOST"] = "tcp://10.0.0.10:2376";
        _config.Variables["DOCKER_TLS_VERIFY"] = "1";
        _config.Variables["DOCKER_CERT_PATH"] = certs;
        var ex = Assert.Throws<EngineConfigurationException>(() => Resolve());
        Assert.Equal(EngineConfigurationError.TlsFiles, ex.Error);
        Assert.Contains(certs, ex.Message, StringComparison.Ordinal);
        Assert.Contains("ca.pem", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerTls_WithoutVerify_IsTlsWithoutVerification()
    {
        _config.Variables["DOCKER_HOST"] = "tcp://10.0.0.11:2376";
        _config.Variables["DOCKER_TLS"] = "1";
        DockerEndpoint e = Assert.Single(Resolve());
        Assert.False(e.Tls!.Verify);
        Assert.Null(e.Tls.CaFile);
    }

    [Fact]
    public void TlsOn_WithoutAHost_IsLocalhost2376()
    {
        _config.Variables["DOCKER_TLS"] = "1";
        Assert.Equal("https://localhost:2376", Assert.Single(Resolve()).ToString());
    }

    [Fact]
    public void TcpWithoutPort_Is2375_EvenWithTls_AsTheCliParsesIt()
    {
        _config.Variables["DOCKER_TLS"] = "1";
        Assert.Equal("https://example.test:2375", Assert.Single(Resolve(new EngineRequest { Endpoints = new[] { "tcp://example.test" } })).ToString());
        Assert.Equal("https://example.test:2376", Assert.Single(Resolve(new EngineRequest { Endpoints = new[] { "https://example.test" } })).ToString());
    }

    [Fact]
    public void HttpsScheme_AloneVerifiesAgainstTheSystemStore()
    {
        DockerEndpoint e = Assert.Single(Resolve(new EngineRequest { Endpoints = new[] { "https://example.test:2376" } }));
        Assert.True(e.Tls!.Verify);
        Assert.Null(e.Tls.CaFile);
    }

    [Fact]
    public void TlsCertificatePath_TurnsTlsWithVerificationOn()
    {
        string certs = _config.CertDirectory("param", "ca.pem", "cert.pem", "key.pem");
        DockerEndpoint e = Assert.Single(Resolve(new EngineRequest { Endpoints = new[] { "tcp://10.0.0.12:2376" }, TlsCertificatePath = certs }));
        Assert.True(e.Tls!.Verify);
        Assert.True(e.Tls.HasClientCertificate);
        Assert.Equal("-TlsCertificatePath", e.Tls.Source);
    }

    [Fact]
    public void TlsCertificatePath_Missing_IsAnError()
    {
        var ex = Assert.Throws<EngineConfigurationException>(() => Resolve(new EngineRequest { Endpoints = new[] { "tcp://10.0.0.12:2376" }, TlsCertificatePath = Path.Combine(_config.Root, "nope") }));
        Assert.Equal(EngineConfigurationError.TlsFiles, ex.Error);
    }

    [Fact]
    public void SkipCertificateCheck_KeepsTheClientCertificate_ButDropsVerification()
    {
        string certs = _config.CertDirectory("skip", "ca.pem", "cert.pem", "key.pem");
        DockerEndpoint e = Assert.Single(Resolve(new EngineRequest { Endpoints = new[] { "tcp://10.0.0.13:2376" }, TlsCertificatePath = certs, SkipCertificateCheck = true }));
        Assert.False(e.Tls!.Verify);
        Assert.Null(e.Tls.CaFile);
        Assert.True(e.Tls.HasClientCertificate);
    }

    [Fact]
    public void Sockets_NeverUseTls()
    {
        _config.Variables["DOCKER_TLS_VERIFY"] = "1";
        DockerEndpoint e = Assert.Single(Resolve(new EngineRequest { Endpoints = new[] { "unix:///run/x.sock" } }));
        Assert.Null(e.Tls);
    }

    [Fact]
    public void Identity_IncludesTlsMaterialAndContext()
    {
        string a = _config.CertDirectory("a", "ca.pem", "cert.pem", "key.pem");
        string b = _config.CertDirectory("b", "ca.pem", "cert.pem", "key.pem");
        DockerEndpoint viaA = Assert.Single(Resolve(new EngineRequest { Endpoints = new[] { "tcp://10.0.0.14:2376" }, TlsCertificatePath = a }));
        DockerEndpoint viaB = Assert.Single(Resolve(new EngineRequest { Endpoints = new[] { "tcp://10.0.0.14:2376" }, TlsCertificatePath = b }));
        DockerEndpoint viaAAgain = Assert.Single(Resolve(new EngineRequest { Endpoints = new[] { "tcp://10.0.0.14:2376" }, TlsCertificatePath = a }));
        Assert.Equal(viaA.ToString(), viaB.ToString());
        Assert.NotEqual(viaA, viaB);
        Assert.Equal(viaA, viaAAgain);
        Assert.NotEqual(viaA, viaA.WithContext("other"));

        // The same paths with other contents are another identity too.
        File.WriteAllText(Path.Combine(a, "ca.pem"), "rotated");
        DockerEndpoint rotated = Assert.Single(Resolve(new EngineRequest { Endpoints = new[] { "tcp://10.0.0.14:2376" }, TlsCertificatePath = a }));
        Assert.NotEqual(viaA, rotated);
    }

    [Fact]
    public void Lister_MarksTheCurrentContext_AndShowsTls()
    {
        _config.AddContext("secure", "tcp://10.0.0.5:2376", description: "prod", tlsFiles: new[] { "ca.pem", "cert.pem", "key.pem" });
        _config.AddContext("remote", "ssh://me@host");
        _config.SetCurrentContext("secure");
        IReadOnlyList<ContainerContext> list = ContextLister.List(_config.Environment);
        Assert.Equal(new[] { "default", "remote", "secure" }, list.Select(c => c.Name));
        ContainerContext secure = list[2];
        Assert.True(secure.Current);
        Assert.Equal("https://10.0.0.5:2376", secure.Endpoint);
        Assert.Equal("verify, client certificate", secure.Tls);
        Assert.Equal("prod", secure.Description);
        Assert.False(list[0].Current);
        Assert.Contains("ssh://", list[1].Error, StringComparison.Ordinal);
    }

    private static (string, string?) Only(IReadOnlyList<DockerEndpoint> list)
    {
        DockerEndpoint e = Assert.Single(list);
        return (e.ToString(), e.ContextName);
    }
}

public sealed class TlsHandlerTests : IDisposable
{
    private readonly TempDockerConfig _config = new();

    public void Dispose() => _config.Dispose();

    private (string Dir, X509Certificate2 Ca) WriteCertificates()
    {
        string dir = Path.Combine(_config.Root, "pki");
        Directory.CreateDirectory(dir);
        // A client certificate may not outlive its CA. The CA's NotAfter is stored in whole seconds, so the client's
        // ends an hour earlier (two readings of UtcNow, or the lost fraction of a second, made it outlive the CA).
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllText(Path.Combine(dir, "ca.pem"), ca.ExportCertificatePem());

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientRequest = new CertificateRequest("CN=client", clientKey, HashAlgorithmName.SHA256);
        using X509Certificate2 client = clientRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1).AddHours(-1), new byte[] { 1, 2, 3, 4 });
        File.WriteAllText(Path.Combine(dir, "cert.pem"), client.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "key.pem"), clientKey.ExportPkcs8PrivateKeyPem());
        return (dir, ca);
    }

    [Fact]
    public void PrimaryHandler_CarriesTheClientCertificate_AndTrustsOnlyCaPem()
    {
        (string dir, X509Certificate2 ca) = WriteCertificates();
        DockerEndpoint e = DockerEndpoint.Parse("tcp://127.0.0.1:2376").WithTls(DockerTlsSettings.FromDirectory(dir, verify: true, requireCa: true, "test"));
        using SocketsHttpHandler handler = HandlerFactory.CreatePrimaryHandler(e);
        X509Certificate client = Assert.Single(handler.SslOptions.ClientCertificates!.Cast<X509Certificate>());
        Assert.Equal("CN=client", client.Subject);
        Assert.True(((X509Certificate2)client).HasPrivateKey);
        X509ChainPolicy policy = handler.SslOptions.CertificateChainPolicy!;
        Assert.Equal(X509ChainTrustMode.CustomRootTrust, policy.TrustMode);
        Assert.Equal(ca.Thumbprint, Assert.Single(policy.CustomTrustStore.Cast<X509Certificate2>()).Thumbprint);
        Assert.Null(handler.SslOptions.RemoteCertificateValidationCallback);
    }

    [Fact]
    public void PrimaryHandler_WithoutVerification_AcceptsAnyCertificate()
    {
        (string dir, _) = WriteCertificates();
        DockerEndpoint e = DockerEndpoint.Parse("tcp://127.0.0.1:2376").WithTls(DockerTlsSettings.FromDirectory(dir, verify: false, requireCa: false, "test"));
        using SocketsHttpHandler handler = HandlerFactory.CreatePrimaryHandler(e);
        Assert.NotNull(handler.SslOptions.RemoteCertificateValidationCallback);
        Assert.True(handler.SslOptions.RemoteCertificateValidationCallback!(this, null, null, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Single(handler.SslOptions.ClientCertificates!);
    }

    [Fact]
    public void PrimaryHandler_WithABrokenKey_IsAConfigurationError()
    {
        (string dir, _) = WriteCertificates();
        File.WriteAllText(Path.Combine(dir, "key.pem"), "not a key");
        DockerEndpoint e = DockerEndpoint.Parse("tcp://127.0.0.1:2376").WithTls(DockerTlsSettings.FromDirectory(dir, verify: true, requireCa: true, "test"));
        var ex = Assert.Throws<EngineConfigurationException>(() => HandlerFactory.CreatePrimaryHandler(e));
        Assert.Equal(EngineConfigurationError.TlsFiles, ex.Error);
        Assert.Contains("cert.pem", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpsParse_DefaultsTo2376_AndRoundTrips()
    {
        DockerEndpoint e = DockerEndpoint.Parse("https://example.test");
        Assert.Equal(2376, e.Port);
        Assert.Equal("https://example.test:2376", e.ToString());
        Assert.Equal(e, DockerEndpoint.Parse(e.ToString()));
        Assert.Equal(new Uri("https://example.test:2376/"), e.BaseUri);
    }

    [Fact]
    public void TlsSettings_OnASocket_AreDropped()
        => Assert.Null(DockerEndpoint.Parse("unix:///run/x.sock").WithTls(DockerTlsSettings.SystemTrust).Tls);
}
