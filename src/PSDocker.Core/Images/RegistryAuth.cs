using System.Text;
using System.Text.Json;

namespace PSDocker.Core.Images;

/// <summary>A registry credential as the engine takes it in <c>X-Registry-Auth</c>. Its secret never appears in <see cref="ToString"/>.</summary>
public sealed class RegistryAuth
{
    public RegistryAuth(string? username, string? password, string? serverAddress, string? identityToken = null)
    {
        Username = username;
        Password = password;
        ServerAddress = serverAddress;
        IdentityToken = identityToken;
    }

    /// <summary>No credential (anonymous): encoded as <c>{}</c>.</summary>
    public static RegistryAuth Anonymous { get; } = new(null, null, null);

    public string? Username { get; }
    public string? Password { get; }
    public string? ServerAddress { get; }
    public string? IdentityToken { get; }

    /// <summary>The header value: padded base64url of the JSON auth config.</summary>
    public string Encode()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            if (!string.IsNullOrEmpty(IdentityToken))
            {
                w.WriteString("identitytoken", IdentityToken);
            }
            else
            {
                if (Username is not null) w.WriteString("username", Username);
                if (Password is not null) w.WriteString("password", Password);
            }
            if (ServerAddress is not null) w.WriteString("serveraddress", ServerAddress);
            w.WriteEndObject();
        }
        return Convert.ToBase64String(ms.ToArray()).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The <c>X-Registry-Config</c> value: padded base64url of <c>{registry: auth}</c>.</summary>
    public static string EncodeConfig(IReadOnlyDictionary<string, RegistryAuth> auths)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            foreach ((string registry, RegistryAuth auth) in auths)
            {
                w.WritePropertyName(registry);
                w.WriteStartObject();
                if (auth.Username is not null) w.WriteString("username", auth.Username);
                if (auth.Password is not null) w.WriteString("password", auth.Password);
                if (auth.IdentityToken is not null) w.WriteString("identitytoken", auth.IdentityToken);
                w.WriteString("serveraddress", auth.ServerAddress ?? registry);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Convert.ToBase64String(ms.ToArray()).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The user and server, never the secret.</summary>
    public override string ToString() => Username is null ? "(anonymous)" : $"{Username}@{ServerAddress}";
}
