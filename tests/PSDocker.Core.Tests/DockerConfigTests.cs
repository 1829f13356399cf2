using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using PSDocker.Core.Images;

namespace PSDocker.Core.Tests;

/// <summary>The docker CLI's config.json: keys, stored credentials, and writing it back without losing anything.</summary>
[UnsupportedOSPlatform("windows")] // asserts unix file modes
public class DockerConfigTests : IDisposable
{
    private readonly TempTree _tree = new("psd-cfg-");

    public void Dispose() => _tree.Dispose();

    private DockerConfig Config => DockerConfig.At(_tree.Root);

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private void WriteConfig(string json) => _tree.File("config.json", json);

    private JsonObject ReadConfig() => (JsonObject)JsonNode.Parse(File.ReadAllText(Config.FilePath))!;

    // ---- Keys ----

    [Theory]
    [InlineData("docker.io", "https://index.docker.io/v1/")]
    [InlineData("index.docker.io", "https://index.docker.io/v1/")]
    [InlineData("registry-1.docker.io", "https://index.docker.io/v1/")]
    [InlineData("https://index.docker.io/v1/", "https://index.docker.io/v1/")]
    [InlineData("http://index.docker.io", "https://index.docker.io/v1/")]
    [InlineData("ghcr.io", "ghcr.io")]
    [InlineData("myreg:5000", "myreg:5000")]
    [InlineData("https://myreg:5000/v1/", "myreg:5000")]
    [InlineData("http://localhost:5000", "localhost:5000")]
    [InlineData("HTTPS://quay.io/v2/", "quay.io")]
    [InlineData("localhost:5000/some/path", "localhost:5000")]
    [InlineData("[::1]:5000", "[::1]:5000")]
    public void KeyFor(string registry, string key)
    {
        Assert.Equal(key, DockerConfig.KeyFor(registry));
    }

    [Theory]
    [InlineData("https://myreg:5000/v1/", "myreg:5000")]
    [InlineData("http://myreg", "myreg")]
    [InlineData("myreg/v1/", "myreg")]
    [InlineData("myreg", "myreg")]
    public void ConvertToHostname(string url, string host)
    {
        Assert.Equal(host, DockerConfig.ConvertToHostname(url));
    }

    [Fact]
    public void At_UsesTheGivenDirectory()
    {
        Assert.Equal(_tree.Root, Config.Directory);
        Assert.Equal(Path.Combine(_tree.Root, "config.json"), Config.FilePath);
    }

    // ---- StoreAuth ----

    [Fact]
    public void StoreAuth_WritesBase64UserColonPassword_UnderTheHostKey()
    {
        Config.StoreAuth("my.reg:5000", new RegistryAuth("bob", "pa:ss w0rd", "my.reg:5000"));

        JsonObject config = ReadConfig();
        JsonObject entry = (JsonObject)config["auths"]!["my.reg:5000"]!;
        Assert.Equal(B64("bob:pa:ss w0rd"), entry["auth"]!.GetValue<string>());
        Assert.Single(entry);
    }

    [Theory]
    [InlineData("docker.io")]
    [InlineData("index.docker.io")]
    [InlineData("https://index.docker.io/v1/")]
    public void StoreAuth_DockerHub_UsesTheIndexUrlKey(string registry)
    {
        Config.StoreAuth(registry, new RegistryAuth("hubuser", "hubpass", registry));

        JsonObject auths = (JsonObject)ReadConfig()["auths"]!;
        Assert.Equal(new[] { "https://index.docker.io/v1/" }, auths.Select(kv => kv.Key));
        Assert.Equal(B64("hubuser:hubpass"), auths["https://index.docker.io/v1/"]!["auth"]!.GetValue<string>());
    }

    [Fact]
    public void StoreAuth_CreatesTheDirectory_WithAFileOfMode0600()
    {
        string dir = Path.Combine(_tree.Root, "nested", ".docker");
        DockerConfig config = DockerConfig.At(dir);

        config.StoreAuth("ghcr.io", new RegistryAuth("u", "p", "ghcr.io"));

        Assert.True(File.Exists(config.FilePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config.FilePath));
        Assert.Equal(new[] { "config.json" }, Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void StoreAuth_KeepsOtherKeys_AndMakesAnExistingFile0600()
    {
        WriteConfig("""
            {
              "psFormat": "table {{.ID}}\t{{.Names}}",
              "proxies": { "default": { "httpProxy": "http://proxy:3128", "noProxy": "localhost" } },
              "auths": { "other.io": { "auth": "b3RoZXI6cHc=" } },
              "currentContext": "default",
              "experimental": "enabled"
            }
            """);
        File.SetUnixFileMode(Config.FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Config.StoreAuth("my.reg", new RegistryAuth("bob", "pw", "my.reg"));

        JsonObject config = ReadConfig();
        Assert.Equal("table {{.ID}}\t{{.Names}}", config["psFormat"]!.GetValue<string>());
        Assert.Equal("http://proxy:3128", config["proxies"]!["default"]!["httpProxy"]!.GetValue<string>());
        Assert.Equal("localhost", config["proxies"]!["default"]!["noProxy"]!.GetValue<string>());
        Assert.Equal("default", config["currentContext"]!.GetValue<string>());
        Assert.Equal("enabled", config["experimental"]!.GetValue<string>());
        Assert.Equal("b3RoZXI6cHc=", config["auths"]!["other.io"]!["auth"]!.GetValue<string>());
        Assert.Equal(B64("bob:pw"), config["auths"]!["my.reg"]!["auth"]!.GetValue<string>());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Config.FilePath));
        Assert.Equal(new[] { "config.json" }, Directory.GetFiles(_tree.Root).Select(Path.GetFileName));
    }

    [Fact]
    public void StoreAuth_ReplacesAnEarlierCredential()
    {
        Config.StoreAuth("my.reg", new RegistryAuth("old", "old", "my.reg"));
        Config.StoreAuth("my.reg", new RegistryAuth("new", "new", "my.reg"));

        Assert.Equal(B64("new:new"), ReadConfig()["auths"]!["my.reg"]!["auth"]!.GetValue<string>());
        Assert.Equal("new", Config.GetAuth("my.reg")!.Username);
    }

    [Fact]
    public void StoreAuth_IdentityToken_WritesIdentityTokenOnly()
    {
        Config.StoreAuth("ghcr.io", new RegistryAuth("bob", null, "ghcr.io", "id-token-1"));

        JsonObject entry = (JsonObject)ReadConfig()["auths"]!["ghcr.io"]!;
        Assert.Equal("id-token-1", entry["identitytoken"]!.GetValue<string>());
        Assert.Null(entry["auth"]);

        RegistryAuth auth = Config.GetAuth("ghcr.io")!;
        Assert.Equal("id-token-1", auth.IdentityToken);
    }

    // ---- GetAuth ----

    [Fact]
    public void GetAuth_ReadsBackWhatStoreAuthWrote()
    {
        Config.StoreAuth("my.reg:5000", new RegistryAuth("bob", "pa:ss", "my.reg:5000"));

        RegistryAuth auth = Config.GetAuth("my.reg:5000")!;
        Assert.Equal("bob", auth.Username);
        Assert.Equal("pa:ss", auth.Password);
        Assert.Equal("my.reg:5000", auth.ServerAddress);
        Assert.Null(auth.IdentityToken);
    }

    [Fact]
    public void GetAuth_NoFile_IsAnonymous()
    {
        Assert.Null(Config.GetAuth("docker.io"));
        Assert.False(File.Exists(Config.FilePath));
    }

    [Fact]
    public void GetAuth_EmptyFile_IsAnonymous()
    {
        WriteConfig("  \n");
        Assert.Null(Config.GetAuth("docker.io"));
    }

    [Fact]
    public void GetAuth_ConfigThatIsNotAnObject_Throws()
    {
        WriteConfig("[1,2]");
        var ex = Assert.Throws<InvalidDataException>(() => Config.GetAuth("docker.io"));
        Assert.Contains(Config.FilePath, ex.Message);
    }

    [Fact]
    public void GetAuth_OtherRegistry_IsAnonymous()
    {
        WriteConfig($$"""{ "auths": { "other.io": { "auth": "{{B64("a:b")}}" } } }""");
        Assert.Null(Config.GetAuth("my.reg"));
        Assert.Null(Config.GetAuth("docker.io"));
    }

    [Fact]
    public void GetAuth_DockerHub_ReadsTheIndexUrlKey()
    {
        WriteConfig($$"""{ "auths": { "https://index.docker.io/v1/": { "auth": "{{B64("hub:secret")}}" } } }""");

        foreach (string registry in new[] { "docker.io", "index.docker.io", "https://index.docker.io/v1/" })
        {
            RegistryAuth auth = Config.GetAuth(registry)!;
            Assert.Equal("hub", auth.Username);
            Assert.Equal("secret", auth.Password);
            Assert.Equal("https://index.docker.io/v1/", auth.ServerAddress);
        }
    }

    [Theory]
    [InlineData("https://myreg:5000/v1/")]
    [InlineData("http://myreg:5000")]
    [InlineData("myreg:5000/v2/")]
    public void GetAuth_LegacyUrlKeys_MatchTheHost(string legacyKey)
    {
        WriteConfig($$"""{ "auths": { "{{legacyKey}}": { "auth": "{{B64("legacy:pw")}}" } } }""");

        RegistryAuth auth = Config.GetAuth("myreg:5000")!;
        Assert.Equal("legacy", auth.Username);
        Assert.Equal("pw", auth.Password);
        Assert.Equal("myreg:5000", auth.ServerAddress);
    }

    [Fact]
    public void GetAuth_SplitsAtTheFirstColon_AndTrimsNuls()
    {
        WriteConfig($$"""{ "auths": { "my.reg": { "auth": "{{B64("user:a:b:c\0\0")}}" } } }""");

        RegistryAuth auth = Config.GetAuth("my.reg")!;
        Assert.Equal("user", auth.Username);
        Assert.Equal("a:b:c", auth.Password);
    }

    [Fact]
    public void GetAuth_IdentityTokenEntry()
    {
        WriteConfig($$"""{ "auths": { "ghcr.io": { "auth": "{{B64("bob:")}}", "identitytoken": "tok-xyz" } } }""");

        RegistryAuth auth = Config.GetAuth("ghcr.io")!;
        Assert.Equal("tok-xyz", auth.IdentityToken);
        Assert.Equal("bob", auth.Username);
        // The header then carries the token, not a password.
        Assert.Equal("tok-xyz", RegistryAuthTests.DecodeHeader(auth.Encode()).GetProperty("identitytoken").GetString());
    }

    [Fact]
    public void GetAuth_IdentityTokenOnlyEntry()
    {
        WriteConfig("""{ "auths": { "ghcr.io": { "identitytoken": "tok-only" } } }""");

        RegistryAuth auth = Config.GetAuth("ghcr.io")!;
        Assert.Equal("tok-only", auth.IdentityToken);
        Assert.Null(auth.Username);
    }

    [Fact]
    public void GetAuth_PlainUsernameAndPasswordFields()
    {
        WriteConfig("""{ "auths": { "my.reg": { "username": "plain", "password": "text" } } }""");

        RegistryAuth auth = Config.GetAuth("my.reg")!;
        Assert.Equal("plain", auth.Username);
        Assert.Equal("text", auth.Password);
    }

    [Fact]
    public void GetAuth_EmptyEntry_IsAnonymous()
    {
        // What 'docker login' leaves in auths when a credential helper holds the secret.
        WriteConfig("""{ "auths": { "my.reg": {} } }""");
        Assert.Null(Config.GetAuth("my.reg"));
    }

    [Fact]
    public void GetAuth_AuthThatIsNotBase64_Throws()
    {
        WriteConfig("""{ "auths": { "my.reg": { "auth": "not base64!" } } }""");
        Assert.Throws<FormatException>(() => Config.GetAuth("my.reg"));
    }

    // ---- RemoveAuth ----

    [Fact]
    public void RemoveAuth_RemovesTheEntryAndLegacyKeys_KeepingTheRest()
    {
        WriteConfig($$"""
            {
              "psFormat": "x",
              "auths": {
                "myreg:5000": { "auth": "{{B64("a:b")}}" },
                "https://myreg:5000/v1/": { "auth": "{{B64("c:d")}}" },
                "other.io": { "auth": "{{B64("e:f")}}" }
              }
            }
            """);

        Assert.True(Config.RemoveAuth("myreg:5000"));

        JsonObject config = ReadConfig();
        Assert.Equal(new[] { "other.io" }, ((JsonObject)config["auths"]!).Select(kv => kv.Key));
        Assert.Equal("x", config["psFormat"]!.GetValue<string>());
        Assert.Null(Config.GetAuth("myreg:5000"));
        Assert.False(Config.RemoveAuth("myreg:5000"));
    }

    [Fact]
    public void RemoveAuth_DockerHub()
    {
        Config.StoreAuth("docker.io", new RegistryAuth("u", "p", "docker.io"));
        Assert.True(Config.RemoveAuth("index.docker.io"));
        Assert.Null(Config.GetAuth("docker.io"));
    }

    [Fact]
    public void RemoveAuth_NoFile_ReturnsFalseAndCreatesNothing()
    {
        Assert.False(Config.RemoveAuth("my.reg"));
        Assert.False(File.Exists(Config.FilePath));
    }

    // ---- HelperFor ----

    [Fact]
    public void HelperFor_PrefersCredHelpersOverCredsStore()
    {
        WriteConfig("""
            {
              "credsStore": "desktop",
              "credHelpers": { "127.0.0.1:5999": "psdtest", "https://legacy.io/v1/": "legacy", "gcr.io": "gcloud", "index.docker.io": "hubhelper" }
            }
            """);

        Assert.Equal("psdtest", Config.HelperFor("127.0.0.1:5999"));
        Assert.Equal("legacy", Config.HelperFor("legacy.io"));
        Assert.Equal("gcloud", Config.HelperFor("https://gcr.io"));
        Assert.Equal("hubhelper", Config.HelperFor("docker.io"));
        Assert.Equal("desktop", Config.HelperFor("other.io"));
    }

    [Fact]
    public void HelperFor_NoneConfigured_IsNull()
    {
        Assert.Null(Config.HelperFor("docker.io"));
        WriteConfig("""{ "credsStore": "", "credHelpers": { "x.io": "" } }""");
        Assert.Null(Config.HelperFor("x.io"));
        Assert.Null(Config.HelperFor("docker.io"));
    }
}

/// <summary>Tests that change DOCKER_AUTH_CONFIG, DOCKER_CONFIG or PATH: never run in parallel with anything.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerConfigEnvironmentCollection
{
    public const string Name = "Docker config environment variables";
}

/// <summary>DOCKER_AUTH_CONFIG, DOCKER_CONFIG and the credential helpers.</summary>
[Collection(DockerConfigEnvironmentCollection.Name)]
[UnsupportedOSPlatform("windows")] // the fake credential helper is a shell script
public sealed class DockerConfigEnvironmentTests : IDisposable
{
    private const string HelperName = "psdtest";

    private readonly TempTree _tree = new("psd-cfgenv-");
    private readonly string? _savedPath = Environment.GetEnvironmentVariable("PATH");
    private readonly string? _savedAuthConfig = Environment.GetEnvironmentVariable("DOCKER_AUTH_CONFIG");
    private readonly string? _savedDockerConfig = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
    private readonly string _store;
    private readonly string _log;

    public DockerConfigEnvironmentTests()
    {
        Environment.SetEnvironmentVariable("DOCKER_AUTH_CONFIG", null);
        _store = _tree.Dir("store");
        _log = Path.Combine(_tree.Root, "helper.log");
        string bin = _tree.Dir("bin");
        string script = Path.Combine(bin, "docker-credential-" + HelperName);
        // A credential helper speaking the docker-credential-helpers protocol, with one file per server URL as its store.
        File.WriteAllText(script, $$"""
            #!/bin/sh
            store='{{_store}}'
            log='{{_log}}'
            verb="$1"
            input=$(cat)
            printf '%s %s\n' "$verb" "$input" >> "$log"
            keyfile() { printf '%s' "$1" | tr -c 'A-Za-z0-9.' '_'; }
            case "$verb" in
              store)
                url=$(printf '%s' "$input" | sed -n 's/.*"ServerURL":"\([^"]*\)".*/\1/p')
                printf '%s' "$input" > "$store/$(keyfile "$url")"
                ;;
              get)
                if [ "$input" = "fail.example" ]; then echo "helper exploded"; exit 1; fi
                f="$store/$(keyfile "$input")"
                if [ -f "$f" ]; then cat "$f"; else echo "credentials not found in native keychain"; exit 1; fi
                ;;
              erase)
                f="$store/$(keyfile "$input")"
                if [ -f "$f" ]; then rm -f "$f"; else echo "credentials not found in native keychain"; exit 1; fi
                ;;
              *)
                echo "unknown verb $verb" >&2; exit 2
                ;;
            esac
            """.Replace("\r\n", "\n"));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        Environment.SetEnvironmentVariable("PATH", bin + Path.PathSeparator + _savedPath);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _savedPath);
        Environment.SetEnvironmentVariable("DOCKER_AUTH_CONFIG", _savedAuthConfig);
        Environment.SetEnvironmentVariable("DOCKER_CONFIG", _savedDockerConfig);
        _tree.Dispose();
    }

    private DockerConfig Config => DockerConfig.At(_tree.Dir("config"));

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private void WriteConfig(string json) => File.WriteAllText(Config.FilePath, json);

    private JsonObject ReadConfig() => (JsonObject)JsonNode.Parse(File.ReadAllText(Config.FilePath))!;

    private string[] HelperCalls => File.Exists(_log) ? File.ReadAllLines(_log) : Array.Empty<string>();

    private void Preseed(string serverUrl, string username, string secret)
    {
        string file = Path.Combine(_store, new string(serverUrl.Select(c => char.IsAsciiLetterOrDigit(c) || c == '.' ? c : '_').ToArray()));
        File.WriteAllText(file, $$"""{"ServerURL":"{{serverUrl}}","Username":"{{username}}","Secret":"{{secret}}"}""");
    }

    private const string HelperConfig = """{ "credsStore": "psdtest", "credHelpers": { "127.0.0.1:5999": "psdtest" } }""";

    // ---- DOCKER_CONFIG ----

    [Fact]
    public void Current_UsesDockerConfig_ElseTheHomeDirectory()
    {
        Environment.SetEnvironmentVariable("DOCKER_CONFIG", _tree.Root);
        Assert.Equal(Path.Combine(_tree.Root, "config.json"), DockerConfig.Current().FilePath);

        Environment.SetEnvironmentVariable("DOCKER_CONFIG", null);
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".docker"), DockerConfig.Current().Directory);
    }

    // ---- DOCKER_AUTH_CONFIG ----

    [Fact]
    public void DockerAuthConfig_OverlaysTheFile()
    {
        WriteConfig($$"""{ "auths": { "env.reg": { "auth": "{{B64("fileuser:filepw")}}" }, "file.reg": { "auth": "{{B64("f:g")}}" } } }""");
        Environment.SetEnvironmentVariable("DOCKER_AUTH_CONFIG", $$"""{ "auths": { "env.reg": { "auth": "{{B64("envuser:envpw")}}" } } }""");

        RegistryAuth env = Config.GetAuth("env.reg")!;
        Assert.Equal("envuser", env.Username);
        Assert.Equal("envpw", env.Password);
        Assert.Equal("env.reg", env.ServerAddress);

        Assert.Equal("f", Config.GetAuth("file.reg")!.Username); // not in the overlay: the file answers
        Assert.Null(Config.GetAuth("neither.reg"));
    }

    [Fact]
    public void DockerAuthConfig_DockerHubAndLegacyKeys()
    {
        Environment.SetEnvironmentVariable("DOCKER_AUTH_CONFIG", $$"""
            { "auths": { "https://index.docker.io/v1/": { "auth": "{{B64("hub:pw")}}" }, "https://legacy.io/v1/": { "identitytoken": "ltok" } } }
            """);

        Assert.Equal("hub", Config.GetAuth("docker.io")!.Username);
        Assert.Equal("ltok", Config.GetAuth("legacy.io")!.IdentityToken);
    }

    [Fact]
    public void DockerAuthConfig_WinsOverCredentialHelpers()
    {
        // The helper named here does not exist: the overlay must answer without running it.
        WriteConfig("""{ "credsStore": "psd-missing-helper" }""");
        Environment.SetEnvironmentVariable("DOCKER_AUTH_CONFIG", $$"""{ "auths": { "env.reg": { "auth": "{{B64("envuser:envpw")}}" } } }""");

        Assert.Equal("envuser", Config.GetAuth("env.reg")!.Username);
    }

    [Fact]
    public void DockerAuthConfig_Invalid_IsIgnored()
    {
        WriteConfig($$"""{ "auths": { "my.reg": { "auth": "{{B64("fileuser:pw")}}" } } }""");
        Environment.SetEnvironmentVariable("DOCKER_AUTH_CONFIG", "{ not json");

        Assert.Equal("fileuser", Config.GetAuth("my.reg")!.Username);
    }

    [Fact]
    public void DockerAuthConfig_DoesNotChangeTheFile()
    {
        Environment.SetEnvironmentVariable("DOCKER_AUTH_CONFIG", $$"""{ "auths": { "env.reg": { "auth": "{{B64("envuser:envpw")}}" } } }""");
        Assert.NotNull(Config.GetAuth("env.reg"));
        Assert.False(File.Exists(Config.FilePath));
    }

    // ---- Credential helpers ----

    [Fact]
    public void GetAuth_CredHelpers_RunsTheHelper()
    {
        WriteConfig(HelperConfig);
        Preseed("127.0.0.1:5999", "helperuser", "helpersecret");

        RegistryAuth auth = Config.GetAuth("127.0.0.1:5999")!;

        Assert.Equal("helperuser", auth.Username);
        Assert.Equal("helpersecret", auth.Password);
        Assert.Equal("127.0.0.1:5999", auth.ServerAddress);
        Assert.Equal(new[] { "get 127.0.0.1:5999" }, HelperCalls);
    }

    [Fact]
    public void GetAuth_HelperNotFound_IsAnonymous()
    {
        WriteConfig(HelperConfig);

        Assert.Null(Config.GetAuth("docker.io"));
        Assert.Equal(new[] { "get https://index.docker.io/v1/" }, HelperCalls);
    }

    [Fact]
    public void GetAuth_HelperTakesPrecedenceOverAuths()
    {
        WriteConfig($$"""{ "credsStore": "psdtest", "auths": { "my.reg": { "auth": "{{B64("plain:pw")}}" } } }""");

        Assert.Null(Config.GetAuth("my.reg")); // the helper holds nothing; the plaintext entry is not consulted
        Assert.Equal(new[] { "get my.reg" }, HelperCalls);
    }

    [Fact]
    public void GetAuth_HelperTokenUser_IsAnIdentityToken()
    {
        WriteConfig(HelperConfig);
        Preseed("ghcr.io", "<token>", "refresh-token-1");

        RegistryAuth auth = Config.GetAuth("ghcr.io")!;

        Assert.Null(auth.Username);
        Assert.Null(auth.Password);
        Assert.Equal("refresh-token-1", auth.IdentityToken);
    }

    [Fact]
    public void GetAuth_HelperFailure_ThrowsWithItsOutput()
    {
        WriteConfig(HelperConfig);

        var ex = Assert.Throws<InvalidOperationException>(() => Config.GetAuth("fail.example"));
        Assert.Contains("docker-credential-psdtest", ex.Message);
        Assert.Contains("helper exploded", ex.Message);
    }

    [Fact]
    public void StoreAuth_WithHelper_StoresThroughIt_AndLeavesAnEmptyAuthsEntry()
    {
        WriteConfig("""{ "credsStore": "psdtest", "psFormat": "keep me" }""");

        Config.StoreAuth("docker.io", new RegistryAuth("bob", "s3cret", "docker.io"));

        string call = Assert.Single(HelperCalls);
        Assert.StartsWith("store {", call);
        JsonObject payload = (JsonObject)JsonNode.Parse(call["store ".Length..])!;
        Assert.Equal("https://index.docker.io/v1/", payload["ServerURL"]!.GetValue<string>());
        Assert.Equal("bob", payload["Username"]!.GetValue<string>());
        Assert.Equal("s3cret", payload["Secret"]!.GetValue<string>());

        JsonObject config = ReadConfig();
        Assert.Equal("keep me", config["psFormat"]!.GetValue<string>());
        JsonObject entry = (JsonObject)config["auths"]!["https://index.docker.io/v1/"]!;
        Assert.Empty(entry); // no secret in the file
        Assert.DoesNotContain("s3cret", File.ReadAllText(Config.FilePath));

        RegistryAuth back = Config.GetAuth("docker.io")!;
        Assert.Equal("bob", back.Username);
        Assert.Equal("s3cret", back.Password);
    }

    [Fact]
    public void StoreAuth_WithHelper_IdentityToken_IsStoredAsTokenUser()
    {
        WriteConfig(HelperConfig);

        Config.StoreAuth("127.0.0.1:5999", new RegistryAuth("bob", null, "127.0.0.1:5999", "tok-42"));

        JsonObject payload = (JsonObject)JsonNode.Parse(Assert.Single(HelperCalls)["store ".Length..])!;
        Assert.Equal("<token>", payload["Username"]!.GetValue<string>());
        Assert.Equal("tok-42", payload["Secret"]!.GetValue<string>());
        Assert.Equal("tok-42", Config.GetAuth("127.0.0.1:5999")!.IdentityToken);
    }

    [Fact]
    public void RemoveAuth_WithHelper_ErasesThroughIt()
    {
        WriteConfig(HelperConfig);
        Config.StoreAuth("127.0.0.1:5999", new RegistryAuth("u", "p", "127.0.0.1:5999"));
        Assert.NotNull(Config.GetAuth("127.0.0.1:5999"));

        Assert.True(Config.RemoveAuth("127.0.0.1:5999"));

        Assert.Contains("erase 127.0.0.1:5999", HelperCalls);
        Assert.Null(((JsonObject)ReadConfig()["auths"]!)["127.0.0.1:5999"]);
        Assert.Null(Config.GetAuth("127.0.0.1:5999"));
        Assert.False(Config.RemoveAuth("127.0.0.1:5999")); // the helper says "not found"
    }

    [Fact]
    public void MissingHelper_ThrowsNamingIt()
    {
        WriteConfig("""{ "credHelpers": { "my.reg": "psd-no-such-helper" } }""");

        var ex = Assert.Throws<InvalidOperationException>(() => Config.GetAuth("my.reg"));
        Assert.Contains("docker-credential-psd-no-such-helper", ex.Message);
        Assert.Contains("PATH", ex.Message);

        Assert.Throws<InvalidOperationException>(() => Config.StoreAuth("my.reg", new RegistryAuth("u", "p", "my.reg")));
        Assert.Throws<InvalidOperationException>(() => Config.RemoveAuth("my.reg"));
    }
}
