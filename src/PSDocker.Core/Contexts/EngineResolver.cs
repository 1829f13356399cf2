namespace PSDocker.Core.Contexts;

/// <summary>What a command was told about the engine(s) to use.</summary>
public sealed class EngineRequest
{
    /// <summary>-Endpoint values (each in the default context).</summary>
    public IReadOnlyList<string> Endpoints { get; init; } = Array.Empty<string>();

    /// <summary>-Context values.</summary>
    public IReadOnlyList<string> Contexts { get; init; } = Array.Empty<string>();

    /// <summary>-TlsCertificatePath: a folder with ca.pem, cert.pem, key.pem; turns TLS with verification on.</summary>
    public string? TlsCertificatePath { get; init; }

    /// <summary>-SkipCertificateCheck: TLS without verifying the engine's certificate.</summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>True when TLS was asked for by a parameter.</summary>
    public bool HasTlsParameters => TlsCertificatePath is not null || SkipCertificateCheck;
}

/// <summary>The process environment the resolution reads (replaceable in tests).</summary>
public sealed class EngineEnvironment
{
    /// <summary>The real environment.</summary>
    public static readonly EngineEnvironment Current = new();

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The user's home folder.</summary>
    public string HomeDirectory { get; init; } = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>The platform's default endpoint.</summary>
    public string DefaultEndpoint { get; init; } = DockerEndpoint.PlatformDefault;

    /// <summary>The docker CLI's config folder: <c>DOCKER_CONFIG</c>, else <c>~/.docker</c>.</summary>
    public string ConfigDirectory => NonEmpty("DOCKER_CONFIG") ?? Path.Combine(HomeDirectory, ".docker");

    /// <summary>The contexts store in <see cref="ConfigDirectory"/>.</summary>
    public ContextStore Store => new(ConfigDirectory);

    /// <summary>A variable's value, or null when unset or empty (the docker CLI treats both alike).</summary>
    public string? NonEmpty(string name) => Variable(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <summary>
/// Picks the engine(s) the way the docker CLI does:
/// <list type="number">
/// <item>-Context (several allowed); together with -Endpoint it is an error, as <c>--context</c> with <c>-H</c> is;</item>
/// <item>-Endpoint (several allowed), in the "default" context;</item>
/// <item><c>DOCKER_HOST</c>, in the "default" context;</item>
/// <item><c>DOCKER_CONTEXT</c>;</item>
/// <item><c>currentContext</c> in config.json;</item>
/// <item>the "default" context: the platform's socket or pipe (<c>tcp://localhost:2376</c> when TLS is on).</item>
/// </list>
/// In the "default" context TLS comes from <c>DOCKER_TLS_VERIFY</c> (any non-empty value: TLS and verify),
/// <c>DOCKER_TLS</c> (TLS without verifying), <c>DOCKER_CERT_PATH</c> (default: the config folder), an https:// scheme,
/// or -TlsCertificatePath/-SkipCertificateCheck; a stored context carries its own TLS files and SkipTLSVerify.
/// Sockets and pipes never use TLS.
/// </summary>
public static class EngineResolver
{
    /// <summary>The name of the context that would be used (no validation that it exists).</summary>
    public static string CurrentContextName(EngineEnvironment? environment = null)
    {
        EngineEnvironment env = environment ?? EngineEnvironment.Current;
        if (env.NonEmpty("DOCKER_HOST") is not null) return ContextStore.DefaultContextName;
        if (env.NonEmpty("DOCKER_CONTEXT") is { } fromEnv) return fromEnv;
        return env.Store.CurrentContextFromConfig() ?? ContextStore.DefaultContextName;
    }

    /// <summary>The engines a request selects, in the order given, without duplicates.</summary>
    /// <exception cref="EngineConfigurationException">Conflicting parameters, an unknown or unusable context, malformed endpoints, or missing TLS files.</exception>
    public static IReadOnlyList<DockerEndpoint> Resolve(EngineRequest request, EngineEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        EngineEnvironment env = environment ?? EngineEnvironment.Current;
        if (request.Contexts.Count > 0 && request.Endpoints.Count > 0)
            throw new EngineConfigurationException(EngineConfigurationError.Conflict, string.Join(",", request.Contexts),
                "Conflicting parameters: -Endpoint and -Context cannot be used together (as docker's -H and --context). Use one of them.");
        if (request.Contexts.Count > 0 && request.HasTlsParameters)
            throw new EngineConfigurationException(EngineConfigurationError.Conflict, string.Join(",", request.Contexts),
                "Conflicting parameters: -TlsCertificatePath and -SkipCertificateCheck apply to -Endpoint and DOCKER_HOST; a context carries its own TLS files. Leave them out, or use -Endpoint.");

        var result = new List<DockerEndpoint>();
        void Add(DockerEndpoint e)
        {
            if (!result.Contains(e)) result.Add(e);
        }

        if (request.Contexts.Count > 0)
        {
            foreach (string name in request.Contexts) Add(ResolveContext(name.Trim(), request, env));
            return result;
        }
        if (request.Endpoints.Count > 0)
        {
            foreach (string text in request.Endpoints) Add(ResolveDefault(text, request, env));
            return result;
        }
        if (request.HasTlsParameters || env.NonEmpty("DOCKER_HOST") is not null)
        {
            // Like -H, TLS parameters select the default context.
            Add(ResolveDefault(null, request, env));
            return result;
        }
        Add(ResolveContext(CurrentContextName(env), request, env));
        return result;
    }

    /// <summary>The endpoint of one context by name ("default" is -Endpoint/DOCKER_HOST with the TLS variables).</summary>
    /// <exception cref="EngineConfigurationException">No such context, or it cannot be used.</exception>
    public static DockerEndpoint ResolveContext(string name, EngineRequest? request = null, EngineEnvironment? environment = null)
    {
        EngineEnvironment env = environment ?? EngineEnvironment.Current;
        if (string.Equals(name, ContextStore.DefaultContextName, StringComparison.Ordinal))
            return ResolveDefault(null, request ?? new EngineRequest(), env);
        ContextStore store = env.Store;
        DockerContextInfo context = store.Find(name)
            ?? throw new EngineConfigurationException(EngineConfigurationError.ContextNotFound, name,
                $"No docker context named '{name}' in {store.ContextsDirectory}. List the contexts with Get-ContainerContext; check DOCKER_CONTEXT and currentContext in {Path.Combine(store.ConfigDirectory, "config.json")}.");
        return FromContext(context, env);
    }

    /// <summary>The endpoint a stored context describes, with its TLS files.</summary>
    public static DockerEndpoint FromContext(DockerContextInfo context, EngineEnvironment? environment = null)
    {
        EngineEnvironment env = environment ?? EngineEnvironment.Current;
        string host = context.Host.Length > 0 ? context.Host : env.DefaultEndpoint;
        DockerEndpoint endpoint;
        try
        {
            endpoint = DockerEndpoint.Parse(host);
        }
        catch (FormatException ex)
        {
            throw new EngineConfigurationException(EngineConfigurationError.InvalidContext, context.Name,
                $"Docker context '{context.Name}' cannot be used: {ex.Message}", ex);
        }
        if (endpoint.Kind == EndpointKind.Tcp)
        {
            DockerTlsSettings? tls = null;
            string source = $"context '{context.Name}'";
            if (context.TlsDirectory is not null)
                tls = DockerTlsSettings.FromDirectory(context.TlsDirectory, verify: !context.SkipTlsVerify, requireCa: false, source);
            else if (context.SkipTlsVerify)
                tls = DockerTlsSettings.FromFiles(null, null, null, verify: false, source);
            else if (endpoint.Tls is not null)
                tls = endpoint.Tls; // https:// with the system's trust store
            endpoint = endpoint.WithTls(tls);
        }
        return endpoint.WithContext(context.Name);
    }

    /// <summary>An endpoint in the "default" context: the text given, else DOCKER_HOST, else the default; TLS per the CLI's rules.</summary>
    /// <exception cref="EngineConfigurationException">Malformed address, or TLS files missing.</exception>
    public static DockerEndpoint ResolveDefault(string? text, EngineRequest request, EngineEnvironment? environment = null)
    {
        EngineEnvironment env = environment ?? EngineEnvironment.Current;
        bool envVerify = env.NonEmpty("DOCKER_TLS_VERIFY") is not null;
        bool envTls = env.NonEmpty("DOCKER_TLS") is not null;
        bool paramTls = request.HasTlsParameters;
        string? address = !string.IsNullOrWhiteSpace(text) ? text : env.NonEmpty("DOCKER_HOST");
        bool schemeTls = address is not null && DockerEndpoint.HasTlsScheme(address);
        bool tlsOn = paramTls || envVerify || envTls || schemeTls;
        address ??= tlsOn ? $"tcp://localhost:{DockerEndpoint.DefaultTlsPort}" : env.DefaultEndpoint;

        DockerEndpoint endpoint;
        try
        {
            endpoint = DockerEndpoint.Parse(address);
        }
        catch (EngineConfigurationException)
        {
            throw;
        }
        catch (FormatException ex)
        {
            throw new EngineConfigurationException(EngineConfigurationError.InvalidEndpoint, address, ex.Message, ex);
        }

        if (endpoint.Kind != EndpointKind.Tcp || !tlsOn)
            return endpoint.WithContext(ContextStore.DefaultContextName);

        bool verify = !request.SkipCertificateCheck && (envVerify || request.TlsCertificatePath is not null || schemeTls || !envTls);
        string source;
        string directory;
        bool requireCa;
        if (request.TlsCertificatePath is { } fromParameter)
        {
            directory = fromParameter;
            source = "-TlsCertificatePath";
            requireCa = true;
            if (!Directory.Exists(directory))
                throw new EngineConfigurationException(EngineConfigurationError.TlsFiles, directory,
                    $"The -TlsCertificatePath folder '{directory}' does not exist. Give the folder that holds ca.pem, cert.pem and key.pem.");
        }
        else
        {
            directory = env.NonEmpty("DOCKER_CERT_PATH") ?? env.ConfigDirectory;
            source = env.NonEmpty("DOCKER_CERT_PATH") is not null ? "DOCKER_CERT_PATH" : $"the default certificate folder {directory}";
            // DOCKER_TLS_VERIFY insists on ca.pem, as the CLI does; an https:// address alone may use the system's trust store.
            requireCa = envVerify;
        }
        DockerTlsSettings tls = DockerTlsSettings.FromDirectory(directory, verify, requireCa, source);
        return endpoint.WithTls(tls).WithContext(ContextStore.DefaultContextName);
    }
}

/// <summary>Lists contexts as <c>docker context ls</c> does: "default" first, then the stored ones by name.</summary>
public static class ContextLister
{
    /// <summary>Every context, with the current one marked.</summary>
    public static IReadOnlyList<ContainerContext> List(EngineEnvironment? environment = null)
    {
        EngineEnvironment env = environment ?? EngineEnvironment.Current;
        string current;
        try
        {
            current = EngineResolver.CurrentContextName(env);
        }
        catch (EngineConfigurationException)
        {
            current = ContextStore.DefaultContextName;
        }

        var problems = new List<string>();
        var result = new List<ContainerContext>();
        string defaultHost = env.NonEmpty("DOCKER_HOST") ?? env.DefaultEndpoint;
        result.Add(Describe(ContextStore.DefaultContextName, "Current DOCKER_HOST based configuration", defaultHost, null, current,
            () => EngineResolver.ResolveDefault(null, new EngineRequest(), env)));
        foreach (DockerContextInfo info in env.Store.List(problems))
        {
            if (info.Name == ContextStore.DefaultContextName) continue; // reserved, as in the CLI
            result.Add(Describe(info.Name, info.Description, info.Host.Length > 0 ? info.Host : env.DefaultEndpoint, info.TlsDirectory, current,
                () => EngineResolver.FromContext(info, env)));
        }
        return result;
    }

    private static ContainerContext Describe(string name, string description, string host, string? tlsDirectory, string current, Func<DockerEndpoint> resolve)
    {
        try
        {
            DockerEndpoint endpoint = resolve();
            DockerTlsSettings? tls = endpoint.Tls;
            return new ContainerContext
            {
                Name = name,
                Current = name == current,
                Endpoint = endpoint.ToString(),
                Description = description,
                Tls = tls is null ? "" : (tls.Verify ? "verify" : "no verification") + (tls.HasClientCertificate ? ", client certificate" : ""),
                TlsDirectory = tlsDirectory,
            };
        }
        catch (FormatException ex)
        {
            return new ContainerContext
            {
                Name = name,
                Current = name == current,
                Endpoint = host,
                Description = description,
                TlsDirectory = tlsDirectory,
                Error = ex.Message,
            };
        }
    }
}
