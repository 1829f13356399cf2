namespace PSDocker.Core.Swarm;

/// <summary>The engine's config endpoints (<c>/configs/…</c>, swarm managers only; Podman has none).</summary>
public sealed class ConfigOperations
{
    private readonly SwarmObjectStore _store;

    internal ConfigOperations(Transport.DockerTransport transport) => _store = new SwarmObjectStore(transport, "configs");

    /// <summary>Lists configs with their content.</summary>
    /// <remarks>GET /configs (CLI: <c>docker config ls</c>).</remarks>
    /// <exception cref="EngineNotSupportedException">Podman, before anything is sent.</exception>
    /// <exception cref="DockerApiException">503 when the engine is not a swarm manager.</exception>
    public async Task<IReadOnlyList<SwarmConfig>> ListAsync(ConfigListOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await SwarmOperations.ThrowIfPodmanAsync(_store.Transport, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<SwarmObjectDto> list = await _store.ListAsync(options.Labels, inspectEach: false, cancellationToken).ConfigureAwait(false);
        return list.Select(FromDto).ToArray();
    }

    /// <summary>One config by name, ID or ID prefix.</summary>
    /// <remarks>GET /configs/{id} (CLI: <c>docker config inspect</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such config.</exception>
    public async Task<SwarmConfig> InspectAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        await SwarmOperations.ThrowIfPodmanAsync(_store.Transport, cancellationToken).ConfigureAwait(false);
        return FromDto(await _store.InspectAsync(idOrName, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Creates a config and returns it.</summary>
    /// <remarks>POST /configs/create (CLI: <c>docker config create</c>).</remarks>
    /// <exception cref="DockerApiException">409 when the name is taken.</exception>
    public async Task<SwarmConfig> CreateAsync(ConfigCreateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await SwarmOperations.ThrowIfPodmanAsync(_store.Transport, cancellationToken).ConfigureAwait(false);
        return FromDto(await _store.CreateAsync(options.Name, options.Data, options.Labels, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Removes a config.</summary>
    /// <remarks>DELETE /configs/{id} (CLI: <c>docker config rm</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such config; InUse (a 400 from swarm) while services use it.</exception>
    public async Task RemoveAsync(string idOrName, ConfigRemoveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await SwarmOperations.ThrowIfPodmanAsync(_store.Transport, cancellationToken).ConfigureAwait(false);
        await _store.RemoveAsync(idOrName, cancellationToken).ConfigureAwait(false);
    }

    private SwarmConfig FromDto(SwarmObjectDto dto) => new()
    {
        Id = dto.ID,
        Name = dto.Spec?.Name ?? "",
        Created = SwarmObjectStore.Time(dto.CreatedAt),
        Updated = SwarmObjectStore.Time(dto.UpdatedAt),
        Version = dto.Version?.Index ?? 0,
        Labels = dto.Spec?.Labels ?? Network.Empty,
        Data = string.IsNullOrEmpty(dto.Spec?.Data) ? Array.Empty<byte>() : Convert.FromBase64String(dto.Spec.Data),
        Endpoint = _store.EndpointText,
        Context = _store.ContextName,
    };
}
