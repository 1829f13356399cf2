using PSDocker.Core.Containers;

namespace PSDocker.Core.Tests;

/// <summary>The parsers behind New-Container's -Mount, -Memory, -EnvFile, -AddHost and -Health* parameters.</summary>
public class ContainerSpecParserTests
{
    [Fact]
    public void Mount_ParsesAVolumeWithEveryVolumeOption()
    {
        MountSpec m = MountSpec.Parse("type=volume,source=data,target=/data,readonly,volume-nocopy,volume-driver=local,volume-opt=type=tmpfs,volume-label=team=qa");
        Assert.Equal(MountType.Volume, m.Type);
        Assert.Equal("data", m.Source);
        Assert.Equal("/data", m.Target);
        Assert.True(m.ReadOnly);
        Assert.True(m.VolumeNoCopy);
        Assert.Equal("local", m.VolumeDriver);
        Assert.Equal("tmpfs", m.VolumeDriverOptions["type"]);
        Assert.Equal("qa", m.VolumeLabels["team"]);
    }

    [Theory]
    [InlineData("type=bind,src=/host,dst=/c", MountType.Bind, "/host", "/c", false)]
    [InlineData("type=bind,source=/host,destination=/c,ro=true", MountType.Bind, "/host", "/c", true)]
    [InlineData("target=/anon", MountType.Volume, null, "/anon", false)]
    [InlineData("TYPE=Tmpfs,Target=/run,readonly=0", MountType.Tmpfs, null, "/run", false)]
    [InlineData("type=volume,source=v1,target=/x,readonly=1", MountType.Volume, "v1", "/x", true)]
    public void Mount_ParsesDockerForms(string text, MountType type, string? source, string target, bool readOnly)
    {
        MountSpec m = MountSpec.Parse(text);
        Assert.Equal(type, m.Type);
        Assert.Equal(source, m.Source);
        Assert.Equal(target, m.Target);
        Assert.Equal(readOnly, m.ReadOnly);
    }

    [Fact]
    public void Mount_ReadsTmpfsSizeWithUnitsAndModeInOctal()
    {
        MountSpec m = MountSpec.Parse("type=tmpfs,target=/run,tmpfs-size=64m,tmpfs-mode=1777");
        Assert.Equal(64L * 1024 * 1024, m.TmpfsSize);
        Assert.Equal(1023, m.TmpfsMode);
        Assert.Equal("type=tmpfs,target=/run,tmpfs-size=67108864,tmpfs-mode=1777", m.ToString());
    }

    [Fact]
    public void Mount_QuotedFieldsMayHoldCommas()
    {
        MountSpec m = MountSpec.Parse("type=volume,\"volume-opt=o=size=1m,uid=1000\",target=/d");
        Assert.Equal("size=1m,uid=1000", m.VolumeDriverOptions["o"]);
        Assert.Equal(m, MountSpec.Parse(m.ToString()) with { VolumeDriverOptions = m.VolumeDriverOptions, VolumeLabels = m.VolumeLabels });
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("type=volume,source=x", "target is missing")]
    [InlineData("type=tmpfs,target=run", "not an absolute path")]
    [InlineData("type=tmpfs,target=/", "cannot be '/'")]
    [InlineData("type=nfs,target=/x", "not supported")]
    [InlineData("type=bind,target=/x", "needs a source")]
    [InlineData("type=bind,source=rel/dir,target=/x", "not an absolute path")]
    [InlineData("type=tmpfs,source=/x,target=/y", "takes no source")]
    [InlineData("type=bind,source=/h,target=/c,tmpfs-size=1m", "tmpfs-* options")]
    [InlineData("type=tmpfs,target=/c,volume-nocopy", "volume-* options")]
    [InlineData("type=volume,target=/c,bind-propagation=rshared", "bind-* options")]
    [InlineData("type=bind,source=/h,target=/c,bind-propagation=sideways", "bind-propagation")]
    [InlineData("type=volume,target=/c,readonly=maybe", "not a boolean")]
    [InlineData("type=volume,target=/c,colour=red", "the key 'colour' is unknown")]
    [InlineData("type=volume,target=/c,nonsense", "must be a key=value pair")]
    [InlineData("type=tmpfs,target=/c,tmpfs-mode=9", "not an octal number")]
    [InlineData("type=tmpfs,target=/c,tmpfs-size=lots", "tmpfs-size")]
    [InlineData("type=volume,source=bad name,target=/c", "not a valid volume name")]
    [InlineData("type=volume,\"target=/c", "quote is not closed")]
    public void Mount_RejectsMalformedText(string text, string why)
    {
        var ex = Assert.Throws<FormatException>(() => MountSpec.Parse(text));
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("Invalid mount", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("512m", 536870912L)]
    [InlineData("512M", 536870912L)]
    [InlineData("512MB", 536870912L)]
    [InlineData("512MiB", 536870912L)]
    [InlineData("1.5g", 1610612736L)]
    [InlineData("1024", 1024L)]
    [InlineData("10 k", 10240L)]
    [InlineData("1t", 1099511627776L)]
    [InlineData("2b", 2L)]
    public void ByteSize_ReadsDockerNotation(string text, long bytes) => Assert.Equal(bytes, ByteSize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("-1m")]
    [InlineData("12x")]
    [InlineData("1.2.3m")]
    [InlineData("99999999999p")]
    public void ByteSize_RejectsOtherText(string text) => Assert.Throws<FormatException>(() => ByteSize.Parse(text));

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData("0", 0)]
    [InlineData("250us", 0.25)]
    [InlineData("1000000ns", 1)]
    public void GoDuration_ReadsGoNotation(string text, double milliseconds)
        => Assert.Equal(TimeSpan.FromTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond)), GoDuration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("1d")]
    [InlineData("1m 30s")]
    [InlineData("ten seconds")]
    public void GoDuration_RejectsOtherText(string text) => Assert.Throws<FormatException>(() => GoDuration.Parse(text));

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(500, "500ms")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(1_500, "1.5s")]
    public void GoDuration_FormatsAsGoDoes(double milliseconds, string text)
        => Assert.Equal(text, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void EnvFile_ReadsDockerFormat()
    {
        string content = "\uFEFF# comment\r\n\r\n  A=1\nB=\"quoted\" \nC=x=y\nEMPTY=\nFROM_HOST\nUNSET\n   # indented comment\n";
        var lookup = new Dictionary<string, string> { ["FROM_HOST"] = "host value" };
        IReadOnlyList<KeyValuePair<string, string>> vars = EnvFile.Parse(content, n => lookup.TryGetValue(n, out string? v) ? v : null);
        Assert.Equal(new[] { "A=1", "B=\"quoted\" ", "C=x=y", "EMPTY=", "FROM_HOST=host value" }, vars.Select(kv => kv.Key + "=" + kv.Value));
    }

    [Theory]
    [InlineData("OK=1\n=value", "line 2", "no variable name")]
    [InlineData("BAD NAME=1", "line 1", "white space")]
    [InlineData("A=1\n\nB\tC", "line 3", "white space")]
    public void EnvFile_RejectsBadLinesNamingThem(string content, string line, string why)
    {
        var ex = Assert.Throws<FormatException>(() => EnvFile.Parse(content, _ => null, "app.env"));
        Assert.Contains("app.env, " + line, ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db:10.0.0.5", "db", "10.0.0.5")]
    [InlineData("db=10.0.0.5", "db", "10.0.0.5")]
    [InlineData("v6:::1", "v6", "::1")]
    [InlineData("v6:[fd00::1]", "v6", "fd00::1")]
    [InlineData("gw:host-gateway", "gw", "host-gateway")]
    public void ExtraHost_ParsesNameAndAddress(string text, string name, string address)
    {
        ExtraHost h = ExtraHost.Parse(text);
        Assert.Equal(name, h.Name);
        Assert.Equal(address, h.Address);
        Assert.Equal(name + ":" + address, h.ToString());
    }

    [Theory]
    [InlineData("db")]
    [InlineData("db:")]
    [InlineData(":10.0.0.1")]
    [InlineData("db:10.0.0.300")]
    [InlineData("my db:10.0.0.1")]
    public void ExtraHost_RejectsMalformedEntries(string text) => Assert.Throws<FormatException>(() => ExtraHost.Parse(text));

    [Theory]
    [InlineData("nofile=1024:2048", "nofile", 1024L, 2048L)]
    [InlineData("nproc=512", "nproc", 512L, 512L)]
    [InlineData("memlock=-1:-1", "memlock", -1L, -1L)]
    public void Ulimit_Parses(string text, string name, long soft, long hard)
        => Assert.Equal(new UlimitSpec(name, soft, hard), UlimitSpec.Parse(text));

    [Theory]
    [InlineData("nofile")]
    [InlineData("nofile=a")]
    [InlineData("nofile=2048:1024")]
    public void Ulimit_RejectsMalformed(string text) => Assert.Throws<FormatException>(() => UlimitSpec.Parse(text));

    [Fact]
    public void Healthcheck_FormsAndValidation()
    {
        Assert.Equal(new[] { "CMD-SHELL", "curl -f localhost" }, HealthcheckSpec.Shell("curl -f localhost").Test);
        Assert.Equal(new[] { "CMD", "curl", "-f" }, HealthcheckSpec.Exec(new[] { "curl", "-f" }).Test);
        Assert.True(HealthcheckSpec.Disabled.IsDisabled);
        Assert.Same(HealthcheckSpec.Disabled, HealthcheckSpec.Disabled.Validate());
        new HealthcheckSpec { Interval = TimeSpan.FromSeconds(5) }.Validate();
        new HealthcheckSpec { Test = new[] { "CMD", "true" }, Interval = TimeSpan.Zero }.Validate();

        Assert.Contains("NONE takes no command", Assert.Throws<FormatException>(() => new HealthcheckSpec { Test = new[] { "NONE", "x" } }.Validate()).Message);
        Assert.Contains("needs a command", Assert.Throws<FormatException>(() => new HealthcheckSpec { Test = new[] { "CMD" } }.Validate()).Message);
        Assert.Contains("one command string", Assert.Throws<FormatException>(() => new HealthcheckSpec { Test = new[] { "CMD-SHELL", "a", "b" } }.Validate()).Message);
        Assert.Contains("CMD, CMD-SHELL or NONE", Assert.Throws<FormatException>(() => new HealthcheckSpec { Test = new[] { "RUN", "x" } }.Validate()).Message);
        Assert.Contains("at least 1ms", Assert.Throws<FormatException>(() => new HealthcheckSpec { Interval = TimeSpan.FromTicks(5) }.Validate()).Message);
        Assert.Contains("negative", Assert.Throws<FormatException>(() => new HealthcheckSpec { Timeout = TimeSpan.FromSeconds(-1) }.Validate()).Message);
        Assert.Contains("retries", Assert.Throws<FormatException>(() => new HealthcheckSpec { Retries = -1 }.Validate()).Message);
    }

    [Theory]
    [InlineData("Up 3 minutes (healthy)", ContainerHealth.Healthy)]
    [InlineData("Up 3 minutes (unhealthy)", ContainerHealth.Unhealthy)]
    [InlineData("Up 2 seconds (health: starting)", ContainerHealth.Starting)]
    [InlineData("Up 3 minutes", ContainerHealth.None)]
    [InlineData("Up 3 minutes (Paused)", ContainerHealth.None)]
    [InlineData("Exited (0) 2 hours ago", ContainerHealth.None)]
    [InlineData(null, ContainerHealth.None)]
    public void Health_FromTheListsStatusText(string? status, ContainerHealth health)
        => Assert.Equal(health, ContainerHealthMapper.FromStatusText(status));

    [Fact]
    public void Health_FromFlags_AsDockerRunsFlagsDescribeIt()
    {
        Assert.Null(HealthcheckSpec.FromFlags(null, null, null, null, null, disabled: false));
        Assert.Same(HealthcheckSpec.Disabled, HealthcheckSpec.FromFlags(null, null, null, null, null, disabled: true));
        HealthcheckSpec timingsOnly = HealthcheckSpec.FromFlags(null, TimeSpan.FromSeconds(5), null, 2, null, disabled: false)!;
        Assert.Empty(timingsOnly.Test);
        Assert.Equal(TimeSpan.FromSeconds(5), timingsOnly.Interval);
        Assert.Equal(2, timingsOnly.Retries);
        Assert.Equal(new[] { "CMD-SHELL", "true" }, HealthcheckSpec.FromFlags("true", null, null, null, null, disabled: false)!.Test);
        Assert.Throws<ArgumentException>(() => HealthcheckSpec.FromFlags("true", null, null, null, null, disabled: true));
        Assert.Throws<ArgumentException>(() => HealthcheckSpec.FromFlags(null, null, null, 1, null, disabled: true));
        Assert.Throws<FormatException>(() => HealthcheckSpec.FromFlags("true", TimeSpan.FromTicks(10), null, null, null, disabled: false));
    }
}
