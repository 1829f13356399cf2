namespace PSDocker;

/// <summary>A docker context (<c>docker context ls</c>): a named engine endpoint with its TLS settings.</summary>
public sealed class ContainerContext
{
    /// <summary>The context's name; "default" is -Endpoint/DOCKER_HOST/the platform default.</summary>
    public string Name { get; init; } = "";

    /// <summary>True for the context cmdlets use when given no -Endpoint or -Context.</summary>
    public bool Current { get; init; }

    /// <summary>The engine's address, as -Endpoint takes it (https:// when TLS is on).</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The description stored with the context.</summary>
    public string Description { get; init; } = "";

    /// <summary>How TLS is used: "" (none), "verify", or "no verification"; with ", client certificate" when one is sent.</summary>
    public string Tls { get; init; } = "";

    /// <summary>The folder with the context's ca.pem, cert.pem and key.pem, when it has TLS files.</summary>
    public string? TlsDirectory { get; init; }

    /// <summary>Why the context cannot be used, when it cannot (an ssh:// host, unreadable metadata).</summary>
    public string? Error { get; init; }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
