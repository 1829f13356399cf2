namespace PSDocker.Commands;

/// <summary>One container a cmdlet acts on: what the user named, and the engine (endpoint and context) it lives on.</summary>
public readonly record struct ContainerTarget(string IdOrName, object Display, string? ObjectEndpoint, string? ObjectContext = null);
