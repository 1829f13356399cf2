using System.Collections;
using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Engine;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Gets the engine's events, or follows them as they happen (<c>docker events</c>).</summary>
[Cmdlet(VerbsCommon.Get, "ContainerEvent")]
[OutputType(typeof(ContainerEvent))]
public sealed class GetContainerEventCommand : DockerCmdlet
{
    // The filters docker events takes; the engine ignores unknown ones (a typo would list every event), so they are checked here.
    private static readonly string[] FilterKeys = { "config", "container", "daemon", "event", "image", "label", "network", "node", "plugin", "scope", "secret", "service", "type", "volume" };

    /// <summary>Events from this time on: a DateTime, a TimeSpan or '10m', '1h30m' back, or a Unix timestamp. Without -Follow, the default is every event the engine still holds.</summary>
    [Parameter]
    [PointInTimeTransformation]
    public DateTime? Since { get; set; }

    /// <summary>Events up to this time (the same forms as -Since). Without -Follow, the default is now.</summary>
    [Parameter]
    [PointInTimeTransformation]
    public DateTime? Until { get; set; }

    /// <summary>Engine-side filters: @{ type = 'container'; event = 'start','die'; container = 'web'; label = 'app=x' } (image, network, volume, daemon, scope, …).</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Filter { get; set; }

    /// <summary>Keep listening and write each event as it happens, until Ctrl+C (or -Until).</summary>
    [Parameter]
    [Alias("f")]
    public SwitchParameter Follow { get; set; }

    protected override void EndProcessing()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Filter ?? new Hashtable())
        {
            string key = entry.Key?.ToString()?.Trim().ToLowerInvariant() ?? "";
            if (Array.IndexOf(FilterKeys, key) < 0)
                Fail(new ArgumentException($"'{entry.Key}' is not an event filter: use {string.Join(", ", FilterKeys)}."), "InvalidEventFilter", entry.Key);
            string[] values = LanguagePrimitives.ConvertTo<string[]>(entry.Value);
            if (values.Length == 0 || values.Any(string.IsNullOrWhiteSpace))
                Fail(new ArgumentException($"The event filter '{key}' has an empty value."), "InvalidEventFilter", entry.Key);
            filters[key] = values;
        }

        DateTime? since = Since, until = Until;
        if (!Follow)
        {
            // A listing, not a subscription: everything the engine holds (it keeps recent events) up to now.
            since ??= DateTime.UnixEpoch.AddSeconds(1);
            until ??= DateTime.Now;
        }
        if (since is { } s && until is { } u && s > u)
            Fail(new ArgumentException($"-Since ({s:o}) is after -Until ({u:o})."), "InvalidEventTimeRange", Since);

        var options = new EngineEventsOptions
        {
            Since = since is { } a ? new DateTimeOffset(a) : null,
            Until = until is { } b ? new DateTimeOffset(b) : null,
            Filters = filters,
        };
        try
        {
            foreach (ContainerEvent e in Enumerate(Client.System.EventsAsync(options, CancelToken)))
                WriteObject(e);
        }
        catch (DockerApiException ex)
        {
            ThrowTerminatingError(DockerErrors.EngineCall(ex, "events", ResolvedEndpoint.ToString()));
        }
    }

    private void Fail(Exception ex, string errorId, object? target) => ThrowTerminatingError(DockerErrors.InvalidArgument(ex, errorId, target));
}
