namespace PSDocker.Core.Compose.Runtime;

/// <summary>Runs work on services in dependency order: each as soon as what it waits for is done, independent ones at once.</summary>
internal static class ServiceGraph
{
    /// <summary>
    /// Runs <paramref name="work"/> once per service. Forward: a service after its dependencies; reverse: after its
    /// dependents (stop, down). Dependencies outside <paramref name="services"/> are ignored, and so is a cycle's back edge
    /// (labels written by other tools may hold one). A failure goes to <paramref name="onError"/> and does not hold the others.
    /// </summary>
    public static async Task RunAsync(IEnumerable<string> services, Func<string, IEnumerable<string>> dependencies, bool reverse, int throttle,
        Func<string, CancellationToken, Task> work, Action<string, Exception> onError, CancellationToken cancellationToken)
    {
        var names = services.ToList();
        var set = new HashSet<string>(names, StringComparer.Ordinal);
        var waitsFor = names.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (string n in names)
        {
            foreach (string d in dependencies(n).Distinct(StringComparer.Ordinal))
            {
                if (!set.Contains(d) || d == n) continue;
                if (reverse) waitsFor[d].Add(n);
                else waitsFor[n].Add(d);
            }
        }
        BreakCycles(names, waitsFor);

        using var gate = new SemaphoreSlim(Math.Max(1, throttle));
        var tasks = new Dictionary<string, Task>(StringComparer.Ordinal);
        Task Get(string n)
        {
            if (tasks.TryGetValue(n, out Task? t)) return t;
            Task[] before = waitsFor[n].Select(Get).ToArray();
            return tasks[n] = RunOneAsync(n, before);
        }
        async Task RunOneAsync(string n, Task[] before)
        {
            await Task.WhenAll(before).ConfigureAwait(false);
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await work(n, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                onError(n, ex);
            }
            finally
            {
                gate.Release();
            }
        }
        foreach (string n in names) _ = Get(n);
        await Task.WhenAll(tasks.Values).ConfigureAwait(false);
    }

    /// <summary>Drops edges that close a cycle, so waiting never deadlocks.</summary>
    private static void BreakCycles(List<string> names, Dictionary<string, List<string>> waitsFor)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        void Visit(string n)
        {
            state[n] = 1;
            List<string> edges = waitsFor[n];
            for (int i = edges.Count - 1; i >= 0; i--)
            {
                state.TryGetValue(edges[i], out int s);
                if (s == 1) edges.RemoveAt(i);
                else if (s == 0) Visit(edges[i]);
            }
            state[n] = 2;
        }
        foreach (string n in names)
            if (!state.ContainsKey(n)) Visit(n);
    }
}
