using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using PSDocker.Core.Containers;
using PSDocker.Core.Json;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Engine;

/// <summary>Options of <see cref="SystemOperations.EventsAsync"/> (<c>docker events</c>).</summary>
public sealed record EngineEventsOptions
{
    /// <summary>Events from this time on (the engine keeps recent events); null for only new ones.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Events up to this time, then the stream ends; null to follow until cancelled.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>The <c>filters</c> map: type, event, container, image, label, network, volume, daemon, scope….</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Filters { get; init; }
}

public sealed partial class SystemOperations
{
    /// <summary>The engine's events: from <see cref="EngineEventsOptions.Since"/>, each handed on as soon as its bytes arrive, until <see cref="EngineEventsOptions.Until"/> or cancellation.</summary>
    /// <remarks>GET /events?since=&amp;until=&amp;filters= (CLI: <c>docker events</c>). Times go as <c>seconds.nanoseconds</c>. Podman 4.3 answers nothing when <c>until</c> is sent, so there the stream is cut at Until (plus half a second for late replays) and later events are dropped.</remarks>
    /// <exception cref="DockerApiException">400 for an unknown filter or a bad time.</exception>
    public async IAsyncEnumerable<ContainerEvent> EventsAsync(EngineEventsOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Podman 4.3 answers nothing at all when "until" is sent: there the end is kept here, by time.
        EngineHandshake engine = await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset? localUntil = engine.IsPodman ? options.Until : null;
        string path = new Query("events")
            .Add("since", options.Since is { } since ? ContainerOperations.UnixTime(since) : null)
            .Add("until", options.Until is { } until && localUntil is null ? ContainerOperations.UnixTime(until) : null)
            .Filters(options.Filters);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (localUntil is { } end)
            window.CancelAfter(TimeSpan.FromTicks(Math.Max(0, (end - DateTimeOffset.UtcNow).Ticks)) + PodmanUntilGrace);
        using HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Get, path, window.Token).ConfigureAwait(false);
        using HttpResponseMessage response = await _transport.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, window.Token).ConfigureAwait(false);
        await using Stream stream = await _transport.ReadBodyAsync(request, response, window.Token).ConfigureAwait(false);
        string endpoint = _transport.Endpoint.ToString();
        await using IAsyncEnumerator<EventDto> events = _transport.GuardAsync(JsonMessageReader.ReadAllAsync(stream, EventJsonContext.Default.EventDto, window.Token), request, window.Token)
            .GetAsyncEnumerator(window.Token);
        while (true)
        {
            bool more;
            try
            {
                more = await events.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (window.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                yield break; // Podman: the time window is over
            }
            if (!more) yield break;
            ContainerEvent e = ToEvent(events.Current, endpoint);
            if (localUntil is { } last && e.Time > last.UtcDateTime) continue;
            yield return e;
        }
    }

    /// <summary>On Podman, how long after <see cref="EngineEventsOptions.Until"/> the stream is read for the events it replays late.</summary>
    internal static TimeSpan PodmanUntilGrace { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>An event as the public model; old engines' <c>status</c>/<c>id</c>/<c>from</c> fill what <c>Action</c>/<c>Actor</c> leave out.</summary>
    internal static ContainerEvent ToEvent(EventDto dto, string endpoint)
    {
        var attributes = new Dictionary<string, string>(dto.Actor?.Attributes ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (!attributes.ContainsKey("image") && !string.IsNullOrEmpty(dto.From)) attributes["image"] = dto.From;
        long nanos = dto.TimeNano is > 0 and var n ? n : dto.Time * 1_000_000_000;
        return new ContainerEvent
        {
            Type = string.IsNullOrEmpty(dto.Type) ? "container" : dto.Type,
            Action = string.IsNullOrEmpty(dto.Action) ? dto.Status ?? "" : dto.Action,
            Id = string.IsNullOrEmpty(dto.Actor?.ID) ? dto.Id ?? "" : dto.Actor.ID,
            Name = attributes.TryGetValue("name", out string? name) && name.Length > 0 ? name : null,
            Attributes = attributes,
            TimeNano = nanos,
            Time = DateTime.UnixEpoch.AddTicks(nanos / 100),
            Scope = dto.Scope ?? "",
            Endpoint = endpoint,
        };
    }
}

internal sealed class EventDto
{
    public string? Type { get; set; }
    public string? Action { get; set; }
    public EventActorDto? Actor { get; set; }
    [JsonPropertyName("scope")] public string? Scope { get; set; }
    [JsonPropertyName("time")] public long Time { get; set; }
    [JsonPropertyName("timeNano")] public long TimeNano { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("from")] public string? From { get; set; }
}

internal sealed class EventActorDto
{
    public string? ID { get; set; }
    public Dictionary<string, string>? Attributes { get; set; }
}

// Case-sensitive on purpose: the engine sends both "id" (old) and "Actor.ID", "status" (old) and "Action".
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(EventDto))]
internal sealed partial class EventJsonContext : JsonSerializerContext
{
}
