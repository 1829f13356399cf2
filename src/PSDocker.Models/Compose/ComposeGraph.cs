namespace PSDocker.Core.Compose;

/// <summary>Dependencies between services: start order and cycle detection.</summary>
public static class ComposeGraph
{
    /// <summary>The services a service needs started first: depends_on, links, volumes_from and network_mode/ipc/pid <c>service:x</c>.</summary>
    public static IEnumerable<string> Dependencies(ComposeService service)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in service.DependsOn.Keys)
            if (seen.Add(name)) yield return name;
        foreach (string link in service.Links)
        {
            string name = link.Split(':')[0];
            if (seen.Add(name)) yield return name;
        }
        foreach (string from in service.VolumesFrom)
        {
            if (from.StartsWith("container:", StringComparison.Ordinal)) continue;
            string name = from.Split(':')[0];
            if (seen.Add(name)) yield return name;
        }
        foreach (string? mode in new[] { service.NetworkMode, service.Ipc, service.Pid })
        {
            if (mode is not null && mode.StartsWith("service:", StringComparison.Ordinal) && seen.Add(mode[8..]))
                yield return mode[8..];
        }
    }

    /// <summary>
    /// Finds a dependency cycle among <paramref name="services"/>: the names along it, the first repeated at the end
    /// (["a", "b", "a"]); null when there is none. Dependencies on names not in the map are ignored.
    /// </summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, ComposeService> services)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();

        IReadOnlyList<string>? Visit(string name)
        {
            state[name] = 1;
            path.Add(name);
            foreach (string dep in Dependencies(services[name]))
            {
                if (!services.ContainsKey(dep)) continue;
                state.TryGetValue(dep, out int s);
                if (s == 1)
                {
                    var cycle = path.Skip(path.IndexOf(dep)).ToList();
                    cycle.Add(dep);
                    return cycle;
                }
                if (s == 0 && Visit(dep) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[name] = 2;
            return null;
        }

        foreach (string name in services.Keys)
        {
            if (state.ContainsKey(name)) continue;
            if (Visit(name) is { } cycle) return cycle;
        }
        return null;
    }

    /// <summary>The services of <paramref name="project"/>, each after its dependencies; ties keep file order.</summary>
    /// <exception cref="InvalidOperationException">The services depend on each other in a cycle.</exception>
    public static IReadOnlyList<ComposeService> StartOrder(ComposeProject project)
    {
        var services = project.Services;
        if (FindCycle(services) is { } cycle)
            throw new InvalidOperationException($"The services depend on each other in a cycle: {string.Join(" -> ", cycle)}.");
        var order = new List<ComposeService>(services.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);

        void Add(ComposeService service)
        {
            if (!done.Add(service.Name)) return;
            foreach (string dep in Dependencies(service))
                if (services.TryGetValue(dep, out var d)) Add(d);
            order.Add(service);
        }

        foreach (var service in services.Values) Add(service);
        return order;
    }
}
