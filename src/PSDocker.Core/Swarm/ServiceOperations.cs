using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using PSDocker.Core.Containers;
using PSDocker.Core.Json;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Swarm;

/// <summary>
/// The engine's service endpoints (<c>/services/…</c>). Podman has no swarm: every call throws
/// <see cref="EngineNotSupportedException"/> before anything is sent.
/// </summary>
public sealed class ServiceOperations
{
    private readonly DockerTransport _transport;

    internal ServiceOperations(DockerTransport transport) => _transport = transport;

    private string EndpointText => _transport.Endpoint.ToString();

    private static string Path(string idOrName, string action = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(idOrName);
        return "services/" + Uri.EscapeDataString(idOrName) + action;
    }

    /// <summary>Lists services, with running and desired task counts.</summary>
    /// <remarks>GET /services?status=true (CLI: <c>docker service ls</c>).</remarks>
    /// <exception cref="DockerApiException">503 (<see cref="ApiErrorKind.NotSwarmManager"/>) when the engine is not a swarm manager.</exception>
    public async Task<IReadOnlyList<SwarmService>> ListAsync(ServiceListOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await SwarmOperations.ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        string path = new Query("services").Filters(options.Filters).Bool("status", options.Status ? true : null);
        List<ServiceDto> list = await _transport.SendJsonAsync(HttpMethod.Get, path, SwarmJsonContext.Default.ListServiceDto, cancellationToken).ConfigureAwait(false);
        return list.Select(s => SwarmMapper.Service(s, EndpointText, _transport.Endpoint.ContextName)).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>One service (by name, ID or ID prefix), with its task counts when <see cref="ServiceInspectOptions.Status"/>.</summary>
    /// <remarks>GET /services/{id} (CLI: <c>docker service inspect</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such service; 503 when the engine is not a swarm manager.</exception>
    public async Task<SwarmService> InspectAsync(string idOrName, ServiceInspectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await SwarmOperations.ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        ServiceDto dto = await _transport.SendJsonAsync(HttpMethod.Get, Path(idOrName), SwarmJsonContext.Default.ServiceDto, cancellationToken).ConfigureAwait(false);
        if (options.Status)
        {
            // The one-service call has no task counts: the list call filtered to this ID has them (API 1.41).
            string path = new Query("services").Filters(IdFilter(dto.ID)).Bool("status", true);
            List<ServiceDto> withStatus = await _transport.SendJsonAsync(HttpMethod.Get, path, SwarmJsonContext.Default.ListServiceDto, cancellationToken).ConfigureAwait(false);
            if (withStatus.FirstOrDefault(s => s.ID == dto.ID) is { ServiceStatus: { } status }) dto.ServiceStatus = status;
        }
        return SwarmMapper.Service(dto, EndpointText, _transport.Endpoint.ContextName);
    }

    private static Dictionary<string, IReadOnlyList<string>> IdFilter(string id) => new() { ["id"] = new[] { id } };

    /// <summary>Creates a service and returns its ID and the engine's warnings. Secrets and configs given by name are looked up first.</summary>
    /// <remarks>POST /services/create (CLI: <c>docker service create</c>, without waiting; see <see cref="WaitConvergedAsync"/>).</remarks>
    /// <exception cref="FormatException">The spec is not valid (nothing is sent).</exception>
    /// <exception cref="DockerApiException">409 if the name is in use; 400 for a spec the engine rejects; 404 for a secret, config or network that does not exist; 503 when the engine is not a swarm manager.</exception>
    public async Task<ServiceCreateResult> CreateAsync(ServiceCreateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Spec.Validate();
        await SwarmOperations.ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        ServiceSpecDto body = await BuildSpecAsync(options.Spec, cancellationToken).ConfigureAwait(false);
        ServiceCreateResponseDto created = await _transport.SendJsonAsync(HttpMethod.Post, "services/create", SwarmJsonContext.Default.ServiceCreateResponseDto, cancellationToken,
            DockerTransport.JsonContent(body, SwarmJsonContext.Default.ServiceSpecDto)).ConfigureAwait(false);
        var warnings = new List<string>(created.Warnings ?? new List<string>());
        if (!string.IsNullOrEmpty(created.Warning)) warnings.Add(created.Warning);
        return new ServiceCreateResult(created.ID, warnings);
    }

    /// <summary>The wire spec, with secret and config names resolved to IDs (one list call each, only when needed).</summary>
    internal async Task<ServiceSpecDto> BuildSpecAsync(ServiceSpec spec, CancellationToken cancellationToken)
    {
        Dictionary<string, string> secrets = await ResolveAsync("secrets", spec.Secrets, cancellationToken).ConfigureAwait(false);
        Dictionary<string, string> configs = await ResolveAsync("configs", spec.Configs, cancellationToken).ConfigureAwait(false);
        return ServiceSpecMapper.ToWire(spec, secrets, configs);
    }

    private async Task<Dictionary<string, string>> ResolveAsync(string kind, IReadOnlyList<ServiceFileReference> references, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] names = references.Where(r => string.IsNullOrEmpty(r.SourceId)).Select(r => r.SourceName).Distinct(StringComparer.Ordinal).ToArray();
        if (names.Length == 0) return ids;
        string path = new Query(kind).Filters(new Dictionary<string, IReadOnlyList<string>> { ["name"] = names });
        List<NamedObjectDto> found = await _transport.SendJsonAsync(HttpMethod.Get, path, SwarmJsonContext.Default.ListNamedObjectDto, cancellationToken).ConfigureAwait(false);
        foreach (NamedObjectDto o in found)
            if (o.Spec?.Name is { } n && names.Contains(n, StringComparer.Ordinal)) ids[n] = o.ID;
        foreach (string n in names)
            if (!ids.ContainsKey(n))
                throw new DockerApiException(HttpStatusCode.NotFound, $"{(kind == "secrets" ? "secret" : "config")} not found: {n}");
        return ids;
    }

    /// <summary>
    /// Changes a service: reads its spec, applies the options' changes (keeping every field PSDocker does not model as the engine
    /// sent it) and sends the result against the version it was read at.
    /// </summary>
    /// <remarks>POST /services/{id}/update?version=N (CLI: <c>docker service update</c>, <c>scale</c>, <c>rollback</c>).</remarks>
    /// <exception cref="ArgumentException">A rollback with other changes, or scaling a global service (nothing is sent).</exception>
    /// <exception cref="FormatException">A change is not valid.</exception>
    /// <exception cref="DockerApiException">404 if no such service; 500 "update out of sequence" (<see cref="ApiErrorKind.Conflict"/>) when it changed since it was read; 503 when the engine is not a swarm manager.</exception>
    public async Task<ServiceUpdateResult> UpdateAsync(string idOrName, ServiceUpdateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Rollback && HasChanges(options))
            throw new ArgumentException("A rollback returns to the previous spec: give no other change with it.", nameof(options));
        options.Spec?.Validate();
        options.UpdateConfig?.Validate(rollback: false);
        options.RollbackConfig?.Validate(rollback: true);
        foreach (string e in options.EnvAdd)
            if (string.IsNullOrEmpty(e) || e[0] == '=' ) throw new FormatException($"Invalid environment variable '{e}': use KEY=value.");
        await SwarmOperations.ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);

        JsonObject current = await _transport.SendJsonAsync(HttpMethod.Get, Path(idOrName), SwarmJsonContext.Default.JsonObject, cancellationToken).ConfigureAwait(false);
        string id = current["ID"]?.GetValue<string>() ?? idOrName;
        ulong version = options.Version ?? current["Version"]?["Index"]?.GetValue<ulong>() ?? 0;
        JsonObject spec;
        if (options.Spec is { } replacement)
        {
            ServiceSpecDto wire = await BuildSpecAsync(replacement, cancellationToken).ConfigureAwait(false);
            spec = JsonSerializer.SerializeToNode(wire, SwarmJsonContext.Default.ServiceSpecDto)!.AsObject();
        }
        else
        {
            spec = current["Spec"]?.DeepClone().AsObject() ?? new JsonObject();
        }
        ServiceSpecEditor.Apply(spec, options, current["Spec"]?["TaskTemplate"]?["ForceUpdate"]?.GetValue<ulong>() ?? 0);

        string path = new Query(Path(id, "/update")).Add("version", (long)version).Add("rollback", options.Rollback ? "previous" : null);
        ServiceUpdateResponseDto response = await _transport.SendJsonAsync(HttpMethod.Post, path, SwarmJsonContext.Default.ServiceUpdateResponseDto, cancellationToken,
            DockerTransport.JsonContent(spec, SwarmJsonContext.Default.JsonObject)).ConfigureAwait(false);
        return new ServiceUpdateResult(response.Warnings ?? new List<string>());
    }

    private static bool HasChanges(ServiceUpdateOptions o)
        => o.Spec is not null || o.Replicas is not null || o.Image is not null || o.EnvAdd.Count > 0 || o.EnvRemove.Count > 0
           || o.LabelAdd.Count > 0 || o.LabelRemove.Count > 0 || o.UpdateConfig is not null || o.RollbackConfig is not null
           || o.PortAdd.Count > 0 || o.PortRemove.Count > 0 || o.ForceRestart;

    /// <summary>Removes a service; its tasks are shut down and their containers removed by the engine.</summary>
    /// <remarks>DELETE /services/{id} (CLI: <c>docker service rm</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such service; 503 when the engine is not a swarm manager.</exception>
    public async Task RemoveAsync(string idOrName, ServiceRemoveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await SwarmOperations.ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        await _transport.SendAsync(HttpMethod.Delete, Path(idOrName), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until the service has converged: as many tasks of its current spec running as it wants (replicas, or the eligible
    /// nodes of a global service), the replaced or scaled-away ones stopped, no rolling update in progress. This is what <c>docker service create</c>/<c>update</c> wait
    /// for by default (without the CLI's extra 5 s of watching). Returns the last reading.
    /// </summary>
    /// <remarks>Polls GET /services?filters={"id":[id]}&amp;status=true and GET /tasks?filters={"service":[id],"desired-state":["running"]}.</remarks>
    /// <exception cref="ServiceUpdatePausedException">The rolling update paused (a task failed with failure action pause) or the rollback paused.</exception>
    /// <exception cref="DockerApiException">404 when the service is removed while waiting.</exception>
    public async Task<ServiceConvergence> WaitConvergedAsync(string id, ServiceWaitOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(options);
        await SwarmOperations.ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        string servicePath = new Query("services").Filters(IdFilter(id)).Bool("status", true);
        string tasksPath = new Query("tasks").Filters(new Dictionary<string, IReadOnlyList<string>> { ["service"] = new[] { id } });
        ServiceConvergence? last = null;
        while (true)
        {
            Task<JsonArray> servicesTask = _transport.SendJsonAsync(HttpMethod.Get, servicePath, SwarmJsonContext.Default.JsonArray, cancellationToken);
            Task<JsonArray> tasksTask = _transport.SendJsonAsync(HttpMethod.Get, tasksPath, SwarmJsonContext.Default.JsonArray, cancellationToken);
            JsonArray services = await servicesTask.ConfigureAwait(false);
            JsonArray tasks = await tasksTask.ConfigureAwait(false);
            JsonObject service = services.OfType<JsonObject>().FirstOrDefault(s => s["ID"]?.GetValue<string>() == id)
                ?? throw new DockerApiException(HttpStatusCode.NotFound, $"service {id} not found");
            (ServiceConvergence reading, bool converged) = Convergence.Read(service, tasks);
            if (reading != last)
            {
                last = reading;
                options.Progress?.Invoke(reading);
            }
            if (reading.UpdateState is "paused" or "rollback_paused")
                throw new ServiceUpdatePausedException(service["Spec"]?["Name"]?.GetValue<string>() ?? id, reading.UpdateState,
                    service["UpdateStatus"]?["Message"]?.GetValue<string>() ?? reading.Failure ?? "");
            if (converged) return reading;
            await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Streams the log lines of a service's tasks, each with its task and node. The stream ends when every task's log has
    /// been read, or, with <see cref="ServiceLogsOptions.Follow"/>, when cancelled or the service is removed.
    /// </summary>
    /// <remarks>GET /services/{id}/logs?details=1 (CLI: <c>docker service logs</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such service; 503 when the engine is not a swarm manager.</exception>
    public async IAsyncEnumerable<SwarmServiceLogLine> LogsAsync(string idOrName, ServiceLogsOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await SwarmOperations.ThrowIfPodmanAsync(_transport, cancellationToken).ConfigureAwait(false);
        ServiceDto service = await _transport.SendJsonAsync(HttpMethod.Get, Path(idOrName), SwarmJsonContext.Default.ServiceDto, cancellationToken).ConfigureAwait(false);
        string name = service.Spec?.Name ?? service.ID;
        bool tty = service.Spec?.TaskTemplate?.ContainerSpec?.TTY ?? false;
        var slots = new Dictionary<string, string>(StringComparer.Ordinal);
        string query = new Query(Path(service.ID, "/logs"))
            .Flag("details", true)
            .Flag("stdout", options.StdOut)
            .Flag("stderr", options.StdErr)
            .FlagIfSet("follow", options.Follow)
            .FlagIfSet("timestamps", options.Timestamps)
            .Add("tail", options.Tail is int tail && tail >= 0 ? tail.ToString(CultureInfo.InvariantCulture) : "all")
            .Add("since", options.Since is { } since ? ContainerOperations.UnixTime(since) : null);

        using HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Get, query, cancellationToken).ConfigureAwait(false);
        using HttpResponseMessage response = await _transport.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await using Stream stream = await _transport.ReadBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
        await foreach (ContainerLogLine line in _transport.GuardAsync(OutputDecoder.ReadLinesAsync(stream, tty, options.Timestamps, service.ID, name, cancellationToken), request, cancellationToken).ConfigureAwait(false))
        {
            (Dictionary<string, string> details, string text) = LogDetails.Split(line.Text);
            string taskId = details.GetValueOrDefault("com.docker.swarm.task.id", "");
            string taskName = "";
            if (taskId.Length > 0 && !slots.TryGetValue(taskId, out taskName!))
            {
                taskName = await TaskLabelAsync(name, taskId, cancellationToken).ConfigureAwait(false);
                slots[taskId] = taskName;
            }
            yield return new SwarmServiceLogLine
            {
                Text = text,
                Stream = line.Stream,
                Timestamp = line.Timestamp,
                ServiceName = name,
                ServiceId = service.ID,
                TaskId = taskId,
                TaskName = taskName ?? "",
                NodeId = details.GetValueOrDefault("com.docker.swarm.node.id", ""),
            };
        }
    }

    /// <summary>docker's task label in logs: <c>service.slot.taskid</c> (global services: <c>service.taskid</c>).</summary>
    private async Task<string> TaskLabelAsync(string service, string taskId, CancellationToken cancellationToken)
    {
        string shortId = taskId.Length > 12 ? taskId[..12] : taskId;
        try
        {
            TaskDto task = await _transport.SendJsonAsync(HttpMethod.Get, "tasks/" + Uri.EscapeDataString(taskId), SwarmJsonContext.Default.TaskDto, cancellationToken).ConfigureAwait(false);
            return task.Slot is int slot && slot > 0 ? $"{service}.{slot.ToString(CultureInfo.InvariantCulture)}.{shortId}" : $"{service}.{shortId}";
        }
        catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.NotFound)
        {
            return $"{service}.{shortId}";
        }
    }
}

/// <summary>The rolling update (or rollback) of a service paused: a task failed and the failure action is <c>pause</c>.</summary>
public sealed class ServiceUpdatePausedException : Exception
{
    public ServiceUpdatePausedException(string service, string state, string message)
        : base($"The update of service '{service}' is {state.Replace('_', ' ')}: {message}")
    {
        Service = service;
        State = state;
    }

    /// <summary>The service's name.</summary>
    public string Service { get; }

    /// <summary><c>paused</c> or <c>rollback_paused</c>.</summary>
    public string State { get; }
}

/// <summary>How converged a service is, from its JSON and its tasks' JSON.</summary>
internal static class Convergence
{
    public static (ServiceConvergence Reading, bool Converged) Read(JsonObject service, JsonArray tasks)
    {
        JsonNode? template = service["Spec"]?["TaskTemplate"];
        bool global = service["Spec"]?["Mode"]?["Global"] is not null;
        int desired = global
            ? (int)(service["ServiceStatus"]?["DesiredTasks"]?.GetValue<ulong>() ?? 0)
            : (int)(service["Spec"]?["Mode"]?["Replicated"]?["Replicas"]?.GetValue<ulong>() ?? 1);
        int running = 0, wanted = 0, stopping = 0;
        string? failure = null;
        DateTime failureAt = DateTime.MinValue;
        foreach (JsonObject t in tasks.OfType<JsonObject>())
        {
            string? state = t["Status"]?["State"]?.GetValue<string>();
            string? desiredState = t["DesiredState"]?.GetValue<string>();
            // a replaced or scaled-away task that still runs: not converged until it stopped
            if (desiredState != "running" && state is "running" or "starting") stopping++;
            if (desiredState == "running")
            {
                wanted++;
                // a task of an older spec (a rolling update in progress) does not count
                if (state == "running" && SameSpec(t["Spec"] as JsonObject, template as JsonObject)) running++;
            }
            // failed and rejected tasks, and pending ones the scheduler cannot place ("no suitable node …")
            if (state is "failed" or "rejected" or "pending" && t["Status"]?["Err"]?.GetValue<string>() is { Length: > 0 } err)
            {
                DateTime at = ContainerMapper.ParseTime(t["Status"]?["Timestamp"]?.GetValue<string>()) ?? DateTime.MinValue;
                if (at >= failureAt) { failureAt = at; failure = err; }
            }
        }
        string? updateState = service["UpdateStatus"]?["State"]?.GetValue<string>();
        bool updating = updateState is "updating" or "rollback_started";
        bool converged = running == desired && wanted == desired && stopping == 0 && !updating && (desired > 0 || !global);
        return (new ServiceConvergence(running, desired, updateState, converged ? null : failure), converged);
    }

    /// <summary>
    /// True when a task was made from the service's current task template. The task's spec is the orchestrator's copy of the
    /// template, except <c>Runtime</c>, which the engine adds to the service's answer only.
    /// </summary>
    internal static bool SameSpec(JsonObject? task, JsonObject? template)
    {
        if (task is null || template is null) return task is null && template is null;
        foreach (string key in task.Select(kv => kv.Key).Union(template.Select(kv => kv.Key)))
        {
            if (key == "Runtime") continue;
            if (!JsonNode.DeepEquals(task[key], template[key])) return false;
        }
        return true;
    }
}

/// <summary>The <c>details=1</c> prefix of a service log line: <c>k=v,k=v message</c> (keys and values query-escaped).</summary>
internal static class LogDetails
{
    public static (Dictionary<string, string> Details, string Text) Split(string line)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        int space = line.IndexOf(' ');
        string head = space < 0 ? line : line[..space];
        if (!head.Contains('=')) return (details, line);
        foreach (string pair in head.Split(','))
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0) return (new Dictionary<string, string>(StringComparer.Ordinal), line);
            details[Uri.UnescapeDataString(pair[..eq].Replace('+', ' '))] = Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }
        return (details, space < 0 ? "" : line[(space + 1)..]);
    }
}
