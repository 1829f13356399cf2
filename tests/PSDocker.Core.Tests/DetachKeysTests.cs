using PSDocker.Core.Terminal;

namespace PSDocker.Core.Tests;

public class DetachKeysTests
{
    [Fact]
    public void Default_IsCtrlPCtrlQ()
    {
        Assert.Equal(new byte[] { 0x10, 0x11 }, DetachKeys.Default.Bytes.ToArray());
        Assert.Equal("ctrl-p,ctrl-q", DetachKeys.Default.Text);
        Assert.Equal("Ctrl+P Ctrl+Q", DetachKeys.Default.Describe());
    }

    [Theory]
    [InlineData("ctrl-a", new byte[] { 1 })]
    [InlineData("ctrl-z", new byte[] { 26 })]
    [InlineData("CTRL-X,x", new byte[] { 24, (byte)'x' })]
    [InlineData("ctrl-@", new byte[] { 0 })]
    [InlineData("ctrl-[", new byte[] { 27 })]
    [InlineData("ctrl-\\", new byte[] { 28 })]
    [InlineData("ctrl-]", new byte[] { 29 })]
    [InlineData("ctrl-^", new byte[] { 30 })]
    [InlineData("ctrl-_", new byte[] { 31 })]
    [InlineData("a,b,c", new byte[] { (byte)'a', (byte)'b', (byte)'c' })]
    [InlineData(",", null)]
    public void Parse_DockerSyntax(string text, byte[]? expected)
    {
        if (expected is null)
        {
            Assert.Throws<FormatException>(() => DetachKeys.Parse(text));
            return;
        }
        Assert.Equal(expected, DetachKeys.Parse(text).Bytes.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ctrl-1")]
    [InlineData("ctrl-")]
    [InlineData("ctrl-p,,ctrl-q")]
    [InlineData("ctrl-p,")]
    [InlineData("ctrlp")]
    [InlineData("ab")]
    [InlineData("é")]
    [InlineData("ctrl-pp")]
    public void Parse_RejectsMalformed(string text)
    {
        FormatException ex = Assert.Throws<FormatException>(() => DetachKeys.Parse(text));
        Assert.Contains("ctrl-p,ctrl-q", ex.Message);
        Assert.False(DetachKeys.TryParse(text, out DetachKeys? keys, out string? error));
        Assert.Null(keys);
        Assert.Equal(ex.Message, error);
    }

    [Fact]
    public void Describe_NamesControlKeys()
        => Assert.Equal("Ctrl+X x Ctrl+\\ Ctrl+@", DetachKeys.Parse("ctrl-x,x,ctrl-\\,ctrl-@").Describe());
}

public class DetachKeyFilterTests
{
    private static void Check(bool detached, byte[] passed, (bool Detached, byte[] Passed) actual)
    {
        Assert.Equal(detached, actual.Detached);
        Assert.Equal(passed, actual.Passed);
    }

    private static (bool Detached, byte[] Passed) Run(DetachKeyFilter filter, params byte[] input)
    {
        var output = new List<byte>();
        bool detached = filter.Process(input, output);
        return (detached, output.ToArray());
    }

    [Fact]
    public void PassesOrdinaryInput()
    {
        var f = new DetachKeyFilter(DetachKeys.Default);
        Check(false, "ls\r"u8.ToArray(), Run(f, "ls\r"u8.ToArray()));
    }

    [Fact]
    public void Detaches_OnTheSequenceInOneChunk_PassingWhatCameBefore()
    {
        var f = new DetachKeyFilter(DetachKeys.Default);
        (bool detached, byte[] passed) = Run(f, (byte)'a', 0x10, 0x11, (byte)'b');
        Assert.True(detached);
        Assert.Equal(new[] { (byte)'a' }, passed);
    }

    [Fact]
    public void Detaches_OnTheSequenceAcrossChunks_HoldingTheFirstKey()
    {
        var f = new DetachKeyFilter(DetachKeys.Default);
        Check(false, Array.Empty<byte>(), Run(f, 0x10));
        Check(true, Array.Empty<byte>(), Run(f, 0x11));
    }

    [Fact]
    public void BrokenSequence_PassesTheHeldKeys()
    {
        var f = new DetachKeyFilter(DetachKeys.Default);
        Check(false, Array.Empty<byte>(), Run(f, 0x10));
        Check(false, new byte[] { 0x10, (byte)'x' }, Run(f, (byte)'x'));
    }

    [Fact]
    public void RepeatedFirstKey_PassesOneAndKeepsWatching()
    {
        var f = new DetachKeyFilter(DetachKeys.Default);
        Check(false, new byte[] { 0x10 }, Run(f, 0x10, 0x10));
        Check(true, Array.Empty<byte>(), Run(f, 0x11));
    }

    [Fact]
    public void OverlappingSequence_IsFoundAfterAFalseStart()
    {
        var f = new DetachKeyFilter(DetachKeys.Parse("a,a,b"));
        (bool detached, byte[] passed) = Run(f, "aaab"u8.ToArray());
        Assert.True(detached);
        Assert.Equal("a"u8.ToArray(), passed);
    }

    [Fact]
    public void Flush_ReturnsHeldKeysAtTheEnd()
    {
        var f = new DetachKeyFilter(DetachKeys.Default);
        Check(false, "x"u8.ToArray(), Run(f, (byte)'x', 0x10));
        Assert.Equal(new byte[] { 0x10 }, f.Flush());
        Assert.Empty(f.Flush());
    }
}
