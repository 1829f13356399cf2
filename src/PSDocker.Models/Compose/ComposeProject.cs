// The compose model lives in PSDocker.Models (PowerShell's default load context, so [PSDocker.Core.Compose.ComposeProject]
// and the format views resolve) but keeps the namespace of the loader in PSDocker.Core that makes it, which the compose
// cmdlets and their users already name.
namespace PSDocker.Core.Compose;

/// <summary>
/// A compose project as <c>docker compose config</c> resolves it: the files merged in order, variables interpolated,
/// profiles applied, <c>extends</c> and <c>include</c> resolved, short syntax expanded. Made by <c>ComposeLoader</c>.
/// </summary>
public sealed class ComposeProject
{
    /// <summary>The project name (normalized: lowercase, only a-z 0-9 _ -).</summary>
    public string Name { get; init; } = "";

    /// <summary>The project directory: relative paths in the files resolve against it (absolute).</summary>
    public string WorkingDirectory { get; init; } = "";

    /// <summary>The compose files, absolute, in the order they were merged (included files not listed).</summary>
    public IReadOnlyList<string> ConfigFiles { get; init; } = Array.Empty<string>();

    /// <summary>The env files read for interpolation (<c>.env</c> or -EnvFile), absolute, in order.</summary>
    public IReadOnlyList<string> EnvFiles { get; init; } = Array.Empty<string>();

    /// <summary>The enabled services, in file order. Services of inactive profiles are left out.</summary>
    public ComposeMap<ComposeService> Services { get; init; } = ComposeMap<ComposeService>.Empty;

    /// <summary>Services left out because none of their profiles is active (name → service).</summary>
    public ComposeMap<ComposeService> DisabledServices { get; init; } = ComposeMap<ComposeService>.Empty;

    /// <summary>The networks (key as in the file; <see cref="ComposeNetwork.Name"/> is the engine name). Holds <c>default</c> when a service uses it.</summary>
    public ComposeMap<ComposeNetwork> Networks { get; init; } = ComposeMap<ComposeNetwork>.Empty;

    /// <summary>The named volumes (key as in the file; <see cref="ComposeVolume.Name"/> is the engine name).</summary>
    public ComposeMap<ComposeVolume> Volumes { get; init; } = ComposeMap<ComposeVolume>.Empty;

    /// <summary>The top-level secrets.</summary>
    public ComposeMap<ComposeFileObject> Secrets { get; init; } = ComposeMap<ComposeFileObject>.Empty;

    /// <summary>The top-level configs.</summary>
    public ComposeMap<ComposeFileObject> Configs { get; init; } = ComposeMap<ComposeFileObject>.Empty;

    /// <summary>The active profiles (-Profile, else COMPOSE_PROFILES).</summary>
    public IReadOnlyList<string> Profiles { get; init; } = Array.Empty<string>();

    /// <summary>The variables interpolation could see that came from env files or were looked up in the process environment (name → value).</summary>
    public ComposeMap<string> Environment { get; init; } = ComposeMap<string>.Empty;

    /// <summary>Top-level <c>x-</c> extension keys, as plain values (maps, lists, strings, numbers, booleans).</summary>
    public ComposeMap<object?> Extensions { get; init; } = ComposeMap<object?>.Empty;

    /// <summary>
    /// The enabled services ordered so that every service comes after the services it depends on
    /// (depends_on, links, network_mode/ipc/pid <c>service:x</c>, volumes_from). Ties keep file order.
    /// </summary>
    public IReadOnlyList<ComposeService> GetStartOrder() => ComposeGraph.StartOrder(this);

    public override string ToString() => Name;
}
