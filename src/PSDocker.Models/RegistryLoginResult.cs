namespace PSDocker;

/// <summary>The result of checking a credential with a registry through the engine.</summary>
public sealed class RegistryLoginResult
{
    /// <summary>The registry's answer ("Login Succeeded").</summary>
    public string Status { get; init; } = "";

    /// <summary>A token the registry issued to use instead of the password, when it did.</summary>
    public string? IdentityToken { get; init; }
}
