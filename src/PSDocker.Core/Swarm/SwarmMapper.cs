using System.Globalization;
using System.Text.Json.Nodes;
using PSDocker.Core.Containers;
using PSDocker.Core.Json;

namespace PSDocker.Core.Swarm;

/// <summary>Maps <see cref="ServiceSpec"/> to the engine's service spec.</summary>
internal static class ServiceSpecMapper
{
    private static long? Nanoseconds(TimeSpan? value) => value is { } v ? v.Ticks * 100 : null;

    private static long? NanoCpus(double? cpus) => cpus is { } c ? (long)Math.Round(c * 1e9) : null;

    private static List<T>? ListOrNull<T>(IEnumerable<T> items) { List<T> l = items.ToList(); return l.Count > 0 ? l : null; }

    private static Dictionary<string, string>? DictOrNull(IReadOnlyDictionary<string, string> d) => d.Count > 0 ? new Dictionary<string, string>(d) : null;

    /// <param name="spec">The validated spec.</param>
    /// <param name="secretIds">Secret name → ID for references without an ID.</param>
    /// <param name="configIds">Config name → ID for references without an ID.</param>
    public static ServiceSpecDto ToWire(ServiceSpec spec, IReadOnlyDictionary<string, string> secretIds, IReadOnlyDictionary<string, string> configIds)
    {
        var container = new ContainerSpecDto
        {
            Image = spec.Image,
            Labels = DictOrNull(spec.ContainerLabels),
            Command = ListOrNull(spec.Command),
            Args = ListOrNull(spec.Args),
            Hostname = spec.Hostname,
            Env = ListOrNull(spec.Env),
            Dir = spec.WorkingDir,
            User = spec.User,
            Init = spec.Init,
            TTY = spec.Tty,
            ReadOnly = spec.ReadOnly,
            Mounts = ListOrNull(spec.Mounts.Select(ContainerOperations.MountBody)),
            StopSignal = spec.StopSignal,
            StopGracePeriod = Nanoseconds(spec.StopGracePeriod),
            Healthcheck = spec.Healthcheck is { } hc ? new HealthConfigDto
            {
                Test = hc.Test.Count > 0 ? hc.Test.ToList() : null,
                Interval = Nanoseconds(hc.Interval),
                Timeout = Nanoseconds(hc.Timeout),
                Retries = hc.Retries,
                StartPeriod = Nanoseconds(hc.StartPeriod),
            } : null,
            // The swarm's hosts entries are "ip host" (the CLI turns --host host:ip around).
            Hosts = ListOrNull(spec.ExtraHosts.Select(HostsEntry)),
            Secrets = ListOrNull(spec.Secrets.Select(s => new SecretReferenceDto
            {
                SecretID = s.SourceId ?? secretIds[s.SourceName],
                SecretName = s.SourceName,
                File = FileTarget(s, s.Target ?? s.SourceName),
            })),
            Configs = ListOrNull(spec.Configs.Select(c => new ConfigReferenceDto
            {
                ConfigID = c.SourceId ?? configIds[c.SourceName],
                ConfigName = c.SourceName,
                File = FileTarget(c, c.Target ?? "/" + c.SourceName),
            })),
        };
        ServiceResources? r = spec.Resources;
        var template = new TaskTemplateDto
        {
            ContainerSpec = container,
            Resources = r is null ? null : new TaskResourcesDto
            {
                Limits = r.LimitCpus is null && r.LimitMemory is null && r.LimitPids is null ? null
                    : new ResourceLimitDto { NanoCPUs = NanoCpus(r.LimitCpus), MemoryBytes = r.LimitMemory, Pids = r.LimitPids },
                Reservations = r.ReserveCpus is null && r.ReserveMemory is null ? null
                    : new ResourceLimitDto { NanoCPUs = NanoCpus(r.ReserveCpus), MemoryBytes = r.ReserveMemory },
            },
            RestartPolicy = spec.RestartPolicy is { } rp ? new ServiceRestartPolicyDto
            {
                Condition = rp.Condition,
                Delay = Nanoseconds(rp.Delay),
                MaxAttempts = rp.MaxAttempts,
                Window = Nanoseconds(rp.Window),
            } : null,
            Placement = spec.Constraints.Count == 0 && spec.PlacementPreferences.Count == 0 && spec.MaxReplicasPerNode is null ? null : new PlacementDto
            {
                Constraints = ListOrNull(spec.Constraints),
                Preferences = ListOrNull(spec.PlacementPreferences.Select(p => new PlacementPreferenceDto { Spread = new SpreadOverDto { SpreadDescriptor = p } })),
                MaxReplicas = spec.MaxReplicasPerNode,
            },
            Networks = ListOrNull(spec.Networks.Select(n => new NetworkAttachmentConfigDto
            {
                Target = n.Target,
                Aliases = ListOrNull(n.Aliases),
                DriverOpts = DictOrNull(n.DriverOptions),
            })),
        };
        return new ServiceSpecDto
        {
            Name = spec.Name,
            Labels = DictOrNull(spec.Labels),
            TaskTemplate = template,
            Mode = spec.Mode == ServiceMode.Global
                ? new ServiceModeDto { Global = new EmptyObject() }
                : new ServiceModeDto { Replicated = new ReplicatedDto { Replicas = spec.Replicas ?? 1 } },
            UpdateConfig = Policy(spec.UpdateConfig),
            RollbackConfig = Policy(spec.RollbackConfig),
            EndpointSpec = spec.EndpointMode is null && spec.Ports.Count == 0 ? null : new EndpointSpecDto
            {
                Mode = spec.EndpointMode is { } m ? ModeName(m) : null,
                Ports = ListOrNull(spec.Ports.Select(Port)),
            },
        };
    }

    internal static string ModeName(EndpointMode mode) => mode == EndpointMode.Dnsrr ? "dnsrr" : "vip";

    internal static EndpointPortDto Port(ServicePort p) => new()
    {
        Protocol = p.Protocol,
        TargetPort = (uint)p.TargetPort,
        PublishedPort = p.PublishedPort is int pp ? (uint)pp : null,
        PublishMode = p.Mode == PublishMode.Host ? "host" : "ingress",
    };

    internal static UpdateConfigDto? Policy(ServiceUpdatePolicy? p) => p is null ? null : new UpdateConfigDto
    {
        Parallelism = p.Parallelism,
        Delay = Nanoseconds(p.Delay),
        FailureAction = p.FailureAction,
        Monitor = Nanoseconds(p.Monitor),
        MaxFailureRatio = p.MaxFailureRatio,
        Order = p.Order,
    };

    private static FileTargetDto FileTarget(ServiceFileReference r, string name)
        => new() { Name = name, UID = r.Uid, GID = r.Gid, Mode = (uint)r.Mode };

    /// <summary><c>host:ip</c> (docker's <c>--host</c>, compose <c>extra_hosts</c>) → the swarm's <c>ip host</c>.</summary>
    private static string HostsEntry(string text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0) throw new FormatException($"Invalid extra host '{text}': use host:ip.");
        return text[(colon + 1)..] + " " + text[..colon];
    }
}

/// <summary>Applies <see cref="ServiceUpdateOptions"/> to a service spec as the engine sent it (a JSON object), keeping every other field.</summary>
internal static class ServiceSpecEditor
{
    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject o) return o;
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    public static void Apply(JsonObject spec, ServiceUpdateOptions o, ulong currentForceUpdate)
    {
        JsonObject template = Child(spec, "TaskTemplate");
        JsonObject container = Child(template, "ContainerSpec");
        if (o.Replicas is ulong replicas)
        {
            JsonObject mode = Child(spec, "Mode");
            if (mode["Global"] is not null) throw new ArgumentException("A global service runs one task per node: it cannot be scaled.", nameof(o));
            Child(mode, "Replicated")["Replicas"] = replicas;
        }
        if (o.Image is { } image)
        {
            if (string.IsNullOrWhiteSpace(image)) throw new FormatException("The image must not be empty.");
            container["Image"] = image;
        }
        if (o.EnvAdd.Count > 0 || o.EnvRemove.Count > 0)
        {
            var env = new List<string>();
            if (container["Env"] is JsonArray current) env.AddRange(current.Select(n => n?.GetValue<string>()).OfType<string>());
            static string Key(string e) { int eq = e.IndexOf('='); return eq < 0 ? e : e[..eq]; }
            var remove = new HashSet<string>(o.EnvRemove.Select(Key).Concat(o.EnvAdd.Select(Key)), StringComparer.Ordinal);
            env.RemoveAll(e => remove.Contains(Key(e)));
            env.AddRange(o.EnvAdd);
            container["Env"] = new JsonArray(env.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
        }
        if (o.LabelAdd.Count > 0 || o.LabelRemove.Count > 0)
        {
            JsonObject labels = Child(spec, "Labels");
            foreach (string k in o.LabelRemove) labels.Remove(k);
            foreach ((string k, string v) in o.LabelAdd) labels[k] = v;
        }
        if (o.UpdateConfig is { } u) MergePolicy(Child(spec, "UpdateConfig"), u);
        if (o.RollbackConfig is { } rb) MergePolicy(Child(spec, "RollbackConfig"), rb);
        if (o.PortAdd.Count > 0 || o.PortRemove.Count > 0)
        {
            JsonObject endpoint = Child(spec, "EndpointSpec");
            var ports = (endpoint["Ports"] as JsonArray)?.OfType<JsonObject>().Select(p => p.DeepClone().AsObject()).ToList() ?? new List<JsonObject>();
            static (uint?, string) PortKey(JsonObject p) => (p["PublishedPort"]?.GetValue<uint>(), p["Protocol"]?.GetValue<string>() ?? "tcp");
            ports.RemoveAll(p => p["PublishedPort"]?.GetValue<uint>() is uint pp && o.PortRemove.Contains((int)pp));
            foreach (ServicePort add in o.PortAdd)
            {
                ports.RemoveAll(p => add.PublishedPort is int pp && PortKey(p) == ((uint)pp, add.Protocol));
                ports.Add(System.Text.Json.JsonSerializer.SerializeToNode(ServiceSpecMapper.Port(add), SwarmJsonContext.Default.EndpointPortDto)!.AsObject());
            }
            endpoint["Ports"] = new JsonArray(ports.Select(p => (JsonNode?)p).ToArray());
        }
        if (o.ForceRestart) template["ForceUpdate"] = currentForceUpdate + 1;
    }

    private static void MergePolicy(JsonObject target, ServiceUpdatePolicy p)
    {
        UpdateConfigDto wire = ServiceSpecMapper.Policy(p)!;
        if (wire.Parallelism is { } par) target["Parallelism"] = par;
        if (wire.Delay is { } d) target["Delay"] = d;
        if (wire.FailureAction is { } fa) target["FailureAction"] = fa;
        if (wire.Monitor is { } m) target["Monitor"] = m;
        if (wire.MaxFailureRatio is { } r) target["MaxFailureRatio"] = r;
        if (wire.Order is { } order) target["Order"] = order;
    }
}

/// <summary>Maps the engine's swarm shapes to the public models.</summary>
internal static class SwarmMapper
{
    private static TimeSpan Duration(long? ns) => ns is { } v ? TimeSpan.FromTicks(v / 100) : TimeSpan.Zero;

    public static SwarmNode Node(NodeDto n, string self, string endpoint, string? context)
    {
        string hostname = n.Description?.Hostname ?? "";
        return new SwarmNode
        {
            Id = n.ID,
            Hostname = hostname,
            Name = string.IsNullOrEmpty(n.Spec?.Name) ? hostname : n.Spec.Name,
            Role = n.Spec?.Role ?? "",
            Availability = n.Spec?.Availability ?? "",
            State = n.Status?.State ?? "",
            Address = string.IsNullOrEmpty(n.Status?.Addr) ? null : n.Status.Addr,
            ManagerStatus = n.ManagerStatus is { } m ? (m.Leader ? "Leader" : Capitalize(m.Reachability)) : "",
            IsLeader = n.ManagerStatus?.Leader ?? false,
            IsSelf = n.ID == self,
            EngineVersion = n.Description?.Engine?.EngineVersion,
            Platform = n.Description?.Platform is { } p ? $"{p.OS}/{p.Architecture}" : null,
            Cpus = (n.Description?.Resources?.NanoCPUs ?? 0) / 1e9,
            MemoryBytes = n.Description?.Resources?.MemoryBytes ?? 0,
            Labels = n.Spec?.Labels ?? new Dictionary<string, string>(),
            Created = ContainerMapper.ParseTime(n.CreatedAt),
            Version = n.Version?.Index ?? 0,
            Endpoint = endpoint,
            Context = context,
        };
    }

    private static string Capitalize(string? s) => string.IsNullOrEmpty(s) ? "" : char.ToUpperInvariant(s[0]) + s[1..];

    public static SwarmService Service(ServiceDto s, string endpoint, string? context)
    {
        ServiceSpecDto spec = s.Spec ?? new ServiceSpecDto();
        ContainerSpecDto c = spec.TaskTemplate?.ContainerSpec ?? new ContainerSpecDto();
        bool global = spec.Mode?.Global is not null;
        return new SwarmService
        {
            Id = s.ID,
            Name = spec.Name ?? "",
            Image = StripDigest(c.Image ?? ""),
            Mode = global ? "global" : "replicated",
            RunningReplicas = (int)(s.ServiceStatus?.RunningTasks ?? 0),
            DesiredReplicas = s.ServiceStatus is { } st ? (int)st.DesiredTasks : global ? 0 : (int)(spec.Mode?.Replicated?.Replicas ?? 1),
            EndpointMode = s.Endpoint?.Spec?.Mode ?? spec.EndpointSpec?.Mode ?? "vip",
            Ports = (s.Endpoint?.Ports ?? spec.EndpointSpec?.Ports ?? new List<EndpointPortDto>()).Select(Port).ToArray(),
            VirtualIPs = (s.Endpoint?.VirtualIPs ?? new List<VirtualIpDto>()).Select(v => v.Addr).OfType<string>().ToArray(),
            Command = c.Command ?? new List<string>(),
            Args = c.Args ?? new List<string>(),
            Env = c.Env ?? new List<string>(),
            Networks = (spec.TaskTemplate?.Networks ?? new List<NetworkAttachmentConfigDto>()).Select(n => n.Target).ToArray(),
            Mounts = (c.Mounts ?? new List<MountWriteDto>()).Select(MountText).ToArray(),
            Secrets = (c.Secrets ?? new List<SecretReferenceDto>()).Select(r => r.SecretName ?? r.SecretID ?? "").ToArray(),
            Configs = (c.Configs ?? new List<ConfigReferenceDto>()).Select(r => r.ConfigName ?? r.ConfigID ?? "").ToArray(),
            Constraints = spec.TaskTemplate?.Placement?.Constraints ?? new List<string>(),
            UpdateParallelism = spec.UpdateConfig?.Parallelism ?? 0,
            UpdateDelay = Duration(spec.UpdateConfig?.Delay),
            UpdateFailureAction = spec.UpdateConfig?.FailureAction,
            UpdateOrder = spec.UpdateConfig?.Order,
            UpdateState = s.UpdateStatus?.State,
            UpdateMessage = s.UpdateStatus?.Message,
            HasPreviousSpec = s.PreviousSpec is not null,
            Labels = spec.Labels ?? new Dictionary<string, string>(),
            ContainerLabels = c.Labels ?? new Dictionary<string, string>(),
            Version = s.Version?.Index ?? 0,
            Created = ContainerMapper.ParseTime(s.CreatedAt),
            Updated = ContainerMapper.ParseTime(s.UpdatedAt),
            Endpoint = endpoint,
            Context = context,
        };
    }

    /// <summary>An image reference without the <c>@sha256:…</c> the engine may have pinned (docker service ls shows it so).</summary>
    internal static string StripDigest(string image)
    {
        int at = image.IndexOf('@');
        return at < 0 ? image : image[..at];
    }

    private static SwarmServicePort Port(EndpointPortDto p) => new()
    {
        PublishedPort = p.PublishedPort is uint pp && pp > 0 ? (int)pp : null,
        TargetPort = (int)p.TargetPort,
        Protocol = p.Protocol ?? "tcp",
        Mode = p.PublishMode ?? "ingress",
    };

    private static string MountText(MountWriteDto m)
    {
        var parts = new List<string> { "type=" + m.Type };
        if (!string.IsNullOrEmpty(m.Source)) parts.Add("source=" + m.Source);
        parts.Add("target=" + m.Target);
        if (m.ReadOnly) parts.Add("readonly");
        return string.Join(',', parts);
    }

    public static SwarmTask Task(TaskDto t, IReadOnlyDictionary<string, ServiceDto> services, IReadOnlyDictionary<string, string> nodeNames, string endpoint, string? context)
    {
        string serviceId = t.ServiceID ?? "";
        string serviceName = services.TryGetValue(serviceId, out ServiceDto? s) ? s.Spec?.Name ?? "" : "";
        string nodeId = t.NodeID ?? "";
        string nodeName = nodeNames.TryGetValue(nodeId, out string? nn) ? nn : "";
        string baseName = serviceName.Length > 0 ? serviceName : serviceId;
        string name = t.Slot is int slot && slot > 0
            ? baseName + "." + slot.ToString(CultureInfo.InvariantCulture)
            : baseName + "." + nodeId;
        return new SwarmTask
        {
            Id = t.ID,
            Name = name,
            ServiceId = serviceId,
            ServiceName = serviceName,
            Slot = t.Slot is int sl && sl > 0 ? sl : null,
            NodeId = nodeId,
            NodeName = nodeName,
            Image = StripDigest(t.Spec?.ContainerSpec?.Image ?? ""),
            DesiredState = t.DesiredState ?? "",
            State = t.Status?.State ?? "",
            StateChanged = ContainerMapper.ParseTime(t.Status?.Timestamp),
            Message = string.IsNullOrEmpty(t.Status?.Message) ? null : t.Status.Message,
            Error = string.IsNullOrEmpty(t.Status?.Err) ? null : t.Status.Err,
            ContainerId = string.IsNullOrEmpty(t.Status?.ContainerStatus?.ContainerID) ? null : t.Status.ContainerStatus.ContainerID,
            ExitCode = t.Status?.ContainerStatus?.ExitCode,
            Ports = (t.Status?.PortStatus?.Ports ?? new List<EndpointPortDto>()).Select(Port).ToArray(),
            Addresses = (t.NetworksAttachments ?? new List<TaskNetworkAttachmentDto>()).SelectMany(a => a.Addresses ?? new List<string>()).ToArray(),
            Created = ContainerMapper.ParseTime(t.CreatedAt),
            Endpoint = endpoint,
            Context = context,
        };
    }
}
