using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using PSDocker.Core.Json;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Containers;

/// <summary>The engine's container endpoints (<c>/containers/…</c>).</summary>
public sealed partial class ContainerOperations
{
    private static readonly Version SignalOnStop = new(1, 42);
    private readonly DockerTransport _transport;

    internal ContainerOperations(DockerTransport transport) => _transport = transport;

    private string EndpointText => _transport.Endpoint.ToString();

    private static string Path(string idOrName, string action = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(idOrName);
        return "containers/" + Uri.EscapeDataString(idOrName) + action;
    }

    /// <summary>Lists containers in one call.</summary>
    /// <remarks>GET /containers/json (CLI: <c>docker ps -a</c>).</remarks>
    public async Task<IReadOnlyList<Container>> ListAsync(ContainerListOptions options, CancellationToken cancellationToken = default)
    {
        string query = new Query("containers/json").Flag("all", options.All).Filters(options.Filters);
        List<ContainerSummaryDto> list = await _transport.SendJsonAsync(HttpMethod.Get, query, DockerJsonContext.Default.ListContainerSummaryDto, cancellationToken).ConfigureAwait(false);
        var result = new Container[list.Count];
        string endpoint = EndpointText;
        for (int i = 0; i < list.Count; i++) result[i] = ContainerMapper.FromSummary(list[i], endpoint, _transport.Endpoint.ContextName);
        return result;
    }

    /// <summary>Everything the engine knows of one container.</summary>
    /// <remarks>GET /containers/{id}/json (CLI: <c>docker inspect</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container.</exception>
    public async Task<Container> InspectAsync(string idOrName, ContainerInspectOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = new Query(Path(idOrName, "/json")).FlagIfSet("size", options.Size);
        ContainerInspectDto dto = await _transport.SendJsonAsync(HttpMethod.Get, path, DockerJsonContext.Default.ContainerInspectDto, cancellationToken).ConfigureAwait(false);
        return ContainerMapper.FromInspect(dto, EndpointText, _transport.Endpoint.ContextName);
    }

    /// <summary>Creates a container and returns its ID.</summary>
    /// <remarks>POST /containers/create (CLI: <c>docker create</c>).</remarks>
    /// <exception cref="DockerApiException">404 if the image is missing; 409 if the name is in use.</exception>
    /// <remarks>
    /// Every user network is looked up first (<c>GET /networks/{id}</c>), so a missing one fails before anything is made.
    /// With several <see cref="ContainerCreateOptions.Networks"/>, engines before API 1.44 take only the first at create: the others are
    /// connected right after create
    /// (<c>POST /networks/{id}/connect</c>), before anything starts it. If a connect fails the container is removed and the error is
    /// thrown, so nothing half-made is left.
    /// </remarks>
    public async Task<string> CreateAsync(ContainerCreateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        EngineHandshake engine = await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
        int atCreate = engine.ApiVersion >= MultipleNetworksAtCreate ? options.Networks.Count : Math.Min(1, options.Networks.Count);
        ContainerCreateBody body = BuildCreateBody(options, atCreate);
        // Docker 20.10 accepts a network it does not know at create (and at connect while the container is not running) and
        // fails only at start: look the user networks up first, so a missing one is the create's error and nothing is made.
        foreach (NetworkAttachment n in options.Networks)
        {
            if (NetworkAttachment.IsSpecialMode(n.Name) || n.Name is "bridge" or "default") continue;
            await _transport.SendAsync(HttpMethod.Get, "networks/" + Uri.EscapeDataString(n.Name), cancellationToken).ConfigureAwait(false);
        }
        string query = new Query("containers/create").AddIfNotEmpty("name", options.Name).AddIfNotEmpty("platform", options.Platform);
        CreateResponseDto created = await _transport.SendJsonAsync(HttpMethod.Post, query, DockerJsonContext.Default.CreateResponseDto, cancellationToken,
            DockerTransport.JsonContent(body, DockerJsonContext.Default.ContainerCreateBody)).ConfigureAwait(false);

        for (int i = atCreate; i < options.Networks.Count; i++)
        {
            NetworkAttachment network = options.Networks[i];
            try
            {
                var connect = new PSDocker.Core.Networks.NetworkConnectBody { Container = created.Id, EndpointConfig = EndpointConfig(network) };
                await _transport.SendAsync(HttpMethod.Post, "networks/" + Uri.EscapeDataString(network.Name) + "/connect", cancellationToken,
                    DockerTransport.JsonContent(connect, PSDocker.Core.Networks.NetworkJsonContext.Default.NetworkConnectBody)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DockerApiException or OperationCanceledException)
            {
                using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await RemoveAsync(created.Id, new ContainerRemoveOptions { Force = true, Volumes = true }, cleanup.Token).ConfigureAwait(false);
                }
                catch (Exception cleanupError) when (cleanupError is DockerApiException or OperationCanceledException or HttpRequestException or DockerEndpointException)
                {
                    // The connect error is the one to report.
                }
                if (ex is DockerApiException api)
                    throw new DockerApiException(api.StatusCode, $"connecting the new container to network '{network.Name}' failed, so it was removed: {api.Message}", api.Method, api.Path, api.Kind);
                throw;
            }
        }
        return created.Id;
    }

    /// <summary>From API 1.44 the engine attaches every network given at create.</summary>
    private static readonly Version MultipleNetworksAtCreate = new(1, 44);

    internal static EndpointSettingsDto EndpointConfig(NetworkAttachment n) => new()
    {
        Aliases = n.Aliases.Count > 0 ? n.Aliases.ToList() : null,
        Links = n.Links.Count > 0 ? n.Links.ToList() : null,
        IPAMConfig = n.IPv4Address is null && n.IPv6Address is null ? null : new EndpointIpamDto { IPv4Address = n.IPv4Address, IPv6Address = n.IPv6Address },
    };

    internal static ContainerCreateBody BuildCreateBody(ContainerCreateOptions o) => BuildCreateBody(o, Math.Min(1, o.Networks.Count));

    internal static ContainerCreateBody BuildCreateBody(ContainerCreateOptions o, int networksAtCreate)
    {
        if (o.NetworkMode is not null && o.Networks.Count > 0)
            throw new ArgumentException("NetworkMode and Networks cannot both be set: a mode such as host or none attaches no networks.", nameof(o));
        if (o.Networks.Count > 1 && o.Networks.Any(n => NetworkAttachment.IsSpecialMode(n.Name)))
            throw new ArgumentException("host, none and container:<name> cannot be combined with other networks.", nameof(o));
        var body = new ContainerCreateBody
        {
            Image = o.Image,
            Cmd = o.Command is { Count: > 0 } ? o.Command.ToList() : null,
            Entrypoint = o.Entrypoint?.ToList(),
            Env = o.Environment.Count > 0 ? o.Environment.Select(kv => kv.Value is null ? kv.Key : kv.Key + "=" + kv.Value).ToList() : null,
            Tty = o.Tty,
            OpenStdin = o.Interactive,
            StdinOnce = o.Interactive && o.AttachOutput,
            AttachStdin = o.Interactive && o.AttachOutput,
            AttachStdout = o.AttachOutput,
            AttachStderr = o.AttachOutput,
            Labels = o.Labels.Count > 0 ? new Dictionary<string, string>(o.Labels) : null,
            WorkingDir = string.IsNullOrEmpty(o.WorkingDirectory) ? null : o.WorkingDirectory,
            User = string.IsNullOrEmpty(o.User) ? null : o.User,
            Hostname = string.IsNullOrEmpty(o.Hostname) ? null : o.Hostname,
        };
        var host = new HostConfigDto
        {
            AutoRemove = o.AutoRemove,
            NetworkMode = o.NetworkMode ?? (o.Networks.Count > 0 ? o.Networks[0].Name : null),
            PublishAllPorts = o.PublishAll,
            Memory = o.Memory,
            MemoryReservation = o.MemoryReservation,
            MemorySwap = o.MemorySwap,
            NanoCpus = o.Cpus is double cpus ? (long)Math.Round(cpus * 1e9) : null,
            CpuShares = o.CpuShares,
            CpusetCpus = o.CpusetCpus,
            PidsLimit = o.PidsLimit,
            ShmSize = o.ShmSize,
            Privileged = o.Privileged,
            CapAdd = NullIfEmpty(o.CapAdd),
            CapDrop = NullIfEmpty(o.CapDrop),
            SecurityOpt = NullIfEmpty(o.SecurityOptions),
            Init = o.Init,
            ReadonlyRootfs = o.ReadOnlyRootFilesystem,
            ExtraHosts = o.ExtraHosts.Count > 0 ? o.ExtraHosts.Select(h => h.ToString()).ToList() : null,
            Dns = NullIfEmpty(o.Dns),
            DnsSearch = NullIfEmpty(o.DnsSearch),
            DnsOptions = NullIfEmpty(o.DnsOptions),
            Sysctls = o.Sysctls.Count > 0 ? new Dictionary<string, string>(o.Sysctls) : null,
            Ulimits = o.Ulimits.Count > 0 ? o.Ulimits.Select(u => new UlimitDto { Name = u.Name, Soft = u.Soft, Hard = u.Hard }).ToList() : null,
            LogConfig = o.LogDriver is null && o.LogOptions.Count == 0 ? null
                : new LogConfigDto { Type = o.LogDriver, Config = o.LogOptions.Count > 0 ? new Dictionary<string, string>(o.LogOptions) : null },
            GroupAdd = NullIfEmpty(o.GroupAdd),
            Devices = o.Devices.Count > 0 ? o.Devices.Select(ParseDevice).ToList() : null,
            PidMode = o.PidMode,
            IpcMode = o.IpcMode,
            Tmpfs = o.Tmpfs.Count > 0 ? new Dictionary<string, string>(o.Tmpfs) : null,
            Mounts = o.Mounts.Count > 0 ? o.Mounts.Select(MountBody).ToList() : null,
        };
        body.StopSignal = o.StopSignal;
        body.StopTimeout = o.StopTimeout;
        body.Domainname = string.IsNullOrEmpty(o.DomainName) ? null : o.DomainName;
        if (o.Healthcheck is { } hc)
        {
            body.Healthcheck = new HealthConfigDto
            {
                Test = hc.Test.Count > 0 ? hc.Test.ToList() : null,
                Interval = Nanoseconds(hc.Interval),
                Timeout = Nanoseconds(hc.Timeout),
                Retries = hc.Retries,
                StartPeriod = Nanoseconds(hc.StartPeriod),
            };
        }
        if (networksAtCreate > 0 && !NetworkAttachment.IsSpecialMode(o.Networks[0].Name))
        {
            body.NetworkingConfig = new NetworkingConfigDto { EndpointsConfig = new Dictionary<string, EndpointSettingsDto>(StringComparer.Ordinal) };
            foreach (NetworkAttachment n in o.Networks.Take(networksAtCreate))
                body.NetworkingConfig.EndpointsConfig[n.Name] = EndpointConfig(n);
        }
        foreach (string expose in o.ExposedPorts)
        {
            body.ExposedPorts ??= new Dictionary<string, EmptyObject>(StringComparer.Ordinal);
            body.ExposedPorts[expose.Contains('/') ? expose : expose + "/tcp"] = new EmptyObject();
        }
        if (o.RestartPolicy is { } rp) host.RestartPolicy = new RestartPolicyDto { Name = rp.Name, MaximumRetryCount = rp.MaximumRetryCount };

        if (o.Ports.Count > 0)
        {
            body.ExposedPorts = new Dictionary<string, EmptyObject>(StringComparer.Ordinal);
            host.PortBindings = new Dictionary<string, List<PortBindingDto>?>(StringComparer.Ordinal);
            foreach (PortSpec p in o.Ports)
            {
                body.ExposedPorts[p.Key] = new EmptyObject();
                if (!host.PortBindings.TryGetValue(p.Key, out List<PortBindingDto>? list) || list is null)
                    host.PortBindings[p.Key] = list = new List<PortBindingDto>();
                list.Add(new PortBindingDto { HostIp = p.HostIP ?? "", HostPort = p.HostPortText });
            }
        }

        if (o.Volumes.Count > 0)
        {
            var binds = o.Volumes.Select(v => v.ToBind()).OfType<string>().ToList();
            if (binds.Count > 0) host.Binds = binds;
            var anonymous = o.Volumes.Where(v => v.Kind == VolumeKind.Anonymous).ToList();
            if (anonymous.Count > 0)
                body.Volumes = anonymous.ToDictionary(v => v.Target, _ => new EmptyObject());
        }
        body.HostConfig = host;
        return body;
    }

    private static List<string>? NullIfEmpty(IReadOnlyList<string> list) => list.Count > 0 ? list.ToList() : null;

    private static long? Nanoseconds(TimeSpan? value) => value is { } v ? v.Ticks * 100 : null;

    internal static MountWriteDto MountBody(MountSpec m) => new()
    {
        Type = MountSpec.TypeName(m.Type),
        Source = m.Source,
        Target = m.Target,
        ReadOnly = m.ReadOnly,
        Consistency = m.Consistency,
        BindOptions = m.BindPropagation is null && !m.BindNonRecursive ? null : new BindOptionsDto { Propagation = m.BindPropagation, NonRecursive = m.BindNonRecursive },
        VolumeOptions = !m.VolumeNoCopy && m.VolumeDriver is null && m.VolumeDriverOptions.Count == 0 && m.VolumeLabels.Count == 0 ? null : new VolumeOptionsDto
        {
            NoCopy = m.VolumeNoCopy,
            Labels = m.VolumeLabels.Count > 0 ? new Dictionary<string, string>(m.VolumeLabels) : null,
            DriverConfig = m.VolumeDriver is null && m.VolumeDriverOptions.Count == 0 ? null
                : new DriverConfigDto { Name = m.VolumeDriver, Options = m.VolumeDriverOptions.Count > 0 ? new Dictionary<string, string>(m.VolumeDriverOptions) : null },
        },
        TmpfsOptions = m.TmpfsSize is null && m.TmpfsMode is null ? null : new TmpfsOptionsDto { SizeBytes = m.TmpfsSize, Mode = m.TmpfsMode },
    };

    /// <summary>docker's <c>--device</c> text: <c>/dev/host[:/dev/container[:permissions]]</c>.</summary>
    private static DeviceDto ParseDevice(string text)
    {
        string[] parts = text.Split(':');
        return new DeviceDto
        {
            PathOnHost = parts[0],
            PathInContainer = parts.Length > 1 && parts[1].StartsWith('/') ? parts[1] : parts[0],
            CgroupPermissions = parts.Length > 2 ? parts[2] : parts.Length == 2 && !parts[1].StartsWith('/') ? parts[1] : "rwm",
        };
    }

    /// <summary>Starts a container. Starting a running container is not an error.</summary>
    /// <remarks>POST /containers/{id}/start (CLI: <c>docker start</c>).</remarks>
    /// <returns>False when it was already running (304).</returns>
    /// <exception cref="DockerApiException">404 if no such container.</exception>
    public async Task<bool> StartAsync(string idOrName, ContainerStartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = new Query(Path(idOrName, "/start")).AddIfNotEmpty("detachKeys", options.DetachKeys);
        return await _transport.SendAsync(HttpMethod.Post, path, cancellationToken).ConfigureAwait(false) != HttpStatusCode.NotModified;
    }

    /// <summary>Stops a container: its stop signal, then SIGKILL after the timeout. Stopping a stopped container is not an error.</summary>
    /// <remarks>POST /containers/{id}/stop (CLI: <c>docker stop</c>). On API 1.41 a custom signal is sent with kill, then the same wait and SIGKILL.</remarks>
    /// <returns>False when it was not running (304).</returns>
    /// <exception cref="DockerApiException">404 if no such container.</exception>
    public async Task<bool> StopAsync(string idOrName, ContainerStopOptions options, CancellationToken cancellationToken = default)
    {
        EngineHandshake engine = await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
        if (options.Signal is not null && engine.ApiVersion < SignalOnStop)
            return await StopWithSignalAsync(idOrName, options, cancellationToken).ConfigureAwait(false);

        string path = new Query(Path(idOrName, "/stop")).Add("t", options.Timeout).Add("signal", options.Signal);
        return await _transport.SendAsync(HttpMethod.Post, path, cancellationToken).ConfigureAwait(false) != HttpStatusCode.NotModified;
    }

    private async Task<bool> StopWithSignalAsync(string idOrName, ContainerStopOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await KillAsync(idOrName, new ContainerKillOptions { Signal = options.Signal }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return false; // not running
        }
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Engines older than 1.42 cannot stop with a signal: kill with it, wait as stop would (10 s by default, -1 forever), then SIGKILL.
        int seconds = options.Timeout ?? 10;
        if (seconds >= 0) grace.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            await WaitAsync(idOrName, new ContainerWaitOptions { Condition = WaitCondition.NotRunning }, grace.Token).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Removed before the wait arrived (--rm): it is stopped.
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await KillAsync(idOrName, new ContainerKillOptions(), cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
            }
        }
        return true;
    }

    /// <summary>Sends a signal to a running container (default SIGKILL).</summary>
    /// <remarks>POST /containers/{id}/kill (CLI: <c>docker kill</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container; 409 if it isn't running.</exception>
    public Task KillAsync(string idOrName, ContainerKillOptions options, CancellationToken cancellationToken = default)
    {
        string path = new Query(Path(idOrName, "/kill")).Add("signal", options.Signal);
        return _transport.SendAsync(HttpMethod.Post, path, cancellationToken);
    }

    /// <summary>Pauses all processes of a container.</summary>
    /// <remarks>POST /containers/{id}/pause (CLI: <c>docker pause</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container; 409 if it isn't running or is paused.</exception>
    public Task PauseAsync(string idOrName, ContainerPauseOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _transport.SendAsync(HttpMethod.Post, Path(idOrName, "/pause"), cancellationToken);
    }

    /// <summary>Resumes a paused container.</summary>
    /// <remarks>POST /containers/{id}/unpause (CLI: <c>docker unpause</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container; 409 if it isn't paused.</exception>
    public Task UnpauseAsync(string idOrName, ContainerUnpauseOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _transport.SendAsync(HttpMethod.Post, Path(idOrName, "/unpause"), cancellationToken);
    }

    /// <summary>Stops (if running) and starts a container.</summary>
    /// <remarks>POST /containers/{id}/restart (CLI: <c>docker restart</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container.</exception>
    public Task RestartAsync(string idOrName, ContainerRestartOptions options, CancellationToken cancellationToken = default)
    {
        string path = new Query(Path(idOrName, "/restart")).Add("t", options.Timeout);
        return _transport.SendAsync(HttpMethod.Post, path, cancellationToken);
    }

    /// <summary>Gives a container a new name.</summary>
    /// <remarks>POST /containers/{id}/rename?name= (CLI: <c>docker rename</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container; 409 if another container has the name.</exception>
    public Task RenameAsync(string idOrName, ContainerRenameOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.NewName);
        string path = new Query(Path(idOrName, "/rename")).Add("name", options.NewName);
        return _transport.SendAsync(HttpMethod.Post, path, cancellationToken);
    }

    /// <summary>Lists the processes running in a container, one object per row of the engine's <c>ps</c> output.</summary>
    /// <remarks>GET /containers/{id}/top?ps_args= (CLI: <c>docker top</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container; 409 (Podman: 500) if it is not running.</exception>
    public async Task<IReadOnlyList<ContainerProcess>> TopAsync(Container container, ContainerTopOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(options);
        string path = new Query(Path(container.Id.Length > 0 ? container.Id : container.Name, "/top")).AddIfNotEmpty("ps_args", options.PsArguments);
        bool podman = (await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false)).IsPodman;
        ContainerTopDto dto;
        try
        {
            dto = await _transport.SendJsonAsync(HttpMethod.Get, path, DockerJsonContext.Default.ContainerTopDto, cancellationToken).ConfigureAwait(false);
        }
        catch (EngineProtocolException) when (podman)
        {
            // Podman 4 answers 200 with an empty body for a container that is not running.
            throw new DockerApiException(HttpStatusCode.Conflict, $"container {container.Name} is not running", "GET", path, ApiErrorKind.NotRunning);
        }
        IReadOnlyList<string> titles = dto.Titles ?? new List<string>();
        return (dto.Processes ?? new List<List<string>>())
            .Select(row => ProcessTable.Map(titles, row, container))
            .ToList();
    }

    /// <summary>Lists the paths in a container's file system that differ from its image.</summary>
    /// <remarks>GET /containers/{id}/changes (CLI: <c>docker diff</c>). The engine sends null for no changes.</remarks>
    /// <exception cref="DockerApiException">404 if no such container.</exception>
    public async Task<IReadOnlyList<ContainerChange>> ChangesAsync(Container container, ContainerChangesOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(options);
        string path = new Query(Path(container.Id.Length > 0 ? container.Id : container.Name, "/changes")).ToString();
        using HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Get, path, cancellationToken).ConfigureAwait(false);
        using HttpResponseMessage response = await _transport.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        List<ContainerChangeDto>? list = await _transport.ReadJsonAsync(request, response, DockerJsonContext.Default.ListContainerChangeDto, cancellationToken).ConfigureAwait(false);
        return (list ?? new List<ContainerChangeDto>())
            .Select(c => new ContainerChange
            {
                Path = c.Path ?? "",
                Kind = (ContainerChangeKind)c.Kind,
                ContainerName = container.Name,
                ContainerId = container.Id,
                Endpoint = container.Endpoint,
            })
            .ToList();
    }

    /// <summary>Removes a container.</summary>
    /// <remarks>DELETE /containers/{id} (CLI: <c>docker rm</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container; 409 if it is running and <c>Force</c> is off.</exception>
    public Task RemoveAsync(string idOrName, ContainerRemoveOptions options, CancellationToken cancellationToken = default)
    {
        string path = new Query(Path(idOrName)).Flag("force", options.Force).Flag("v", options.Volumes);
        return _transport.SendAsync(HttpMethod.Delete, path, cancellationToken);
    }

    /// <summary>Waits for a container and returns its exit code.</summary>
    /// <remarks>POST /containers/{id}/wait (CLI: <c>docker wait</c>).</remarks>
    /// <exception cref="DockerApiException">404 if no such container.</exception>
    public async Task<int> WaitAsync(string idOrName, ContainerWaitOptions options, CancellationToken cancellationToken = default)
    {
        Task<int> body = await BeginWaitAsync(idOrName, options, cancellationToken).ConfigureAwait(false);
        return await body.ConfigureAwait(false);
    }

    /// <summary>
    /// Posts a wait and returns once the engine has registered it (its headers arrived);
    /// the returned task completes with the exit code. <c>docker run</c> does this before it starts a container.
    /// </summary>
    public async Task<Task<int>> BeginWaitAsync(string idOrName, ContainerWaitOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Condition == WaitCondition.Removed && (await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false)).IsPodman)
            return await BeginPodmanRemovedWaitAsync(idOrName, cancellationToken).ConfigureAwait(false);
        return await PostWaitAsync(idOrName, options.Condition, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Podman 4's compatible wait with <c>condition=removed</c> answers status 0 whatever the container exited with.
    /// So a second wait (<c>next-exit</c>) registered at the same time gives the exit code; the removal decides when it ends.
    /// </summary>
    private async Task<Task<int>> BeginPodmanRemovedWaitAsync(string idOrName, CancellationToken cancellationToken)
    {
        Task<int> removed = await PostWaitAsync(idOrName, WaitCondition.Removed, cancellationToken).ConfigureAwait(false);
        var exitStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<int> exited;
        try
        {
            exited = await PostWaitAsync(idOrName, WaitCondition.NextExit, exitStop.Token).ConfigureAwait(false);
        }
        catch (DockerApiException)
        {
            // Gone already (or never ran): only the removal wait can answer.
            exitStop.Dispose();
            return removed;
        }
        catch
        {
            exitStop.Dispose();
            throw;
        }
        return CombineAsync();

        async Task<int> CombineAsync()
        {
            using (exitStop)
            {
                int removedCode = await removed.ConfigureAwait(false);
                // The exit comes before the removal; its answer may still be on its way.
                Task finished = await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken)).ConfigureAwait(false);
                if (finished == exited && exited.Status == TaskStatus.RanToCompletion) return exited.Result;
                exitStop.Cancel();
                try { await exited.ConfigureAwait(false); } catch (Exception) { }
                return removedCode;
            }
        }
    }

    private async Task<Task<int>> PostWaitAsync(string idOrName, WaitCondition waitCondition, CancellationToken cancellationToken)
    {
        string condition = waitCondition switch
        {
            WaitCondition.NextExit => "next-exit",
            WaitCondition.Removed => "removed",
            _ => "not-running",
        };
        HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Post, new Query(Path(idOrName, "/wait")).Add("condition", condition), cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await _transport.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            request.Dispose();
            throw;
        }
        return ReadWaitBodyAsync(request, response, cancellationToken);
    }

    private async Task<int> ReadWaitBodyAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (request)
        using (response)
        {
            WaitResponseDto? result = await _transport.ReadJsonAsync(request, response, DockerJsonContext.Default.WaitResponseDto, cancellationToken).ConfigureAwait(false);
            if (result?.Error?.Message is { Length: > 0 } error)
                throw new DockerApiException(HttpStatusCode.InternalServerError, error);
            return result?.StatusCode ?? -1;
        }
    }

    /// <summary>Streams a container's log lines.</summary>
    /// <remarks>GET /containers/{id}/logs (CLI: <c>docker logs</c>). The framing depends on whether the container has a terminal.</remarks>
    /// <exception cref="DockerApiException">404 if no such container.</exception>
    public async IAsyncEnumerable<ContainerLogLine> LogsAsync(Container container, ContainerLogsOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        bool tty = container.Tty ?? (await InspectAsync(container.Id, new(), cancellationToken).ConfigureAwait(false)).Tty ?? false;
        string query = new Query(Path(container.Id, "/logs"))
            .Flag("stdout", options.StdOut)
            .Flag("stderr", options.StdErr)
            .FlagIfSet("follow", options.Follow)
            .FlagIfSet("timestamps", options.Timestamps)
            .Add("tail", options.Tail is int tail ? (tail < 0 ? "all" : tail.ToString(CultureInfo.InvariantCulture)) : null)
            .Add("since", options.Since is { } since ? UnixTime(since) : null)
            .Add("until", options.Until is { } until ? UnixTime(until) : null);

        using HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Get, query, cancellationToken).ConfigureAwait(false);
        using HttpResponseMessage response = await _transport.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await using Stream stream = await _transport.ReadBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
        await foreach (ContainerLogLine line in _transport.GuardAsync(OutputDecoder.ReadLinesAsync(stream, tty, options.Timestamps, container.Id, container.Name, cancellationToken), request, cancellationToken).ConfigureAwait(false))
            yield return line;
    }

    /// <summary>The prune filters: <c>label</c>, <c>label!</c> (from a leading '!'), and <c>until</c>.</summary>
    internal static Dictionary<string, IReadOnlyList<string>> PruneFilters(IReadOnlyList<string> labels, DateTimeOffset? until)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        var include = labels.Where(l => !l.StartsWith('!')).ToList();
        var exclude = labels.Where(l => l.StartsWith('!')).Select(l => l[1..]).ToList();
        if (include.Count > 0) filters["label"] = include;
        if (exclude.Count > 0) filters["label!"] = exclude;
        if (until is { } u) filters["until"] = new[] { UnixTime(u) };
        return filters;
    }

    internal static string UnixTime(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long seconds = ticks / TimeSpan.TicksPerSecond;
        long nanos = ticks % TimeSpan.TicksPerSecond * 100;
        return seconds.ToString(CultureInfo.InvariantCulture) + "." + nanos.ToString("D9", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Attaches to a container's standard streams on a connection of its own; the stream ends when the container stops
    /// (or, with <c>DetachKeys</c>, when the engine sees them in the input).
    /// </summary>
    /// <remarks>
    /// POST /containers/{id}/attach with <c>Connection: Upgrade</c>, <c>Upgrade: tcp</c> (CLI: <c>docker attach</c>).
    /// Write standard input to <see cref="HijackedStream.Stream"/> and end it with <see cref="HijackedStream.CloseWrite"/>;
    /// read output with <see cref="OutputDecoder"/> or <see cref="HijackPump"/>, framed by the container's <c>Tty</c>.
    /// </remarks>
    /// <exception cref="DockerApiException">404 if no such container; 409 if it is stopped and <c>Stdin</c> is asked for on some engines.</exception>
    public async Task<HijackedStream> AttachAsync(string idOrName, ContainerAttachOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Post, AttachPath(idOrName, options), cancellationToken).ConfigureAwait(false);
        try
        {
            return await HijackedStream.SendAsync(_transport, request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    internal static string AttachPath(string idOrName, ContainerAttachOptions options)
    {
        return new Query(Path(idOrName, "/attach"))
            .Flag("stream", options.Stream)
            .Flag("stdin", options.StdIn)
            .Flag("stdout", options.StdOut)
            .Flag("stderr", options.StdErr)
            .FlagIfSet("logs", options.Logs)
            .AddIfNotEmpty("detachKeys", options.DetachKeys);
    }

    /// <summary>Sets the size of a container's terminal (it must have one and be running).</summary>
    /// <remarks>POST /containers/{id}/resize?h=&amp;w= (CLI: what <c>docker attach</c>/<c>docker run -it</c> send when the window changes).</remarks>
    /// <exception cref="DockerApiException">404 if no such container; 409/500 if it is not running or has no terminal.</exception>
    public Task ResizeAsync(string idOrName, ContainerResizeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Height);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Width);
        return _transport.SendAsync(HttpMethod.Post, new Query(Path(idOrName, "/resize")).Add("h", options.Height).Add("w", options.Width), cancellationToken);
    }

    /// <summary>Removes every stopped container matching the filters.</summary>
    /// <remarks>POST /containers/prune (CLI: <c>docker container prune</c>).</remarks>
    public async Task<ContainerPruneResult> PruneAsync(ContainerPruneOptions options, CancellationToken cancellationToken = default)
    {
        Dictionary<string, IReadOnlyList<string>> filters = PruneFilters(options.Labels, options.Until);
        string path = new Query("containers/prune").Filters(filters);
        ContainerPruneDto dto = await _transport.SendJsonAsync(HttpMethod.Post, path, DockerJsonContext.Default.ContainerPruneDto, cancellationToken).ConfigureAwait(false);
        return new ContainerPruneResult
        {
            ContainersDeleted = dto.ContainersDeleted ?? new List<string>(),
            SpaceReclaimed = dto.SpaceReclaimed,
            Endpoint = EndpointText,
        };
    }
}
