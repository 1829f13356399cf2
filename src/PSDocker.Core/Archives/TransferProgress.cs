namespace PSDocker.Core.Archives;

/// <summary>How far a tar transfer is: bytes of the tar stream so far, entries so far, the entry in hand.</summary>
/// <param name="Bytes">Bytes of the tar stream (headers and padding included) sent or received so far.</param>
/// <param name="TotalBytes">The expected total when known (the sum of the files' sizes, or a file's length), else null.</param>
/// <param name="Entries">Entries (files, directories, links) done so far.</param>
/// <param name="Current">The entry in hand, as named in the tar.</param>
public readonly record struct TransferProgress(long Bytes, long? TotalBytes, int Entries, string? Current);

/// <summary>
/// Counts the bytes read or written through it and tells a callback the running total after each read or write.
/// Reads and writes pass straight through (async stays async).
/// </summary>
public sealed class CountingStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly Action<long>? _onCount;
    private long _count;

    /// <param name="inner">The stream to read from or write to.</param>
    /// <param name="onCount">Called with the running total after each read or write (on the thread doing the I/O).</param>
    /// <param name="leaveOpen">Leave <paramref name="inner"/> open when this stream is disposed.</param>
    public CountingStream(Stream inner, Action<long>? onCount, bool leaveOpen = false)
    {
        _inner = inner;
        _onCount = onCount;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Bytes read or written so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    public override bool CanRead => _inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => _inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Count; set => throw new NotSupportedException(); }
    public override void Flush() => _inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private void Add(int n)
    {
        if (n <= 0) return;
        long total = Interlocked.Add(ref _count, n);
        _onCount?.Invoke(total);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = _inner.Read(buffer, offset, count);
        Add(n);
        return n;
    }

    public override int Read(Span<byte> buffer)
    {
        int n = _inner.Read(buffer);
        Add(n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Add(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        _inner.Write(buffer, offset, count);
        Add(count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Write(buffer);
        Add(buffer.Length);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Add(buffer.Length);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen) _inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_leaveOpen) await _inner.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
