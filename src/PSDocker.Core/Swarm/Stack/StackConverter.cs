using System.Globalization;
using PSDocker.Core.Compose;
using PSDocker.Core.Containers;
using PSDocker.Core.Networks;

namespace PSDocker.Core.Swarm.Stack;

/// <summary>
/// Converts a loaded compose project (load it with the stack's name as the project name, so the file's networks, volumes,
/// secrets and configs are already named <c>&lt;stack&gt;_&lt;key&gt;</c>) into a <see cref="StackPlan"/>, as
/// <c>docker stack deploy</c> converts a compose file: services <c>&lt;stack&gt;_&lt;service&gt;</c>, the namespace label on
/// everything it makes, <c>deploy:</c> to the service spec, keys swarm ignores as warnings. Pure: reads no file, sends nothing.
/// </summary>
public static class StackConverter
{
    /// <summary>Service keys swarm has no use for: docker warns "Ignoring unsupported options" and goes on.</summary>
    private static readonly string[] UnsupportedKeys =
    {
        "build", "cap_add", "cap_drop", "cgroup_parent", "depends_on", "devices", "domainname", "external_links", "ipc", "links",
        "mac_address", "network_mode", "pid", "privileged", "restart", "security_opt", "shm_size", "sysctls", "ulimits", "userns_mode",
    };

    /// <summary>Keys docker calls deprecated for stacks, with its reason.</summary>
    private static readonly (string Key, string Reason)[] DeprecatedKeys =
    {
        ("container_name", "Setting the container name is not supported."),
        ("expose", "Exposing ports is unnecessary - services on the same network can access each other's containers on any port."),
    };

    /// <summary>Converts the project into the stack <paramref name="stack"/>.</summary>
    /// <exception cref="StackConversionException">The project uses something a stack cannot hold (a build-only service, an undefined secret, a port range…).</exception>
    public static StackPlan Convert(ComposeProject project, string stack)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentException.ThrowIfNullOrEmpty(stack);
        var warnings = new List<string>();
        WarnIgnoredKeys(project, warnings);

        var usedNetworks = new List<string>();
        var services = new List<ServiceSpec>();
        foreach (ComposeService service in project.Services.Values)
        {
            foreach (string key in NetworkKeys(service))
                if (!usedNetworks.Contains(key)) usedNetworks.Add(key);
            services.Add(Service(project, stack, service, warnings));
        }

        var networks = new List<NetworkCreateOptions>();
        var externalNetworks = new List<string>();
        foreach (string key in usedNetworks)
        {
            ComposeNetwork network = project.Networks.TryGetValue(key, out ComposeNetwork? n) ? n
                : key == "default" ? new ComposeNetwork { Key = key, Name = stack + "_default" }
                : throw new StackConversionException($"network '{key}'", "a service uses it but the file does not define it under networks:");
            if (network.External)
            {
                externalNetworks.Add(network.Name);
                continue;
            }
            networks.Add(new NetworkCreateOptions
            {
                Name = network.Name,
                Driver = string.IsNullOrEmpty(network.Driver) ? "overlay" : network.Driver,
                Internal = network.Internal,
                Attachable = network.Attachable,
                EnableIPv6 = network.EnableIpv6,
                IpamDriver = network.Ipam?.Driver,
                Ipam = (network.Ipam?.Config ?? Array.Empty<ComposeIpamPool>())
                    .Where(p => !string.IsNullOrEmpty(p.Subnet))
                    .Select(p => new IpamPool(p.Subnet!) { Gateway = p.Gateway, IPRange = p.IpRange, AuxiliaryAddresses = Copy(p.AuxAddresses) })
                    .ToArray(),
                IpamOptions = Copy(network.Ipam?.Options),
                Options = Copy(network.DriverOpts),
                Labels = WithNamespace(network.Labels, stack),
            });
        }

        (List<StackFileObject> secrets, List<string> externalSecrets) = FileObjects(project.Secrets, stack, "secret");
        (List<StackFileObject> configs, List<string> externalConfigs) = FileObjects(project.Configs, stack, "config");
        return new StackPlan
        {
            Namespace = stack,
            Networks = networks,
            ExternalNetworks = externalNetworks,
            Secrets = secrets,
            ExternalSecrets = externalSecrets,
            Configs = configs,
            ExternalConfigs = externalConfigs,
            Services = services,
            Warnings = warnings,
        };
    }

    /// <summary>The swarm name of a compose service in a stack.</summary>
    public static string ServiceName(string stack, string service) => stack + "_" + service;

    private static IReadOnlyList<string> NetworkKeys(ComposeService service)
        => service.NetworkMode is not null ? Array.Empty<string>()
            : service.Networks.Count == 0 ? new[] { "default" }
            : service.Networks.Keys.ToArray();

    private static ServiceSpec Service(ComposeProject project, string stack, ComposeService service, List<string> warnings)
    {
        string subject = $"service '{service.Name}'";
        if (string.IsNullOrEmpty(service.Image))
            throw new StackConversionException(subject, "a stack runs images: give it image: (build: is not used by a stack deploy; build and push the image first)");
        Deploy deploy = Deploy.Read(service, subject);

        var labels = new Dictionary<string, string>(deploy.Labels, StringComparer.Ordinal)
        {
            [StackLabels.Namespace] = stack,
            [StackLabels.Image] = service.Image,
        };

        if (deploy.Mode == ServiceMode.Global && service.Scale is not null)
            throw new StackConversionException(subject, "deploy.replicas can only be used with deploy.mode replicated");

        return new ServiceSpec
        {
            Name = ServiceName(stack, service.Name),
            Image = service.Image,
            Command = service.Entrypoint ?? Array.Empty<string>(),
            Args = service.Command ?? Array.Empty<string>(),
            Env = service.Environment.Select(e => e.Value is null ? e.Key : e.Key + "=" + e.Value).OrderBy(e => e, StringComparer.Ordinal).ToArray(),
            Labels = labels,
            ContainerLabels = WithNamespace(service.Labels, stack),
            Mode = deploy.Mode,
            Replicas = deploy.Mode == ServiceMode.Global ? null : (ulong)(service.Scale ?? 1),
            Mounts = service.Volumes.Select(v => Mount(project, stack, v, subject)).ToArray(),
            Networks = NetworkKeys(service)
                .Select(key => Attachment(project, stack, service, key))
                .OrderBy(n => n.Target, StringComparer.Ordinal)
                .ToArray(),
            EndpointMode = deploy.EndpointMode,
            Ports = service.Ports.Select(p => Port(p, subject, warnings)).OrderBy(p => p.PublishedPort ?? 0).ThenBy(p => p.TargetPort).ToArray(),
            Secrets = service.Secrets.Select(r => FileReference(project.Secrets, r, subject, "secret", r.Target is { } t ? SecretFileName(t) : r.Source)).ToArray(),
            Configs = service.Configs.Select(r => FileReference(project.Configs, r, subject, "config", r.Target ?? "/" + r.Source)).ToArray(),
            UpdateConfig = deploy.Update,
            RollbackConfig = deploy.Rollback,
            RestartPolicy = deploy.Restart ?? RestartFromService(service.Restart),
            Resources = Resources(service, deploy),
            Constraints = deploy.Constraints,
            PlacementPreferences = deploy.Preferences,
            MaxReplicasPerNode = deploy.MaxReplicasPerNode,
            Healthcheck = Healthcheck(service.Healthcheck),
            User = service.User,
            WorkingDir = service.WorkingDir,
            Hostname = service.Hostname,
            Init = service.Init,
            Tty = service.Tty,
            ReadOnly = service.ReadOnly,
            StopGracePeriod = service.StopGracePeriod,
            StopSignal = service.StopSignal,
            ExtraHosts = service.ExtraHosts,
        };
    }

    // A secret's file lives under /run/secrets: swarm takes its name there (a full path under it is shortened to the name).
    private static string SecretFileName(string target)
        => target.StartsWith("/run/secrets/", StringComparison.Ordinal) ? target["/run/secrets/".Length..] : target;

    private static ServiceNetwork Attachment(ComposeProject project, string stack, ComposeService service, string key)
    {
        string target = project.Networks.TryGetValue(key, out ComposeNetwork? network) ? network.Name
            : key == "default" ? stack + "_default"
            : throw new StackConversionException($"service '{service.Name}'", $"network '{key}' is not defined under networks:");
        var aliases = new List<string> { service.Name };
        if (service.Networks.TryGetValue(key, out ComposeServiceNetwork? settings) && settings is not null)
            aliases.AddRange(settings.Aliases.Where(a => a != service.Name));
        return new ServiceNetwork(target) { Aliases = aliases };
    }

    private static MountSpec Mount(ComposeProject project, string stack, ComposeServiceVolume volume, string subject)
    {
        switch (volume.Type)
        {
            case "volume":
                if (string.IsNullOrEmpty(volume.Source))
                    return new MountSpec { Type = MountType.Volume, Target = volume.Target, ReadOnly = volume.ReadOnly, VolumeNoCopy = volume.NoCopy ?? false };
                if (!project.Volumes.TryGetValue(volume.Source, out ComposeVolume? named))
                    throw new StackConversionException(subject, $"volume '{volume.Source}' is not defined under volumes:");
                return new MountSpec
                {
                    Type = MountType.Volume,
                    Source = named.Name,
                    Target = volume.Target,
                    ReadOnly = volume.ReadOnly,
                    VolumeNoCopy = volume.NoCopy ?? false,
                    VolumeDriver = named.External ? null : named.Driver,
                    VolumeDriverOptions = named.External ? new Dictionary<string, string>() : Copy(named.DriverOpts),
                    VolumeLabels = named.External ? new Dictionary<string, string>() : WithNamespace(named.Labels, stack),
                };
            case "bind":
                return new MountSpec
                {
                    Type = MountType.Bind, Source = volume.Source, Target = volume.Target, ReadOnly = volume.ReadOnly,
                    BindPropagation = volume.Propagation, Consistency = volume.Consistency,
                };
            case "tmpfs":
                return new MountSpec { Type = MountType.Tmpfs, Target = volume.Target, ReadOnly = volume.ReadOnly, TmpfsSize = volume.TmpfsSize, TmpfsMode = volume.TmpfsMode };
            default:
                throw new StackConversionException(subject, $"a mount of type '{volume.Type}' cannot be used in a stack (use volume, bind or tmpfs)");
        }
    }

    private static ServicePort Port(ComposePort port, string subject, List<string> warnings)
    {
        int? published = null;
        if (!string.IsNullOrEmpty(port.Published))
        {
            if (!int.TryParse(port.Published, NumberStyles.None, CultureInfo.InvariantCulture, out int p) || p is < 1 or > 65535)
                throw new StackConversionException(subject, $"published port '{port.Published}' is not one port number (a swarm service publishes single ports, not ranges)");
            published = p;
        }
        if (port.HostIP is { } ip && ip is not ("0.0.0.0" or "::"))
            warnings.Add($"{subject}: the host address {ip} of port {port} is ignored (swarm publishes on every address of the node).");
        return new ServicePort(port.Target)
        {
            PublishedPort = published,
            Protocol = port.Protocol,
            Mode = port.Mode == "host" ? PublishMode.Host : PublishMode.Ingress,
        };
    }

    private static ServiceFileReference FileReference(ComposeMap<ComposeFileObject> declared, ComposeFileReference reference, string subject, string kind, string target)
    {
        if (!declared.TryGetValue(reference.Source, out ComposeFileObject? obj))
            throw new StackConversionException(subject, $"{kind} '{reference.Source}' is not defined under {kind}s:");
        return new ServiceFileReference(obj.Name)
        {
            Target = target,
            Uid = reference.Uid ?? "0",
            Gid = reference.Gid ?? "0",
            Mode = reference.Mode ?? System.Convert.ToInt32("444", 8),
        };
    }

    /// <summary><c>restart:</c> when there is no <c>deploy.restart_policy</c>: always/unless-stopped → any, on-failure[:n] → on-failure, no → the default.</summary>
    private static ServiceRestartPolicy? RestartFromService(string? restart)
    {
        if (restart is null or "no") return null;
        if (restart is "always" or "unless-stopped") return new ServiceRestartPolicy { Condition = "any" };
        if (restart == "on-failure") return new ServiceRestartPolicy { Condition = "on-failure" };
        if (restart.StartsWith("on-failure:", StringComparison.Ordinal)
            && ulong.TryParse(restart["on-failure:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out ulong attempts))
            return new ServiceRestartPolicy { Condition = "on-failure", MaxAttempts = attempts };
        return null;
    }

    private static ServiceResources? Resources(ComposeService service, Deploy deploy)
    {
        if (service.Cpus is null && service.MemLimit is null && service.MemReservation is null && deploy.ReserveCpus is null && deploy.LimitPids is null)
            return null;
        return new ServiceResources
        {
            LimitCpus = service.Cpus,
            LimitMemory = service.MemLimit,
            LimitPids = deploy.LimitPids,
            ReserveCpus = deploy.ReserveCpus,
            ReserveMemory = service.MemReservation,
        };
    }

    private static HealthcheckSpec? Healthcheck(ComposeHealthcheck? health)
    {
        if (health is null) return null;
        if (health.Disable) return HealthcheckSpec.Disabled;
        return new HealthcheckSpec
        {
            Test = health.Test,
            Interval = health.Interval,
            Timeout = health.Timeout,
            Retries = health.Retries,
            StartPeriod = health.StartPeriod,
        };
    }

    private static (List<StackFileObject> Created, List<string> External) FileObjects(ComposeMap<ComposeFileObject> declared, string stack, string kind)
    {
        var created = new List<StackFileObject>();
        var external = new List<string>();
        foreach (ComposeFileObject obj in declared.Values)
        {
            if (obj.External)
            {
                external.Add(obj.Name);
                continue;
            }
            if (obj.File is null && (obj.Content is null || kind == "secret"))
                throw new StackConversionException($"{kind} '{obj.Key}'",
                    obj.Environment is not null ? "environment: is not supported by a stack deploy: give file:" : kind == "secret" ? "give file: (or external: true)" : "give file: or content: (or external: true)");
            created.Add(new StackFileObject { Name = obj.Name, Key = obj.Key, File = obj.File, Content = obj.File is null ? obj.Content : null, Labels = WithNamespace(obj.Labels, stack) });
        }
        return (created, external);
    }

    private static void WarnIgnoredKeys(ComposeProject project, List<string> warnings)
    {
        var unsupported = new SortedSet<string>(StringComparer.Ordinal);
        var deprecated = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ComposeService s in project.Services.Values)
        {
            foreach (string key in UnsupportedKeys)
                if (IsSet(s, key)) unsupported.Add(key);
            foreach ((string key, _) in DeprecatedKeys)
                if (IsSet(s, key)) deprecated.Add(key);
        }
        var notCarried = new SortedSet<string>(StringComparer.Ordinal);
        foreach (ComposeService s in project.Services.Values)
        {
            if (s.Dns.Count > 0) notCarried.Add("dns");
            if (s.DnsSearch.Count > 0) notCarried.Add("dns_search");
            if (s.Logging is not null) notCarried.Add("logging");
            if (s.Tmpfs.Count > 0) notCarried.Add("tmpfs");
            if (s.GroupAdd.Count > 0) notCarried.Add("group_add");
            foreach (string key in s.Other.Keys)
                if (key != "deploy" && !UnsupportedKeys.Contains(key)) notCarried.Add(key);
        }
        if (unsupported.Count > 0) warnings.Add("Ignoring unsupported options: " + string.Join(", ", unsupported));
        if (notCarried.Count > 0) warnings.Add("Ignoring options Deploy-SwarmStack does not carry to the service yet: " + string.Join(", ", notCarried));
        if (deprecated.Count > 0)
            warnings.Add("Ignoring deprecated options: " + string.Join(" ", deprecated.Select(k => $"{k}: {DeprecatedKeys.First(d => d.Key == k).Reason}")));
    }

    private static bool IsSet(ComposeService s, string key) => key switch
    {
        "build" => s.Build is not null,
        "cap_add" => s.CapAdd.Count > 0,
        "cap_drop" => s.CapDrop.Count > 0,
        "depends_on" => s.DependsOn.Count > 0,
        "devices" => s.Devices.Count > 0,
        "domainname" => s.DomainName is not null,
        "ipc" => s.Ipc is not null,
        "links" => s.Links.Count > 0,
        "mac_address" => s.MacAddress is not null,
        "network_mode" => s.NetworkMode is not null,
        "pid" => s.Pid is not null,
        "privileged" => s.Privileged,
        "restart" => s.Restart is not null,
        "security_opt" => s.SecurityOpt.Count > 0,
        "shm_size" => s.ShmSize is not null,
        "sysctls" => s.Sysctls.Count > 0,
        "ulimits" => s.Ulimits.Count > 0,
        "container_name" => s.ContainerName is not null,
        "expose" => s.Expose.Count > 0,
        _ => s.Other.ContainsKey(key),
    };

    private static Dictionary<string, string> WithNamespace(IReadOnlyDictionary<string, string>? labels, string stack)
    {
        Dictionary<string, string> result = Copy(labels);
        result[StackLabels.Namespace] = stack;
        return result;
    }

    private static Dictionary<string, string> Copy(IReadOnlyDictionary<string, string>? map)
        => map is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(map, StringComparer.Ordinal);
}
