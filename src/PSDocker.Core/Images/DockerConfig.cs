using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PSDocker.Core.Images;

/// <summary>
/// The docker CLI's <c>config.json</c> (<c>$DOCKER_CONFIG</c>, else <c>~/.docker</c>) and its credential helpers,
/// read and written the way the CLI does: <c>credHelpers[host]</c>, then <c>credsStore</c>, then <c>auths</c>;
/// <c>DOCKER_AUTH_CONFIG</c> overlays them.
/// </summary>
public sealed class DockerConfig
{
    /// <summary>The key Docker Hub's credentials are stored under.</summary>
    public const string DockerHubKey = "https://index.docker.io/v1/";

    private DockerConfig(string directory) => Directory = directory;

    /// <summary>The config directory.</summary>
    public string Directory { get; }

    /// <summary>The config file's path.</summary>
    public string FilePath => Path.Combine(Directory, "config.json");

    /// <summary>The config of the current user: <c>$DOCKER_CONFIG</c>, else <c>~/.docker</c>.</summary>
    public static DockerConfig Current()
    {
        string? dir = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(dir))
            dir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        return new DockerConfig(dir);
    }

    /// <summary>A config in a given directory.</summary>
    public static DockerConfig At(string directory) => new(directory);

    /// <summary>The key a registry's credentials are stored under: Docker Hub's URL, else the bare host.</summary>
    public static string KeyFor(string registry)
    {
        string host = ConvertToHostname(registry);
        return host is "docker.io" or "index.docker.io" or "registry-1.docker.io" ? DockerHubKey : host;
    }

    /// <summary>The host of a legacy URL key (<c>https://host/v1/</c> → <c>host</c>).</summary>
    public static string ConvertToHostname(string url)
    {
        string s = url;
        if (s.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) s = s[7..];
        else if (s.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) s = s[8..];
        int slash = s.IndexOf('/');
        return slash < 0 ? s : s[..slash];
    }

    private JsonObject Read()
    {
        if (!File.Exists(FilePath)) return new JsonObject();
        string text = File.ReadAllText(FilePath);
        if (string.IsNullOrWhiteSpace(text)) return new JsonObject();
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException($"{FilePath} does not hold a JSON object.");
    }

    /// <summary>The credential helper for a registry (<c>credHelpers</c>, then <c>credsStore</c>), or null.</summary>
    public string? HelperFor(string registry)
    {
        JsonObject config = Read();
        string host = ConvertToHostname(KeyFor(registry));
        if (config["credHelpers"] is JsonObject helpers)
        {
            foreach ((string key, JsonNode? value) in helpers)
            {
                if (ConvertToHostname(key) == host && value?.GetValue<string>() is { Length: > 0 } name) return name;
            }
        }
        return config["credsStore"]?.GetValue<string>() is { Length: > 0 } store ? store : null;
    }

    /// <summary>The stored credential for a registry, or null for anonymous access.</summary>
    public RegistryAuth? GetAuth(string registry, CancellationToken cancellationToken = default)
    {
        string key = KeyFor(registry);
        if (FromAuthsJson(Environment.GetEnvironmentVariable("DOCKER_AUTH_CONFIG"), key) is { } overlay) return overlay;
        string? helper = HelperFor(registry);
        if (helper is not null) return CredentialHelper.Get(helper, key, cancellationToken);
        return FromAuthsNode(Read()["auths"] as JsonObject, key);
    }

    private static RegistryAuth? FromAuthsJson(string? json, string key)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            var root = JsonNode.Parse(json) as JsonObject;
            return FromAuthsNode((root?["auths"] as JsonObject) ?? root, key);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RegistryAuth? FromAuthsNode(JsonObject? auths, string key)
    {
        if (auths is null) return null;
        string host = ConvertToHostname(key);
        foreach ((string k, JsonNode? v) in auths)
        {
            if (k != key && ConvertToHostname(k) != host) continue;
            if (v is not JsonObject entry) continue;
            string? identity = entry["identitytoken"]?.GetValue<string>();
            string? user = entry["username"]?.GetValue<string>();
            string? pass = entry["password"]?.GetValue<string>();
            if (entry["auth"]?.GetValue<string>() is { Length: > 0 } encoded)
            {
                string decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                int colon = decoded.IndexOf(':');
                if (colon > 0)
                {
                    user = decoded[..colon];
                    pass = decoded[(colon + 1)..].Trim('\0');
                }
            }
            if (user is null && identity is null) continue;
            return new RegistryAuth(user, pass, key, identity);
        }
        return null;
    }

    /// <summary>Every stored credential (for a build's base images), keyed as config.json keys them.</summary>
    public IReadOnlyDictionary<string, RegistryAuth> GetAllAuths(CancellationToken cancellationToken = default)
    {
        JsonObject config = Read();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (config["auths"] is JsonObject auths) foreach ((string k, _) in auths) keys.Add(k);
        if (config["credHelpers"] is JsonObject helpers) foreach ((string k, _) in helpers) keys.Add(k);
        var result = new Dictionary<string, RegistryAuth>(StringComparer.Ordinal);
        foreach (string key in keys)
        {
            if (GetAuth(ConvertToHostname(key), cancellationToken) is { } auth) result[KeyFor(ConvertToHostname(key))] = auth;
        }
        return result;
    }

    /// <summary>Stores a credential where the CLI would: the registry's helper, else <c>auths</c> in config.json (mode 0600, other keys kept).</summary>
    public void StoreAuth(string registry, RegistryAuth auth, CancellationToken cancellationToken = default)
    {
        string key = KeyFor(registry);
        string? helper = HelperFor(registry);
        if (helper is not null)
        {
            CredentialHelper.Store(helper, key, auth, cancellationToken);
            // The CLI keeps an empty entry in auths so 'docker login' state shows.
            Update(config =>
            {
                JsonObject auths = config["auths"] as JsonObject ?? new JsonObject();
                auths[key] = new JsonObject();
                config["auths"] = auths;
            });
            return;
        }
        Update(config =>
        {
            JsonObject auths = config["auths"] as JsonObject ?? new JsonObject();
            var entry = new JsonObject();
            if (!string.IsNullOrEmpty(auth.IdentityToken)) entry["identitytoken"] = auth.IdentityToken;
            else entry["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{auth.Username}:{auth.Password}"));
            auths[key] = entry;
            config["auths"] = auths;
        });
    }

    /// <summary>Removes a stored credential (helper and <c>auths</c>). Returns false when none was stored.</summary>
    public bool RemoveAuth(string registry, CancellationToken cancellationToken = default)
    {
        string key = KeyFor(registry);
        string? helper = HelperFor(registry);
        bool removed = false;
        if (helper is not null) removed = CredentialHelper.Erase(helper, key, cancellationToken);
        if (File.Exists(FilePath))
        {
            Update(config =>
            {
                if (config["auths"] is JsonObject auths)
                {
                    string host = ConvertToHostname(key);
                    foreach (string k in auths.Select(kv => kv.Key).Where(k => k == key || ConvertToHostname(k) == host).ToList())
                    {
                        auths.Remove(k);
                        removed = true;
                    }
                }
            });
        }
        return removed;
    }

    private void Update(Action<JsonObject> change)
    {
        JsonObject config = Read();
        change(config);
        System.IO.Directory.CreateDirectory(Directory);
        string temp = FilePath + ".tmp" + Environment.ProcessId;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var fs = new FileStream(temp, options))
        using (var writer = new Utf8JsonWriter(fs, new JsonWriterOptions { Indented = true }))
        {
            config.WriteTo(writer);
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, FilePath, overwrite: true);
    }
}

/// <summary>Runs <c>docker-credential-&lt;name&gt;</c> with the helpers' protocol (get, store, erase).</summary>
public static class CredentialHelper
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>The credential the helper holds for a server, or null when it holds none.</summary>
    /// <exception cref="InvalidOperationException">The helper is missing or failed.</exception>
    public static RegistryAuth? Get(string helper, string serverUrl, CancellationToken cancellationToken)
    {
        (int code, string output) = Run(helper, "get", serverUrl, cancellationToken);
        if (code != 0)
        {
            if (output.Contains("credentials not found", StringComparison.OrdinalIgnoreCase) || output.Contains("No stored credential", StringComparison.OrdinalIgnoreCase))
                return null;
            throw new InvalidOperationException($"The credential helper docker-credential-{helper} failed to get the credential for {serverUrl}: {Sanitize(output)}");
        }
        var json = JsonNode.Parse(output) as JsonObject;
        string? user = json?["Username"]?.GetValue<string>();
        string? secret = json?["Secret"]?.GetValue<string>();
        if (string.IsNullOrEmpty(user) && string.IsNullOrEmpty(secret)) return null;
        return user == "<token>"
            ? new RegistryAuth(null, null, serverUrl, secret)
            : new RegistryAuth(user, secret, serverUrl);
    }

    /// <summary>Stores a credential with the helper.</summary>
    public static void Store(string helper, string serverUrl, RegistryAuth auth, CancellationToken cancellationToken)
    {
        var payload = new JsonObject
        {
            ["ServerURL"] = serverUrl,
            ["Username"] = auth.IdentityToken is null ? auth.Username : "<token>",
            ["Secret"] = auth.IdentityToken ?? auth.Password,
        };
        (int code, string output) = Run(helper, "store", payload.ToJsonString(), cancellationToken);
        if (code != 0)
            throw new InvalidOperationException($"The credential helper docker-credential-{helper} failed to store the credential for {serverUrl}: {Sanitize(output)}");
    }

    /// <summary>Erases a credential; false when the helper held none.</summary>
    public static bool Erase(string helper, string serverUrl, CancellationToken cancellationToken)
    {
        (int code, string output) = Run(helper, "erase", serverUrl, cancellationToken);
        if (code == 0) return true;
        if (output.Contains("not found", StringComparison.OrdinalIgnoreCase)) return false;
        throw new InvalidOperationException($"The credential helper docker-credential-{helper} failed to erase the credential for {serverUrl}: {Sanitize(output)}");
    }

    private static string Sanitize(string output) => output.Length > 300 ? output[..300] : output.Trim();

    private static (int, string) Run(string helper, string verb, string input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("docker-credential-" + helper, verb)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"docker-credential-{helper} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"The credential helper docker-credential-{helper} named in {DockerConfig.Current().FilePath} is not on PATH.", ex);
        }
        using (process)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Limit);
            try
            {
                process.WaitForExitAsync(limit.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw;
            }
            string output = stdout.GetAwaiter().GetResult();
            string error = stderr.GetAwaiter().GetResult();
            return (process.ExitCode, process.ExitCode == 0 ? output : (output + " " + error).Trim());
        }
    }
}
