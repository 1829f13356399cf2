using PSDocker.Core.Containers;

namespace PSDocker.Core.Compose.Runtime;

/// <summary>
/// What <see cref="ComposeRuntime.UpAsync"/> converges an engine to: a loaded project turned into engine terms (names,
/// create options, dependencies). Made by <see cref="ComposePlanner"/> from a project; tests may build one directly.
/// </summary>
public sealed record ComposePlan
{
    /// <summary>The project name (already normalised: lower case, digits, '-', '_').</summary>
    public required string ProjectName { get; init; }

    /// <summary>The project's folder (label <c>com.docker.compose.project.working_dir</c>).</summary>
    public string WorkingDirectory { get; init; } = "";

    /// <summary>The compose files it was loaded from (label <c>com.docker.compose.project.config_files</c>, comma-joined).</summary>
    public IReadOnlyList<string> ConfigFiles { get; init; } = Array.Empty<string>();

    /// <summary>The env files (label <c>com.docker.compose.project.environment_file</c>).</summary>
    public IReadOnlyList<string> EnvironmentFiles { get; init; } = Array.Empty<string>();

    public IReadOnlyList<NetworkPlan> Networks { get; init; } = Array.Empty<NetworkPlan>();
    public IReadOnlyList<VolumePlan> Volumes { get; init; } = Array.Empty<VolumePlan>();

    /// <summary>The services, in the file's order.</summary>
    public IReadOnlyList<ServicePlan> Services { get; init; } = Array.Empty<ServicePlan>();
}

/// <summary>A network of the project.</summary>
public sealed record NetworkPlan
{
    /// <summary>Its key in the file (<c>default</c> for the implicit one).</summary>
    public required string Key { get; init; }

    /// <summary>Its engine name: <c>name:</c>, else <c>&lt;project&gt;_&lt;key&gt;</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Made elsewhere: it must exist, and down never removes it.</summary>
    public bool External { get; init; }
    public string? Driver { get; init; }
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    public bool EnableIPv6 { get; init; }
    public IReadOnlyDictionary<string, string> DriverOptions { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>IPAM subnets (CIDR), when the file gives any.</summary>
    public IReadOnlyList<string> Subnets { get; init; } = Array.Empty<string>();
}

/// <summary>A named volume of the project.</summary>
public sealed record VolumePlan
{
    public required string Key { get; init; }

    /// <summary>Its engine name: <c>name:</c>, else <c>&lt;project&gt;_&lt;key&gt;</c>.</summary>
    public required string Name { get; init; }
    public bool External { get; init; }
    public string? Driver { get; init; }
    public IReadOnlyDictionary<string, string> DriverOptions { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>When a dependency counts as ready (<c>depends_on: condition:</c>).</summary>
public enum DependencyCondition
{
    /// <summary>Its containers were started.</summary>
    ServiceStarted,
    /// <summary>Its containers report healthy (they need a healthcheck).</summary>
    ServiceHealthy,
    /// <summary>Its containers ran to the end with exit code 0.</summary>
    ServiceCompletedSuccessfully,
}

/// <summary>One <c>depends_on</c> entry.</summary>
public sealed record ServiceDependency(string Service, DependencyCondition Condition, bool Required = true, bool Restart = false);

/// <summary>When an image is pulled (<c>pull_policy</c>, or -Pull).</summary>
public enum ComposePullPolicy
{
    /// <summary>When the engine does not have it (the default).</summary>
    Missing,
    /// <summary>Every time.</summary>
    Always,
    /// <summary>Never: a missing image is the service's error.</summary>
    Never,
    /// <summary>Build it (services with <c>build:</c>) when missing.</summary>
    Build,
}

/// <summary>What <c>build:</c> asks for.</summary>
public sealed record ServiceBuildPlan
{
    /// <summary>The context folder (absolute).</summary>
    public required string Context { get; init; }
    /// <summary>The Dockerfile, relative to the context.</summary>
    public string? Dockerfile { get; init; }
    public IReadOnlyDictionary<string, string?> Args { get; init; } = new Dictionary<string, string?>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string? Target { get; init; }
}

/// <summary>One network a service joins, with its aliases there.</summary>
public sealed record ServiceNetworkPlan(string Key, IReadOnlyList<string> Aliases, string? IPv4Address = null);

/// <summary>A service: what each of its containers is made from.</summary>
public sealed record ServicePlan
{
    public required string Name { get; init; }

    /// <summary>
    /// The create options shared by its containers: image, command, environment, ports, mounts, healthcheck, the
    /// service's own labels. The runtime adds the name, the compose labels and the networks.
    /// </summary>
    public required ContainerCreateOptions Template { get; init; }

    /// <summary>The hash of the service's configuration (label <c>com.docker.compose.config-hash</c>): a change recreates.</summary>
    public required string ConfigHash { get; init; }

    /// <summary>How many containers (<c>scale:</c>/<c>deploy.replicas</c>; -Scale overrides). Default 1.</summary>
    public int Scale { get; init; } = 1;

    /// <summary><c>container_name:</c> (then it cannot scale past 1).</summary>
    public string? ContainerName { get; init; }

    public IReadOnlyList<ServiceDependency> DependsOn { get; init; } = Array.Empty<ServiceDependency>();

    /// <summary>The networks it joins (keys of <see cref="ComposePlan.Networks"/>), the first one at create time; empty with a <c>network_mode</c>.</summary>
    public IReadOnlyList<ServiceNetworkPlan> Networks { get; init; } = Array.Empty<ServiceNetworkPlan>();

    public ComposePullPolicy PullPolicy { get; init; } = ComposePullPolicy.Missing;
    public ServiceBuildPlan? Build { get; init; }

    /// <summary>True when it has a healthcheck (its own or its image's is not known here: the engine's answer decides).</summary>
    public bool HasHealthcheck { get; init; }

    /// <summary>Seconds to wait on stop (<c>stop_grace_period</c>); null for the engine's default.</summary>
    public int? StopTimeout { get; init; }
}
