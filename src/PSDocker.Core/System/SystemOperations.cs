using System.Text.Json;
using System.Text.Json.Serialization;
using PSDocker.Core.Images;
using PSDocker.Core.Transport;

namespace PSDocker.Core.SystemApi;

internal sealed class AuthResponseDto
{
    public string? Status { get; set; }
    public string? IdentityToken { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(AuthResponseDto))]
internal sealed partial class SystemJsonContext : JsonSerializerContext
{
}

/// <summary>The engine's system endpoints.</summary>
public sealed class SystemOperations
{
    private readonly DockerTransport _transport;

    internal SystemOperations(DockerTransport transport) => _transport = transport;

    /// <summary>Asks the engine to check a credential with a registry.</summary>
    /// <remarks>POST /auth (CLI: <c>docker login</c>).</remarks>
    /// <exception cref="DockerApiException">401 when the registry refuses the credential; 500 when it cannot be reached.</exception>
    public async Task<RegistryLoginResult> AuthAsync(RegistryAuth auth, CancellationToken cancellationToken = default)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("username", auth.Username);
            w.WriteString("password", auth.Password);
            w.WriteString("serveraddress", auth.ServerAddress);
            w.WriteEndObject();
        }
        var content = new ByteArrayContent(ms.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        AuthResponseDto dto = await _transport.SendJsonAsync(HttpMethod.Post, "auth", SystemJsonContext.Default.AuthResponseDto, cancellationToken, content).ConfigureAwait(false);
        return new RegistryLoginResult { Status = dto.Status ?? "", IdentityToken = string.IsNullOrEmpty(dto.IdentityToken) ? null : dto.IdentityToken };
    }
}
