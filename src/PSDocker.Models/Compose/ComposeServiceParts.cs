namespace PSDocker.Core.Compose;

/// <summary>A service's <c>build:</c>.</summary>
public sealed class ComposeBuild
{
    /// <summary>The build context: an absolute directory, or a URL (git, http).</summary>
    public string Context { get; init; } = "";

    /// <summary>The Dockerfile, relative to the context: "Dockerfile" when the file does not say (null with <see cref="DockerfileInline"/>).</summary>
    public string? Dockerfile { get; init; }

    /// <summary>An inline Dockerfile (<c>dockerfile_inline</c>).</summary>
    public string? DockerfileInline { get; init; }

    /// <summary>Build arguments; a null value takes the variable from the environment at build time.</summary>
    public ComposeMap<string?> Args { get; init; } = ComposeMap<string?>.Empty;

    /// <summary>The stage to build.</summary>
    public string? Target { get; init; }

    public ComposeMap<string> Labels { get; init; } = ComposeMap<string>.Empty;
    public IReadOnlyList<string> CacheFrom { get; init; } = Array.Empty<string>();
    public string? Network { get; init; }
    public IReadOnlyList<string> ExtraHosts { get; init; } = Array.Empty<string>();
    public bool NoCache { get; init; }
    public bool Pull { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> Platforms { get; init; } = Array.Empty<string>();

    /// <summary>Build keys this model does not type, as plain values.</summary>
    public ComposeMap<object?> Other { get; init; } = ComposeMap<object?>.Empty;

    public override string ToString() => Dockerfile is null or "Dockerfile" ? Context : $"{Context} ({Dockerfile})";
}

/// <summary>One env file of a service.</summary>
public sealed record ComposeEnvFile(string Path, bool Required = true)
{
    public override string ToString() => Path;
}

/// <summary>One port of a service, in compose's long syntax.</summary>
public sealed class ComposePort
{
    /// <summary>The container port.</summary>
    public int Target { get; init; }

    /// <summary>The host port or range ("8080", "8000-8010"); null lets the engine choose.</summary>
    public string? Published { get; init; }

    /// <summary>The host address to bind; null for all.</summary>
    public string? HostIP { get; init; }

    /// <summary>"tcp", "udp" or "sctp".</summary>
    public string Protocol { get; init; } = "tcp";

    /// <summary>"ingress" (default) or "host".</summary>
    public string Mode { get; init; } = "ingress";

    public string? Name { get; init; }
    public string? AppProtocol { get; init; }

    /// <summary>Short syntax: <c>[ip:][published:]target/protocol</c>.</summary>
    public override string ToString()
    {
        string ip = HostIP is null ? "" : (HostIP.Contains(':') ? "[" + HostIP + "]" : HostIP) + ":";
        string pub = Published is null ? (HostIP is null ? "" : ":") : Published + ":";
        return $"{ip}{pub}{Target}/{Protocol}";
    }
}

/// <summary>One mount of a service, in compose's long syntax.</summary>
public sealed class ComposeServiceVolume
{
    /// <summary>"bind", "volume", "tmpfs", "npipe", "cluster" or "image".</summary>
    public string Type { get; init; } = "volume";

    /// <summary>Host path (bind, absolute), volume key (volume), or null (anonymous volume, tmpfs).</summary>
    public string? Source { get; init; }

    /// <summary>The path in the container.</summary>
    public string Target { get; init; } = "";

    public bool ReadOnly { get; init; }

    /// <summary>"consistent", "cached", "delegated" (ignored on Linux).</summary>
    public string? Consistency { get; init; }

    /// <summary>Bind: propagation ("rprivate", "shared", …).</summary>
    public string? Propagation { get; init; }

    /// <summary>Bind: create the host path when missing (short syntax: true).</summary>
    public bool? CreateHostPath { get; init; }

    /// <summary>Bind: SELinux relabel, "z" or "Z".</summary>
    public string? SELinux { get; init; }

    /// <summary>Volume: don't copy the image's data into a new volume.</summary>
    public bool? NoCopy { get; init; }

    /// <summary>Volume: a path inside the volume to mount.</summary>
    public string? Subpath { get; init; }

    /// <summary>tmpfs: size in bytes.</summary>
    public long? TmpfsSize { get; init; }

    /// <summary>tmpfs: file mode (e.g. 0o1777 = 1023).</summary>
    public int? TmpfsMode { get; init; }

    public override string ToString() => Source is null ? Target : $"{Source}:{Target}{(ReadOnly ? ":ro" : "")}";
}

/// <summary>A service's settings on one network.</summary>
public sealed class ComposeServiceNetwork
{
    public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();
    public string? Ipv4Address { get; init; }
    public string? Ipv6Address { get; init; }
    public IReadOnlyList<string> LinkLocalIps { get; init; } = Array.Empty<string>();
    public string? MacAddress { get; init; }
    public int? Priority { get; init; }
    public override string ToString() => Aliases.Count == 0 ? "" : string.Join(", ", Aliases);
}

/// <summary>One entry of <c>depends_on</c>.</summary>
public sealed class ComposeDependency
{
    /// <summary>"service_started" (default), "service_healthy" or "service_completed_successfully".</summary>
    public string Condition { get; init; } = ComposeConditions.Started;

    /// <summary>Restart this service when the dependency is restarted by compose.</summary>
    public bool Restart { get; init; }

    /// <summary>False: a missing or disabled dependency is only a warning.</summary>
    public bool Required { get; init; } = true;

    public override string ToString() => Condition;
}

/// <summary>The values of <see cref="ComposeDependency.Condition"/>.</summary>
public static class ComposeConditions
{
    public const string Started = "service_started";
    public const string Healthy = "service_healthy";
    public const string CompletedSuccessfully = "service_completed_successfully";
}

/// <summary>A service's health check.</summary>
public sealed class ComposeHealthcheck
{
    /// <summary>As the engine takes it: ["CMD", …], ["CMD-SHELL", "…"] or ["NONE"]. The string form becomes CMD-SHELL.</summary>
    public IReadOnlyList<string> Test { get; init; } = Array.Empty<string>();
    public TimeSpan? Interval { get; init; }
    public TimeSpan? Timeout { get; init; }
    public int? Retries { get; init; }
    public TimeSpan? StartPeriod { get; init; }
    public TimeSpan? StartInterval { get; init; }

    /// <summary>True: the image's health check is turned off (<c>disable: true</c> or test NONE).</summary>
    public bool Disable { get; init; }

    /// <summary>"disabled", or the test and its interval: <c>CMD-SHELL pg_isready (every 2s)</c>.</summary>
    public override string ToString() => Disable ? "disabled"
        : string.Join(' ', Test) + (Interval is { } i ? $" (every {ComposeCanonical.FormatDuration(i)})" : "");
}

/// <summary>Soft and hard limit of one ulimit.</summary>
public sealed record ComposeUlimit(long Soft, long Hard)
{
    public override string ToString() => Soft == Hard ? Soft.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Soft}:{Hard}";
}

/// <summary>A service's logging driver.</summary>
public sealed class ComposeLogging
{
    public string? Driver { get; init; }
    public ComposeMap<string> Options { get; init; } = ComposeMap<string>.Empty;
    public override string ToString() => Driver ?? "";
}

/// <summary>A service's grant of a secret or config (long form).</summary>
public sealed class ComposeFileReference
{
    public string Source { get; init; } = "";
    public string? Target { get; init; }
    public string? Uid { get; init; }
    public string? Gid { get; init; }
    public int? Mode { get; init; }
    public override string ToString() => Source;
}
