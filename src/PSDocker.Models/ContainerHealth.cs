namespace PSDocker;

/// <summary>What a container's health check says (<c>docker ps</c> shows it after the status).</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum ContainerHealth
{
    /// <summary>No health check, or it is not running so none is being run.</summary>
    None,
    /// <summary>Checks run but the container has not yet passed one (or is in its start period).</summary>
    Starting,
    /// <summary>The last check passed.</summary>
    Healthy,
    /// <summary>The checks failed as many times in a row as the retries allow.</summary>
    Unhealthy,
}

/// <summary>Reads health from the engine's words.</summary>
public static class ContainerHealthMapper
{
    /// <summary>Maps inspect's <c>State.Health.Status</c> (<c>starting</c>, <c>healthy</c>, <c>unhealthy</c>, <c>none</c>).</summary>
    public static ContainerHealth FromEngine(string? status) => status?.ToLowerInvariant() switch
    {
        "starting" => ContainerHealth.Starting,
        "healthy" => ContainerHealth.Healthy,
        "unhealthy" => ContainerHealth.Unhealthy,
        _ => ContainerHealth.None,
    };

    /// <summary>Reads the health the list's status text ends with: <c>Up 3 minutes (healthy)</c>, <c>(unhealthy)</c>, <c>(health: starting)</c>.</summary>
    public static ContainerHealth FromStatusText(string? status)
    {
        if (string.IsNullOrEmpty(status) || !status.EndsWith(')')) return ContainerHealth.None;
        if (status.EndsWith("(healthy)", StringComparison.OrdinalIgnoreCase)) return ContainerHealth.Healthy;
        if (status.EndsWith("(unhealthy)", StringComparison.OrdinalIgnoreCase)) return ContainerHealth.Unhealthy;
        if (status.EndsWith("(health: starting)", StringComparison.OrdinalIgnoreCase) || status.EndsWith("(starting)", StringComparison.OrdinalIgnoreCase))
            return ContainerHealth.Starting;
        return ContainerHealth.None;
    }
}
