using PSDocker.Core.Containers;

namespace PSDocker.Core.Tests;

public class PortSpecTests
{
    [Fact]
    public void ContainerPortOnly_IsUnpublishedTcp()
    {
        PortSpec spec = Assert.Single(PortSpec.Parse("80"));
        Assert.Equal(new PortSpec(null, null, 80, "tcp"), spec);
        Assert.Equal("80/tcp", spec.Key);
        Assert.Equal("", spec.HostPortText);
        Assert.Null(spec.HostPortRange);
    }

    [Fact]
    public void HostAndContainerPort()
    {
        PortSpec spec = Assert.Single(PortSpec.Parse("8080:80"));
        Assert.Null(spec.HostIP);
        Assert.Equal(8080, spec.HostPort);
        Assert.Equal(80, spec.ContainerPort);
        Assert.Equal("tcp", spec.Protocol);
        Assert.Equal("8080", spec.HostPortText);
    }

    [Fact]
    public void IPv4AddressHostAndContainerPort()
    {
        PortSpec spec = Assert.Single(PortSpec.Parse("127.0.0.1:8080:80"));
        Assert.Equal(new PortSpec("127.0.0.1", 8080, 80, "tcp"), spec);
    }

    [Fact]
    public void IPv4AddressWithEmptyHostPort_LetsTheEngineChoose()
    {
        PortSpec spec = Assert.Single(PortSpec.Parse("127.0.0.1::80"));
        Assert.Equal("127.0.0.1", spec.HostIP);
        Assert.Null(spec.HostPort);
        Assert.Equal(80, spec.ContainerPort);
        Assert.Equal("", spec.HostPortText);
    }

    [Fact]
    public void BracketedIPv6Address()
    {
        PortSpec spec = Assert.Single(PortSpec.Parse("[::1]:8080:80"));
        Assert.Equal(new PortSpec("::1", 8080, 80, "tcp"), spec);
    }

    [Fact]
    public void BracketedIPv6AddressWithEmptyHostPort()
    {
        PortSpec spec = Assert.Single(PortSpec.Parse("[::1]::80/udp"));
        Assert.Equal(new PortSpec("::1", null, 80, "udp"), spec);
    }

    [Theory]
    [InlineData("8080:80/udp", "udp")]
    [InlineData("8080:80/tcp", "tcp")]
    [InlineData("8080:80/sctp", "sctp")]
    [InlineData("8080:80/UDP", "udp")]
    public void Protocol(string text, string protocol)
    {
        PortSpec spec = Assert.Single(PortSpec.Parse(text));
        Assert.Equal(protocol, spec.Protocol);
        Assert.Equal("80/" + protocol, spec.Key);
        Assert.Equal(8080, spec.HostPort);
    }

    [Fact]
    public void SurroundingWhiteSpaceIsIgnored()
    {
        PortSpec spec = Assert.Single(PortSpec.Parse("  8080:80 "));
        Assert.Equal(new PortSpec(null, 8080, 80, "tcp"), spec);
    }

    [Fact]
    public void MatchingRanges_ExpandToOneSpecPerPort()
    {
        IReadOnlyList<PortSpec> specs = PortSpec.Parse("8000-8002:80-82");
        Assert.Equal(
            new[]
            {
                new PortSpec(null, 8000, 80, "tcp"),
                new PortSpec(null, 8001, 81, "tcp"),
                new PortSpec(null, 8002, 82, "tcp"),
            },
            specs);
    }

    [Fact]
    public void RangesKeepAddressAndProtocol()
    {
        IReadOnlyList<PortSpec> specs = PortSpec.Parse("127.0.0.1:9000-9001:90-91/udp");
        Assert.Equal(
            new[]
            {
                new PortSpec("127.0.0.1", 9000, 90, "udp"),
                new PortSpec("127.0.0.1", 9001, 91, "udp"),
            },
            specs);
    }

    [Fact]
    public void ContainerRangeWithoutHost_ExpandsUnpublished()
    {
        IReadOnlyList<PortSpec> specs = PortSpec.Parse("80-82");
        Assert.Equal(new[] { 80, 81, 82 }, specs.Select(s => s.ContainerPort));
        Assert.All(specs, s => Assert.Null(s.HostPort));
        Assert.All(specs, s => Assert.Equal("", s.HostPortText));
    }

    [Fact]
    public void HostRangeForOneContainerPort_IsOneSpecWithHostPortRange()
    {
        PortSpec spec = Assert.Single(PortSpec.Parse("8000-8010:80"));
        Assert.Equal(80, spec.ContainerPort);
        Assert.Null(spec.HostPort);
        Assert.Equal("8000-8010", spec.HostPortRange);
        Assert.Equal("8000-8010", spec.HostPortText);
        Assert.Equal("80/tcp", spec.Key);
    }

    [Fact]
    public void SinglePortRange_IsOnePort()
    {
        PortSpec spec = Assert.Single(PortSpec.Parse("8080-8080:80-80"));
        Assert.Equal(new PortSpec(null, 8080, 80, "tcp"), spec);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("65535")]
    public void PortBoundsAreAccepted(string port)
    {
        PortSpec spec = Assert.Single(PortSpec.Parse(port + ":" + port));
        Assert.Equal(int.Parse(port), spec.ContainerPort);
        Assert.Equal(int.Parse(port), spec.HostPort);
    }

    [Fact]
    public void Null_Throws()
        => Assert.Throws<ArgumentNullException>(() => PortSpec.Parse(null!));

    // Each rejected value, with a piece of text the message must contain to say what is wrong.
    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("0", "'0'")]
    [InlineData("65536", "'65536'")]
    [InlineData("8080:0", "'0'")]
    [InlineData("70000:80", "'70000'")]
    [InlineData("abc", "'abc'")]
    [InlineData("8080:abc", "'abc'")]
    [InlineData("-80", "''")]
    [InlineData("+80", "'+80'")]
    [InlineData("80/icmp", "'icmp'")]
    [InlineData("80/", "''")]
    [InlineData("1.2.3:80:80", "'1.2.3'")]
    [InlineData("localhost:8080:80", "'localhost'")]
    [InlineData("127.1:8080:80", "'127.1'")]
    [InlineData("127.0.0.01:8080:80", "'127.0.0.01'")]
    [InlineData("8000-8001:80-82", "2 ports")]
    [InlineData("90-80", "'90-80'")]
    [InlineData("8010-8000:80", "'8010-8000'")]
    [InlineData("8080:", "container port is missing")]
    [InlineData("127.0.0.1:8080:", "container port is missing")]
    [InlineData("[::1]:", "needs a host port")]
    [InlineData("[::1]:8080", "host port")]
    [InlineData("[::1", "[address]")]
    [InlineData("[::1]8080:80", "[address]")]
    [InlineData("[127.0.0.1]:8080:80", "'127.0.0.1' is not an IPv6 address")]
    public void Rejects_WithMessageNamingTheProblem(string text, string expected)
    {
        FormatException ex = Assert.Throws<FormatException>(() => PortSpec.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RangeMismatch_MessageGivesBothCounts()
    {
        FormatException ex = Assert.Throws<FormatException>(() => PortSpec.Parse("8000-8001:80-82"));
        Assert.Contains("host range has 2 ports", ex.Message, StringComparison.Ordinal);
        Assert.Contains("container range has 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReversedRange_MessageSaysItEndsBeforeItStarts()
    {
        FormatException ex = Assert.Throws<FormatException>(() => PortSpec.Parse("90-80"));
        Assert.Contains("ends before it starts", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1:2:3:4")]
    [InlineData("127.0.0.1:8080:80:90")]
    public void TooManyColons_Rejected(string text)
    {
        FormatException ex = Assert.Throws<FormatException>(() => PortSpec.Parse(text));
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("too many colons", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[ip:][hostPort:]containerPort", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::1:8080:80")]
    [InlineData("fe80::1:8080:80")]
    [InlineData("::1")]
    [InlineData("::1:80")]
    [InlineData("2001:db8::5:8080:80/udp")]
    public void IPv6WithoutBrackets_Rejected_WithAdviceToUseBrackets(string text)
    {
        FormatException ex = Assert.Throws<FormatException>(() => PortSpec.Parse(text));
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bracket", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Message_ShowsTheExpectedForm()
    {
        FormatException ex = Assert.Throws<FormatException>(() => PortSpec.Parse("abc"));
        Assert.StartsWith("Invalid port specification 'abc':", ex.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:8080:80", ex.Message, StringComparison.Ordinal);
    }
}
