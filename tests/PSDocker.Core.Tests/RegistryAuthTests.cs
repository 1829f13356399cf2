using System.Text;
using System.Text.Json;
using PSDocker.Core.Images;

namespace PSDocker.Core.Tests;

/// <summary>X-Registry-Auth and X-Registry-Config values.</summary>
public class RegistryAuthTests
{
    /// <summary>Decodes padded base64url, failing on characters of standard base64.</summary>
    internal static JsonElement DecodeHeader(string value)
    {
        Assert.DoesNotContain('+', value);
        Assert.DoesNotContain('/', value);
        Assert.Equal(0, value.Length % 4); // padded
        byte[] bytes = Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/'));
        using JsonDocument doc = JsonDocument.Parse(bytes);
        return doc.RootElement.Clone();
    }

    private static string[] PropertyNames(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Encode_UsernamePasswordServer()
    {
        JsonElement json = DecodeHeader(new RegistryAuth("alice", "s3cret", "registry.example.com").Encode());

        Assert.Equal(new[] { "username", "password", "serveraddress" }, PropertyNames(json));
        Assert.Equal("alice", json.GetProperty("username").GetString());
        Assert.Equal("s3cret", json.GetProperty("password").GetString());
        Assert.Equal("registry.example.com", json.GetProperty("serveraddress").GetString());
    }

    [Fact]
    public void Encode_IsBase64Url_WithPadding()
    {
        // Three '?' (0x3f) in a row put one at the end of a 3-byte group: standard base64 writes '/' for it; '~' gives '+'.
        const string password = "???~~~???~~~\u00ff";
        string value = new RegistryAuth("u", password, "r").Encode();
        byte[] bytes = Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/'));
        string standard = Convert.ToBase64String(bytes);

        Assert.True(standard.Contains('+') || standard.Contains('/'), "the fixture should exercise the url-safe alphabet");
        Assert.Equal(standard.Replace('+', '-').Replace('/', '_'), value);
        Assert.Equal(password, DecodeHeader(value).GetProperty("password").GetString());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("abcd")]
    public void Encode_AlwaysPadsToAMultipleOfFour(string password)
    {
        string value = new RegistryAuth("user", password, "r").Encode();
        Assert.Equal(0, value.Length % 4);
        Assert.Equal(password, DecodeHeader(value).GetProperty("password").GetString());
    }

    [Fact]
    public void Encode_IdentityToken_ReplacesUsernameAndPassword()
    {
        JsonElement json = DecodeHeader(new RegistryAuth("alice", "ignored", "ghcr.io", "tok-123").Encode());

        Assert.Equal(new[] { "identitytoken", "serveraddress" }, PropertyNames(json));
        Assert.Equal("tok-123", json.GetProperty("identitytoken").GetString());
        Assert.Equal("ghcr.io", json.GetProperty("serveraddress").GetString());
    }

    [Fact]
    public void Encode_EmptyIdentityToken_FallsBackToPassword()
    {
        JsonElement json = DecodeHeader(new RegistryAuth("alice", "pw", "r", "").Encode());
        Assert.Equal(new[] { "username", "password", "serveraddress" }, PropertyNames(json));
    }

    [Fact]
    public void Anonymous_EncodesToAnEmptyObject()
    {
        string value = RegistryAuth.Anonymous.Encode();

        Assert.Equal("e30=", value);
        Assert.Empty(PropertyNames(DecodeHeader(value)));
        Assert.Null(RegistryAuth.Anonymous.Username);
        Assert.Null(RegistryAuth.Anonymous.Password);
    }

    [Fact]
    public void Encode_EscapesQuotesAndBackslashesInTheSecret()
    {
        string tricky = "p\"w\\d\n{}";
        Assert.Equal(tricky, DecodeHeader(new RegistryAuth("u", tricky, "r").Encode()).GetProperty("password").GetString());
    }

    [Fact]
    public void EncodeConfig_MapsEachRegistryToItsAuth()
    {
        var auths = new Dictionary<string, RegistryAuth>
        {
            ["https://index.docker.io/v1/"] = new("hubuser", "hubpass", null),
            ["ghcr.io"] = new(null, null, "ghcr.io", "ghtoken"),
            ["my.reg:5000"] = new("bob", "pw", "my.reg:5000"),
        };

        JsonElement json = DecodeHeader(RegistryAuth.EncodeConfig(auths));

        Assert.Equal(new[] { "https://index.docker.io/v1/", "ghcr.io", "my.reg:5000" }, PropertyNames(json));
        JsonElement hub = json.GetProperty("https://index.docker.io/v1/");
        Assert.Equal("hubuser", hub.GetProperty("username").GetString());
        Assert.Equal("hubpass", hub.GetProperty("password").GetString());
        Assert.Equal("https://index.docker.io/v1/", hub.GetProperty("serveraddress").GetString()); // defaults to the key
        JsonElement ghcr = json.GetProperty("ghcr.io");
        Assert.Equal("ghtoken", ghcr.GetProperty("identitytoken").GetString());
        Assert.False(ghcr.TryGetProperty("password", out _));
        Assert.Equal("bob", json.GetProperty("my.reg:5000").GetProperty("username").GetString());
    }

    [Fact]
    public void EncodeConfig_Empty_IsAnEmptyObject()
    {
        string value = RegistryAuth.EncodeConfig(new Dictionary<string, RegistryAuth>());
        Assert.Equal("e30=", value);
    }

    [Fact]
    public void ToString_NeverShowsTheSecret()
    {
        var auth = new RegistryAuth("alice", "TopSecretPassword", "registry.example.com");
        string text = auth.ToString();
        Assert.DoesNotContain("TopSecretPassword", text);
        Assert.Contains("alice", text);
        Assert.Contains("registry.example.com", text);

        var token = new RegistryAuth("bob", null, "ghcr.io", "IdentityTokenValue");
        Assert.DoesNotContain("IdentityTokenValue", token.ToString());

        Assert.Equal("(anonymous)", RegistryAuth.Anonymous.ToString());
        Assert.DoesNotContain("tok", new RegistryAuth(null, null, "r", "tok").ToString());
    }
}
