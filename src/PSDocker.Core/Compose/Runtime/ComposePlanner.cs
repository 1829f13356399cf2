using System.Globalization;
using PSDocker.Core.Containers;

namespace PSDocker.Core.Compose.Runtime;

/// <summary>
/// Turns a loaded <see cref="ComposeProject"/> into a <see cref="ComposePlan"/>: engine names, create options per service,
/// dependencies. Everything that can be wrong with the project in engine terms (a port, a restart policy, a mount) fails
/// here, before anything is sent to the engine.
/// </summary>
public static class ComposePlanner
{
    /// <summary>Plans a project; <paramref name="services"/> limits it to those services and what they depend on.</summary>
    /// <exception cref="FormatException">A value the engine cannot take; the message names the service and the key.</exception>
    public static ComposePlan Plan(ComposeProject project, IReadOnlyCollection<string>? services = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        IReadOnlyList<ComposeService> order = project.GetStartOrder();
        HashSet<string>? wanted = services is { Count: > 0 } ? Closure(project, services) : null;
        var chosen = project.Services.Values.Where(s => wanted is null || wanted.Contains(s.Name)).ToList();

        var networkKeys = new List<string>();
        var volumeKeys = new List<string>();
        var plans = new List<ServicePlan>();
        foreach (ComposeService s in chosen)
        {
            plans.Add(PlanService(project, s));
            if (s.NetworkMode is null)
                foreach (string key in NetworkKeys(s)) if (!networkKeys.Contains(key)) networkKeys.Add(key);
            foreach (ComposeServiceVolume v in s.Volumes)
                if (v.Type == "volume" && v.Source is not null && !volumeKeys.Contains(v.Source)) volumeKeys.Add(v.Source);
        }

        return new ComposePlan
        {
            ProjectName = project.Name,
            WorkingDirectory = project.WorkingDirectory,
            ConfigFiles = project.ConfigFiles,
            EnvironmentFiles = project.EnvFiles,
            Networks = networkKeys.Select(k => PlanNetwork(project, k)).ToList(),
            Volumes = volumeKeys.Select(k => PlanVolume(project, k)).ToList(),
            Services = plans,
        };
    }

    private static HashSet<string> Closure(ComposeProject project, IEnumerable<string> services)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(services);
        while (stack.Count > 0)
        {
            string name = stack.Pop();
            if (!project.Services.TryGetValue(name, out ComposeService? s))
                throw new FormatException($"Project '{project.Name}' has no service '{name}'. Its services: {string.Join(", ", project.Services.Keys)}.");
            if (!result.Add(name)) continue;
            foreach (string dep in ComposeGraph.Dependencies(s)) if (project.Services.ContainsKey(dep)) stack.Push(dep);
        }
        return result;
    }

    /// <summary>The network keys a service joins: its own, or <c>default</c>; by priority (highest first), then as written.</summary>
    private static IEnumerable<string> NetworkKeys(ComposeService s)
        => s.Networks.Count == 0
            ? new[] { ComposeLabels.DefaultNetwork }
            : s.Networks.Select((kv, i) => (kv.Key, Priority: kv.Value?.Priority ?? 0, i)).OrderByDescending(x => x.Priority).ThenBy(x => x.i).Select(x => x.Key);

    private static NetworkPlan PlanNetwork(ComposeProject project, string key)
    {
        if (!project.Networks.TryGetValue(key, out ComposeNetwork? n))
        {
            if (key != ComposeLabels.DefaultNetwork)
                throw new FormatException($"A service of project '{project.Name}' joins network '{key}', which the file does not declare under networks:.");
            return new NetworkPlan { Key = key, Name = ComposeLabels.ScopedName(project.Name, key) };
        }
        return new NetworkPlan
        {
            Key = key,
            Name = string.IsNullOrEmpty(n.Name) ? ComposeLabels.ScopedName(project.Name, key) : n.Name,
            External = n.External,
            Driver = n.Driver,
            Internal = n.Internal,
            Attachable = n.Attachable,
            EnableIPv6 = n.EnableIpv6 == true,
            DriverOptions = n.DriverOpts,
            Labels = n.Labels,
            Subnets = n.Ipam?.Config.Where(p => p.Subnet is not null).Select(p => p.Subnet!).ToList() ?? (IReadOnlyList<string>)Array.Empty<string>(),
        };
    }

    private static VolumePlan PlanVolume(ComposeProject project, string key)
    {
        if (!project.Volumes.TryGetValue(key, out ComposeVolume? v))
            throw new FormatException($"A service of project '{project.Name}' mounts volume '{key}', which the file does not declare under volumes:.");
        return new VolumePlan
        {
            Key = key,
            Name = string.IsNullOrEmpty(v.Name) ? ComposeLabels.ScopedName(project.Name, key) : v.Name,
            External = v.External,
            Driver = v.Driver,
            DriverOptions = v.DriverOpts,
            Labels = v.Labels,
        };
    }

    /// <summary>The image a service runs: <c>image:</c>, else <c>&lt;project&gt;-&lt;service&gt;</c> for a build (compose v2's name).</summary>
    public static string ImageOf(ComposeProject project, ComposeService s)
        => s.Image ?? (s.Build is not null ? project.Name + "-" + s.Name
            : throw new FormatException($"Service '{s.Name}' has neither image: nor build:, so there is nothing to run."));

    private static ServicePlan PlanService(ComposeProject project, ComposeService s)
    {
        string Where(string key) => $"Service '{s.Name}', {key}";
        T Try<T>(string key, Func<T> f)
        {
            try
            {
                return f();
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{Where(key)}: {ex.Message}", ex);
            }
        }

        var ports = new List<PortSpec>();
        foreach (ComposePort p in s.Ports)
        {
            string text = (p.HostIP is null ? "" : (p.HostIP.Contains(':') ? "[" + p.HostIP + "]" : p.HostIP) + ":")
                + (p.Published is null ? (p.HostIP is null ? "" : ":") : p.Published + ":")
                + p.Target.ToString(CultureInfo.InvariantCulture) + "/" + p.Protocol;
            ports.AddRange(Try("ports", () => PortSpec.Parse(text)));
        }

        var mounts = new List<MountSpec>();
        var binds = new List<VolumeSpec>();
        foreach (ComposeServiceVolume v in s.Volumes)
        {
            switch (v.Type)
            {
                case "volume":
                    string? source = v.Source is null ? null : PlanVolume(project, v.Source).Name;
                    mounts.Add(new MountSpec { Type = MountType.Volume, Source = source, Target = v.Target, ReadOnly = v.ReadOnly, VolumeNoCopy = v.NoCopy == true });
                    break;
                case "bind" when v.CreateHostPath != false:
                    // Binds (the -v form) create a missing host folder, as compose does for the short syntax.
                    var options = new List<string>();
                    if (v.ReadOnly) options.Add("ro");
                    if (v.SELinux is not null) options.Add(v.SELinux);
                    if (v.Propagation is not null) options.Add(v.Propagation);
                    binds.Add(new VolumeSpec(VolumeKind.Bind, v.Source, v.Target, options));
                    break;
                case "bind":
                    mounts.Add(new MountSpec { Type = MountType.Bind, Source = v.Source, Target = v.Target, ReadOnly = v.ReadOnly, BindPropagation = v.Propagation });
                    break;
                case "tmpfs":
                    mounts.Add(new MountSpec { Type = MountType.Tmpfs, Target = v.Target, TmpfsSize = v.TmpfsSize, TmpfsMode = v.TmpfsMode });
                    break;
                default:
                    throw new FormatException($"{Where("volumes")}: mounts of type '{v.Type}' are not supported by Start-ComposeProject (bind, volume and tmpfs are).");
            }
        }
        foreach (ComposeFileReference secret in s.Secrets)
            binds.Add(FileGrant(project, project.Secrets, secret, "secret", "/run/secrets/" + (secret.Target ?? secret.Source), s));
        foreach (ComposeFileReference config in s.Configs)
            binds.Add(FileGrant(project, project.Configs, config, "config", config.Target ?? "/" + config.Source, s));

        if (s.VolumesFrom.Count > 0)
            throw new FormatException($"{Where("volumes_from")}: not supported by Start-ComposeProject; mount the same named volumes in both services instead.");

        var tmpfs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string t in s.Tmpfs)
        {
            int colon = t.IndexOf(':');
            if (colon < 0) tmpfs[t] = "";
            else tmpfs[t[..colon]] = t[(colon + 1)..];
        }

        HealthcheckSpec? health = s.Healthcheck is not { } h ? null
            : h.Disable ? HealthcheckSpec.Disabled
            : Try("healthcheck", () => new HealthcheckSpec { Test = h.Test, Interval = h.Interval, Timeout = h.Timeout, Retries = h.Retries, StartPeriod = h.StartPeriod }.Validate());

        string image = ImageOf(project, s);
        string? networkMode = s.NetworkMode == "bridge" ? "bridge" : s.NetworkMode;
        var template = new ContainerCreateOptions
        {
            Image = image,
            Command = s.Command,
            Entrypoint = s.Entrypoint,
            Environment = s.Environment.Where(kv => kv.Value is not null).Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)).ToList(),
            Ports = ports,
            Volumes = binds,
            Mounts = mounts,
            Tmpfs = tmpfs,
            ExposedPorts = s.Expose,
            Healthcheck = health,
            Labels = new Dictionary<string, string>(s.Labels, StringComparer.Ordinal),
            RestartPolicy = s.Restart is null ? null : Try("restart", () => RestartPolicySpec.Parse(s.Restart)),
            Hostname = s.Hostname,
            DomainName = s.DomainName,
            User = s.User,
            WorkingDirectory = s.WorkingDir,
            Init = s.Init,
            Privileged = s.Privileged,
            ReadOnlyRootFilesystem = s.ReadOnly,
            Tty = s.Tty,
            Interactive = s.StdinOpen,
            CapAdd = s.CapAdd,
            CapDrop = s.CapDrop,
            ExtraHosts = s.ExtraHosts.Select(x => Try("extra_hosts", () => ExtraHost.Parse(x))).ToList(),
            Dns = s.Dns,
            DnsSearch = s.DnsSearch,
            SecurityOptions = s.SecurityOpt,
            Devices = s.Devices,
            GroupAdd = s.GroupAdd,
            Sysctls = s.Sysctls,
            Ulimits = s.Ulimits.Select(kv => new UlimitSpec(kv.Key, kv.Value.Soft, kv.Value.Hard)).ToList(),
            Memory = s.MemLimit,
            MemoryReservation = s.MemReservation,
            Cpus = s.Cpus,
            ShmSize = s.ShmSize,
            StopSignal = s.StopSignal,
            StopTimeout = s.StopGracePeriod is { } g ? (int)Math.Ceiling(g.TotalSeconds) : null,
            LogDriver = s.Logging?.Driver,
            LogOptions = s.Logging?.Options ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(),
            Platform = s.Platform,
            IpcMode = s.Ipc,
            PidMode = s.Pid,
            NetworkMode = networkMode,
        };

        var networks = networkMode is not null ? new List<ServiceNetworkPlan>()
            : NetworkKeys(s).Select(k => new ServiceNetworkPlan(k,
                s.Networks.TryGetValue(k, out ComposeServiceNetwork? sn) && sn is not null ? sn.Aliases : Array.Empty<string>(),
                sn?.Ipv4Address)).ToList();

        ServiceBuildPlan? build = null;
        if (s.Build is { } b)
        {
            if (b.DockerfileInline is not null)
                throw new FormatException($"{Where("build.dockerfile_inline")}: inline Dockerfiles are not supported by Start-ComposeProject; put it in a file and name it with build.dockerfile.");
            if (!Directory.Exists(b.Context))
                throw new FormatException($"{Where("build.context")}: the folder '{b.Context}' does not exist (URL contexts are not supported).");
            build = new ServiceBuildPlan { Context = b.Context, Dockerfile = b.Dockerfile, Args = b.Args, Labels = b.Labels, Target = b.Target };
        }

        return new ServicePlan
        {
            Name = s.Name,
            Template = template,
            ConfigHash = s.ConfigHash,
            Scale = s.Replicas,
            ContainerName = s.ContainerName,
            DependsOn = s.DependsOn.Select(kv => new ServiceDependency(kv.Key, kv.Value.Condition switch
            {
                ComposeConditions.Healthy => DependencyCondition.ServiceHealthy,
                ComposeConditions.CompletedSuccessfully => DependencyCondition.ServiceCompletedSuccessfully,
                _ => DependencyCondition.ServiceStarted,
            }, kv.Value.Required, kv.Value.Restart))
                // links and network_mode/ipc/pid service:x need the other service started too.
                .Concat(ComposeGraph.Dependencies(s).Where(d => !s.DependsOn.ContainsKey(d)).Select(d => new ServiceDependency(d, DependencyCondition.ServiceStarted)))
                .ToList(),
            Networks = networks,
            PullPolicy = s.PullPolicy switch
            {
                "always" => ComposePullPolicy.Always,
                "never" => ComposePullPolicy.Never,
                "build" => ComposePullPolicy.Build,
                _ => ComposePullPolicy.Missing,
            },
            Build = build,
            HasHealthcheck = health is { IsDisabled: false },
            StopTimeout = template.StopTimeout,
        };
    }

    /// <summary>A secret or config from a file, bind-mounted read-only where compose puts it.</summary>
    private static VolumeSpec FileGrant(ComposeProject project, ComposeMap<ComposeFileObject> all, ComposeFileReference grant, string kind, string target, ComposeService s)
    {
        if (!all.TryGetValue(grant.Source, out ComposeFileObject? o))
            throw new FormatException($"Service '{s.Name}' uses {kind} '{grant.Source}', which project '{project.Name}' does not declare.");
        if (o.File is null)
            throw new FormatException($"Service '{s.Name}', {kind} '{grant.Source}': only file-based {kind}s are supported by Start-ComposeProject (environment/content/external ones are not).");
        return new VolumeSpec(VolumeKind.Bind, o.File, target, new[] { "ro" });
    }
}
