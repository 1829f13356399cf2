namespace PSDocker.Core.Compose;

/// <summary>What <c>ComposeLoader.Load</c> (PSDocker.Core) reads (CLI: the global options of <c>docker compose</c>).</summary>
public sealed record ComposeLoadOptions
{
    /// <summary>The compose files, merged in order (-f). Empty: COMPOSE_FILE, else compose.yaml … searched from the project or current directory upward.</summary>
    public IReadOnlyList<string> Paths { get; init; } = Array.Empty<string>();

    /// <summary>The project name (-p); must already be a valid name. Null: COMPOSE_PROJECT_NAME, top-level <c>name:</c>, the directory's name.</summary>
    public string? ProjectName { get; init; }

    /// <summary>The project directory (--project-directory). Null: the first file's directory.</summary>
    public string? ProjectDirectory { get; init; }

    /// <summary>Env files for interpolation (--env-file), read in order. Empty: <c>.env</c> in the project directory when it exists.</summary>
    public IReadOnlyList<string> EnvFiles { get; init; } = Array.Empty<string>();

    /// <summary>Active profiles (--profile). Null: COMPOSE_PROFILES. "*" activates every profile.</summary>
    public IReadOnlyList<string>? Profiles { get; init; }

    /// <summary>Relative paths and the file search start here. Null: the process's current directory.</summary>
    public string? CurrentDirectory { get; init; }

    /// <summary>The environment variables (they win over env files). Null: the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}
