namespace PSDocker;

/// <summary>A stack, as <c>docker stack ls</c> lists it: the services that carry its namespace label.</summary>
public sealed class SwarmStack
{
    /// <summary>The stack's name (the <c>com.docker.stack.namespace</c> label).</summary>
    public string Name { get; init; } = "";

    /// <summary>How many services it has.</summary>
    public int Services { get; init; }

    /// <summary>The names of its services.</summary>
    public IReadOnlyList<string> ServiceNames { get; init; } = Array.Empty<string>();

    /// <summary>The orchestrator (always <c>Swarm</c> here; docker once also knew Kubernetes).</summary>
    public string Orchestrator { get; init; } = "Swarm";

    /// <summary>The engine the stack lives on.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The docker context it was listed through.</summary>
    public string? Context { get; init; }

    public override string ToString() => Name;
}

/// <summary>What a stack object is.</summary>
public enum SwarmStackObjectKind
{
    Network,
    Secret,
    Config,
    Service,
}

/// <summary>What Deploy-SwarmStack or Remove-SwarmStack did (or, with -WhatIf, would do) to one object.</summary>
public enum SwarmStackAction
{
    /// <summary>Made new.</summary>
    Created,
    /// <summary>A service whose spec was replaced (the swarm restarts its tasks only when the spec changed).</summary>
    Updated,
    /// <summary>A network, secret or config that exists already and is kept as it is (secrets and configs cannot change).</summary>
    Unchanged,
    /// <summary>Removed.</summary>
    Removed,
}

/// <summary>One object of a stack and what was done to it.</summary>
public sealed class SwarmStackChange
{
    /// <summary>The stack.</summary>
    public string Stack { get; init; } = "";

    /// <summary>Network, secret, config or service.</summary>
    public SwarmStackObjectKind Kind { get; init; }

    /// <summary>The object's name in the swarm (<c>&lt;stack&gt;_&lt;name&gt;</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>What was done.</summary>
    public SwarmStackAction Action { get; init; }

    /// <summary>The object's ID, when known.</summary>
    public string? Id { get; init; }

    /// <summary>The engine.</summary>
    public string Endpoint { get; init; } = "";

    public override string ToString() => $"{Action} {Kind.ToString().ToLowerInvariant()} {Name}";
}
