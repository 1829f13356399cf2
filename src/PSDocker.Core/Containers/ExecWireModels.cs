using System.Text.Json.Serialization;

namespace PSDocker.Core.Containers;

/// <summary>POST /containers/{id}/exec body.</summary>
internal sealed class ExecCreateBody
{
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public string? DetachKeys { get; set; }
    public bool Tty { get; set; }
    public List<int>? ConsoleSize { get; set; }
    public List<string>? Env { get; set; }
    public List<string> Cmd { get; set; } = new();
    public bool Privileged { get; set; }
    public string? User { get; set; }
    public string? WorkingDir { get; set; }
}

/// <summary>POST /exec/{id}/start body.</summary>
internal sealed class ExecStartBody
{
    public bool Detach { get; set; }
    public bool Tty { get; set; }
    public List<int>? ConsoleSize { get; set; }
}

internal sealed class ExecCreateResponseDto
{
    public string Id { get; set; } = "";
}

/// <summary>GET /exec/{id}/json.</summary>
internal sealed class ExecInspectDto
{
    public string? ID { get; set; }
    public string? ContainerID { get; set; }
    public bool Running { get; set; }
    public int? ExitCode { get; set; }
    public int Pid { get; set; }
    public bool OpenStdin { get; set; }
    public bool OpenStdout { get; set; }
    public bool OpenStderr { get; set; }
    public ExecProcessConfigDto? ProcessConfig { get; set; }
}

internal sealed class ExecProcessConfigDto
{
    [JsonPropertyName("tty")]
    public bool Tty { get; set; }
    [JsonPropertyName("entrypoint")]
    public string? Entrypoint { get; set; }
    [JsonPropertyName("arguments")]
    public List<string>? Arguments { get; set; }
    [JsonPropertyName("privileged")]
    public bool? Privileged { get; set; }
    [JsonPropertyName("user")]
    public string? User { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExecCreateBody))]
[JsonSerializable(typeof(ExecStartBody))]
[JsonSerializable(typeof(ExecCreateResponseDto))]
[JsonSerializable(typeof(ExecInspectDto))]
internal sealed partial class ExecJsonContext : JsonSerializerContext
{
}
