using System.Runtime.InteropServices;

namespace PSDocker.Core.Tests;

public class EndpointTests
{
    [Fact]
    public void UnixSocket()
    {
        DockerEndpoint e = DockerEndpoint.Parse("unix:///var/run/docker.sock");
        Assert.Equal(EndpointKind.Unix, e.Kind);
        Assert.Equal("/var/run/docker.sock", e.Address);
        Assert.Null(e.Host);
        Assert.Equal(0, e.Port);
        Assert.Equal("", e.BasePath);
        Assert.Equal(new Uri("http://docker.sock/"), e.BaseUri);
        Assert.Equal("unix:///var/run/docker.sock", e.ToString());
    }

    [Fact]
    public void UnixScheme_IsCaseInsensitive()
    {
        DockerEndpoint e = DockerEndpoint.Parse("UNIX:///run/user/1000/podman/podman.sock");
        Assert.Equal(EndpointKind.Unix, e.Kind);
        Assert.Equal("/run/user/1000/podman/podman.sock", e.Address);
    }

    [Theory]
    [InlineData("unix://")]
    [InlineData("unix://var/run/docker.sock")]
    public void UnixSocket_MustBeAbsolute(string text)
    {
        FormatException ex = Assert.Throws<FormatException>(() => DockerEndpoint.Parse(text));
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("absolute", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TcpWithPort()
    {
        DockerEndpoint e = DockerEndpoint.Parse("tcp://host:2376");
        Assert.Equal(EndpointKind.Tcp, e.Kind);
        Assert.Equal("host", e.Host);
        Assert.Equal("host", e.Address);
        Assert.Equal(2376, e.Port);
        Assert.Equal(new Uri("http://host:2376/"), e.BaseUri);
        Assert.Equal("tcp://host:2376", e.ToString());
    }

    [Fact]
    public void TcpWithoutPort_Uses2375()
    {
        DockerEndpoint e = DockerEndpoint.Parse("tcp://host");
        Assert.Equal("host", e.Host);
        Assert.Equal(2375, e.Port);
        Assert.Equal("tcp://host:2375", e.ToString());
    }

    [Fact]
    public void HttpScheme_IsTcp()
    {
        DockerEndpoint e = DockerEndpoint.Parse("http://127.0.0.1:2375");
        Assert.Equal(EndpointKind.Tcp, e.Kind);
        Assert.Equal("127.0.0.1", e.Host);
        Assert.Equal(2375, e.Port);
        Assert.Equal(DockerEndpoint.Parse("tcp://127.0.0.1:2375"), e);
    }

    [Fact]
    public void BareHostAndPort_IsTcp()
    {
        DockerEndpoint e = DockerEndpoint.Parse("example.internal:4243");
        Assert.Equal(EndpointKind.Tcp, e.Kind);
        Assert.Equal("example.internal", e.Host);
        Assert.Equal(4243, e.Port);
        Assert.Equal("tcp://example.internal:4243", e.ToString());
    }

    [Fact]
    public void BareHost_Uses2375()
    {
        DockerEndpoint e = DockerEndpoint.Parse("localhost");
        Assert.Equal(EndpointKind.Tcp, e.Kind);
        Assert.Equal("localhost", e.Host);
        Assert.Equal(2375, e.Port);
    }

    [Theory]
    [InlineData("tcp://:2375")]
    [InlineData("tcp://")]
    public void EmptyHost_IsLoopback(string text)
    {
        DockerEndpoint e = DockerEndpoint.Parse(text);
        Assert.Equal("127.0.0.1", e.Host);
        Assert.Equal(2375, e.Port);
    }

    [Fact]
    public void BracketedIPv6()
    {
        DockerEndpoint e = DockerEndpoint.Parse("tcp://[::1]:2375");
        Assert.Equal(EndpointKind.Tcp, e.Kind);
        Assert.Equal("::1", e.Host);
        Assert.Equal(2375, e.Port);
        Assert.Equal(new Uri("http://[::1]:2375/"), e.BaseUri);
        Assert.Equal("tcp://[::1]:2375", e.ToString());
    }

    [Fact]
    public void BracketedIPv6_WithoutPort_Uses2375()
    {
        DockerEndpoint e = DockerEndpoint.Parse("tcp://[fe80::1]");
        Assert.Equal("fe80::1", e.Host);
        Assert.Equal(2375, e.Port);
    }

    [Theory]
    [InlineData("tcp://::1:2375", "brackets")]
    [InlineData("tcp://[::1:2375", "unclosed")]
    [InlineData("tcp://[::1]x2375", "not a valid TCP endpoint")]
    public void MalformedIPv6_IsRejected(string text, string expected)
    {
        FormatException ex = Assert.Throws<FormatException>(() => DockerEndpoint.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp://host:0", "'0'")]
    [InlineData("tcp://host:65536", "'65536'")]
    [InlineData("tcp://host:abc", "'abc'")]
    [InlineData("tcp://host:", "''")]
    [InlineData("tcp://[::1]:99999", "'99999'")]
    public void InvalidPort_IsRejected(string text, string expected)
    {
        FormatException ex = Assert.Throws<FormatException>(() => DockerEndpoint.Parse(text));
        Assert.Contains("invalid port " + expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 65535", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedPipe()
    {
        DockerEndpoint e = DockerEndpoint.Parse("npipe:////./pipe/docker_engine");
        Assert.Equal(EndpointKind.NamedPipe, e.Kind);
        Assert.Equal("docker_engine", e.Address);
        Assert.Null(e.Host);
        Assert.Equal(0, e.Port);
        Assert.Equal(new Uri("http://docker.sock/"), e.BaseUri);
        Assert.Equal("npipe:////./pipe/docker_engine", e.ToString());
    }

    [Theory]
    [InlineData(@"npipe://\\.\pipe\podman-machine-default")]
    [InlineData("npipe:////./PIPE/podman-machine-default")]
    [InlineData("npipe://podman-machine-default")]
    public void NamedPipe_OtherSpellings(string text)
    {
        DockerEndpoint e = DockerEndpoint.Parse(text);
        Assert.Equal(EndpointKind.NamedPipe, e.Kind);
        Assert.Equal("podman-machine-default", e.Address);
    }

    [Theory]
    [InlineData("npipe://")]
    [InlineData("npipe:////./pipe/")]
    [InlineData("npipe:////./pipe/a/b")]
    public void NamedPipe_Invalid(string text)
    {
        FormatException ex = Assert.Throws<FormatException>(() => DockerEndpoint.Parse(text));
        Assert.Contains("named pipe", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BasePath_IsKeptWithoutTrailingSlash()
    {
        DockerEndpoint e = DockerEndpoint.Parse("tcp://host:2375/docker/api/");
        Assert.Equal("/docker/api", e.BasePath);
        Assert.Equal(new Uri("http://host:2375/docker/api/"), e.BaseUri);
        Assert.Equal("tcp://host:2375/docker/api", e.ToString());
        // Relative request paths resolve under the base path.
        Assert.Equal("/docker/api/v1.41/_ping", new Uri(e.BaseUri, "v1.41/_ping").AbsolutePath);
    }

    [Fact]
    public void RootPathOnly_IsNoBasePath()
    {
        DockerEndpoint e = DockerEndpoint.Parse("tcp://host:2375/");
        Assert.Equal("", e.BasePath);
        Assert.Equal(new Uri("http://host:2375/"), e.BaseUri);
    }

    [Theory]
    [InlineData("ssh://user@host", "ssh://")]
    [InlineData("foo://bar", "unknown scheme 'foo'")]
    [InlineData("fd://", "unknown scheme 'fd'")]
    public void UnsupportedSchemes_AreRejectedWithAReason(string text, string expected)
    {
        FormatException ex = Assert.Throws<FormatException>(() => DockerEndpoint.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownScheme_MessageListsTheSupportedOnes()
    {
        FormatException ex = Assert.Throws<FormatException>(() => DockerEndpoint.Parse("foo://bar"));
        Assert.Contains("unix://", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tcp://", ex.Message, StringComparison.Ordinal);
        Assert.Contains("npipe://", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_IsRejected(string text)
    {
        FormatException ex = Assert.Throws<FormatException>(() => DockerEndpoint.Parse(text));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_Throws()
        => Assert.Throws<ArgumentNullException>(() => DockerEndpoint.Parse(null!));

    [Fact]
    public void Equality_IsByCanonicalForm()
    {
        DockerEndpoint a = DockerEndpoint.Parse("tcp://host");
        DockerEndpoint b = DockerEndpoint.Parse("http://host:2375/");
        DockerEndpoint c = DockerEndpoint.Parse("tcp://host:2376");
        Assert.Equal(a, b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.False(a.Equals(null));
    }

    [Theory]
    [InlineData("unix:///var/run/docker.sock")]
    [InlineData("npipe:////./pipe/docker_engine")]
    [InlineData("tcp://host:2376")]
    [InlineData("tcp://[::1]:2375")]
    [InlineData("tcp://host:2375/base")]
    public void ToString_ParsesBackToTheSameEndpoint(string text)
    {
        DockerEndpoint e = DockerEndpoint.Parse(text);
        Assert.Equal(text, e.ToString());
        Assert.Equal(e, DockerEndpoint.Parse(e.ToString()));
    }
}

/// <summary>Tests that read or change the DOCKER_HOST environment variable: never run in parallel with anything.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerHostEnvironmentCollection
{
    public const string Name = "DOCKER_HOST environment variable";
}

[Collection(DockerHostEnvironmentCollection.Name)]
public sealed class EndpointResolveTests : IDisposable
{
    private const string Variable = "DOCKER_HOST";
    private readonly string? _saved = Environment.GetEnvironmentVariable(Variable);

    public void Dispose() => Environment.SetEnvironmentVariable(Variable, _saved);

    private static string PlatformDefault
        => RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? DockerEndpoint.DefaultNamedPipe : DockerEndpoint.DefaultUnix;

    [Fact]
    public void Explicit_WinsOverTheEnvironment()
    {
        Environment.SetEnvironmentVariable(Variable, "tcp://from-env:2375");
        Assert.Equal("tcp://explicit:2376", DockerEndpoint.Resolve("tcp://explicit:2376").ToString());
    }

    [Fact]
    public void Environment_IsUsedWithoutExplicit()
    {
        Environment.SetEnvironmentVariable(Variable, "tcp://from-env:2375");
        Assert.Equal("tcp://from-env:2375", DockerEndpoint.Resolve(null).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankExplicit_FallsBackToTheEnvironment(string blank)
    {
        Environment.SetEnvironmentVariable(Variable, "unix:///tmp/env.sock");
        Assert.Equal("unix:///tmp/env.sock", DockerEndpoint.Resolve(blank).ToString());
    }

    [Fact]
    public void NeitherExplicitNorEnvironment_UsesThePlatformDefault()
    {
        Environment.SetEnvironmentVariable(Variable, null);
        Assert.Equal(PlatformDefault, DockerEndpoint.Resolve(null).ToString());
    }

    [Fact]
    public void BlankEnvironment_UsesThePlatformDefault()
    {
        Environment.SetEnvironmentVariable(Variable, "  ");
        Assert.Equal(PlatformDefault, DockerEndpoint.Resolve(null).ToString());
    }

    [Fact]
    public void InvalidEnvironment_IsReportedNotIgnored()
    {
        Environment.SetEnvironmentVariable(Variable, "ssh://user@remote");
        FormatException ex = Assert.ThrowsAny<FormatException>(() => DockerEndpoint.Resolve(null));
        Assert.Contains("ssh://user@remote", ex.Message, StringComparison.Ordinal);
    }
}
