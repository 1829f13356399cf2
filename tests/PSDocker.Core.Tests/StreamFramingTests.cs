using System.Diagnostics;
using System.Net;
using System.Text;
using PSDocker.Core.Transport;
using static PSDocker.Core.Tests.Frames;

namespace PSDocker.Core.Tests;

public class MultiplexedStreamReaderTests
{
    private static async Task<List<(int Type, string Text)>> ReadAll(Stream stream)
    {
        var reader = new MultiplexedStreamReader(stream);
        var frames = new List<(int, string)>();
        while (await reader.ReadFrameAsync(CancellationToken.None) is { } frame)
            frames.Add((frame.StreamType, Encoding.UTF8.GetString(frame.Payload.Span)));
        return frames;
    }

    [Fact]
    public async Task ReadsFramesInOrder_ThenNullAtTheEnd()
    {
        byte[] data = Concat(StdOut("out 1\n"), StdErr("err 1\n"), StdOut("out 2\n"));
        var frames = await ReadAll(new MemoryStream(data));
        Assert.Equal(new[] { (1, "out 1\n"), (2, "err 1\n"), (1, "out 2\n") }, frames);
    }

    [Fact]
    public async Task EmptyStream_HasNoFrames()
    {
        var reader = new MultiplexedStreamReader(new MemoryStream());
        Assert.Null(await reader.ReadFrameAsync(CancellationToken.None));
    }

    [Fact]
    public async Task FramesSplitIntoOneByteReads()
    {
        byte[] data = Concat(StdOut("hello"), StdErr("wörld"), Frame(0, "in"));
        var stream = ChunkedStream.Fixed(data, 1);
        var frames = await ReadAll(stream);
        Assert.Equal(new[] { (1, "hello"), (2, "wörld"), (0, "in") }, frames);
        Assert.True(stream.Reads >= data.Length, "every byte should have needed its own read");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    public async Task FramesSplitIntoRandomSmallReads(int seed)
    {
        var expected = new List<(int, string)>();
        var parts = new List<byte[]>();
        var random = new Random(seed);
        for (int i = 0; i < 50; i++)
        {
            int type = random.Next(1, 3);
            string text = new string((char)('a' + i % 26), random.Next(0, 40));
            expected.Add((type, text));
            parts.Add(Frame(type, text));
        }
        var frames = await ReadAll(ChunkedStream.Random(Concat(parts.ToArray()), seed, max: 11));
        Assert.Equal(expected, frames);
    }

    [Fact]
    public async Task ZeroLengthFrames_AreFramesWithEmptyPayloads()
    {
        byte[] data = Concat(StdOut(""), StdErr("x"), StdOut(""));
        var reader = new MultiplexedStreamReader(ChunkedStream.Fixed(data, 3));
        StreamFrame? first = await reader.ReadFrameAsync(CancellationToken.None);
        Assert.NotNull(first);
        Assert.Equal(1, first.Value.StreamType);
        Assert.True(first.Value.Payload.IsEmpty);
        StreamFrame? second = await reader.ReadFrameAsync(CancellationToken.None);
        Assert.Equal(2, second!.Value.StreamType);
        Assert.Equal("x", Encoding.UTF8.GetString(second.Value.Payload.Span));
        StreamFrame? third = await reader.ReadFrameAsync(CancellationToken.None);
        Assert.Equal(0, third!.Value.Payload.Length);
        Assert.Null(await reader.ReadFrameAsync(CancellationToken.None));
    }

    [Fact]
    public async Task FrameLargerThanTheInitialBuffer_IsReadWhole()
    {
        byte[] big = new byte[100_000];
        new Random(7).NextBytes(big);
        byte[] data = Concat(Frame(1, big), StdErr("after"));
        var reader = new MultiplexedStreamReader(ChunkedStream.Random(data, 7, max: 5000));
        StreamFrame? frame = await reader.ReadFrameAsync(CancellationToken.None);
        Assert.Equal(big, frame!.Value.Payload.ToArray());
        StreamFrame? next = await reader.ReadFrameAsync(CancellationToken.None);
        Assert.Equal("after", Encoding.UTF8.GetString(next!.Value.Payload.Span));
    }

    [Fact]
    public async Task StreamEndingInsideThePayload_IsInvalidData()
    {
        byte[] frame = StdOut("hello world");
        byte[] data = Concat(StdOut("ok"), frame[..12]);
        var reader = new MultiplexedStreamReader(ChunkedStream.Fixed(data, 2));
        Assert.NotNull(await reader.ReadFrameAsync(CancellationToken.None));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadFrameAsync(CancellationToken.None));
        Assert.Contains("ended inside a frame", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamEndingInsideTheHeader_IsInvalidData()
    {
        byte[] data = Concat(StdOut("ok"), StdOut("next")[..5]);
        var reader = new MultiplexedStreamReader(ChunkedStream.Fixed(data, 1));
        Assert.NotNull(await reader.ReadFrameAsync(CancellationToken.None));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadFrameAsync(CancellationToken.None));
        Assert.Contains("frame header", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 4, 0, 0, 0, 0, 0, 0, 1, (byte)'x' })]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0, 1, (byte)'x' })]
    [InlineData(new byte[] { 1, 0, 0, 9, 0, 0, 0, 1, (byte)'x' })]
    public async Task BadHeader_IsInvalidData(byte[] data)
    {
        var reader = new MultiplexedStreamReader(new MemoryStream(data));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadFrameAsync(CancellationToken.None));
        Assert.Contains("bad frame header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawTextInsteadOfFrames_IsInvalidData()
    {
        // What a tty container's raw output looks like if it is wrongly read as multiplexed.
        var reader = new MultiplexedStreamReader(new MemoryStream(Encoding.UTF8.GetBytes("hello world\n")));
        await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadFrameAsync(CancellationToken.None));
    }

    [Fact]
    public async Task HugeFrameSize_IsInvalidData()
    {
        byte[] header = { 1, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF };
        var reader = new MultiplexedStreamReader(new MemoryStream(header));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadFrameAsync(CancellationToken.None));
        Assert.Contains("larger than PSDocker accepts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_StopsABlockedRead()
    {
        var stream = new BlockingStream(StdOut("first"));
        var reader = new MultiplexedStreamReader(stream);
        using var cts = new CancellationTokenSource();
        Assert.NotNull(await reader.ReadFrameAsync(cts.Token));
        ValueTask<StreamFrame?> pending = reader.ReadFrameAsync(cts.Token);
        await stream.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(5));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending.AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }
}

public class LineSplitterTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void CompleteLines_AreReturnedWithoutNewlines()
    {
        var splitter = new LineSplitter();
        Assert.Equal(new[] { "one", "two" }, splitter.Push(Utf8("one\ntwo\n")));
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void LineSplitAcrossChunks_IsJoined()
    {
        var splitter = new LineSplitter();
        Assert.Empty(splitter.Push(Utf8("hel")));
        Assert.Empty(splitter.Push(Utf8("lo wo")));
        Assert.Equal(new[] { "hello world" }, splitter.Push(Utf8("rld\nnext")));
        Assert.Equal(new[] { "next line" }, splitter.Push(Utf8(" line\n")));
    }

    [Fact]
    public void CrLf_IsStripped_EvenWhenSplitBetweenChunks()
    {
        var splitter = new LineSplitter();
        Assert.Equal(new[] { "a" }, splitter.Push(Utf8("a\r\n")));
        Assert.Empty(splitter.Push(Utf8("b\r")));
        Assert.Equal(new[] { "b" }, splitter.Push(Utf8("\n")));
    }

    [Fact]
    public void LoneCarriageReturnInsideALine_IsKept()
    {
        var splitter = new LineSplitter();
        Assert.Equal(new[] { "50%\r100%" }, splitter.Push(Utf8("50%\r100%\n")));
    }

    [Fact]
    public void EmptyLines_AreLines()
    {
        var splitter = new LineSplitter();
        Assert.Equal(new[] { "", "", "x" }, splitter.Push(Utf8("\n\r\nx\n")));
    }

    [Fact]
    public void MultiByteCharacters_SplitAcrossChunks_AreDecodedWhole()
    {
        const string text = "é€😀 naïve\n";
        byte[] bytes = Utf8(text);
        // Every split point, including inside each multi-byte sequence.
        for (int cut = 1; cut < bytes.Length; cut++)
        {
            var splitter = new LineSplitter();
            var lines = new List<string>();
            lines.AddRange(splitter.Push(bytes.AsSpan(0, cut)));
            lines.AddRange(splitter.Push(bytes.AsSpan(cut)));
            Assert.Equal(new[] { "é€😀 naïve" }, lines);
        }
    }

    [Fact]
    public void OneByteAtATime()
    {
        byte[] bytes = Utf8("ü1\r\nü2\n\nlast");
        var splitter = new LineSplitter();
        var lines = new List<string>();
        foreach (byte b in bytes) lines.AddRange(splitter.Push(new[] { b }));
        Assert.Equal(new[] { "ü1", "ü2", "" }, lines);
        Assert.Equal("last", splitter.Flush());
    }

    [Fact]
    public void Flush_ReturnsTheTrailingPartialLineOnce()
    {
        var splitter = new LineSplitter();
        Assert.Equal(new[] { "done" }, splitter.Push(Utf8("done\npart")));
        Assert.Equal("part", splitter.Flush());
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void Flush_StripsATrailingCarriageReturn()
    {
        var splitter = new LineSplitter();
        splitter.Push(Utf8("x\r"));
        Assert.Equal("x", splitter.Flush());
    }

    [Fact]
    public void Flush_WithNothingPending_IsNull()
    {
        var splitter = new LineSplitter();
        Assert.Null(splitter.Flush());
        splitter.Push(Utf8("a\n"));
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void EmptyChunk_ChangesNothing()
    {
        var splitter = new LineSplitter();
        Assert.Empty(splitter.Push(ReadOnlySpan<byte>.Empty));
        splitter.Push(Utf8("ab"));
        Assert.Empty(splitter.Push(ReadOnlySpan<byte>.Empty));
        Assert.Equal("ab", splitter.Flush());
    }
}

public class OutputDecoderTests
{
    private static async Task<List<ContainerLogLine>> ReadAll(Stream stream, bool tty, bool timestamps = false, CancellationToken cancellationToken = default)
    {
        var lines = new List<ContainerLogLine>();
        await foreach (ContainerLogLine line in OutputDecoder.ReadLinesAsync(stream, tty, timestamps, "0123456789abcdef", "web", cancellationToken))
            lines.Add(line);
        return lines;
    }

    [Fact]
    public async Task Tty_RawStreamIsAllStdOut()
    {
        byte[] raw = Encoding.UTF8.GetBytes("one\r\ntwo\nthree");
        var lines = await ReadAll(ChunkedStream.Fixed(raw, 2), tty: true);
        Assert.Equal(new[] { "one", "two", "three" }, lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal(ContainerStream.StdOut, l.Stream));
        Assert.All(lines, l => Assert.Null(l.Timestamp));
    }

    [Fact]
    public async Task Tty_BytesThatLookLikeFrameHeadersAreText()
    {
        byte[] raw = Concat(new byte[] { 1, 0, 0, 0 }, Encoding.UTF8.GetBytes("x\n"));
        var lines = await ReadAll(new MemoryStream(raw), tty: true);
        Assert.Equal("\u0001\0\0\0x", Assert.Single(lines).Text);
    }

    [Fact]
    public async Task NonTty_DemultiplexesStdOutAndStdErr()
    {
        byte[] data = Concat(StdOut("out 1\nout"), StdErr("err 1\n"), StdOut(" 2\n"), StdErr("err 2\n"));
        var lines = await ReadAll(ChunkedStream.Random(data, 3), tty: false);
        Assert.Equal(
            new[] { ("out 1", ContainerStream.StdOut), ("err 1", ContainerStream.StdErr), ("out 2", ContainerStream.StdOut), ("err 2", ContainerStream.StdErr) },
            lines.Select(l => (l.Text, l.Stream)));
    }

    [Fact]
    public async Task NonTty_PartialLinesOfEachStreamAreKeptApart()
    {
        // stdout's line is interrupted by a whole stderr line: neither is mixed into the other.
        byte[] data = Concat(StdOut("hel"), StdErr("oops\n"), StdOut("lo\n"));
        var lines = await ReadAll(new MemoryStream(data), tty: false);
        Assert.Equal(
            new[] { ("oops", ContainerStream.StdErr), ("hello", ContainerStream.StdOut) },
            lines.Select(l => (l.Text, l.Stream)));
    }

    [Fact]
    public async Task NonTty_TrailingPartialLinesAreFlushedAtTheEnd()
    {
        byte[] data = Concat(StdErr("no newline on stderr"), StdOut("nor on stdout"));
        var lines = await ReadAll(new MemoryStream(data), tty: false);
        Assert.Equal(
            new[] { ("nor on stdout", ContainerStream.StdOut), ("no newline on stderr", ContainerStream.StdErr) },
            lines.Select(l => (l.Text, l.Stream)));
    }

    [Fact]
    public async Task NonTty_ZeroLengthFramesAreHarmless()
    {
        byte[] data = Concat(StdOut(""), StdOut("a\n"), StdErr(""), StdOut(""));
        var lines = await ReadAll(new MemoryStream(data), tty: false);
        Assert.Equal("a", Assert.Single(lines).Text);
    }

    [Fact]
    public async Task NonTty_MultiByteCharacterSplitAcrossFrames()
    {
        byte[] euro = Encoding.UTF8.GetBytes("€\n");
        byte[] data = Concat(Frame(1, euro[..1]), Frame(1, euro[1..2]), Frame(1, euro[2..]));
        var lines = await ReadAll(new MemoryStream(data), tty: false);
        Assert.Equal("€", Assert.Single(lines).Text);
    }

    [Fact]
    public async Task LinesCarryTheContainersIdAndName()
    {
        var lines = await ReadAll(new MemoryStream(StdOut("x\n")), tty: false);
        ContainerLogLine line = Assert.Single(lines);
        Assert.Equal("0123456789abcdef", line.ContainerId);
        Assert.Equal("web", line.ContainerName);
        Assert.Equal("x", line.ToString());
    }

    [Fact]
    public async Task SystemErrorFrame_IsAnApiError()
    {
        byte[] data = Concat(StdOut("before\n"), Frame(3, "  error from daemon in stream: boom\n"), StdOut("never\n"));
        var seen = new List<string>();
        var ex = await Assert.ThrowsAsync<DockerApiException>(async () =>
        {
            await foreach (ContainerLogLine line in OutputDecoder.ReadLinesAsync(new MemoryStream(data), false, false, "id", "web", CancellationToken.None))
                seen.Add(line.Text);
        });
        Assert.Equal("error from daemon in stream: boom", ex.Message);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal(new[] { "before" }, seen);
    }

    [Fact]
    public async Task NonTty_TruncatedFrameIsInvalidData()
    {
        byte[] data = Concat(StdOut("ok\n"), StdOut("cut off")[..10]);
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAll(new MemoryStream(data), tty: false));
    }

    [Fact]
    public async Task Timestamps_AreSplitOffAndParsedAsUtc()
    {
        byte[] data = StdOut("2024-01-02T03:04:05.123456789Z hello world\n2024-01-02T03:04:06Z \n");
        var lines = await ReadAll(new MemoryStream(data), tty: false, timestamps: true);
        Assert.Equal(2, lines.Count);

        Assert.Equal("hello world", lines[0].Text);
        DateTime stamp = lines[0].Timestamp!.Value;
        Assert.Equal(DateTimeKind.Local, stamp.Kind);
        DateTime utc = stamp.ToUniversalTime();
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond)));
        // Nanoseconds end up in .NET's 100 ns ticks: .123456789 s is 1234567.89 ticks, truncated or rounded.
        Assert.InRange(utc.Ticks % TimeSpan.TicksPerSecond, 1234567, 1234568);

        Assert.Equal("", lines[1].Text);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 6, DateTimeKind.Utc), lines[1].Timestamp!.Value.ToUniversalTime());
    }

    [Fact]
    public async Task Timestamps_TextWithoutATimestampIsKept()
    {
        byte[] raw = Encoding.UTF8.GetBytes("not-a-time text\n");
        ContainerLogLine line = Assert.Single(await ReadAll(new MemoryStream(raw), tty: true, timestamps: true));
        Assert.Equal("not-a-time text", line.Text);
        Assert.Null(line.Timestamp);
    }

    [Fact]
    public async Task WithoutTimestamps_ATimestampLookingPrefixIsText()
    {
        byte[] raw = Encoding.UTF8.GetBytes("2024-01-02T03:04:05Z text\n");
        ContainerLogLine line = Assert.Single(await ReadAll(new MemoryStream(raw), tty: true, timestamps: false));
        Assert.Equal("2024-01-02T03:04:05Z text", line.Text);
        Assert.Null(line.Timestamp);
    }

    [Fact]
    public void MakeLine_ToStringPutsTheUtcTimestampFirst()
    {
        ContainerLogLine line = OutputDecoder.MakeLine("2024-01-02T03:04:05.5Z msg", ContainerStream.StdErr, true, "id", "web");
        Assert.Equal("msg", line.Text);
        Assert.Equal(ContainerStream.StdErr, line.Stream);
        Assert.Equal("2024-01-02T03:04:05.5000000Z msg", line.ToString());
    }

    [Fact]
    public void MakeLine_TimestampWithOffsetIsConverted()
    {
        ContainerLogLine line = OutputDecoder.MakeLine("2024-01-02T05:04:05+02:00 msg", ContainerStream.StdOut, true, "id", "web");
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), line.Timestamp!.Value.ToUniversalTime());
        Assert.Equal("msg", line.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cancellation_MidStreamEndsTheReadPromptly(bool tty)
    {
        byte[] first = tty ? Encoding.UTF8.GetBytes("first\n") : StdOut("first\n");
        var stream = new BlockingStream(first);
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();
        var clock = Stopwatch.StartNew();
        Task reading = Task.Run(async () =>
        {
            await foreach (ContainerLogLine line in OutputDecoder.ReadLinesAsync(stream, tty, false, "id", "web", cts.Token))
                seen.Add(line.Text);
        });
        await stream.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(5));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"cancellation took {clock.Elapsed}");
        Assert.Equal(new[] { "first" }, seen);
    }

    [Fact]
    public async Task AlreadyCancelledToken_ReadsNothing()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAll(ChunkedStream.Fixed(StdOut("x\n"), 4), tty: false, cancellationToken: cts.Token));
    }
}
