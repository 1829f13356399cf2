using PSDocker.Core.Containers;
using PSDocker.Core.Networks;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Volumes;

/// <summary>The engine's volume endpoints (<c>/volumes/…</c>).</summary>
public sealed class VolumeOperations
{
    /// <summary>From API 1.42 prune keeps named volumes unless the <c>all</c> filter is set.</summary>
    private static readonly Version PruneAllFilter = new(1, 42);

    private readonly DockerTransport _transport;

    internal VolumeOperations(DockerTransport transport) => _transport = transport;

    private string EndpointText => _transport.Endpoint.ToString();

    private static string Path(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return "volumes/" + Uri.EscapeDataString(name);
    }

    /// <summary>Lists volumes in one call (and, with <see cref="VolumeListOptions.IncludeUsage"/>, one container list for their users).</summary>
    /// <remarks>GET /volumes (CLI: <c>docker volume ls</c>).</remarks>
    public async Task<IReadOnlyList<Volume>> ListAsync(VolumeListOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var filters = new Dictionary<string, IReadOnlyList<string>>(options.Filters);
        if (options.Dangling is bool dangling) filters["dangling"] = new[] { dangling ? "true" : "false" };
        string path = new Query("volumes").Filters(filters);
        Task<VolumeListDto> volumes = _transport.SendJsonAsync(HttpMethod.Get, path, VolumeJsonContext.Default.VolumeListDto, cancellationToken);
        Task<List<ContainerNetworksDto>>? containers = options.IncludeUsage ? NetworkOperations.ListContainersAsync(_transport, cancellationToken) : null;
        VolumeListDto list = await volumes.ConfigureAwait(false);
        Dictionary<string, List<string>>? users = containers is null ? null : UsersByVolume(await containers.ConfigureAwait(false));
        // Podman ORs several label filters and ignores dangling: check both here too, so both engines answer alike.
        return (list.Volumes ?? new List<VolumeDto>())
            .Where(v => LabelFilter.Matches(v.Labels, options.Filters))
            .Where(v => options.Dangling is not bool d || users is null || users.ContainsKey(v.Name) != d)
            .Select(v => FromDto(v, users is null ? null : users.TryGetValue(v.Name, out List<string>? u) ? u : new List<string>()))
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Everything the engine knows of one volume, with the containers that use it.</summary>
    /// <remarks>GET /volumes/{name} (CLI: <c>docker volume inspect</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such volume.</exception>
    public async Task<Volume> InspectAsync(string name, VolumeInspectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Task<VolumeDto> volume = _transport.SendJsonAsync(HttpMethod.Get, Path(name), VolumeJsonContext.Default.VolumeDto, cancellationToken);
        Task<List<ContainerNetworksDto>>? containers = options.IncludeUsage ? NetworkOperations.ListContainersAsync(_transport, cancellationToken) : null;
        VolumeDto dto = await volume.ConfigureAwait(false);
        if (containers is null) return FromDto(dto, null);
        Dictionary<string, List<string>> users = UsersByVolume(await containers.ConfigureAwait(false));
        return FromDto(dto, users.TryGetValue(dto.Name, out List<string>? u) ? u : new List<string>());
    }

    /// <summary>Creates a volume (or returns the existing one of that name, as the engine does) and returns it.</summary>
    /// <remarks>POST /volumes/create (CLI: <c>docker volume create</c>).</remarks>
    /// <exception cref="DockerApiException">400/500 for a bad name or driver option.</exception>
    public async Task<Volume> CreateAsync(VolumeCreateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = new VolumeCreateBody
        {
            Name = string.IsNullOrEmpty(options.Name) ? null : options.Name,
            Driver = options.Driver,
            DriverOpts = options.DriverOptions.Count > 0 ? new Dictionary<string, string>(options.DriverOptions) : null,
            Labels = options.Labels.Count > 0 ? new Dictionary<string, string>(options.Labels) : null,
        };
        VolumeDto dto = await _transport.SendJsonAsync(HttpMethod.Post, "volumes/create", VolumeJsonContext.Default.VolumeDto, cancellationToken,
            DockerTransport.JsonContent(body, VolumeJsonContext.Default.VolumeCreateBody)).ConfigureAwait(false);
        return FromDto(dto, new List<string>());
    }

    /// <summary>Removes a volume.</summary>
    /// <remarks>DELETE /volumes/{name} (CLI: <c>docker volume rm</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such volume; 409 (Docker) or 500 (Podman) while a container uses it.</exception>
    public Task RemoveAsync(string name, VolumeRemoveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _transport.SendAsync(HttpMethod.Delete, new Query(Path(name)).FlagIfSet("force", options.Force), cancellationToken);
    }

    /// <summary>Removes every volume no container uses, matching the filters.</summary>
    /// <remarks>POST /volumes/prune (CLI: <c>docker volume prune</c>). See <see cref="VolumePruneOptions.All"/> for which volumes an engine prunes.</remarks>
    public async Task<VolumePruneResult> PruneAsync(VolumePruneOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        EngineHandshake engine = await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, IReadOnlyList<string>> filters = ContainerOperations.PruneFilters(options.Labels, until: null);
        if (options.All && engine.ApiVersion >= PruneAllFilter && !engine.IsPodman) filters["all"] = new[] { "true" };
        string path = new Query("volumes/prune").Filters(filters);
        VolumePruneDto dto = await _transport.SendJsonAsync(HttpMethod.Post, path, VolumeJsonContext.Default.VolumePruneDto, cancellationToken).ConfigureAwait(false);
        return new VolumePruneResult { VolumesDeleted = dto.VolumesDeleted ?? new List<string>(), SpaceReclaimed = dto.SpaceReclaimed, Endpoint = EndpointText };
    }

    /// <summary>True when this engine's prune removes named volumes without <see cref="VolumePruneOptions.All"/> (API before 1.42, or Podman).</summary>
    public async Task<bool> PrunesNamedVolumesAsync(CancellationToken cancellationToken = default)
    {
        EngineHandshake engine = await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
        return engine.IsPodman || engine.ApiVersion < PruneAllFilter;
    }

    private Volume FromDto(VolumeDto dto, IReadOnlyList<string>? usedBy) => new()
    {
        Name = dto.Name,
        Driver = dto.Driver ?? "",
        Mountpoint = dto.Mountpoint ?? "",
        Scope = dto.Scope ?? "",
        Created = ContainerMapper.ParseTime(dto.CreatedAt),
        Labels = dto.Labels ?? Network.Empty,
        Options = dto.Options ?? Network.Empty,
        UsedBy = usedBy,
        Endpoint = EndpointText,
        Context = _transport.Endpoint.ContextName,
    };

    private static Dictionary<string, List<string>> UsersByVolume(List<ContainerNetworksDto> containers)
    {
        var users = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (ContainerNetworksDto c in containers)
        {
            foreach (Json.MountDto m in c.Mounts ?? new List<Json.MountDto>())
            {
                if (m.Type != "volume" || string.IsNullOrEmpty(m.Name)) continue;
                if (!users.TryGetValue(m.Name, out List<string>? list)) users[m.Name] = list = new List<string>();
                string name = ContainerMapper.FirstName(c.Names);
                if (!list.Contains(name)) list.Add(name);
            }
        }
        return users;
    }
}
