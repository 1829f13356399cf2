using System.Text;
using PSDocker.Core.Networks;

namespace PSDocker.Core.Swarm.Stack;

/// <summary>Options of <see cref="StackOperations.ListAsync"/> (<c>docker stack ls</c>).</summary>
public sealed record StackListOptions;

/// <summary>Options of <see cref="StackOperations.PlanDeployAsync"/> (<c>docker stack deploy</c>).</summary>
public sealed record StackDeployOptions
{
    /// <summary>Remove the stack's services the plan no longer has (<c>--prune</c>).</summary>
    public bool Prune { get; init; }
}

/// <summary>Options of <see cref="StackOperations.PlanRemoveAsync"/> (<c>docker stack rm</c>).</summary>
public sealed record StackRemoveOptions
{
    /// <summary>How long to retry a network whose last task containers are still going away.</summary>
    public TimeSpan NetworkRetry { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>A deploy worked out against the engine: each change to make, in order (networks, secrets, configs, services, prunes).</summary>
public sealed class StackDeployment
{
    internal StackDeployment(StackPlan plan, IReadOnlyList<SwarmStackChange> changes, IReadOnlyDictionary<string, ulong> versions)
    {
        Plan = plan;
        Changes = changes;
        Versions = versions;
    }

    /// <summary>The converted compose file.</summary>
    public StackPlan Plan { get; }

    /// <summary>What the deploy does, in order; <see cref="SwarmStackAction.Unchanged"/> ones need no call.</summary>
    public IReadOnlyList<SwarmStackChange> Changes { get; }

    /// <summary>The version index each existing service was read at (updates are sent against it).</summary>
    internal IReadOnlyDictionary<string, ulong> Versions { get; }
}

/// <summary>An external network, secret or config the compose file names does not exist; nothing was created.</summary>
public sealed class StackExternalMissingException : Exception
{
    public StackExternalMissingException(SwarmStackObjectKind kind, string name)
        : base($"The {kind.ToString().ToLowerInvariant()} '{name}' is declared external: true but does not exist.")
    {
        Kind = kind;
        Name = name;
    }

    public SwarmStackObjectKind Kind { get; }
    public string Name { get; }
}

/// <summary>
/// Stacks (<c>docker stack …</c>): what the engine holds under a namespace label, and the calls that deploy and remove it.
/// Swarm managers only; Podman has no swarm (<see cref="EngineNotSupportedException"/> before anything is sent).
/// </summary>
public sealed class StackOperations
{
    private readonly DockerClient _client;

    internal StackOperations(DockerClient client) => _client = client;

    private string EndpointText => _client.Endpoint.ToString();

    private static Dictionary<string, IReadOnlyList<string>> NamespaceFilter(string? stack)
        => new() { ["label"] = new[] { stack is null ? StackLabels.Namespace : StackLabels.Namespace + "=" + stack } };

    /// <summary>The stacks: services grouped by their namespace label.</summary>
    /// <remarks>GET /services?filters={"label":["com.docker.stack.namespace"]} (CLI: <c>docker stack ls</c>).</remarks>
    public async Task<IReadOnlyList<SwarmStack>> ListAsync(StackListOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<SwarmService> services = await _client.Services.ListAsync(
            new ServiceListOptions { Filters = NamespaceFilter(null), Status = false }, cancellationToken).ConfigureAwait(false);
        return services
            .Where(s => s.Labels.ContainsKey(StackLabels.Namespace))
            .GroupBy(s => s.Labels[StackLabels.Namespace], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SwarmStack
            {
                Name = g.Key,
                Services = g.Count(),
                ServiceNames = g.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray(),
                Endpoint = EndpointText,
                Context = _client.Endpoint.ContextName,
            })
            .ToArray();
    }

    /// <summary>
    /// Reads what the engine holds (the stack's services, every network, secret and config name) and works out the changes a
    /// deploy makes. External objects must exist: else <see cref="StackExternalMissingException"/>, before anything is made.
    /// </summary>
    public async Task<StackDeployment> PlanDeployAsync(StackPlan plan, StackDeployOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        await SwarmOperations.ThrowIfPodmanAsync(_client.Transport, cancellationToken).ConfigureAwait(false);
        Task<IReadOnlyList<SwarmService>> servicesTask = _client.Services.ListAsync(
            new ServiceListOptions { Filters = NamespaceFilter(plan.Namespace), Status = false }, cancellationToken);
        Task<IReadOnlyList<Network>> networksTask = _client.Networks.ListAsync(new NetworkListOptions { IncludeContainers = false }, cancellationToken);
        Task<IReadOnlyList<SwarmSecret>> secretsTask = _client.Secrets.ListAsync(new SecretListOptions(), cancellationToken);
        Task<IReadOnlyList<SwarmConfig>> configsTask = plan.Configs.Count + plan.ExternalConfigs.Count > 0
            ? _client.Configs.ListAsync(new ConfigListOptions(), cancellationToken)
            : Task.FromResult<IReadOnlyList<SwarmConfig>>(Array.Empty<SwarmConfig>());
        IReadOnlyList<SwarmService> services = await servicesTask.ConfigureAwait(false);
        var networks = (await networksTask.ConfigureAwait(false)).ToDictionary(n => n.Name, n => n.Id, StringComparer.Ordinal);
        var secrets = (await secretsTask.ConfigureAwait(false)).ToDictionary(s => s.Name, s => s.Id, StringComparer.Ordinal);
        var configs = (await configsTask.ConfigureAwait(false)).ToDictionary(c => c.Name, c => c.Id, StringComparer.Ordinal);

        foreach (string n in plan.ExternalNetworks)
            if (!networks.ContainsKey(n)) throw new StackExternalMissingException(SwarmStackObjectKind.Network, n);
        foreach (string s in plan.ExternalSecrets)
            if (!secrets.ContainsKey(s)) throw new StackExternalMissingException(SwarmStackObjectKind.Secret, s);
        foreach (string c in plan.ExternalConfigs)
            if (!configs.ContainsKey(c)) throw new StackExternalMissingException(SwarmStackObjectKind.Config, c);

        var changes = new List<SwarmStackChange>();
        SwarmStackChange Change(SwarmStackObjectKind kind, string name, IReadOnlyDictionary<string, string> existing)
            => new()
            {
                Stack = plan.Namespace, Kind = kind, Name = name, Endpoint = EndpointText,
                Action = existing.TryGetValue(name, out string? id) ? (kind == SwarmStackObjectKind.Service ? SwarmStackAction.Updated : SwarmStackAction.Unchanged) : SwarmStackAction.Created,
                Id = id,
            };
        changes.AddRange(plan.Networks.Select(n => Change(SwarmStackObjectKind.Network, n.Name, networks)));
        changes.AddRange(plan.Secrets.Select(s => Change(SwarmStackObjectKind.Secret, s.Name, secrets)));
        changes.AddRange(plan.Configs.Select(c => Change(SwarmStackObjectKind.Config, c.Name, configs)));
        var existingServices = services.ToDictionary(s => s.Name, s => s.Id, StringComparer.Ordinal);
        changes.AddRange(plan.Services.Select(s => Change(SwarmStackObjectKind.Service, s.Name, existingServices)));
        if (options.Prune)
        {
            var wanted = new HashSet<string>(plan.Services.Select(s => s.Name), StringComparer.Ordinal);
            changes.AddRange(services.Where(s => !wanted.Contains(s.Name)).Select(s => new SwarmStackChange
            {
                Stack = plan.Namespace, Kind = SwarmStackObjectKind.Service, Name = s.Name, Id = s.Id, Action = SwarmStackAction.Removed, Endpoint = EndpointText,
            }));
        }
        return new StackDeployment(plan, changes, services.ToDictionary(s => s.Name, s => s.Version, StringComparer.Ordinal));
    }

    /// <summary>Makes one change of a deploy (nothing for an unchanged object) and returns it with the object's ID, and the engine's warnings.</summary>
    /// <exception cref="IOException">A secret's or config's file cannot be read.</exception>
    public async Task<(SwarmStackChange Change, IReadOnlyList<string> Warnings)> ApplyAsync(StackDeployment deployment, SwarmStackChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(change);
        StackPlan plan = deployment.Plan;
        IReadOnlyList<string> none = Array.Empty<string>();
        switch (change.Kind, change.Action)
        {
            case (_, SwarmStackAction.Unchanged):
                return (change, none);
            case (SwarmStackObjectKind.Network, SwarmStackAction.Created):
            {
                string id = await _client.Networks.CreateAsync(plan.Networks.First(x => x.Name == change.Name), cancellationToken).ConfigureAwait(false);
                return (With(change, id), none);
            }
            case (SwarmStackObjectKind.Secret, SwarmStackAction.Created):
            {
                StackFileObject s = plan.Secrets.First(x => x.Name == change.Name);
                byte[] data = await ContentAsync(s, cancellationToken).ConfigureAwait(false);
                try
                {
                    SwarmSecret made = await _client.Secrets.CreateAsync(new SecretCreateOptions { Name = s.Name, Data = data, Labels = s.Labels }, cancellationToken).ConfigureAwait(false);
                    return (With(change, made.Id), none);
                }
                finally
                {
                    Array.Clear(data);
                }
            }
            case (SwarmStackObjectKind.Config, SwarmStackAction.Created):
            {
                StackFileObject c = plan.Configs.First(x => x.Name == change.Name);
                SwarmConfig made = await _client.Configs.CreateAsync(new ConfigCreateOptions { Name = c.Name, Data = await ContentAsync(c, cancellationToken).ConfigureAwait(false), Labels = c.Labels }, cancellationToken).ConfigureAwait(false);
                return (With(change, made.Id), none);
            }
            case (SwarmStackObjectKind.Service, SwarmStackAction.Created):
            {
                ServiceCreateResult made = await _client.Services.CreateAsync(new ServiceCreateOptions { Spec = plan.Services.First(x => x.Name == change.Name) }, cancellationToken).ConfigureAwait(false);
                return (With(change, made.Id), made.Warnings);
            }
            case (SwarmStackObjectKind.Service, SwarmStackAction.Updated):
            {
                ServiceSpec spec = plan.Services.First(x => x.Name == change.Name);
                ServiceUpdateResult updated = await _client.Services.UpdateAsync(change.Id ?? change.Name, new ServiceUpdateOptions
                {
                    Spec = spec,
                    Version = deployment.Versions.TryGetValue(change.Name, out ulong v) ? v : null,
                }, cancellationToken).ConfigureAwait(false);
                return (change, updated.Warnings);
            }
            case (SwarmStackObjectKind.Service, SwarmStackAction.Removed):
                await _client.Services.RemoveAsync(change.Id ?? change.Name, new ServiceRemoveOptions(), cancellationToken).ConfigureAwait(false);
                return (change, none);
            default:
                throw new ArgumentException($"Not a deploy change: {change}.", nameof(change));
        }
    }

    /// <summary>Everything of a stack, in the order <c>docker stack rm</c> removes it: services, secrets, configs, networks.</summary>
    public async Task<IReadOnlyList<SwarmStackChange>> PlanRemoveAsync(string stack, StackRemoveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stack);
        ArgumentNullException.ThrowIfNull(options);
        await SwarmOperations.ThrowIfPodmanAsync(_client.Transport, cancellationToken).ConfigureAwait(false);
        string label = StackLabels.Namespace + "=" + stack;
        Task<IReadOnlyList<SwarmService>> services = _client.Services.ListAsync(new ServiceListOptions { Filters = NamespaceFilter(stack), Status = false }, cancellationToken);
        Task<IReadOnlyList<SwarmSecret>> secrets = _client.Secrets.ListAsync(new SecretListOptions { Labels = new[] { label } }, cancellationToken);
        Task<IReadOnlyList<SwarmConfig>> configs = _client.Configs.ListAsync(new ConfigListOptions { Labels = new[] { label } }, cancellationToken);
        Task<IReadOnlyList<Network>> networks = _client.Networks.ListAsync(new NetworkListOptions { Filters = NamespaceFilter(stack), IncludeContainers = false }, cancellationToken);
        SwarmStackChange Removal(SwarmStackObjectKind kind, string name, string id)
            => new() { Stack = stack, Kind = kind, Name = name, Id = id, Action = SwarmStackAction.Removed, Endpoint = EndpointText };
        var changes = new List<SwarmStackChange>();
        changes.AddRange((await services.ConfigureAwait(false)).Select(s => Removal(SwarmStackObjectKind.Service, s.Name, s.Id)));
        changes.AddRange((await secrets.ConfigureAwait(false)).Select(s => Removal(SwarmStackObjectKind.Secret, s.Name, s.Id)));
        changes.AddRange((await configs.ConfigureAwait(false)).Select(c => Removal(SwarmStackObjectKind.Config, c.Name, c.Id)));
        changes.AddRange((await networks.ConfigureAwait(false))
            .Where(n => n.Labels.TryGetValue(StackLabels.Namespace, out string? ns) && ns == stack)
            .Select(n => Removal(SwarmStackObjectKind.Network, n.Name, n.Id)));
        return changes;
    }

    /// <summary>
    /// Removes one object of a stack. A network is retried (bounded by <see cref="StackRemoveOptions.NetworkRetry"/>) while the
    /// task containers of the removed services still hold it.
    /// </summary>
    public async Task RemoveAsync(SwarmStackChange change, StackRemoveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(options);
        string target = change.Id ?? change.Name;
        switch (change.Kind)
        {
            case SwarmStackObjectKind.Service:
                await _client.Services.RemoveAsync(target, new ServiceRemoveOptions(), cancellationToken).ConfigureAwait(false);
                break;
            case SwarmStackObjectKind.Secret:
                await _client.Secrets.RemoveAsync(target, new SecretRemoveOptions(), cancellationToken).ConfigureAwait(false);
                break;
            case SwarmStackObjectKind.Config:
                await _client.Configs.RemoveAsync(target, new ConfigRemoveOptions(), cancellationToken).ConfigureAwait(false);
                break;
            case SwarmStackObjectKind.Network:
                DateTime deadline = DateTime.UtcNow + options.NetworkRetry;
                while (true)
                {
                    try
                    {
                        await _client.Networks.RemoveAsync(target, new NetworkRemoveOptions(), cancellationToken).ConfigureAwait(false);
                        await WaitGoneAsync(target, deadline, cancellationToken).ConfigureAwait(false);
                        return;
                    }
                    catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.InUse && DateTime.UtcNow < deadline)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
                    }
                }
        }
    }

    // The swarm drops an overlay network at once, but this engine keeps its local copy until the last task container on it is gone.
    private async Task WaitGoneAsync(string network, DateTime deadline, CancellationToken cancellationToken)
    {
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await _client.Networks.InspectAsync(network, new NetworkInspectOptions(), cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.NotFound)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<byte[]> ContentAsync(StackFileObject obj, CancellationToken cancellationToken)
        => obj.File is not null
            ? await File.ReadAllBytesAsync(obj.File, cancellationToken).ConfigureAwait(false)
            : new UTF8Encoding(false).GetBytes(obj.Content ?? "");

    private static SwarmStackChange With(SwarmStackChange change, string id) => new()
    {
        Stack = change.Stack, Kind = change.Kind, Name = change.Name, Action = change.Action, Id = id, Endpoint = change.Endpoint,
    };
}
