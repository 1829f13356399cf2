using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace PSDocker.Core.Transport;

/// <summary>A frame of a multiplexed attach or log stream.</summary>
public readonly record struct StreamFrame(int StreamType, ReadOnlyMemory<byte> Payload);

/// <summary>
/// Reads the engine's multiplexed stream framing (<c>stdcopy</c>): an 8-byte header
/// <c>[type, 0, 0, 0, size (uint32 big-endian)]</c>, then the payload. Types: 0 stdin, 1 stdout, 2 stderr, 3 system error.
/// </summary>
public sealed class MultiplexedStreamReader
{
    private readonly Stream _stream;
    private readonly byte[] _header = new byte[8];
    private byte[] _payload = new byte[16 * 1024];

    public MultiplexedStreamReader(Stream stream) => _stream = stream;

    /// <summary>The next frame, or null at the end of the stream. The payload is valid until the next call.</summary>
    /// <exception cref="InvalidDataException">The stream ended inside a frame or the header is not a frame header.</exception>
    public async ValueTask<StreamFrame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        int got = await ReadFullyAsync(_header, cancellationToken).ConfigureAwait(false);
        if (got == 0) return null;
        if (got < _header.Length) throw new InvalidDataException("The engine's output stream ended inside a frame header.");
        int type = _header[0];
        if (type > 3 || _header[1] != 0 || _header[2] != 0 || _header[3] != 0)
            throw new InvalidDataException("The engine's output stream is not multiplexed as expected (bad frame header).");
        uint size = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
        if (size > 64 * 1024 * 1024) throw new InvalidDataException($"The engine sent a frame of {size} bytes, larger than PSDocker accepts.");
        if (_payload.Length < size) _payload = new byte[Math.Max(size, _payload.Length * 2)];
        Memory<byte> payload = _payload.AsMemory(0, (int)size);
        if (size > 0 && await ReadFullyAsync(payload, cancellationToken).ConfigureAwait(false) < size)
            throw new InvalidDataException("The engine's output stream ended inside a frame.");
        return new StreamFrame(type, payload);
    }

    private async ValueTask<int> ReadFullyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = await _stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}

/// <summary>Splits a byte stream into UTF-8 lines, across chunk boundaries.</summary>
public sealed class LineSplitter
{
    private readonly MemoryStream _pending = new();

    /// <summary>Adds a chunk and returns the lines it completes (without <c>\n</c> or a trailing <c>\r</c>).</summary>
    public IReadOnlyList<string> Push(ReadOnlySpan<byte> chunk)
    {
        List<string>? lines = null;
        while (chunk.Length > 0)
        {
            int newline = chunk.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _pending.Write(chunk);
                break;
            }
            (lines ??= new List<string>()).Add(Take(chunk[..newline]));
            chunk = chunk[(newline + 1)..];
        }
        return (IReadOnlyList<string>?)lines ?? Array.Empty<string>();
    }

    /// <summary>The last line when the stream ended without a newline; null when nothing is pending.</summary>
    public string? Flush() => _pending.Length == 0 ? null : Take(ReadOnlySpan<byte>.Empty);

    private string Take(ReadOnlySpan<byte> tail)
    {
        string line;
        if (_pending.Length == 0)
        {
            line = Encoding.UTF8.GetString(tail);
        }
        else
        {
            _pending.Write(tail);
            line = Encoding.UTF8.GetString(_pending.GetBuffer(), 0, (int)_pending.Length);
            _pending.SetLength(0);
        }
        return line.EndsWith('\r') ? line[..^1] : line;
    }
}

/// <summary>Turns a container's raw (tty) or multiplexed output stream into log lines.</summary>
public static class OutputDecoder
{
    /// <summary>Reads lines until the stream ends.</summary>
    /// <param name="stream">The logs or attach body.</param>
    /// <param name="tty">True when the container has a terminal: the stream is raw, not multiplexed.</param>
    /// <param name="timestamps">True when each line starts with an RFC 3339 timestamp and a space.</param>
    /// <param name="id">The container's ID, copied into each line.</param>
    /// <param name="name">The container's name, copied into each line.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="DockerApiException">The engine reported an error inside the stream (system-error frame).</exception>
    public static async IAsyncEnumerable<PSDocker.ContainerLogLine> ReadLinesAsync(
        Stream stream, bool tty, bool timestamps, string id, string name,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stdout = new LineSplitter();
        var stderr = new LineSplitter();
        if (tty)
        {
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                foreach (string line in stdout.Push(buffer.AsSpan(0, n)))
                    yield return MakeLine(line, ContainerStream.StdOut, timestamps, id, name);
            }
        }
        else
        {
            var reader = new MultiplexedStreamReader(stream);
            while (await reader.ReadFrameAsync(cancellationToken).ConfigureAwait(false) is { } frame)
            {
                if (frame.StreamType == 3)
                    throw new DockerApiException(System.Net.HttpStatusCode.InternalServerError, Encoding.UTF8.GetString(frame.Payload.Span).Trim());
                bool isErr = frame.StreamType == 2;
                foreach (string line in (isErr ? stderr : stdout).Push(frame.Payload.Span))
                    yield return MakeLine(line, isErr ? ContainerStream.StdErr : ContainerStream.StdOut, timestamps, id, name);
            }
        }
        if (stdout.Flush() is { } lastOut) yield return MakeLine(lastOut, ContainerStream.StdOut, timestamps, id, name);
        if (stderr.Flush() is { } lastErr) yield return MakeLine(lastErr, ContainerStream.StdErr, timestamps, id, name);
    }

    /// <summary>Builds a line, splitting off the engine's timestamp when asked to.</summary>
    public static PSDocker.ContainerLogLine MakeLine(string text, ContainerStream stream, bool timestamps, string id, string name)
    {
        DateTime? stamp = null;
        if (timestamps)
        {
            int space = text.IndexOf(' ');
            string head = space < 0 ? text : text[..space];
            if (DateTime.TryParse(head, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime parsed))
            {
                stamp = DateTime.SpecifyKind(parsed, DateTimeKind.Utc).ToLocalTime();
                text = space < 0 ? "" : text[(space + 1)..];
            }
        }
        return new PSDocker.ContainerLogLine { Text = text, Stream = stream, Timestamp = stamp, ContainerId = id, ContainerName = name };
    }
}
