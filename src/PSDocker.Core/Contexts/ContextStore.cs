using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PSDocker.Core.Contexts;

/// <summary>A docker context as the docker CLI stores it (<c>docker context ls</c>).</summary>
public sealed class DockerContextInfo
{
    /// <summary>The context's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Its description (may be empty).</summary>
    public string Description { get; init; } = "";

    /// <summary>The docker endpoint's host as stored (<c>unix://…</c>, <c>tcp://…</c>, <c>ssh://…</c>); empty means the platform default.</summary>
    public string Host { get; init; } = "";

    /// <summary>The endpoint's <c>SkipTLSVerify</c>.</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary>The folder with the context's ca.pem, cert.pem and key.pem, when it has any of them.</summary>
    public string? TlsDirectory { get; init; }

    /// <summary>The metadata file (null for the virtual "default" context).</summary>
    public string? MetaFile { get; init; }
}

/// <summary>
/// The docker CLI's contexts store: <c>$DOCKER_CONFIG/contexts</c> (else <c>~/.docker/contexts</c>), one folder per context
/// named by the SHA-256 of its name: <c>meta/&lt;id&gt;/meta.json</c> and <c>tls/&lt;id&gt;/docker/{ca,cert,key}.pem</c>.
/// </summary>
public sealed partial class ContextStore
{
    /// <summary>The virtual context of -Endpoint/DOCKER_HOST (never stored).</summary>
    public const string DefaultContextName = "default";

    /// <summary>The name of the docker endpoint in a context's metadata.</summary>
    private const string DockerEndpointName = "docker";

    public ContextStore(string configDirectory)
    {
        ConfigDirectory = configDirectory;
    }

    /// <summary>The docker CLI's config folder (<c>DOCKER_CONFIG</c>, else <c>~/.docker</c>).</summary>
    public string ConfigDirectory { get; }

    /// <summary>The store's root folder.</summary>
    public string ContextsDirectory => Path.Combine(ConfigDirectory, "contexts");

    /// <summary>The store's folder name for a context: the hex SHA-256 of its name.</summary>
    public static string IdOf(string name) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();

    /// <summary>True when a name is one the docker CLI allows (<c>^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$</c>).</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$")]
    private static partial Regex NamePattern();

    /// <summary>Every stored context, by name. Unreadable entries are skipped (see <paramref name="problems"/>).</summary>
    public IReadOnlyList<DockerContextInfo> List(ICollection<string>? problems = null)
    {
        var result = new List<DockerContextInfo>();
        string metaRoot = Path.Combine(ContextsDirectory, "meta");
        if (!Directory.Exists(metaRoot)) return result;
        foreach (string dir in Directory.EnumerateDirectories(metaRoot))
        {
            string file = Path.Combine(dir, "meta.json");
            if (!File.Exists(file)) continue;
            try
            {
                result.Add(Read(file));
            }
            catch (EngineConfigurationException ex)
            {
                problems?.Add(ex.Message);
            }
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    /// <summary>The stored context of a name, or null.</summary>
    /// <exception cref="EngineConfigurationException">Its metadata cannot be read.</exception>
    public DockerContextInfo? Find(string name)
    {
        string file = Path.Combine(ContextsDirectory, "meta", IdOf(name), "meta.json");
        return File.Exists(file) ? Read(file) : null;
    }

    /// <summary><c>currentContext</c> in config.json, or null.</summary>
    /// <exception cref="EngineConfigurationException">config.json is not valid JSON.</exception>
    public string? CurrentContextFromConfig()
    {
        string file = Path.Combine(ConfigDirectory, "config.json");
        if (!File.Exists(file)) return null;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("currentContext", out JsonElement current)
                   && current.ValueKind == JsonValueKind.String
                   && current.GetString() is { Length: > 0 } name
                ? name
                : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new EngineConfigurationException(EngineConfigurationError.InvalidContext, file, $"Cannot read currentContext from '{file}': {ex.Message}", ex);
        }
    }

    private DockerContextInfo Read(string file)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(file));
            JsonElement root = doc.RootElement;
            string name = root.TryGetProperty("Name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString() ?? "" : "";
            if (name.Length == 0) throw new JsonException("it has no Name");
            string description = root.TryGetProperty("Metadata", out JsonElement meta) && meta.ValueKind == JsonValueKind.Object
                                 && meta.TryGetProperty("Description", out JsonElement d) && d.ValueKind == JsonValueKind.String
                ? d.GetString() ?? ""
                : "";
            string host = "";
            bool skip = false;
            if (root.TryGetProperty("Endpoints", out JsonElement endpoints) && endpoints.ValueKind == JsonValueKind.Object
                && endpoints.TryGetProperty(DockerEndpointName, out JsonElement docker) && docker.ValueKind == JsonValueKind.Object)
            {
                if (docker.TryGetProperty("Host", out JsonElement h) && h.ValueKind == JsonValueKind.String) host = h.GetString() ?? "";
                if (docker.TryGetProperty("SkipTLSVerify", out JsonElement s) && s.ValueKind is JsonValueKind.True) skip = true;
            }
            string tlsDir = Path.Combine(ContextsDirectory, "tls", IdOf(name), DockerEndpointName);
            bool hasTls = Directory.Exists(tlsDir)
                          && (File.Exists(Path.Combine(tlsDir, DockerTlsSettings.CaFileName))
                              || File.Exists(Path.Combine(tlsDir, DockerTlsSettings.CertFileName))
                              || File.Exists(Path.Combine(tlsDir, DockerTlsSettings.KeyFileName)));
            return new DockerContextInfo
            {
                Name = name,
                Description = description,
                Host = host,
                SkipTlsVerify = skip,
                TlsDirectory = hasTls ? tlsDir : null,
                MetaFile = file,
            };
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new EngineConfigurationException(EngineConfigurationError.InvalidContext, file, $"Cannot read the context metadata '{file}': {ex.Message}", ex);
        }
    }
}
