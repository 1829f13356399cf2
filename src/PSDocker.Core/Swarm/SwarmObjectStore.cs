using PSDocker.Core.Containers;
using PSDocker.Core.Networks;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Swarm;

/// <summary>
/// The calls secrets and configs share (<c>/secrets</c> and <c>/configs</c> have the same shape): list, inspect, create,
/// remove. The content sent on create is never logged nor put in an exception.
/// </summary>
internal sealed class SwarmObjectStore
{
    private readonly DockerTransport _transport;
    private readonly string _root;

    public SwarmObjectStore(DockerTransport transport, string root)
    {
        _transport = transport;
        _root = root;
    }

    public string EndpointText => _transport.Endpoint.ToString();

    public string? ContextName => _transport.Endpoint.ContextName;

    public DockerTransport Transport => _transport;

    private string Path(string idOrName)
    {
        ArgumentException.ThrowIfNullOrEmpty(idOrName);
        return _root + "/" + Uri.EscapeDataString(idOrName);
    }

    public async Task<IReadOnlyList<SwarmObjectDto>> ListAsync(IReadOnlyList<string> labels, bool inspectEach, CancellationToken cancellationToken)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        if (labels.Count > 0) filters["label"] = labels;
        // Podman's list has no labels to filter on: ask for everything and filter its inspect answers here.
        string path = new Query(_root).Filters(inspectEach ? null : filters);
        List<SwarmObjectDto> list = await _transport.SendJsonAsync(HttpMethod.Get, path, SwarmObjectJsonContext.Default.ListSwarmObjectDto, cancellationToken).ConfigureAwait(false)
            ?? new List<SwarmObjectDto>();
        if (inspectEach)
        {
            // Podman's list leaves labels out; its inspect has them.
            list = (await Task.WhenAll(list.Select(o => InspectAsync(o.ID, cancellationToken))).ConfigureAwait(false)).ToList();
        }
        var wanted = filters;
        return list.Where(o => LabelFilter.Matches(o.Spec?.Labels, wanted))
            .OrderBy(o => o.Spec?.Name ?? "", StringComparer.Ordinal)
            .ToArray();
    }

    public Task<SwarmObjectDto> InspectAsync(string idOrName, CancellationToken cancellationToken)
        => _transport.SendJsonAsync(HttpMethod.Get, Path(idOrName), SwarmObjectJsonContext.Default.SwarmObjectDto, cancellationToken);

    public async Task<SwarmObjectDto> CreateAsync(string name, ReadOnlyMemory<byte> data, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var spec = new SwarmObjectSpecDto
        {
            Name = name,
            Labels = new Dictionary<string, string>(labels),
            Data = Convert.ToBase64String(data.Span),
        };
        SwarmCreateResponseDto created = await _transport.SendJsonAsync(HttpMethod.Post, _root + "/create", SwarmObjectJsonContext.Default.SwarmCreateResponseDto,
            cancellationToken, DockerTransport.JsonContent(spec, SwarmObjectJsonContext.Default.SwarmObjectSpecDto)).ConfigureAwait(false);
        return await InspectAsync(created.ID, cancellationToken).ConfigureAwait(false);
    }

    public Task RemoveAsync(string idOrName, CancellationToken cancellationToken)
        => _transport.SendAsync(HttpMethod.Delete, Path(idOrName), cancellationToken);

    public static DateTime? Time(string? text) => ContainerMapper.ParseTime(text);
}
