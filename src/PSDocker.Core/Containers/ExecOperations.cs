using PSDocker.Core.Transport;

namespace PSDocker.Core.Containers;

/// <summary>
/// The engine's exec endpoints (<c>docker exec</c>): <see cref="CreateAsync"/> an exec in a running container,
/// <see cref="StartAsync(string, ExecStartOptions, CancellationToken)"/> it on a hijacked connection, read its output
/// until the stream ends, then <see cref="InspectAsync"/> it for the exit code. Reach it as <c>DockerClient.Exec</c>.
/// </summary>
public sealed class ExecOperations
{
    private static readonly Version ConsoleSizeVersion = new(1, 42);
    private readonly DockerTransport _transport;

    internal ExecOperations(DockerTransport transport) => _transport = transport;

    private static string ExecPath(string execId, string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(execId);
        return "exec/" + Uri.EscapeDataString(execId) + action;
    }

    /// <summary>Creates an exec process in a running container and returns its ID.</summary>
    /// <remarks>POST /containers/{id}/exec (CLI: <c>docker exec</c>, first half).</remarks>
    /// <exception cref="DockerApiException">404 if no such container; 409 if it is not running or is paused.</exception>
    public async Task<string> CreateAsync(string containerIdOrName, ExecCreateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerIdOrName);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Command.Count == 0) throw new ArgumentException("An exec needs a command.", nameof(options));
        EngineHandshake engine = await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
        ExecCreateBody body = BuildCreateBody(options, engine.ApiVersion);
        ExecCreateResponseDto created = await _transport.SendJsonAsync(HttpMethod.Post, "containers/" + Uri.EscapeDataString(containerIdOrName) + "/exec",
            ExecJsonContext.Default.ExecCreateResponseDto, cancellationToken,
            DockerTransport.JsonContent(body, ExecJsonContext.Default.ExecCreateBody)).ConfigureAwait(false);
        return created.Id;
    }

    internal static ExecCreateBody BuildCreateBody(ExecCreateOptions o, Version apiVersion) => new()
    {
        AttachStdin = o.AttachStdin,
        AttachStdout = o.AttachStdout,
        AttachStderr = o.AttachStderr,
        DetachKeys = string.IsNullOrEmpty(o.DetachKeys) ? null : o.DetachKeys,
        Tty = o.Tty,
        ConsoleSize = o.ConsoleSize is { } size && apiVersion >= ConsoleSizeVersion ? new List<int> { size.Height, size.Width } : null,
        Env = o.Environment.Count > 0 ? o.Environment.Select(kv => kv.Value is null ? kv.Key : kv.Key + "=" + kv.Value).ToList() : null,
        Cmd = o.Command.ToList(),
        Privileged = o.Privileged,
        User = string.IsNullOrEmpty(o.User) ? null : o.User,
        WorkingDir = string.IsNullOrEmpty(o.WorkingDirectory) ? null : o.WorkingDirectory,
    };

    /// <summary>Starts an exec attached: its standard streams on a hijacked connection of their own.</summary>
    /// <remarks>
    /// POST /exec/{id}/start with <c>{"Detach":false,"Tty":…}</c> and <c>Connection: Upgrade</c>, <c>Upgrade: tcp</c>
    /// (CLI: <c>docker exec</c>, second half). The output is raw when <c>Tty</c> is set, multiplexed otherwise.
    /// The stream ends when the process ends; then <see cref="InspectAsync"/> gives its exit code.
    /// </remarks>
    /// <exception cref="DockerApiException">404 if no such exec; 409 if the container stopped or the exec already ran.</exception>
    public async Task<HijackedStream> StartAsync(string execId, ExecStartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Post, ExecPath(execId, "/start"), cancellationToken).ConfigureAwait(false);
        try
        {
            EngineHandshake engine = await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
            var body = new ExecStartBody
            {
                Detach = false,
                Tty = options.Tty,
                ConsoleSize = options.ConsoleSize is { } size && engine.ApiVersion >= ConsoleSizeVersion ? new List<int> { size.Height, size.Width } : null,
            };
            request.Content = DockerTransport.JsonContent(body, ExecJsonContext.Default.ExecStartBody);
            return await HijackedStream.SendAsync(_transport, request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    /// <summary>What the engine knows of an exec: running or not, exit code, PID, container.</summary>
    /// <remarks>GET /exec/{id}/json (CLI: <c>docker exec</c> reads the exit code this way).</remarks>
    /// <exception cref="DockerApiException">404 if no such exec.</exception>
    public async Task<ExecInfo> InspectAsync(string execId, ExecInspectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ExecInspectDto dto = await _transport.SendJsonAsync(HttpMethod.Get, ExecPath(execId, "/json"), ExecJsonContext.Default.ExecInspectDto, cancellationToken).ConfigureAwait(false);
        var command = new List<string>();
        if (!string.IsNullOrEmpty(dto.ProcessConfig?.Entrypoint)) command.Add(dto.ProcessConfig.Entrypoint);
        if (dto.ProcessConfig?.Arguments is { } args) command.AddRange(args);
        return new ExecInfo
        {
            Id = dto.ID ?? execId,
            ContainerId = dto.ContainerID ?? "",
            Running = dto.Running,
            ExitCode = dto.Running ? null : dto.ExitCode,
            Pid = dto.Pid,
            Tty = dto.ProcessConfig?.Tty ?? false,
            OpenStdin = dto.OpenStdin,
            Command = command,
            User = dto.ProcessConfig?.User ?? "",
        };
    }

    /// <summary>Sets the size of an exec's terminal.</summary>
    /// <remarks>POST /exec/{id}/resize?h=&amp;w=.</remarks>
    /// <exception cref="DockerApiException">404 if no such exec; 409/500 if it is not running or has no terminal.</exception>
    public Task ResizeAsync(string execId, ExecResizeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Height);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Width);
        return _transport.SendAsync(HttpMethod.Post, new Query(ExecPath(execId, "/resize")).Add("h", options.Height).Add("w", options.Width), cancellationToken);
    }
}
