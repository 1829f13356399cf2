namespace PSDocker;

/// <summary>A compose project as the engine holds it (<c>docker compose ls</c> + <c>ps</c>): read from the labels of its containers, networks and volumes.</summary>
public sealed class ComposeProjectState
{
    /// <summary>The project name (label <c>com.docker.compose.project</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>Its containers by state, as <c>docker compose ls</c> prints it: <c>running(3)</c>, <c>running(2), exited(1)</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The compose files it was started from (label <c>com.docker.compose.project.config_files</c>).</summary>
    public IReadOnlyList<string> ConfigFiles { get; init; } = Array.Empty<string>();

    /// <summary>The project folder (label <c>com.docker.compose.project.working_dir</c>).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Its services, by name, with their containers.</summary>
    public IReadOnlyList<ComposeServiceState> Services { get; init; } = Array.Empty<ComposeServiceState>();

    /// <summary>Every container of the project (one-off containers of <c>compose run</c> excluded), by service then number.</summary>
    public IReadOnlyList<Container> Containers { get; init; } = Array.Empty<Container>();

    /// <summary>The engine names of its networks (label <c>com.docker.compose.project</c>).</summary>
    public IReadOnlyList<string> Networks { get; init; } = Array.Empty<string>();

    /// <summary>The engine names of its named volumes.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = Array.Empty<string>();

    /// <summary>The engine it lives on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The docker context it was listed through.</summary>
    public string? Context { get; init; }

    /// <summary>The project name.</summary>
    public override string ToString() => Name;
}

/// <summary>One service of a project on the engine, with its containers.</summary>
public sealed class ComposeServiceState
{
    /// <summary>The project it belongs to.</summary>
    public string Project { get; init; } = "";

    /// <summary>The service name (label <c>com.docker.compose.service</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>Its containers by state, <c>running(2)</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The image of its first container.</summary>
    public string Image { get; init; } = "";

    /// <summary>The config hash its containers were made with (label <c>com.docker.compose.config-hash</c>).</summary>
    public string? ConfigHash { get; init; }

    /// <summary>Its containers, by number.</summary>
    public IReadOnlyList<Container> Containers { get; init; } = Array.Empty<Container>();

    /// <summary>The engine it lives on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>project/service.</summary>
    public override string ToString() => Project + "/" + Name;
}

/// <summary>What Start-ComposeProject did to a service.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum ComposeServiceAction
{
    /// <summary>Its containers were created and started (none existed).</summary>
    Created,
    /// <summary>Its configuration changed (or -ForceRecreate): the containers were replaced.</summary>
    Recreated,
    /// <summary>Its containers existed and were stopped: they were started.</summary>
    Started,
    /// <summary>Nothing to do: its containers run with the current configuration.</summary>
    Running,
    /// <summary>A one-shot service (something waits for it to complete) whose containers already exited 0: left as they are.</summary>
    Completed,
    /// <summary>Containers were added or removed to reach the wanted number.</summary>
    Scaled,
    /// <summary>It failed; the error says why.</summary>
    Failed,
}

/// <summary>The result of Start-ComposeProject for one service.</summary>
public sealed class ComposeServiceResult
{
    /// <summary>The project.</summary>
    public string Project { get; init; } = "";

    /// <summary>The service.</summary>
    public string Service { get; init; } = "";

    /// <summary>What was done.</summary>
    public ComposeServiceAction Action { get; init; }

    /// <summary>The names of its containers afterwards, by number.</summary>
    public IReadOnlyList<string> Containers { get; init; } = Array.Empty<string>();

    /// <summary>Their IDs, in the same order.</summary>
    public IReadOnlyList<string> ContainerIds { get; init; } = Array.Empty<string>();

    /// <summary>The config hash its containers carry.</summary>
    public string ConfigHash { get; init; } = "";

    /// <summary>The engine.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>project/service.</summary>
    public override string ToString() => Project + "/" + Service;
}
