using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace PSDocker.Core.Transport;

/// <summary>
/// Small helpers to drive a <see cref="HijackedStream"/>: copy an input source to it and half-close,
/// and read its output as chunks tagged with their stream.
/// </summary>
public static class HijackPump
{
    /// <summary>
    /// Writes every chunk of <paramref name="input"/> to the stream (flushing each, so an interactive reader sees it
    /// at once), then half-closes it: the container's standard input ends, its output keeps arriving.
    /// If the process ended and the engine closed the connection, the rest of the input is dropped (as docker does).
    /// </summary>
    /// <returns>True when all input was written; false when the connection closed first.</returns>
    public static async Task<bool> CopyInputAsync(HijackedStream hijacked, IAsyncEnumerable<ReadOnlyMemory<byte>> input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hijacked);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            await foreach (ReadOnlyMemory<byte> chunk in input.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await hijacked.Stream.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                await hijacked.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsClosed(ex, cancellationToken))
        {
            return false;
        }
        await hijacked.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Copies a stream (a file, redirected standard input) to the container's input, then half-closes.</summary>
    /// <returns>True when all input was written; false when the connection closed first.</returns>
    public static async Task<bool> CopyInputAsync(HijackedStream hijacked, Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hijacked);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            await input.CopyToAsync(hijacked.Stream, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsClosed(ex, cancellationToken))
        {
            return false;
        }
        await hijacked.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static bool IsClosed(Exception ex, CancellationToken cancellationToken)
        => !cancellationToken.IsCancellationRequested && ex is IOException or SocketException or ObjectDisposedException;

    /// <summary>
    /// The output as it arrives: with a terminal (<paramref name="tty"/>) raw chunks as stdout (type 1); without,
    /// the multiplexed frames (1 stdout, 2 stderr). The payload is valid until the next item.
    /// </summary>
    /// <exception cref="DockerApiException">The engine reported an error inside the stream (system-error frame).</exception>
    /// <exception cref="InvalidDataException">A multiplexed stream is not framed as expected.</exception>
    public static async IAsyncEnumerable<StreamFrame> ReadOutputAsync(Stream stream, bool tty, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (tty)
        {
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                yield return new StreamFrame(1, buffer.AsMemory(0, n));
            yield break;
        }
        var reader = new MultiplexedStreamReader(stream);
        while (await reader.ReadFrameAsync(cancellationToken).ConfigureAwait(false) is { } frame)
        {
            if (frame.StreamType == 3)
                throw new DockerApiException(HttpStatusCode.InternalServerError, Encoding.UTF8.GetString(frame.Payload.Span).Trim());
            if (frame.StreamType is 1 or 2) yield return frame;
        }
    }

    /// <summary>Copies the output to sinks (stdout, stderr) until it ends; with a terminal everything goes to <paramref name="stdout"/>.</summary>
    public static async Task CopyOutputAsync(Stream stream, bool tty, Stream stdout, Stream? stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        await foreach (StreamFrame frame in ReadOutputAsync(stream, tty, cancellationToken).ConfigureAwait(false))
        {
            Stream sink = frame.StreamType == 2 && stderr is not null ? stderr : stdout;
            await sink.WriteAsync(frame.Payload, cancellationToken).ConfigureAwait(false);
            await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
