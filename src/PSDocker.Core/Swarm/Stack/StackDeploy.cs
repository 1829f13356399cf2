using System.Globalization;
using PSDocker.Core.Compose;

namespace PSDocker.Core.Swarm.Stack;

/// <summary>
/// A service's <c>deploy:</c> section read from the loader's plain values (the loader types only replicas and the memory/CPU
/// resources): mode, endpoint mode, labels, update/rollback/restart policies, placement, CPU reservation and pids limit.
/// </summary>
internal sealed record Deploy
{
    public ServiceMode Mode { get; init; } = ServiceMode.Replicated;
    public EndpointMode? EndpointMode { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public ServiceUpdatePolicy? Update { get; init; }
    public ServiceUpdatePolicy? Rollback { get; init; }
    public ServiceRestartPolicy? Restart { get; init; }
    public IReadOnlyList<string> Constraints { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Preferences { get; init; } = Array.Empty<string>();
    public ulong? MaxReplicasPerNode { get; init; }
    public double? ReserveCpus { get; init; }
    public long? LimitPids { get; init; }

    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal)
    { "endpoint_mode", "labels", "mode", "placement", "replicas", "resources", "restart_policy", "rollback_config", "update_config" };

    public static Deploy Read(ComposeService service, string subject)
    {
        if (!service.Other.TryGetValue("deploy", out object? raw) || raw is null) return new Deploy();
        var d = Map(raw, subject, "deploy");
        foreach (string key in d.Keys)
            if (!Keys.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
                throw new StackConversionException(subject, $"deploy.{key} is not a deploy key (use {string.Join(", ", Keys.Order(StringComparer.Ordinal))})");

        string? mode = Text(d, "mode", subject, "deploy");
        string? endpoint = Text(d, "endpoint_mode", subject, "deploy");
        IReadOnlyDictionary<string, object?>? placement = d.TryGetValue("placement", out object? p) && p is not null ? Map(p, subject, "deploy.placement") : null;
        IReadOnlyDictionary<string, object?>? resources = d.TryGetValue("resources", out object? r) && r is not null ? Map(r, subject, "deploy.resources") : null;
        IReadOnlyDictionary<string, object?>? limits = resources is not null && resources.TryGetValue("limits", out object? l) && l is not null ? Map(l, subject, "deploy.resources.limits") : null;
        IReadOnlyDictionary<string, object?>? reservations = resources is not null && resources.TryGetValue("reservations", out object? rv) && rv is not null ? Map(rv, subject, "deploy.resources.reservations") : null;

        return new Deploy
        {
            Mode = mode switch
            {
                null or "replicated" => ServiceMode.Replicated,
                "global" => ServiceMode.Global,
                _ => throw new StackConversionException(subject, $"deploy.mode '{mode}' is not replicated or global"),
            },
            EndpointMode = endpoint switch
            {
                null => null,
                "vip" => Swarm.EndpointMode.Vip,
                "dnsrr" => Swarm.EndpointMode.Dnsrr,
                _ => throw new StackConversionException(subject, $"deploy.endpoint_mode '{endpoint}' is not vip or dnsrr"),
            },
            Labels = d.TryGetValue("labels", out object? lb) && lb is not null ? ReadLabels(lb, subject) : new Dictionary<string, string>(),
            Update = d.TryGetValue("update_config", out object? u) && u is not null ? Policy(Map(u, subject, "deploy.update_config"), subject, "deploy.update_config") : null,
            Rollback = d.TryGetValue("rollback_config", out object? rb) && rb is not null ? Policy(Map(rb, subject, "deploy.rollback_config"), subject, "deploy.rollback_config") : null,
            Restart = d.TryGetValue("restart_policy", out object? rp) && rp is not null ? RestartPolicy(Map(rp, subject, "deploy.restart_policy"), subject) : null,
            Constraints = placement is not null && placement.TryGetValue("constraints", out object? c) && c is not null ? Strings(c, subject, "deploy.placement.constraints") : Array.Empty<string>(),
            Preferences = placement is not null && placement.TryGetValue("preferences", out object? pr) && pr is not null ? ReadPreferences(pr, subject) : Array.Empty<string>(),
            MaxReplicasPerNode = placement is not null ? UInt(placement, "max_replicas_per_node", subject, "deploy.placement") : null,
            ReserveCpus = reservations is not null ? Number(reservations, "cpus", subject, "deploy.resources.reservations") : null,
            LimitPids = limits is not null && UInt(limits, "pids", subject, "deploy.resources.limits") is ulong pids ? (long)pids : null,
        };
    }

    private static ServiceUpdatePolicy Policy(IReadOnlyDictionary<string, object?> m, string subject, string at) => new()
    {
        Parallelism = UInt(m, "parallelism", subject, at),
        Delay = Duration(m, "delay", subject, at),
        FailureAction = Text(m, "failure_action", subject, at),
        Monitor = Duration(m, "monitor", subject, at),
        MaxFailureRatio = Number(m, "max_failure_ratio", subject, at),
        Order = Text(m, "order", subject, at),
    };

    private static ServiceRestartPolicy RestartPolicy(IReadOnlyDictionary<string, object?> m, string subject) => new()
    {
        Condition = Text(m, "condition", subject, "deploy.restart_policy"),
        Delay = Duration(m, "delay", subject, "deploy.restart_policy"),
        MaxAttempts = UInt(m, "max_attempts", subject, "deploy.restart_policy"),
        Window = Duration(m, "window", subject, "deploy.restart_policy"),
    };

    private static IReadOnlyList<string> ReadPreferences(object value, string subject)
    {
        if (value is not IEnumerable<object?> items || value is string)
            throw new StackConversionException(subject, "deploy.placement.preferences must be a list of { spread: <label> }");
        var result = new List<string>();
        foreach (object? item in items)
        {
            IReadOnlyDictionary<string, object?> m = Map(item, subject, "deploy.placement.preferences");
            result.Add(Text(m, "spread", subject, "deploy.placement.preferences")
                ?? throw new StackConversionException(subject, "each deploy.placement.preferences entry needs spread:"));
        }
        return result;
    }

    private static IReadOnlyDictionary<string, string> ReadLabels(object value, string subject)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is IReadOnlyDictionary<string, object?> or IDictionary<string, object?>)
        {
            foreach ((string k, object? v) in Map(value, subject, "deploy.labels")) labels[k] = Scalar(v) ?? "";
            return labels;
        }
        foreach (string item in Strings(value, subject, "deploy.labels"))
        {
            int eq = item.IndexOf('=');
            labels[eq < 0 ? item : item[..eq]] = eq < 0 ? "" : item[(eq + 1)..];
        }
        return labels;
    }

    private static IReadOnlyDictionary<string, object?> Map(object? value, string subject, string at) => value switch
    {
        IReadOnlyDictionary<string, object?> m => m,
        IDictionary<string, object?> m => new Dictionary<string, object?>(m),
        _ => throw new StackConversionException(subject, $"{at} must be a mapping"),
    };

    private static IReadOnlyList<string> Strings(object value, string subject, string at)
        => value is IEnumerable<object?> items && value is not string
            ? items.Select(i => Scalar(i) ?? throw new StackConversionException(subject, $"{at} holds an empty entry")).ToArray()
            : throw new StackConversionException(subject, $"{at} must be a list");

    private static string? Scalar(object? v) => v switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };

    private static string? Text(IReadOnlyDictionary<string, object?> m, string key, string subject, string at)
        => m.TryGetValue(key, out object? v) && v is not null
            ? (v is string s ? s : Scalar(v))
            : null;

    private static ulong? UInt(IReadOnlyDictionary<string, object?> m, string key, string subject, string at)
    {
        if (!m.TryGetValue(key, out object? v) || v is null) return null;
        string? text = Scalar(v);
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n) ? n
            : throw new StackConversionException(subject, $"{at}.{key} must be a whole number 0 or more, not '{text}'");
    }

    private static double? Number(IReadOnlyDictionary<string, object?> m, string key, string subject, string at)
    {
        if (!m.TryGetValue(key, out object? v) || v is null) return null;
        string? text = Scalar(v);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && n >= 0 ? n
            : throw new StackConversionException(subject, $"{at}.{key} must be a number 0 or more, not '{text}'");
    }

    private static TimeSpan? Duration(IReadOnlyDictionary<string, object?> m, string key, string subject, string at)
    {
        if (!m.TryGetValue(key, out object? v) || v is null) return null;
        string text = Scalar(v)!;
        try
        {
            // A bare number is nanoseconds in compose's duration fields, as in the Go loader.
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long ns) ? TimeSpan.FromTicks(ns / 100) : ComposeValues.ParseDuration(text);
        }
        catch (FormatException ex)
        {
            throw new StackConversionException(subject, $"{at}.{key}: {ex.Message}");
        }
    }
}
