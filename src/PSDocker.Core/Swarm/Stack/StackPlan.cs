using PSDocker.Core.Networks;

namespace PSDocker.Core.Swarm.Stack;

/// <summary>The labels <c>docker stack deploy</c> puts on what it makes.</summary>
public static class StackLabels
{
    /// <summary>The stack a service, network, secret or config belongs to.</summary>
    public const string Namespace = "com.docker.stack.namespace";

    /// <summary>The image a service was deployed with (as the compose file names it).</summary>
    public const string Image = "com.docker.stack.image";
}

/// <summary>A secret or config a stack creates: its swarm name and where its content comes from.</summary>
public sealed record StackFileObject
{
    /// <summary>The swarm name: <c>&lt;stack&gt;_&lt;key&gt;</c>, or the file's <c>name:</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The key under <c>secrets:</c>/<c>configs:</c> in the compose file.</summary>
    public required string Key { get; init; }

    /// <summary>A host file holding the content (absolute), read when the stack is deployed.</summary>
    public string? File { get; init; }

    /// <summary>Inline content (configs' <c>content:</c>).</summary>
    public string? Content { get; init; }

    /// <summary>Labels, the stack's namespace label included.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public override string ToString() => Name;
}

/// <summary>
/// A compose project converted to swarm objects the way <c>docker stack deploy</c> converts it: what to create (networks,
/// secrets, configs) and the service specs, all in the stack's namespace. Made by <see cref="StackConverter"/>; nothing is sent.
/// </summary>
public sealed record StackPlan
{
    /// <summary>The stack's name: the prefix of every name and the value of <see cref="StackLabels.Namespace"/>.</summary>
    public required string Namespace { get; init; }

    /// <summary>Networks the stack creates (overlay unless the file names another driver).</summary>
    public IReadOnlyList<NetworkCreateOptions> Networks { get; init; } = Array.Empty<NetworkCreateOptions>();

    /// <summary>External networks the services use: they must exist.</summary>
    public IReadOnlyList<string> ExternalNetworks { get; init; } = Array.Empty<string>();

    /// <summary>Secrets the stack creates.</summary>
    public IReadOnlyList<StackFileObject> Secrets { get; init; } = Array.Empty<StackFileObject>();

    /// <summary>External secrets the services use: they must exist.</summary>
    public IReadOnlyList<string> ExternalSecrets { get; init; } = Array.Empty<string>();

    /// <summary>Configs the stack creates.</summary>
    public IReadOnlyList<StackFileObject> Configs { get; init; } = Array.Empty<StackFileObject>();

    /// <summary>External configs the services use: they must exist.</summary>
    public IReadOnlyList<string> ExternalConfigs { get; init; } = Array.Empty<string>();

    /// <summary>The services, in the file's order.</summary>
    public IReadOnlyList<ServiceSpec> Services { get; init; } = Array.Empty<ServiceSpec>();

    /// <summary>What was left out, as docker says it (<c>Ignoring unsupported options: build</c>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}

/// <summary>A compose project that cannot become a stack; names the service (or resource) and the key.</summary>
public sealed class StackConversionException : FormatException
{
    public StackConversionException(string subject, string message) : base($"{subject}: {message}") => Subject = subject;

    /// <summary>The service, network, secret or config at fault (<c>service 'web'</c>).</summary>
    public string Subject { get; }
}
