using System.Buffers.Binary;
using System.Text;

namespace PSDocker.Core.Tests;

/// <summary>Builds the engine's multiplexed stream framing.</summary>
internal static class Frames
{
    public static byte[] Frame(int type, byte[] payload)
    {
        byte[] frame = new byte[8 + payload.Length];
        frame[0] = (byte)type;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    public static byte[] Frame(int type, string text) => Frame(type, Encoding.UTF8.GetBytes(text));

    public static byte[] StdOut(string text) => Frame(1, text);

    public static byte[] StdErr(string text) => Frame(2, text);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}

/// <summary>A read-only stream that hands out its bytes in small reads: a fixed size, or random sizes from a seed.</summary>
internal sealed class ChunkedStream : Stream
{
    private readonly byte[] _data;
    private readonly Func<int> _nextChunk;
    private int _position;

    private ChunkedStream(byte[] data, Func<int> nextChunk)
    {
        _data = data;
        _nextChunk = nextChunk;
    }

    /// <summary>Every read returns at most <paramref name="size"/> bytes.</summary>
    public static ChunkedStream Fixed(byte[] data, int size) => new(data, () => size);

    /// <summary>Every read returns 1 to <paramref name="max"/> bytes, chosen by a seeded random source.</summary>
    public static ChunkedStream Random(byte[] data, int seed, int max = 7)
    {
        var random = new Random(seed);
        return new(data, () => random.Next(1, max + 1));
    }

    public int Reads { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Reads++;
        int n = Math.Min(Math.Min(buffer.Length, _nextChunk()), _data.Length - _position);
        _data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Task.Yield();
        return Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Hands out a prefix, then blocks every read until its token is cancelled (a follow stream with nothing new).</summary>
internal sealed class BlockingStream : Stream
{
    private readonly byte[] _prefix;
    private int _position;

    public BlockingStream(byte[]? prefix = null) => _prefix = prefix ?? Array.Empty<byte>();

    /// <summary>Completes when a read started blocking.</summary>
    public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < _prefix.Length)
        {
            int n = Math.Min(buffer.Length, _prefix.Length - _position);
            _prefix.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
        Blocked.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("synchronous read of a blocking stream");
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
