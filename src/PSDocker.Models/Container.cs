namespace PSDocker;

/// <summary>A container, as <c>docker ps -a</c> lists it and, with <c>-Detailed</c>, as <c>docker inspect</c> describes it.</summary>
public sealed class Container
{
    /// <summary>The full 64-character ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The first 12 characters of the ID.</summary>
    public string ShortId => Id.Length > 12 ? Id[..12] : Id;

    /// <summary>The name, without the engine's leading '/'.</summary>
    public string Name { get; init; } = "";

    /// <summary>The image as the user named it.</summary>
    public string Image { get; init; } = "";

    /// <summary>The ID of the image.</summary>
    public string ImageId { get; init; } = "";

    /// <summary>The command line the container runs.</summary>
    public string Command { get; init; } = "";

    /// <summary>When it was created (local time).</summary>
    public DateTime Created { get; init; }

    /// <summary>Where it is in its life.</summary>
    public ContainerState State { get; init; }

    /// <summary>The engine's own status text ("Up 3 minutes", "Exited (0) 2 hours ago").</summary>
    public string Status { get; init; } = "";

    /// <summary>What its health check says: None (no check, or not running), Starting, Healthy or Unhealthy.</summary>
    public ContainerHealth Health { get; init; }

    /// <summary>The exit code of its last run, when known.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Its exposed and published ports.</summary>
    public IReadOnlyList<PortBinding> Ports { get => _ports; init => _ports = TextList<PortBinding>.Of(value); }
    private readonly IReadOnlyList<PortBinding> _ports = TextList<PortBinding>.Of(Array.Empty<PortBinding>());

    /// <summary>Its labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get => _labels; init => _labels = TextMap<string>.Of(value); }
    private readonly IReadOnlyDictionary<string, string> _labels = TextMap<string>.Of(EmptyLabels);

    /// <summary>Its volumes and bind mounts.</summary>
    public IReadOnlyList<ContainerMount> Mounts { get => _mounts; init => _mounts = TextList<ContainerMount>.Of(value); }
    private readonly IReadOnlyList<ContainerMount> _mounts = TextList<ContainerMount>.Of(Array.Empty<ContainerMount>());

    /// <summary>The engine this container lives on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The docker context it was listed through ("default" for -Endpoint and DOCKER_HOST); piping it on uses the same engine.</summary>
    public string? Context { get; init; }

    // ---- Filled by docker inspect (-Detailed, -PassThru, New-Container) ----

    /// <summary>True when the properties below were filled from the engine's inspect data.</summary>
    public bool IsDetailed { get; init; }

    /// <summary>When its main process last started.</summary>
    public DateTime? StartedAt { get; init; }

    /// <summary>When its main process last ended.</summary>
    public DateTime? FinishedAt { get; init; }

    /// <summary>The host PID of its main process while it runs.</summary>
    public int? Pid { get; init; }

    /// <summary>Its environment variables (NAME=value).</summary>
    public IReadOnlyList<string>? Environment { get => _environment; init => _environment = TextList<string>.OfNullable(value); }
    private readonly IReadOnlyList<string>? _environment;

    /// <summary>The entrypoint.</summary>
    public IReadOnlyList<string>? Entrypoint { get => _entrypoint; init => _entrypoint = TextList<string>.OfNullable(value); }
    private readonly IReadOnlyList<string>? _entrypoint;

    /// <summary>The command arguments.</summary>
    public IReadOnlyList<string>? Arguments { get => _arguments; init => _arguments = TextList<string>.OfNullable(value); }
    private readonly IReadOnlyList<string>? _arguments;

    /// <summary>Its restart policy (<c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure:N</c>).</summary>
    public string? RestartPolicy { get; init; }

    /// <summary>How often the engine restarted it.</summary>
    public int? RestartCount { get; init; }

    /// <summary>Whether the engine removes it when it stops (<c>--rm</c>).</summary>
    public bool? AutoRemove { get; init; }

    /// <summary>Whether it has a terminal (<c>-t</c>).</summary>
    public bool? Tty { get; init; }

    /// <summary>Whether its standard input stays open (<c>-i</c>).</summary>
    public bool? Interactive { get; init; }

    /// <summary>Its working directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The user it runs as.</summary>
    public string? User { get; init; }

    /// <summary>Its host name.</summary>
    public string? Hostname { get; init; }

    /// <summary>Its network mode (<c>bridge</c>, <c>host</c>, a network name).</summary>
    public string? NetworkMode { get; init; }

    /// <summary>Failed health checks in a row, when it has a health check.</summary>
    public int? HealthFailingStreak { get; init; }

    /// <summary>The output of its last health check, when it has one.</summary>
    public string? HealthOutput { get; init; }

    /// <summary>Its aliases on each network it is attached to (network name → aliases).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? NetworkAliases { get => _networkAliases; init => _networkAliases = TextMap<IReadOnlyList<string>>.OfNullable(value); }
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>>? _networkAliases;

    /// <summary>Its address on each network it is attached to.</summary>
    public IReadOnlyDictionary<string, string>? IPAddresses { get => _ipAddresses; init => _ipAddresses = TextMap<string>.OfNullable(value); }
    private readonly IReadOnlyDictionary<string, string>? _ipAddresses;

    /// <summary>Whether the kernel killed it for lack of memory.</summary>
    public bool? OomKilled { get; init; }

    /// <summary>The engine's error text for its last failure, when any.</summary>
    public string? Error { get; init; }

    /// <summary>The platform it runs on (<c>linux</c>).</summary>
    public string? Platform { get; init; }

    /// <summary>The same container with only what <c>docker ps</c> lists (IsDetailed false), for an answer read from inspect data.</summary>
    internal Container WithoutDetails() => !IsDetailed ? this : new()
    {
        // The list gives Created in whole seconds.
        Id = Id, Name = Name, Image = Image, ImageId = ImageId, Command = Command, Created = Created.AddTicks(-(Created.Ticks % TimeSpan.TicksPerSecond)), State = State,
        Status = Status, Health = Health, ExitCode = ExitCode, Ports = Ports, Labels = Labels, Mounts = Mounts,
        Endpoint = Endpoint, Context = Context,
    };

    internal static readonly IReadOnlyDictionary<string, string> EmptyLabels = new Dictionary<string, string>();

    /// <summary>The name.</summary>
    public override string ToString() => Name.Length > 0 ? Name : ShortId;
}
