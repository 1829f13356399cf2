using PSDocker.Core.Transport;

namespace PSDocker.Core.Swarm;

/// <summary>The engine's secret endpoints (<c>/secrets/…</c>): a swarm manager's, or Podman's own secret store.</summary>
public sealed class SecretOperations
{
    private readonly SwarmObjectStore _store;

    internal SecretOperations(DockerTransport transport) => _store = new SwarmObjectStore(transport, "secrets");

    /// <summary>Lists secrets (never their values: the engine does not give them back).</summary>
    /// <remarks>GET /secrets (CLI: <c>docker secret ls</c>).</remarks>
    /// <exception cref="DockerApiException">503 when the engine is not a swarm manager.</exception>
    public async Task<IReadOnlyList<SwarmSecret>> ListAsync(SecretListOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        EngineHandshake engine = await _store.Transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<SwarmObjectDto> list = await _store.ListAsync(options.Labels, inspectEach: engine.IsPodman, cancellationToken).ConfigureAwait(false);
        return list.Select(FromDto).ToArray();
    }

    /// <summary>One secret by name, ID or ID prefix.</summary>
    /// <remarks>GET /secrets/{id} (CLI: <c>docker secret inspect</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such secret.</exception>
    public async Task<SwarmSecret> InspectAsync(string idOrName, CancellationToken cancellationToken = default)
        => FromDto(await _store.InspectAsync(idOrName, cancellationToken).ConfigureAwait(false));

    /// <summary>Creates a secret and returns it.</summary>
    /// <remarks>POST /secrets/create (CLI: <c>docker secret create</c>).</remarks>
    /// <exception cref="DockerApiException">409 when the name is taken.</exception>
    public async Task<SwarmSecret> CreateAsync(SecretCreateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FromDto(await _store.CreateAsync(options.Name, options.Data, options.Labels, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Removes a secret.</summary>
    /// <remarks>DELETE /secrets/{id} (CLI: <c>docker secret rm</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such secret; InUse (a 400 from swarm) while services use it.</exception>
    public Task RemoveAsync(string idOrName, SecretRemoveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _store.RemoveAsync(idOrName, cancellationToken);
    }

    private SwarmSecret FromDto(SwarmObjectDto dto) => new()
    {
        Id = dto.ID,
        Name = dto.Spec?.Name ?? "",
        Created = SwarmObjectStore.Time(dto.CreatedAt),
        Updated = SwarmObjectStore.Time(dto.UpdatedAt),
        Version = dto.Version?.Index ?? 0,
        Labels = dto.Spec?.Labels ?? Network.Empty,
        Driver = dto.Spec?.Driver?.Name,
        Endpoint = _store.EndpointText,
        Context = _store.ContextName,
    };
}
