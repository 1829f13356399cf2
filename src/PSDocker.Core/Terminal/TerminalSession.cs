using System.Runtime.InteropServices;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Terminal;

/// <summary>How a terminal session ended.</summary>
public enum TerminalSessionEnd
{
    /// <summary>The engine closed the output: the process ended (or the container was stopped or killed).</summary>
    OutputEnded,
    /// <summary>The user typed the detach keys: the process goes on without us.</summary>
    Detached,
}

/// <summary>What a terminal session connects.</summary>
public sealed record TerminalSessionOptions
{
    /// <summary>The hijacked attach or exec connection (both directions).</summary>
    public required Stream Connection { get; init; }

    /// <summary>Ends the process's input (half-close), when the keyboard input ends; null to leave it open.</summary>
    public Func<CancellationToken, Task>? CloseInput { get; init; }

    /// <summary>The process has a terminal: the output is raw bytes (else multiplexed stdout/stderr frames).</summary>
    public bool Tty { get; init; }

    /// <summary>Send what is typed to the process.</summary>
    public bool SendInput { get; init; }

    /// <summary>The detach sequence, watched in the typed bytes (null: none).</summary>
    public DetachKeys? DetachKeys { get; init; }

    /// <summary>Sets the process's terminal size (width, height); called at the start and whenever the window changes.</summary>
    public Func<int, int, CancellationToken, Task>? Resize { get; init; }
}

/// <summary>
/// Connects a <see cref="TerminalConsole"/> to a hijacked attach/exec connection: typed bytes go to the process,
/// its output goes to the screen as it comes, and its terminal follows the window size.
/// </summary>
public static class TerminalSession
{
    private const int ResizePollMs = 250;

    /// <summary>
    /// Runs until the output ends or the user detaches. The keyboard reader is stopped and joined before this returns,
    /// so no read is left pending on the console. Cancelling the token ends the session (OperationCanceledException).
    /// </summary>
    /// <exception cref="IOException">The connection broke.</exception>
    public static async Task<TerminalSessionEnd> RunAsync(TerminalConsole console, TerminalSessionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(options);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationToken token = stop.Token;

        // Raw output is copied on a thread of its own with blocking reads: no thread-pool hop between the engine's
        // bytes and the screen (keypress-to-echo latency). Stopping the session closes the connection to end the read.
        Task output = options.Tty
            ? Task.Factory.StartNew(() => CopyRawOutput(options.Connection, console), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : CopyFramedOutputAsync(options.Connection, console, token);
        using CancellationTokenRegistration closeOnStop = options.Tty ? token.Register(() => CloseQuietly(options.Connection)) : default;
        Task<bool> input = options.SendInput
            ? Task.Factory.StartNew(() => PumpInput(console, options, token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : Task.FromResult(false);
        Task resize = options.Resize is null ? Task.CompletedTask : FollowWindowSizeAsync(console, options.Resize, token);

        try
        {
            if (!options.SendInput)
            {
                await output.ConfigureAwait(false);
                return TerminalSessionEnd.OutputEnded;
            }
            Task first = await Task.WhenAny(output, input).ConfigureAwait(false);
            if (first == input)
            {
                bool detached = false;
                try
                {
                    detached = await input.ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // The connection closed under the writer (the process ended): the output says how.
                }
                if (detached) return TerminalSessionEnd.Detached;
                // The input ended (and was half-closed): the output goes on until the process ends.
            }
            await output.ConfigureAwait(false);
            return TerminalSessionEnd.OutputEnded;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // Stopping closed the connection under the reader: that is a cancellation, not a broken connection.
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            stop.Cancel();
            // Join the keyboard reader and the resize loop: nothing of this session may outlive it.
            await Quietly(input).ConfigureAwait(false);
            await Quietly(resize).ConfigureAwait(false);
            await Quietly(output).ConfigureAwait(false);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already reported (or a consequence of stopping the session).
        }
    }

    private static void CopyRawOutput(Stream connection, TerminalConsole console)
    {
        var buffer = new byte[32 * 1024];
        while (true)
        {
            int n = connection.Read(buffer, 0, buffer.Length);
            if (n == 0) return;
            console.Write(buffer.AsSpan(0, n));
        }
    }

    private static void CloseQuietly(Stream connection)
    {
        try
        {
            connection.Dispose();
        }
        catch (Exception)
        {
            // Closing only ends the output read; the owner disposes the connection again.
        }
    }

    private static async Task CopyFramedOutputAsync(Stream connection, TerminalConsole console, CancellationToken cancellationToken)
    {
        var reader = new MultiplexedStreamReader(connection);
        while (await reader.ReadFrameAsync(cancellationToken).ConfigureAwait(false) is { } frame)
        {
            if (frame.StreamType == 2 || frame.StreamType == 3) console.WriteError(frame.Payload.Span);
            else console.Write(frame.Payload.Span);
        }
    }

    /// <summary>Reads the keyboard (on its own thread); true when the user detached, false when the input ended.</summary>
    private static bool PumpInput(TerminalConsole console, TerminalSessionOptions options, CancellationToken cancellationToken)
    {
        DetachKeyFilter? filter = options.DetachKeys is null ? null : new DetachKeyFilter(options.DetachKeys);
        var buffer = new byte[4096];
        var pass = new List<byte>(4096);
        while (true)
        {
            int n = console.Read(buffer, cancellationToken);
            if (n == 0)
            {
                if (filter?.Flush() is { Length: > 0 } held) options.Connection.Write(held);
                options.Connection.Flush();
                options.CloseInput?.Invoke(cancellationToken).GetAwaiter().GetResult();
                return false;
            }
            if (filter is null)
            {
                options.Connection.Write(buffer, 0, n);
                options.Connection.Flush();
                continue;
            }
            pass.Clear();
            bool detach = filter.Process(buffer.AsSpan(0, n), pass);
            if (pass.Count > 0)
            {
                options.Connection.Write(CollectionsMarshal.AsSpan(pass));
                options.Connection.Flush();
            }
            if (detach) return true;
        }
    }

    private static async Task FollowWindowSizeAsync(TerminalConsole console, Func<int, int, CancellationToken, Task> resize, CancellationToken cancellationToken)
    {
        using var changed = new SemaphoreSlim(0);
        PosixSignalRegistration? winch = null;
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                winch = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ =>
                {
                    try { changed.Release(); } catch (ObjectDisposedException) { }
                });
            }
        }
        catch (PlatformNotSupportedException)
        {
            // Polling below still follows the window.
        }
        try
        {
            (int, int)? last = null;
            while (!cancellationToken.IsCancellationRequested)
            {
                if (console.GetSize() is { } size && size != last)
                {
                    try
                    {
                        await resize(size.Width, size.Height, cancellationToken).ConfigureAwait(false);
                        last = size;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Best effort, as docker: the process may not have a terminal yet or may have ended.
                        last = size;
                    }
                }
                await changed.WaitAsync(ResizePollMs, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            winch?.Dispose();
        }
    }
}
