namespace PSDocker.Core.Concurrency;

/// <summary>Runs a batch through <see cref="OrderedWork{TState, TResult}"/> from async code.</summary>
public static class OrderedWork
{
    /// <summary>
    /// Runs <paramref name="work"/> on every item, at most <paramref name="throttleLimit"/> at once, and returns the results
    /// in input order. The first failure in input order is thrown (the rest of the work is cancelled).
    /// </summary>
    public static async Task<IReadOnlyList<TResult>> RunAsync<TItem, TResult>(IEnumerable<TItem> items, int throttleLimit, Func<TItem, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        using var ordered = new OrderedWork<TItem, TResult>(throttleLimit, cancellationToken);
        foreach (TItem item in items) _ = ordered.Add(item, work);
        var results = new List<TResult>(ordered.Count);
        await foreach ((TItem _, Task<TResult> done) in ordered.TakeAllAsync(cancellationToken).ConfigureAwait(false))
            results.Add(await done.ConfigureAwait(false));
        return results;
    }
}

/// <summary>
/// Runs work items concurrently, at most <see cref="ThrottleLimit"/> at once, and hands them back in the order they were
/// added, whatever order they finish in. The one primitive behind every concurrent cmdlet (several engines at once,
/// Invoke-ContainerCommand on many containers, compose services): the work runs off the caller's thread, the caller
/// (the pipeline thread) takes finished items from the head, so every Write* stays on the pipeline thread.
/// </summary>
/// <typeparam name="TState">What the caller keeps with each item (a client, a session).</typeparam>
/// <typeparam name="TResult">What each item's work returns.</typeparam>
public sealed class OrderedWork<TState, TResult> : IDisposable
{
    private readonly Queue<Entry> _entries = new();
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _cancel;

    /// <param name="throttleLimit">How many items may run at once (at least 1).</param>
    /// <param name="cancellationToken">Cancels the work of every item (Ctrl+C).</param>
    public OrderedWork(int throttleLimit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throttleLimit, 1);
        ThrottleLimit = throttleLimit;
        _slots = new SemaphoreSlim(throttleLimit);
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>How many items run at once.</summary>
    public int ThrottleLimit { get; }

    /// <summary>Items added and not yet taken.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Adds an item; its work starts as soon as a slot is free, on the thread pool. A failure stays in the item's task
    /// (the caller sees it when it takes the item), so one item's failure does not stop the others.
    /// </summary>
    public Task<TResult> Add(TState state, Func<TState, CancellationToken, Task<TResult>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        CancellationToken ct = _cancel.Token;
        Task<TResult> task = Task.Run(async () =>
        {
            await _slots.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                // A slot freed by the cancellation itself must not start more work.
                ct.ThrowIfCancellationRequested();
                return await work(state, ct).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }, CancellationToken.None);
        _entries.Enqueue(new Entry(state, task));
        return task;
    }

    /// <summary>The oldest item not yet taken (it may still be running).</summary>
    public bool TryPeek(out TState state, out Task<TResult> task)
    {
        if (_entries.TryPeek(out Entry? head))
        {
            (state, task) = (head.State, head.Task);
            return true;
        }
        (state, task) = (default!, Task.FromResult(default(TResult)!));
        return false;
    }

    /// <summary>Takes the oldest item if its work is done (succeeded, failed or cancelled); never waits.</summary>
    public bool TryTake(out TState state, out Task<TResult> task)
    {
        if (TryPeek(out state, out task) && task.IsCompleted)
        {
            _entries.Dequeue();
            return true;
        }
        return false;
    }

    /// <summary>
    /// Waits until the oldest item's work is done and takes it. The returned task is complete: read its result (or
    /// failure) with <c>GetAwaiter().GetResult()</c>. Throws <see cref="InvalidOperationException"/> when there are no items.
    /// </summary>
    public async Task<(TState State, Task<TResult> Task)> TakeAsync(CancellationToken cancellationToken)
    {
        if (!_entries.TryPeek(out Entry? head)) throw new InvalidOperationException("No work items are left.");
        await ((Task)head.Task).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        _entries.Dequeue();
        return (head.State, head.Task);
    }

    /// <summary>Every item, in the order added, each as its work finishes.</summary>
    public async IAsyncEnumerable<(TState State, Task<TResult> Task)> TakeAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (_entries.Count > 0)
            yield return await TakeAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels the work of every item still running or waiting for a slot.</summary>
    public void Cancel() => _cancel.Cancel();

    public void Dispose()
    {
        _cancel.Cancel();
        _cancel.Dispose();
    }

    private sealed record Entry(TState State, Task<TResult> Task);
}
