using System.Globalization;

namespace PSDocker.Core.Transport;

/// <summary>
/// The time limit of calls that are not streams, and the record of which request a call is in (so a timeout names it).
/// Streams (logs -Follow, wait, attach, pull and build progress) have no limit; they notice a dead engine instead
/// (TCP keepalive, and an idle probe of /_ping: see <see cref="StreamIdleProbe"/>).
/// </summary>
public static class EngineCallTimeout
{
    /// <summary>The environment variable that overrides the default limit, in seconds (0: no limit).</summary>
    public const string EnvironmentVariable = "PSDOCKER_TIMEOUT";

    /// <summary>HttpClient's default: long enough for the slow non-streaming calls (a prune, an image removal, a create that
    /// mounts many volumes), short enough that a stalled engine does not hang a script. Pulls, pushes, builds, logs,
    /// waits and attach sessions are streams, which this limit never cuts.</summary>
    public static readonly TimeSpan BuiltInDefault = TimeSpan.FromSeconds(100);

    private static readonly AsyncLocal<CallTrace?> Current = new();
    private static readonly AsyncLocal<TimeSpan?> StreamLimit = new();

    /// <summary>How long a stream may stay silent before PSDocker checks, with /_ping, that the engine is still there.</summary>
    public static readonly TimeSpan MaxStreamIdleProbe = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The silence after which a stream opened now probes the engine: the call limit of the cmdlet that opens it
    /// (<see cref="RunStreamStepAsync"/>), at most <see cref="MaxStreamIdleProbe"/>.
    /// </summary>
    internal static TimeSpan StreamIdleProbe
        => StreamLimit.Value is { } limit && limit > TimeSpan.Zero && limit < MaxStreamIdleProbe ? limit : MaxStreamIdleProbe;

    /// <summary>Inside a stream step: how long a request may go unanswered before /_ping is probed; null outside one.</summary>
    internal static TimeSpan? StreamRequestProbe => StreamLimit.Value is null ? null : StreamIdleProbe;

    /// <summary>
    /// Runs one step of a stream (opening it, or reading its next item) without a time limit: a stream that opens here
    /// probes the engine with /_ping whenever it has been silent for <paramref name="limit"/> (at most 30 s), and ends
    /// in <see cref="EngineConnectionLostException"/> when the engine does not answer within that time.
    /// </summary>
    public static Task<T> RunStreamStepAsync<T>(Func<CancellationToken, Task<T>> step, TimeSpan limit, CancellationToken cancellationToken)
    {
        TimeSpan? outer = StreamLimit.Value;
        StreamLimit.Value = limit;
        try
        {
            return step(cancellationToken);
        }
        finally
        {
            StreamLimit.Value = outer;
        }
    }

    /// <summary>The default limit: <c>$env:PSDOCKER_TIMEOUT</c> seconds when set (0 is no limit), else 100 seconds.</summary>
    /// <exception cref="FormatException">PSDOCKER_TIMEOUT is not a whole number of seconds, 0 or more.</exception>
    public static TimeSpan Default
    {
        get
        {
            string? text = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(text)) return BuiltInDefault;
            if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int seconds))
                throw new FormatException($"$env:{EnvironmentVariable} is '{text}': it must be a whole number of seconds (0 waits without a limit).");
            return seconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds);
        }
    }

    /// <summary>"100 seconds", "1.5 seconds".</summary>
    public static string Format(TimeSpan timeout)
        => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + (timeout == TimeSpan.FromSeconds(1) ? " second" : " seconds");

    /// <summary>
    /// Runs a call with a time limit (none when <paramref name="timeout"/> is infinite or zero). When the limit runs out
    /// the call is cancelled and an <see cref="EngineTimeoutException"/> names the request the call was in. The engine to
    /// name when no request was recorded (the handshake was already under way) is <paramref name="fallbackEndpoint"/>.
    /// </summary>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, TimeSpan timeout, string fallbackEndpoint, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero) return await operation(cancellationToken).ConfigureAwait(false);
        var trace = new CallTrace();
        CallTrace? outer = Current.Value;
        Current.Value = trace;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        Task<T> task;
        try
        {
            task = operation(limit.Token);
        }
        finally
        {
            Current.Value = outer;
        }
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                                   && ex is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException
                                        or EngineConnectionLostException)
        {
            throw new EngineTimeoutException(trace.Endpoint ?? fallbackEndpoint, trace.Call, timeout, ex);
        }
    }

    /// <summary>Notes the request a timed call is in (the transport calls this for every request it sends).</summary>
    internal static void Record(string endpoint, string call)
    {
        if (Current.Value is { } trace)
        {
            trace.Endpoint = endpoint;
            trace.Call = call;
        }
    }

    private sealed class CallTrace
    {
        public volatile string? Endpoint;
        public volatile string? Call;
    }
}
