using PSDocker.Core.Containers;

namespace PSDocker.Core.Tests;

public class VolumeSpecTests
{
    [Fact]
    public void BindMount()
    {
        VolumeSpec spec = VolumeSpec.Parse("/host:/ctr");
        Assert.Equal(VolumeKind.Bind, spec.Kind);
        Assert.Equal("/host", spec.Source);
        Assert.Equal("/ctr", spec.Target);
        Assert.Empty(spec.Options);
        Assert.False(spec.ReadOnly);
        Assert.Equal("/host:/ctr", spec.ToBind());
    }

    [Fact]
    public void ReadOnlyBindMount()
    {
        VolumeSpec spec = VolumeSpec.Parse("/host:/ctr:ro");
        Assert.Equal(VolumeKind.Bind, spec.Kind);
        Assert.Equal(new[] { "ro" }, spec.Options);
        Assert.True(spec.ReadOnly);
        Assert.Equal("/host:/ctr:ro", spec.ToBind());
    }

    [Fact]
    public void NamedVolume()
    {
        VolumeSpec spec = VolumeSpec.Parse("vol:/ctr");
        Assert.Equal(VolumeKind.Named, spec.Kind);
        Assert.Equal("vol", spec.Source);
        Assert.Equal("/ctr", spec.Target);
        Assert.Equal("vol:/ctr", spec.ToBind());
    }

    [Theory]
    [InlineData("my_data.v-1")]
    [InlineData("a1")]
    [InlineData("0data")]
    public void VolumeNames(string name)
    {
        VolumeSpec spec = VolumeSpec.Parse(name + ":/data");
        Assert.Equal(VolumeKind.Named, spec.Kind);
        Assert.Equal(name, spec.Source);
    }

    [Fact]
    public void AnonymousVolume_HasNoBind()
    {
        VolumeSpec spec = VolumeSpec.Parse("/ctr");
        Assert.Equal(VolumeKind.Anonymous, spec.Kind);
        Assert.Null(spec.Source);
        Assert.Equal("/ctr", spec.Target);
        Assert.Empty(spec.Options);
        Assert.Null(spec.ToBind());
    }

    [Fact]
    public void SeveralOptions_KeepTheirOrderInTheBind()
    {
        VolumeSpec spec = VolumeSpec.Parse("/host:/ctr:ro,z");
        Assert.Equal(new[] { "ro", "z" }, spec.Options);
        Assert.True(spec.ReadOnly);
        Assert.Equal("/host:/ctr:ro,z", spec.ToBind());
    }

    [Fact]
    public void ReadWriteOption()
    {
        VolumeSpec spec = VolumeSpec.Parse("/host:/ctr:rw");
        Assert.False(spec.ReadOnly);
        Assert.Equal("/host:/ctr:rw", spec.ToBind());
    }

    [Fact]
    public void NoCopyOnNamedVolume()
    {
        VolumeSpec spec = VolumeSpec.Parse("cache:/var/cache:nocopy");
        Assert.Equal(VolumeKind.Named, spec.Kind);
        Assert.Equal(new[] { "nocopy" }, spec.Options);
        Assert.Equal("cache:/var/cache:nocopy", spec.ToBind());
    }

    [Theory]
    [InlineData("Z")]
    [InlineData("rshared")]
    [InlineData("rprivate")]
    [InlineData("delegated")]
    [InlineData("ro,Z,rslave")]
    public void KnownOptions_AreAccepted(string options)
    {
        VolumeSpec spec = VolumeSpec.Parse("/h:/c:" + options);
        Assert.Equal(options.Split(','), spec.Options);
    }

    [Theory]
    [InlineData(@"C:\data:/data", @"C:\data")]
    [InlineData("D:/srv/www:/usr/share/nginx/html", "D:/srv/www")]
    public void WindowsHostPath_KeepsItsDriveColon(string text, string source)
    {
        VolumeSpec spec = VolumeSpec.Parse(text);
        Assert.Equal(VolumeKind.Bind, spec.Kind);
        Assert.Equal(source, spec.Source);
    }

    [Fact]
    public void WindowsHostPathWithOptions()
    {
        VolumeSpec spec = VolumeSpec.Parse(@"C:\data:/data:ro");
        Assert.Equal(@"C:\data", spec.Source);
        Assert.Equal("/data", spec.Target);
        Assert.True(spec.ReadOnly);
        Assert.Equal(@"C:\data:/data:ro", spec.ToBind());
    }

    [Fact]
    public void Null_Throws()
        => Assert.Throws<ArgumentNullException>(() => VolumeSpec.Parse(null!));

    // Each rejected value, with a piece of text the message must contain to say what is wrong.
    [Theory]
    [InlineData("", "empty")]
    [InlineData("  ", "empty")]
    [InlineData("/host:ctr", "'ctr' is not absolute")]
    [InlineData("ctr", "'ctr' is not absolute")]
    [InlineData("vol:data", "'data' is not absolute")]
    [InlineData("/host:/", "cannot be '/'")]
    [InlineData("/", "cannot be '/'")]
    [InlineData("./x:/ctr", "'./x' is relative")]
    [InlineData("../x:/ctr", "'../x' is relative")]
    [InlineData("~/x:/ctr", "'~/x' is relative")]
    [InlineData("/host:/ctr:bogus", "'bogus'")]
    [InlineData("/host:/ctr:ro,bogus", "'bogus'")]
    [InlineData("/host:/ctr:RO", "'RO'")]
    [InlineData("/host:/ctr:ro,rw", "both ro and rw")]
    [InlineData("/host:/ctr:ro,ro", "repeated")]
    [InlineData("/host:/ctr:ro,", "''")]
    [InlineData("/host::/ctr", "empty")]
    [InlineData(":/ctr", "empty")]
    [InlineData("/host:", "empty")]
    [InlineData("/host:/ctr:", "empty")]
    [InlineData("/a:/b:ro:z", "too many colons")]
    [InlineData("x y:/ctr", "'x y'")]
    [InlineData("-vol:/ctr", "'-vol'")]
    public void Rejects_WithMessageNamingTheProblem(string text, string expected)
    {
        FormatException ex = Assert.Throws<FormatException>(() => VolumeSpec.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Invalid volume specification '{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOption_MessageListsTheValidOnes()
    {
        FormatException ex = Assert.Throws<FormatException>(() => VolumeSpec.Parse("/h:/c:bogus"));
        Assert.Contains("ro, rw", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SurroundingWhiteSpaceIsIgnored()
    {
        VolumeSpec spec = VolumeSpec.Parse("  /h:/c \t");
        Assert.Equal("/h", spec.Source);
        Assert.Equal("/c", spec.Target);
        Assert.Equal("/h:/c", spec.ToBind());
    }
}
