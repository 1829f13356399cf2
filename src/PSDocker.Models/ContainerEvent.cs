namespace PSDocker;

/// <summary>One event of the engine (<c>docker events</c>): a container started, an image was pulled, a network connected…</summary>
public sealed class ContainerEvent
{
    /// <summary>What the event is about: container, image, volume, network, daemon, plugin, service, node, secret, config.</summary>
    public string Type { get; init; } = "";

    /// <summary>What happened: create, start, die, pause, pull, connect, exec_start: sh, health_status: healthy, …</summary>
    public string Action { get; init; } = "";

    /// <summary>The ID of the object (a container ID, an image ID or reference, a network ID, a volume name).</summary>
    public string Id { get; init; } = "";

    /// <summary>The object's name, when the event carries one (its <c>name</c> attribute).</summary>
    public string? Name { get; init; }

    /// <summary>The event's attributes: the container's image and labels, the exit code, the network's container, ….</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>When it happened (UTC, to the 100 ns a DateTime holds).</summary>
    public DateTime Time { get; init; }

    /// <summary>When it happened, in nanoseconds since 1970-01-01 UTC, as the engine sent it.</summary>
    public long TimeNano { get; init; }

    /// <summary>local, or swarm for cluster-wide events.</summary>
    public string Scope { get; init; } = "";

    /// <summary>The engine it came from.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>As <c>docker events</c> prints it: time, type, action, ID.</summary>
    public override string ToString()
        => $"{Time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)} {Type} {Action} {Id}";
}
