namespace PSDocker.Core.Tests;

/// <summary>The distribution reference grammar as <see cref="ImageReference"/> applies it.</summary>
public class ImageReferenceTests
{
    private const string Hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string Digest = "sha256:" + Hex64;

    private static string ParseError(string text) => Assert.Throws<FormatException>(() => ImageReference.Parse(text)).Message;

    // ---- Docker Hub normalization ----

    [Fact]
    public void SingleComponent_IsAnOfficialDockerHubImage()
    {
        ImageReference r = ImageReference.Parse("nginx");

        Assert.Equal("docker.io", r.Registry);
        Assert.Equal("library/nginx", r.Repository);
        Assert.Equal("docker.io/library/nginx", r.Name);
        Assert.Null(r.Tag);
        Assert.Null(r.Digest);
        Assert.Equal("nginx", r.FamiliarName);
        Assert.Equal("nginx", r.FamiliarRepository);
        Assert.Equal("docker.io/library/nginx:latest", r.FullName);
        Assert.Equal("docker.io/library/nginx", r.ToString());
        Assert.Equal("latest", r.EffectiveTag);
    }

    [Fact]
    public void UserRepositoryWithTag_StaysOnDockerHubWithoutLibrary()
    {
        ImageReference r = ImageReference.Parse("bitnami/python:3.9.15");

        Assert.Equal("docker.io", r.Registry);
        Assert.Equal("bitnami/python", r.Repository);
        Assert.Equal("3.9.15", r.Tag);
        Assert.Equal("bitnami/python:3.9.15", r.FamiliarName);
        Assert.Equal("bitnami/python", r.FamiliarRepository);
        Assert.Equal("docker.io/bitnami/python:3.9.15", r.FullName);
        Assert.Equal("docker.io/bitnami/python:3.9.15", r.ToString());
        Assert.Equal("3.9.15", r.EffectiveTag);
    }

    [Theory]
    [InlineData("index.docker.io/library/nginx")]
    [InlineData("index.docker.io/nginx")]
    [InlineData("docker.io/nginx")]
    [InlineData("docker.io/library/nginx")]
    [InlineData("library/nginx")]
    public void HubSpellings_NormalizeToTheSameReference(string text)
    {
        ImageReference r = ImageReference.Parse(text);

        Assert.Equal("docker.io", r.Registry);
        Assert.Equal("library/nginx", r.Repository);
        Assert.Equal("nginx", r.FamiliarName);
        Assert.Equal(ImageReference.Parse("nginx"), r);
    }

    [Fact]
    public void IndexDockerIo_WithUserRepository_BecomesDockerIo()
    {
        ImageReference r = ImageReference.Parse("index.docker.io/bitnami/python:3");

        Assert.Equal("docker.io", r.Registry);
        Assert.Equal("bitnami/python", r.Repository);
        Assert.Equal("bitnami/python:3", r.FamiliarName);
    }

    [Fact]
    public void LibraryWithMoreComponents_KeepsLibraryInTheFamiliarName()
    {
        ImageReference r = ImageReference.Parse("library/a/b");

        Assert.Equal("library/a/b", r.Repository);
        Assert.Equal("library/a/b", r.FamiliarRepository);
    }

    // ---- Registries ----

    [Fact]
    public void LocalhostWithPort_IsARegistry()
    {
        ImageReference r = ImageReference.Parse("localhost:5000/app");

        Assert.Equal("localhost:5000", r.Registry);
        Assert.Equal("app", r.Repository);
        Assert.Null(r.Tag);
        Assert.Equal("localhost:5000/app", r.FamiliarName);
        Assert.Equal("localhost:5000/app:latest", r.FullName);
    }

    [Fact]
    public void BareLocalhost_IsARegistry()
    {
        ImageReference r = ImageReference.Parse("localhost/app");

        Assert.Equal("localhost", r.Registry);
        Assert.Equal("app", r.Repository);
        Assert.Equal("localhost/app", r.FamiliarName);
    }

    [Fact]
    public void RegistryWithPortAndNestedRepositoryAndTag()
    {
        ImageReference r = ImageReference.Parse("my.reg:5000/a/b:tag");

        Assert.Equal("my.reg:5000", r.Registry);
        Assert.Equal("a/b", r.Repository);
        Assert.Equal("tag", r.Tag);
        Assert.Equal("my.reg:5000/a/b:tag", r.FamiliarName);
        Assert.Equal("my.reg:5000/a/b:tag", r.FullName);
    }

    [Fact]
    public void Ipv6RegistryWithPort()
    {
        ImageReference r = ImageReference.Parse("[::1]:5000/x");

        Assert.Equal("[::1]:5000", r.Registry);
        Assert.Equal("x", r.Repository);
        Assert.Null(r.Tag);
        Assert.Equal("[::1]:5000/x:latest", r.FullName);
    }

    [Fact]
    public void Ipv6RegistryWithPortAndTag()
    {
        ImageReference r = ImageReference.Parse("[::1]:5000/x:1.0");

        Assert.Equal("[::1]:5000", r.Registry);
        Assert.Equal("x", r.Repository);
        Assert.Equal("1.0", r.Tag);
    }

    [Fact]
    public void DottedFirstComponent_IsARegistry()
    {
        ImageReference r = ImageReference.Parse("ghcr.io/owner/tool:v1");

        Assert.Equal("ghcr.io", r.Registry);
        Assert.Equal("owner/tool", r.Repository);
        Assert.Equal("ghcr.io/owner/tool:v1", r.FamiliarName);
    }

    [Fact]
    public void UppercaseFirstComponent_WithoutDotOrPort_IsADockerHubRepositoryAndRejected()
    {
        // Docker 20.10's engine splits 'Foo/bar' as docker.io/Foo/bar and refuses the upper case: so does PSDocker, before sending.
        Assert.Contains("repository names must be lowercase", ParseError("Foo/bar"));
        Assert.Contains("repository names must be lowercase", ParseError("UPPER/case"));
    }

    [Fact]
    public void UppercaseRegistryHost_WithADot_IsARegistry()
    {
        ImageReference r = ImageReference.Parse("Foo.example/bar");

        Assert.Equal("Foo.example", r.Registry);
        Assert.Equal("bar", r.Repository);
        Assert.Equal("Foo.example/bar", r.FamiliarName);
    }

    [Fact]
    public void PlainFirstComponent_IsADockerHubUser()
    {
        ImageReference r = ImageReference.Parse("foo/bar");

        Assert.Equal("docker.io", r.Registry);
        Assert.Equal("foo/bar", r.Repository);
    }

    [Fact]
    public void SingleNameWithColon_IsANameAndATag()
    {
        // "localhost:5000" without a '/' is the repository localhost with the tag 5000, as the engine reads it.
        ImageReference r = ImageReference.Parse("localhost:5000");

        Assert.Equal("docker.io", r.Registry);
        Assert.Equal("library/localhost", r.Repository);
        Assert.Equal("5000", r.Tag);
    }

    [Fact]
    public void InvalidRegistryHost_IsRejected()
    {
        string message = ParseError("Foo_Bar.example/app");
        Assert.Contains("'Foo_Bar.example'", message);
        Assert.Contains("registry", message);
    }

    // ---- Digests ----

    [Fact]
    public void Digest_IsKeptAndTheFullNameHasNoTag()
    {
        ImageReference r = ImageReference.Parse("nginx@" + Digest);

        Assert.Null(r.Tag);
        Assert.Equal(Digest, r.Digest);
        Assert.Equal("docker.io/library/nginx@" + Digest, r.FullName);
        Assert.Equal("nginx@" + Digest, r.FamiliarName);
        Assert.Null(r.EffectiveTag);
    }

    [Fact]
    public void TagAndDigest_BothKeptInToString_TagDroppedInFullName()
    {
        ImageReference r = ImageReference.Parse("nginx:1.25@" + Digest);

        Assert.Equal("1.25", r.Tag);
        Assert.Equal(Digest, r.Digest);
        Assert.Equal("docker.io/library/nginx:1.25@" + Digest, r.ToString());
        Assert.Equal("nginx:1.25@" + Digest, r.FamiliarName);
        Assert.Equal("docker.io/library/nginx@" + Digest, r.FullName);
        Assert.Null(r.EffectiveTag);
    }

    [Fact]
    public void DigestOnARegistryWithPort()
    {
        ImageReference r = ImageReference.Parse("localhost:5000/app@" + Digest);

        Assert.Equal("localhost:5000", r.Registry);
        Assert.Equal("app", r.Repository);
        Assert.Null(r.Tag);
        Assert.Equal(Digest, r.Digest);
    }

    [Fact]
    public void OtherDigestAlgorithms_AreAccepted()
    {
        string sha512 = "sha512:" + Hex64 + Hex64;
        Assert.Equal(sha512, ImageReference.Parse("nginx@" + sha512).Digest);
    }

    [Theory]
    [InlineData("nginx@sha256:short")]
    [InlineData("nginx@sha256:abc")]
    [InlineData("nginx@" + Hex64)]
    [InlineData("nginx@:" + Hex64)]
    [InlineData("nginx@")]
    [InlineData("nginx@sha256:" + "0123456789abcdef0123456789abcdeg0123456789abcdef0123456789abcdef")]
    public void BadDigest_IsRejectedNamingTheDigest(string text)
    {
        string message = ParseError(text);
        Assert.Contains("digest", message);
        Assert.Contains(text, message);
    }

    [Fact]
    public void Sha256DigestOfTheWrongLength_IsRejected()
    {
        // 32+ hex digits satisfy the generic digest grammar, but sha256 needs exactly 64.
        string message = ParseError("nginx@sha256:" + Hex64[..40]);
        Assert.Contains("64", message);
        Assert.Contains("sha256", message);
    }

    [Fact]
    public void Sha256DigestInUppercase_IsRejected()
    {
        // go-digest accepts only lowercase hex for sha256 (the engine answers "invalid reference format").
        string message = ParseError("nginx@sha256:" + Hex64.ToUpperInvariant());
        Assert.Contains("lowercase", message);
        Assert.Contains("sha256", message);
    }

    [Theory]
    [InlineData("localhost:abc/x")]
    [InlineData("my.reg:/x")]
    [InlineData("-bad.io/x")]
    [InlineData("bad-.io/x")]
    [InlineData("[zz]:5000/x")]
    public void InvalidRegistryHostOrPort_IsRejected(string text)
    {
        string registry = text[..text.IndexOf('/')];
        string message = ParseError(text);
        Assert.Contains($"'{registry}' is not a valid registry host[:port]", message);
    }

    // ---- Repository path rules ----

    [Theory]
    [InlineData("Nginx")]
    [InlineData("library/Nginx")]
    [InlineData("foo/Bar:1")]
    [InlineData("localhost:5000/App")]
    public void UppercaseRepository_IsRejectedSayingLowercase(string text)
    {
        string message = ParseError(text);
        Assert.Contains("lowercase", message);
        Assert.Contains($"'{text}'", message);
    }

    [Fact]
    public void UppercaseTag_IsAllowed()
    {
        Assert.Equal("Latest-RC", ImageReference.Parse("nginx:Latest-RC").Tag);
    }

    [Fact]
    public void SixtyFourHex_IsAnIdNotAName()
    {
        string message = ParseError(Hex64);
        Assert.Contains("ID", message);
        Assert.False(ImageReference.TryParse(Hex64, out ImageReference? r));
        Assert.Null(r);
    }

    [Fact]
    public void SixtyFourHexWithATag_IsAName()
    {
        // Only the bare 64-hex string is reserved for IDs (anchoredIdentifierRegexp).
        ImageReference r = ImageReference.Parse(Hex64 + ":1");
        Assert.Equal("library/" + Hex64, r.Repository);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" ", "white space")]
    [InlineData("   ", "white space")]
    [InlineData("ngi nx", "white space")]
    [InlineData(" nginx", "white space")]
    [InlineData("nginx\t", "white space")]
    public void EmptyOrWhiteSpace_IsRejected(string text, string expected)
    {
        Assert.Contains(expected, ParseError(text));
        Assert.False(ImageReference.TryParse(text, out _));
    }

    [Fact]
    public void Null_ThrowsArgumentNullFromParse_AndFailsTryParse()
    {
        Assert.Throws<ArgumentNullException>(() => ImageReference.Parse(null!));
        Assert.False(ImageReference.TryParse(null, out ImageReference? r));
        Assert.Null(r);
    }

    [Theory]
    [InlineData(":tag")]
    [InlineData("@" + Digest)]
    [InlineData("localhost:5000/")]
    [InlineData("ghcr.io/")]
    public void MissingRepository_IsRejected(string text)
    {
        Assert.Contains("repository name is missing", ParseError(text));
    }

    [Theory]
    [InlineData("a//b")]
    [InlineData("nginx/")]
    [InlineData("foo/bar/")]
    [InlineData("ghcr.io/a//b")]
    public void EmptyPathComponent_IsRejected(string text)
    {
        string message = ParseError(text);
        Assert.Contains("empty", message);
        Assert.Contains("'//'", message);
    }

    [Theory]
    [InlineData("a__b")]
    [InlineData("a_b")]
    [InlineData("a.b")]
    [InlineData("a-b")]
    [InlineData("a--b")]
    [InlineData("a---b")]
    [InlineData("a0.b1_c2__d3-e4")]
    [InlineData("foo/a__b/c-d")]
    public void ValidSeparators_AreAccepted(string text)
    {
        Assert.True(ImageReference.TryParse(text, out ImageReference? r));
        Assert.EndsWith(text, r!.Repository);
    }

    [Theory]
    [InlineData("a___b")]
    [InlineData("a..b")]
    [InlineData("a._b")]
    [InlineData("a_-b")]
    [InlineData("-ab")]
    [InlineData("ab-")]
    [InlineData("_ab")]
    [InlineData("ab.")]
    [InlineData("foo/.bar")]
    [InlineData("a+b")]
    public void InvalidSeparators_AreRejectedNamingTheComponent(string text)
    {
        string message = ParseError(text);
        string component = text.Contains('/') ? text[(text.LastIndexOf('/') + 1)..] : text;
        Assert.Contains($"'{component}' is not a valid repository component", message);
    }

    // ---- Tags ----

    [Fact]
    public void EmptyTag_IsRejected()
    {
        Assert.Contains("tag after ':' is empty", ParseError("nginx:"));
    }

    [Theory]
    [InlineData("nginx:.hidden")]
    [InlineData("nginx:-rc")]
    [InlineData("nginx:a+b")]
    [InlineData("nginx:a b")]
    public void BadTagCharacters_AreRejected(string text)
    {
        string message = ParseError(text);
        Assert.True(message.Contains("tag", StringComparison.Ordinal) || message.Contains("white space", StringComparison.Ordinal), message);
    }

    [Theory]
    [InlineData("nginx:.hidden", ".hidden")]
    [InlineData("nginx:-rc", "-rc")]
    [InlineData("nginx:a+b", "a+b")]
    public void BadTag_MessageNamesTheTagAndTheRule(string text, string tag)
    {
        string message = ParseError(text);
        Assert.Contains($"'{tag}'", message);
        Assert.Contains("may not start with '.' or '-'", message);
    }

    [Theory]
    [InlineData("nginx:_x")]
    [InlineData("nginx:1.2.3-alpine_x")]
    [InlineData("nginx:9")]
    public void ValidTags_AreAccepted(string text)
    {
        Assert.Equal(text[6..], ImageReference.Parse(text).Tag);
    }

    [Fact]
    public void Tag_Of128Characters_IsAccepted_129_IsRejected()
    {
        string t128 = "a" + new string('b', 127);
        Assert.Equal(t128, ImageReference.Parse("nginx:" + t128).Tag);

        string message = ParseError("nginx:" + t128 + "c");
        Assert.Contains("longer than 128", message);
    }

    // ---- Name length ----

    [Fact]
    public void NameLength_IsCountedOnTheNormalizedName()
    {
        // "docker.io/library/" is 18 characters: a single-component Hub name may be 237 long.
        string ok = new('a', 255 - "docker.io/library/".Length);
        ImageReference r = ImageReference.Parse(ok);
        Assert.Equal(255, r.Name.Length);

        string tooLong = ok + "a";
        Assert.Equal(238, tooLong.Length);
        string message = ParseError(tooLong);
        Assert.Contains("longer than 255", message);
    }

    [Fact]
    public void NameLength_OnAnotherRegistry()
    {
        string registry = "my.reg:5000";
        string path = "x/" + new string('b', 255 - registry.Length - 1 - 2);
        Assert.Equal(255, ImageReference.Parse(registry + "/" + path).Name.Length);
        Assert.Contains("longer than 255", ParseError(registry + "/" + path + "b"));
    }

    [Fact]
    public void NameLength_DoesNotCountTheTag()
    {
        string name = new('a', 237);
        ImageReference r = ImageReference.Parse(name + ":" + new string('t', 128));
        Assert.Equal(255, r.Name.Length);
    }

    // ---- WithTag, EffectiveTag ----

    [Fact]
    public void WithTag_ReplacesTheTagAndDropsTheDigest()
    {
        ImageReference r = ImageReference.Parse("localhost:5000/app:1@" + Digest).WithTag("2");

        Assert.Equal("localhost:5000", r.Registry);
        Assert.Equal("app", r.Repository);
        Assert.Equal("2", r.Tag);
        Assert.Null(r.Digest);
        Assert.Equal("localhost:5000/app:2", r.FullName);
    }

    [Fact]
    public void WithTag_DoesNotChangeTheOriginal()
    {
        ImageReference original = ImageReference.Parse("nginx:1");
        _ = original.WithTag("2");
        Assert.Equal("1", original.Tag);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".x")]
    [InlineData("-x")]
    [InlineData("a/b")]
    [InlineData("a:b")]
    public void WithTag_RejectsInvalidTags(string tag)
    {
        var ex = Assert.Throws<FormatException>(() => ImageReference.Parse("nginx").WithTag(tag));
        Assert.Contains($"'{tag}'", ex.Message);
        Assert.Contains("128", ex.Message);
    }

    [Fact]
    public void WithTag_Rejects129Characters()
    {
        Assert.Throws<FormatException>(() => ImageReference.Parse("nginx").WithTag(new string('a', 129)));
        Assert.Equal(128, ImageReference.Parse("nginx").WithTag(new string('a', 128)).Tag!.Length);
    }

    [Theory]
    [InlineData("nginx", "latest")]
    [InlineData("nginx:1.25", "1.25")]
    [InlineData("nginx@" + Digest, null)]
    [InlineData("nginx:1.25@" + Digest, null)]
    public void EffectiveTag(string text, string? expected)
    {
        Assert.Equal(expected, ImageReference.Parse(text).EffectiveTag);
    }

    // ---- Equality, cast, TryParse ----

    [Fact]
    public void Equality_IsOnTheNormalizedForm()
    {
        ImageReference a = ImageReference.Parse("nginx:1");
        ImageReference b = ImageReference.Parse("docker.io/library/nginx:1");
        ImageReference c = ImageReference.Parse("index.docker.io/library/nginx:1");

        Assert.Equal(a, b);
        Assert.True(a.Equals(c));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.GetHashCode(), c.GetHashCode());
        Assert.Single(new HashSet<ImageReference> { a, b, c });
    }

    [Fact]
    public void Equality_DistinguishesTagsDigestsAndRegistries()
    {
        ImageReference plain = ImageReference.Parse("nginx");

        Assert.NotEqual(plain, ImageReference.Parse("nginx:1"));
        Assert.NotEqual(plain, ImageReference.Parse("nginx@" + Digest));
        Assert.NotEqual(plain, ImageReference.Parse("localhost/nginx"));
        Assert.NotEqual(plain, ImageReference.Parse("nginx:latest")); // no tag given is not the same reference as :latest
        Assert.False(plain.Equals(null));
        Assert.False(plain.Equals("docker.io/library/nginx"));
    }

    [Fact]
    public void ExplicitCast_Parses()
    {
        var r = (ImageReference)"bitnami/python:3.9.15";
        Assert.Equal("docker.io/bitnami/python:3.9.15", r.ToString());
    }

    [Fact]
    public void ExplicitCast_ThrowsFormatExceptionOnBadNames()
    {
        Assert.Throws<FormatException>(() => (ImageReference)"UPPER");
    }

    [Fact]
    public void TryParse_ReturnsTheReferenceOnSuccess()
    {
        Assert.True(ImageReference.TryParse("localhost:5000/app:1", out ImageReference? r));
        Assert.NotNull(r);
        Assert.Equal("localhost:5000/app:1", r!.FamiliarName);
    }

    [Theory]
    [InlineData("nginx:")]
    [InlineData("a//b")]
    [InlineData("Nginx")]
    [InlineData("nginx@sha256:short")]
    public void TryParse_FailsWithoutThrowing(string text)
    {
        Assert.False(ImageReference.TryParse(text, out ImageReference? r));
        Assert.Null(r);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("bitnami/python:3.9.15")]
    [InlineData("localhost:5000/app:1")]
    [InlineData("[::1]:5000/x")]
    [InlineData("ghcr.io/o/r:t@" + Digest)]
    [InlineData("Foo.example/bar")]
    public void ToStringAndFamiliarName_RoundTrip(string text)
    {
        ImageReference r = ImageReference.Parse(text);
        Assert.Equal(r, ImageReference.Parse(r.ToString()));
        Assert.Equal(r, ImageReference.Parse(r.FamiliarName));
        Assert.Equal(text, r.FamiliarName);
    }
}
