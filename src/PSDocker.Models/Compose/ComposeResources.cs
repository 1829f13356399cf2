namespace PSDocker.Core.Compose;

/// <summary>A top-level network.</summary>
public sealed class ComposeNetwork
{
    /// <summary>The engine's name: <c>name:</c>, else <c>&lt;project&gt;_&lt;key&gt;</c>; for external networks the key (or <c>name:</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>The key under <c>networks:</c>.</summary>
    public string Key { get; init; } = "";

    public string? Driver { get; init; }
    public ComposeMap<string> DriverOpts { get; init; } = ComposeMap<string>.Empty;

    /// <summary>True: not created nor removed by compose; it must exist.</summary>
    public bool External { get; init; }
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    public bool? EnableIpv6 { get; init; }
    public ComposeIpam? Ipam { get; init; }
    public ComposeMap<string> Labels { get; init; } = ComposeMap<string>.Empty;
    public override string ToString() => Name;
}

/// <summary>IP address management of a network.</summary>
public sealed class ComposeIpam
{
    public string? Driver { get; init; }
    public IReadOnlyList<ComposeIpamPool> Config { get; init; } = Array.Empty<ComposeIpamPool>();
    public ComposeMap<string> Options { get; init; } = ComposeMap<string>.Empty;
}

/// <summary>One address pool of a network.</summary>
public sealed class ComposeIpamPool
{
    public string? Subnet { get; init; }
    public string? IpRange { get; init; }
    public string? Gateway { get; init; }
    public ComposeMap<string> AuxAddresses { get; init; } = ComposeMap<string>.Empty;
    public override string ToString() => Subnet ?? "";
}

/// <summary>A top-level named volume.</summary>
public sealed class ComposeVolume
{
    /// <summary>The engine's name: <c>name:</c>, else <c>&lt;project&gt;_&lt;key&gt;</c>; for external volumes the key (or <c>name:</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>The key under <c>volumes:</c>.</summary>
    public string Key { get; init; } = "";

    public string? Driver { get; init; }
    public ComposeMap<string> DriverOpts { get; init; } = ComposeMap<string>.Empty;
    public bool External { get; init; }
    public ComposeMap<string> Labels { get; init; } = ComposeMap<string>.Empty;
    public override string ToString() => Name;
}

/// <summary>A top-level secret or config.</summary>
public sealed class ComposeFileObject
{
    /// <summary>The engine's name (<c>name:</c>, else <c>&lt;project&gt;_&lt;key&gt;</c>).</summary>
    public string Name { get; init; } = "";
    public string Key { get; init; } = "";

    /// <summary>A host file (absolute).</summary>
    public string? File { get; init; }

    /// <summary>The value comes from this environment variable.</summary>
    public string? Environment { get; init; }

    /// <summary>Inline content (configs).</summary>
    public string? Content { get; init; }
    public bool External { get; init; }
    public ComposeMap<string> Labels { get; init; } = ComposeMap<string>.Empty;
    public override string ToString() => Name;
}
