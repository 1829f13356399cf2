using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace PSDocker.Core.Concurrency;

/// <summary>One item of a merged stream: the source it came from, and either a value or the failure that ended that source.</summary>
public readonly record struct MergedItem<TState, T>(TState Source, T? Value, Exception? Error);

/// <summary>Reads several async streams at once and hands their items on as they arrive (<c>docker stats</c> over several containers).</summary>
public static class StreamMerge
{
    /// <summary>
    /// Every item of every source, in arrival order. A source that fails yields one item carrying its exception and the
    /// others go on; the merged stream ends when every source has ended. Disposing it (Ctrl+C) cancels every source.
    /// </summary>
    public static async IAsyncEnumerable<MergedItem<TState, T>> MergeAsync<TState, T>(
        IReadOnlyList<TState> sources, Func<TState, CancellationToken, IAsyncEnumerable<T>> open,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(open);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateUnbounded<MergedItem<TState, T>>(new UnboundedChannelOptions { SingleReader = true });
        int running = sources.Count;
        if (running == 0) yield break;
        Task[] readers = sources.Select(source => Task.Run(async () =>
        {
            try
            {
                await foreach (T item in open(source, cancel.Token).WithCancellation(cancel.Token).ConfigureAwait(false))
                    await channel.Writer.WriteAsync(new MergedItem<TState, T>(source, item, null), cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                channel.Writer.TryWrite(new MergedItem<TState, T>(source, default, ex));
            }
            finally
            {
                if (Interlocked.Decrement(ref running) == 0) channel.Writer.TryComplete();
            }
        }, CancellationToken.None)).ToArray();
        try
        {
            await foreach (MergedItem<TState, T> item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return item;
        }
        finally
        {
            cancel.Cancel();
            await Task.WhenAll(readers).ConfigureAwait(false);
        }
    }
}
