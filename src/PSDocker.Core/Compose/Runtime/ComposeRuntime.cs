using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PSDocker.Core.Concurrency;
using PSDocker.Core.Containers;

namespace PSDocker.Core.Compose.Runtime;

/// <summary>
/// Compose projects on one engine: up, stop, restart, down and the listing, all from the labels docker compose v2 uses.
/// Stop, restart, down and the listing need only the project name; up needs a <see cref="ComposePlan"/>.
/// Long operations stream <see cref="ComposeEvent"/>s as they happen (the caller's thread writes progress);
/// work on independent services runs concurrently, always in dependency order.
/// </summary>
public sealed partial class ComposeRuntime
{
    /// <summary>How many containers of one service are stopped, restarted or removed at once.</summary>
    private const int ContainerThrottle = 32;

    private readonly DockerClient _client;

    public ComposeRuntime(DockerClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    private string EndpointText => _client.Endpoint.ToString();

    /// <summary>The projects on the engine, from the labels of their containers, networks and volumes.</summary>
    /// <remarks>CLI: <c>docker compose ls -a</c> and <c>docker compose ps -a</c>. GET /containers/json, /networks, /volumes with label filters.</remarks>
    public async Task<IReadOnlyList<ComposeProjectState>> ListAsync(ComposeListOptions options, CancellationToken cancellationToken = default)
    {
        string filter = options.ProjectName is null ? ComposeLabels.Project : ComposeLabels.ProjectFilter(options.ProjectName);
        Task<IReadOnlyList<Container>> containers = ListContainersAsync(filter, cancellationToken);
        Task<IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels)>> networks = ListNetworksAsync(filter, cancellationToken);
        Task<IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels)>> volumes = ListVolumesAsync(filter, cancellationToken);
        await Task.WhenAll(containers, networks, volumes).ConfigureAwait(false);

        var byProject = new SortedDictionary<string, (List<Container> C, List<string> N, List<string> V)>(StringComparer.Ordinal);
        (List<Container> C, List<string> N, List<string> V) Entry(string p)
        {
            if (!byProject.TryGetValue(p, out var e)) byProject[p] = e = (new List<Container>(), new List<string>(), new List<string>());
            return e;
        }
        foreach (Container c in containers.Result)
            if (c.Labels.TryGetValue(ComposeLabels.Project, out string? p) && !ComposeLabels.IsOneOff(c.Labels)) Entry(p).C.Add(c);
        foreach (var n in networks.Result)
            if (n.Labels.TryGetValue(ComposeLabels.Project, out string? p)) Entry(p).N.Add(n.Name);
        foreach (var v in volumes.Result)
            if (v.Labels.TryGetValue(ComposeLabels.Project, out string? p)) Entry(p).V.Add(v.Name);

        return byProject.Select(kv => ToState(kv.Key, kv.Value.C, kv.Value.N, kv.Value.V)).ToList();
    }

    private ComposeProjectState ToState(string project, List<Container> containers, List<string> networks, List<string> volumes)
    {
        var ordered = containers
            .OrderBy(c => c.Labels.GetValueOrDefault(ComposeLabels.Service, ""), StringComparer.Ordinal)
            .ThenBy(c => ComposeLabels.NumberOf(c.Labels))
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        var services = ordered
            .GroupBy(c => c.Labels.GetValueOrDefault(ComposeLabels.Service, ""))
            .Select(g => new ComposeServiceState
            {
                Project = project,
                Name = g.Key,
                Containers = g.ToList(),
                Status = StatusText(g),
                Image = g.First().Image,
                ConfigHash = g.First().Labels.GetValueOrDefault(ComposeLabels.ConfigHash),
                Endpoint = EndpointText,
            })
            .ToList();
        // The newest container's labels tell where the project was last started from.
        Container? newest = ordered.OrderByDescending(c => c.Created).FirstOrDefault();
        string? files = newest?.Labels.GetValueOrDefault(ComposeLabels.ConfigFiles);
        return new ComposeProjectState
        {
            Name = project,
            Status = StatusText(ordered),
            ConfigFiles = string.IsNullOrEmpty(files) ? Array.Empty<string>() : files.Split(',', StringSplitOptions.RemoveEmptyEntries),
            WorkingDirectory = newest?.Labels.GetValueOrDefault(ComposeLabels.WorkingDir),
            Services = services,
            Containers = ordered,
            Networks = networks.OrderBy(n => n, StringComparer.Ordinal).ToList(),
            Volumes = volumes.OrderBy(v => v, StringComparer.Ordinal).ToList(),
            Endpoint = EndpointText,
            Context = _client.Endpoint.ContextName,
        };
    }

    /// <summary>Containers by state in compose ls's words and order of first appearance: <c>running(2), exited(1)</c>.</summary>
    internal static string StatusText(IEnumerable<Container> containers)
    {
        var counts = new List<(string State, int Count)>();
        foreach (Container c in containers)
        {
            string word = ContainerStateMapper.ToEngine(c.State);
            int i = counts.FindIndex(x => x.State == word);
            if (i < 0) counts.Add((word, 1));
            else counts[i] = (word, counts[i].Count + 1);
        }
        return string.Join(", ", counts.Select(x => $"{x.State}({x.Count})"));
    }

    private async Task<IReadOnlyList<Container>> ListContainersAsync(string labelFilter, CancellationToken ct)
        => await _client.Containers.ListAsync(new ContainerListOptions
        {
            All = true,
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["label"] = new[] { labelFilter } },
        }, ct).ConfigureAwait(false);

    /// <summary>The project's containers that compose manages (not one-off ones), by service.</summary>
    private async Task<Dictionary<string, List<Container>>> ProjectContainersAsync(string project, CancellationToken ct)
    {
        var result = new Dictionary<string, List<Container>>(StringComparer.Ordinal);
        foreach (Container c in await ListContainersAsync(ComposeLabels.ProjectFilter(project), ct).ConfigureAwait(false))
        {
            if (ComposeLabels.IsOneOff(c.Labels)) continue;
            string service = c.Labels.GetValueOrDefault(ComposeLabels.Service, "");
            if (!result.TryGetValue(service, out List<Container>? list)) result[service] = list = new List<Container>();
            list.Add(c);
        }
        foreach (List<Container> list in result.Values) list.Sort((a, b) => ComposeLabels.NumberOf(a.Labels).CompareTo(ComposeLabels.NumberOf(b.Labels)));
        return result;
    }

    /// <summary>Stops the project's running containers, dependents before their dependencies.</summary>
    /// <remarks>CLI: <c>docker compose stop</c>. The order comes from the <c>com.docker.compose.depends_on</c> label.</remarks>
    public IAsyncEnumerable<ComposeEvent> StopAsync(ComposeStopOptions options, CancellationToken cancellationToken = default)
        => EachContainer(options, reverse: true, "stopped", c => c.State is ContainerState.Running or ContainerState.Paused or ContainerState.Restarting,
            ("Stopping", "Stopped", ComposeEventKind.Removed),
            (c, ct) => _client.Containers.StopAsync(c.Id, new ContainerStopOptions { Timeout = options.Timeout }, ct), cancellationToken);

    /// <summary>Restarts the project's containers, dependencies before their dependents.</summary>
    /// <remarks>CLI: <c>docker compose restart</c>. POST /containers/{id}/restart for each container (stopped ones start).</remarks>
    public IAsyncEnumerable<ComposeEvent> RestartAsync(ComposeStopOptions options, CancellationToken cancellationToken = default)
        => EachContainer(options, reverse: false, "restarted", _ => true, ("Restarting", "Restarted", ComposeEventKind.Progress),
            async (c, ct) =>
            {
                await _client.Containers.RestartAsync(c.Id, new ContainerRestartOptions { Timeout = options.Timeout }, ct).ConfigureAwait(false);
                return true;
            }, cancellationToken);

    /// <summary>One call per container of the chosen services, service by service in dependency order (or reverse), containers of a service at once.</summary>
    private IAsyncEnumerable<ComposeEvent> EachContainer(ComposeStopOptions options, bool reverse, string done, Func<Container, bool> which,
        (string Doing, string Done, ComposeEventKind DoneKind) words, Func<Container, CancellationToken, Task<bool>> call, CancellationToken cancellationToken)
        => Stream(async (emit, ct) =>
        {
            Dictionary<string, List<Container>> byService = await ProjectContainersAsync(options.ProjectName, ct).ConfigureAwait(false);
            Dictionary<string, List<Container>> selected = Select(byService, options.Services);
            await ServiceGraph.RunAsync(selected.Keys, s => LabelDependencies(byService, s), reverse, ContainerThrottle, async (service, ct2) =>
            {
                await OrderedWork.RunAsync(selected[service].Where(which), ContainerThrottle, async (c, ct3) =>
                {
                    emit(Progress(service, c.Name, words.Doing));
                    await call(c, ct3).ConfigureAwait(false);
                    emit(new ComposeEvent { Kind = words.DoneKind, Service = service, Resource = c.Name, Text = words.Done });
                    return true;
                }, ct2).ConfigureAwait(false);
            }, (service, ex) => emit(Failure(options.ProjectName, service, null, $"Service '{service}' of project '{options.ProjectName}' could not be {done}: {ex.Message}", ex)), ct).ConfigureAwait(false);
        }, cancellationToken);

    private static Dictionary<string, List<Container>> Select(Dictionary<string, List<Container>> byService, IReadOnlyList<string> services)
    {
        if (services.Count == 0) return byService;
        var selected = new Dictionary<string, List<Container>>(StringComparer.Ordinal);
        foreach (string s in services)
            if (byService.TryGetValue(s, out List<Container>? list)) selected[s] = list;
        return selected;
    }

    /// <summary>A service's dependencies as its containers' <c>com.docker.compose.depends_on</c> label gives them (<c>db:service_healthy:false,…</c>).</summary>
    private static IEnumerable<string> LabelDependencies(Dictionary<string, List<Container>> byService, string service)
    {
        if (!byService.TryGetValue(service, out List<Container>? list) || list.Count == 0) yield break;
        if (!list[0].Labels.TryGetValue(ComposeLabels.DependsOn, out string? value) || string.IsNullOrEmpty(value)) yield break;
        foreach (string entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
            yield return entry.Split(':')[0];
    }

    /// <summary>Stops and removes the project's containers, then its networks, and with <c>Volumes</c> its named volumes.</summary>
    /// <remarks>CLI: <c>docker compose down</c> (<c>-v</c>, <c>--remove-orphans</c>). External networks and volumes are never removed.</remarks>
    public IAsyncEnumerable<ComposeEvent> DownAsync(ComposeDownOptions options, CancellationToken cancellationToken = default)
        => Stream(async (emit, ct) =>
        {
            string project = options.ProjectName;
            Dictionary<string, List<Container>> byService = await ProjectContainersAsync(project, ct).ConfigureAwait(false);
            var selected = new Dictionary<string, List<Container>>(StringComparer.Ordinal);
            foreach ((string service, List<Container> list) in byService)
            {
                bool known = options.Plan is null || options.Plan.Services.Any(s => s.Name == service);
                if (known || options.RemoveOrphans) selected[service] = list;
                else emit(new ComposeEvent { Kind = ComposeEventKind.Warning, Service = service, Text = $"Found orphan containers ({string.Join(", ", list.Select(c => c.Name))}) for service '{service}', which the project's files no longer have. Add -RemoveOrphans to remove them." });
            }
            bool failed = false;
            await ServiceGraph.RunAsync(selected.Keys, s => LabelDependencies(byService, s), reverse: true, 32, async (service, ct2) =>
            {
                await OrderedWork.RunAsync(selected[service], ContainerThrottle, async (c, ct3) =>
                {
                    await RemoveContainerAsync(c, options.Timeout, options.Volumes, service, emit, ct3).ConfigureAwait(false);
                    return true;
                }, ct2).ConfigureAwait(false);
            }, (service, ex) =>
            {
                failed = true;
                emit(Failure(project, service, null, $"Service '{service}' of project '{project}' could not be removed: {ex.Message}", ex));
            }, ct).ConfigureAwait(false);
            if (failed) return;

            var keepNetworks = options.Plan?.Networks.Where(n => n.External).Select(n => n.Name) ?? Enumerable.Empty<string>();
            await RemoveLabelledAsync("Network", await ListNetworksAsync(ComposeLabels.ProjectFilter(project), ct).ConfigureAwait(false), keepNetworks,
                RemoveNetworkAsync, " Remove them (-RemoveOrphans for the project's orphans), then remove the project again.", project, emit, ct).ConfigureAwait(false);
            if (!options.Volumes) return;
            var keepVolumes = options.Plan?.Volumes.Where(v => v.External).Select(v => v.Name) ?? Enumerable.Empty<string>();
            await RemoveLabelledAsync("Volume", await ListVolumesAsync(ComposeLabels.ProjectFilter(project), ct).ConfigureAwait(false), keepVolumes,
                RemoveVolumeAsync, "", project, emit, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Removes the project's networks or volumes one by one (external ones kept); gone is fine, in use is a warning.</summary>
    private static async Task RemoveLabelledAsync(string kind, IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels)> items, IEnumerable<string> keep,
        Func<string, CancellationToken, Task> remove, string inUseAdvice, string project, Action<ComposeEvent> emit, CancellationToken ct)
    {
        var kept = new HashSet<string>(keep, StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (kept.Contains(item.Name)) continue;
            try
            {
                emit(Progress(null, item.Name, "Removing " + kind.ToLowerInvariant()));
                await remove(item.Name, ct).ConfigureAwait(false);
                emit(new ComposeEvent { Kind = ComposeEventKind.Removed, Resource = item.Name, Text = kind + " removed" });
            }
            catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.NotFound)
            {
            }
            catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.InUse)
            {
                emit(new ComposeEvent { Kind = ComposeEventKind.Warning, Resource = item.Name, Text = $"{kind} '{item.Name}' was kept: containers still use it ({ex.Message}).{inUseAdvice}" });
            }
            catch (DockerApiException ex)
            {
                emit(Failure(project, null, item.Name, $"{kind} '{item.Name}' of project '{project}' could not be removed: {ex.Message}", ex));
            }
        }
    }

    /// <summary>Stops (gracefully, with the timeout) and removes one container; gone already is fine.</summary>
    private async Task RemoveContainerAsync(Container c, int? timeout, bool volumes, string service, Action<ComposeEvent> emit, CancellationToken ct)
    {
        try
        {
            if (c.State is ContainerState.Running or ContainerState.Restarting or ContainerState.Paused)
            {
                emit(Progress(service, c.Name, "Stopping"));
                if (c.State == ContainerState.Paused) await _client.Containers.UnpauseAsync(c.Id, new ContainerUnpauseOptions(), ct).ConfigureAwait(false);
                await _client.Containers.StopAsync(c.Id, new ContainerStopOptions { Timeout = timeout }, ct).ConfigureAwait(false);
            }
            emit(Progress(service, c.Name, "Removing"));
            await _client.Containers.RemoveAsync(c.Id, new ContainerRemoveOptions { Force = true, Volumes = volumes }, ct).ConfigureAwait(false);
            emit(new ComposeEvent { Kind = ComposeEventKind.Removed, Service = service, Resource = c.Name, Text = "Removed" });
        }
        catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.NotFound || IsRemovalInProgress(ex))
        {
            // Gone already, or the engine is removing it (AutoRemove).
        }
    }

    private static bool IsRemovalInProgress(DockerApiException ex)
        => ex.StatusCode == HttpStatusCode.Conflict && ex.Message.Contains("in progress", StringComparison.OrdinalIgnoreCase);

    private static ComposeEvent Progress(string? service, string? resource, string text)
        => new() { Kind = ComposeEventKind.Progress, Service = service, Resource = resource, Text = text };

    private static ComposeEvent Failure(string project, string? service, string? resource, string message, Exception? inner, ComposeFailure failure = ComposeFailure.Engine)
        => new()
        {
            Kind = ComposeEventKind.Failed,
            Service = service,
            Resource = resource,
            Text = message,
            Error = inner as ComposeServiceException ?? new ComposeServiceException(project, service, resource, message, inner, failure),
        };

    /// <summary>
    /// Runs <paramref name="work"/> off the caller's thread and streams what it emits. The enumeration ends when the work
    /// ends; an exception of the work (not a per-service failure, which is an event) ends it with that exception.
    /// </summary>
    private static async IAsyncEnumerable<ComposeEvent> Stream(Func<Action<ComposeEvent>, CancellationToken, Task> work, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ComposeEvent>(new UnboundedChannelOptions { SingleReader = true });
        Task running = Task.Run(async () =>
        {
            try
            {
                await work(e => channel.Writer.TryWrite(e), cancellationToken).ConfigureAwait(false);
                channel.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex);
            }
        }, CancellationToken.None);
        await foreach (ComposeEvent e in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            yield return e;
        await running.ConfigureAwait(false);
        await channel.Reader.Completion.ConfigureAwait(false);
    }
}
