using PSDocker.Core.Concurrency;

namespace PSDocker.Core.Tests;

/// <summary>The one ordered-work primitive: concurrent, throttled, results in input order, cancellable.</summary>
public class OrderedWorkTests
{
    [Fact]
    public async Task Results_ComeInInputOrder_WhateverOrderTheyFinish()
    {
        using var work = new OrderedWork<int, int>(8, CancellationToken.None);
        int[] delays = { 120, 10, 60, 0, 30 };
        for (int i = 0; i < delays.Length; i++)
            work.Add(i, async (n, ct) => { await Task.Delay(delays[n], ct); return n * 10; });

        var taken = new List<(int, int)>();
        await foreach ((int state, Task<int> task) in work.TakeAllAsync())
        {
            Assert.True(task.IsCompleted);
            taken.Add((state, await task));
        }
        Assert.Equal(new[] { (0, 0), (1, 10), (2, 20), (3, 30), (4, 40) }, taken);
        Assert.Equal(0, work.Count);
    }

    [Fact]
    public async Task Work_RunsConcurrently_UpToTheThrottle()
    {
        using var work = new OrderedWork<int, int>(3, CancellationToken.None);
        int running = 0, peak = 0;
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (int i = 0; i < 12; i++)
        {
            work.Add(i, async (n, ct) =>
            {
                int now = Interlocked.Increment(ref running);
                int seen;
                while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
                if (now == 3) full.TrySetResult();
                // Hold the slot until three run at once (or give up after a while, and the assertion says so).
                await Task.WhenAny(full.Task, Task.Delay(TimeSpan.FromSeconds(10), ct));
                await Task.Delay(10, ct);
                Interlocked.Decrement(ref running);
                return n;
            });
        }
        await foreach (var _ in work.TakeAllAsync()) { }
        Assert.Equal(3, peak);
    }

    [Fact]
    public async Task AFailure_StaysWithItsItem_AndTheOthersFinish()
    {
        using var work = new OrderedWork<string, string>(4, CancellationToken.None);
        work.Add("a", async (s, ct) => { await Task.Delay(20, ct); return s; });
        work.Add("b", (s, ct) => throw new InvalidOperationException("b failed"));
        work.Add("c", (s, ct) => Task.FromResult(s));

        var outcomes = new List<string>();
        await foreach ((string state, Task<string> task) in work.TakeAllAsync())
        {
            try { outcomes.Add(await task); }
            catch (InvalidOperationException ex) { outcomes.Add(state + ":" + ex.Message); }
        }
        Assert.Equal(new[] { "a", "b:b failed", "c" }, outcomes);
    }

    [Fact]
    public async Task TryTake_TakesTheHeadOnlyWhenItIsDone()
    {
        using var work = new OrderedWork<int, int>(2, CancellationToken.None);
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Add(1, (_, _) => gate.Task);
        work.Add(2, (n, _) => Task.FromResult(n));
        await Task.Delay(30);
        Assert.False(work.TryTake(out _, out _));   // the head still runs, although item 2 is done
        Assert.True(work.TryPeek(out int head, out _));
        Assert.Equal(1, head);
        gate.SetResult(1);
        (int first, Task<int> t) = await work.TakeAsync(CancellationToken.None);
        Assert.Equal(1, first);
        // Item 2 finished long ago on an idle machine; under load its task may still be queued, so wait for it (bounded).
        int second = 0;
        Task<int>? t2 = null;
        Assert.True(SpinWait.SpinUntil(() => work.TryTake(out second, out t2), TimeSpan.FromSeconds(10)));
        Assert.Equal(2, second);
        Assert.Equal((1, 2), (await t, await t2!));
    }

    [Fact]
    public async Task Cancellation_StopsRunningAndWaitingWork()
    {
        using var cts = new CancellationTokenSource();
        using var work = new OrderedWork<int, int>(1, cts.Token);
        int started = 0;
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (int i = 0; i < 5; i++)
        {
            work.Add(i, async (n, ct) =>
            {
                Interlocked.Increment(ref started);
                first.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return n;
            });
        }
        await first.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(30);
        cts.Cancel();
        var states = new List<TaskStatus>();
        await foreach ((int _, Task<int> task) in work.TakeAllAsync())
            states.Add(task.Status);
        Assert.All(states, s => Assert.Equal(TaskStatus.Canceled, s));
        Assert.Equal(1, started);   // the throttle held the other four back, and they never started
    }

    [Fact]
    public async Task TakeAsync_StopsWaitingWhenTheCallerCancels()
    {
        using var work = new OrderedWork<int, int>(1, CancellationToken.None);
        work.Add(0, async (n, ct) => { await Task.Delay(Timeout.Infinite, ct); return n; });
        using var wait = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => work.TakeAsync(wait.Token));
        Assert.Equal(1, work.Count);
        work.Cancel();
    }

    [Fact]
    public void ThrottleLimit_MustBePositive()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new OrderedWork<int, int>(0, CancellationToken.None));
}

public class OrderedWorkRunAsyncTests
{
    [Fact]
    public async Task RunAsync_ReturnsResultsInInputOrder()
    {
        IReadOnlyList<string> results = await OrderedWork.RunAsync(new[] { 50, 0, 20 }, 2,
            async (ms, ct) => { await Task.Delay(ms, ct); return $"slept {ms}"; }, CancellationToken.None);
        Assert.Equal(new[] { "slept 50", "slept 0", "slept 20" }, results);
    }

    [Fact]
    public async Task RunAsync_ThrowsTheFirstFailureInInputOrder()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => OrderedWork.RunAsync(new[] { 1, 2, 3 }, 3,
            async (n, ct) =>
            {
                await Task.Delay(n == 3 ? 0 : 30, ct);
                if (n >= 2) throw new InvalidOperationException($"item {n}");
                return n;
            }, CancellationToken.None));
        Assert.Equal("item 2", ex.Message);
    }
}
