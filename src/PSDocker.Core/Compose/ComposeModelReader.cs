using System.Globalization;
using PSDocker.Core.Containers;

namespace PSDocker.Core.Compose;

public static partial class ComposeLoader
{
    /// <summary>Turns the merged YAML model into the typed <see cref="ComposeProject"/>, checking keys and types on the way.</summary>
    private sealed class ComposeModelReader(LoadContext context, string workingDir, string projectName)
    {
        private static readonly HashSet<string> ServiceKeys = new(StringComparer.Ordinal)
        {
            "annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup", "cgroup_parent", "command", "configs",
            "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares",
            "cpus", "cpuset", "credential_spec", "depends_on", "deploy", "develop", "device_cgroup_rules", "devices", "dns", "dns_opt",
            "dns_search", "domainname", "entrypoint", "env_file", "environment", "expose", "extends", "external_links", "extra_hosts",
            "gpus", "group_add", "healthcheck", "hostname", "image", "init", "ipc", "isolation", "label_file", "labels", "links",
            "logging", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "models", "network_mode",
            "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_start",
            "pre_stop", "privileged", "profiles", "provider", "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime",
            "scale", "secrets", "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls",
            "tmpfs", "tty", "ulimits", "use_api_socket", "user", "userns_mode", "uts", "volumes", "volumes_from", "working_dir",
        };

        private static readonly HashSet<string> BuildKeys = new(StringComparer.Ordinal)
        {
            "additional_contexts", "args", "cache_from", "cache_to", "context", "dockerfile", "dockerfile_inline", "entitlements",
            "extra_hosts", "isolation", "labels", "network", "no_cache", "no_cache_filter", "platforms", "privileged", "provenance",
            "pull", "sbom", "secrets", "shm_size", "ssh", "tags", "target", "ulimits",
        };

        private static readonly HashSet<string> NetworkKeys = new(StringComparer.Ordinal)
        { "attachable", "driver", "driver_opts", "enable_ipv4", "enable_ipv6", "external", "internal", "ipam", "labels", "name" };

        private static readonly HashSet<string> VolumeKeys = new(StringComparer.Ordinal)
        { "driver", "driver_opts", "external", "labels", "name" };

        private static readonly HashSet<string> FileObjectKeys = new(StringComparer.Ordinal)
        { "content", "driver", "driver_opts", "environment", "external", "file", "labels", "name", "template_driver" };

        // Where each depends_on / link entry was written, for errors about them.
        private readonly Dictionary<string, YamlNode> _dependencyNodes = new(StringComparer.Ordinal);

        public ComposeProject Read(YamlNode model, List<string> files, List<string> envFiles, IReadOnlyList<string> profiles)
        {
            var networks = new ComposeMap<ComposeNetwork>();
            if (model["networks"] is { IsMap: true } nets)
                foreach (var (key, value) in nets.Entries) networks.Set(key, Network(key, value));
            var volumes = new ComposeMap<ComposeVolume>();
            if (model["volumes"] is { IsMap: true } vols)
                foreach (var (key, value) in vols.Entries) volumes.Set(key, Volume(key, value));
            var secrets = FileObjects(model["secrets"], "secrets");
            var configs = FileObjects(model["configs"], "configs");

            var all = new ComposeMap<ComposeService>();
            if (model["services"] is { IsMap: true } services)
                foreach (var (name, value) in services.Entries) all.Set(name, Service(name, value));

            // Profiles: services without profiles, those with an active profile, and what they depend on.
            bool everyProfile = profiles.Contains("*");
            var enabled = new HashSet<string>(all.Values
                .Where(s => s.Profiles.Count == 0 || everyProfile || s.Profiles.Any(profiles.Contains))
                .Select(s => s.Name), StringComparer.Ordinal);
            var queue = new Queue<string>(enabled);
            while (queue.Count > 0)
            {
                var service = all[queue.Dequeue()];
                foreach (string dep in ComposeGraph.Dependencies(service))
                {
                    if (!all.ContainsKey(dep) || enabled.Contains(dep)) continue;
                    if (service.DependsOn.TryGetValue(dep, out var d) && !d.Required) continue;
                    enabled.Add(dep);
                    queue.Enqueue(dep);
                }
            }
            var active = new ComposeMap<ComposeService>(all.Where(kv => enabled.Contains(kv.Key)));
            var disabled = new ComposeMap<ComposeService>(all.Where(kv => !enabled.Contains(kv.Key)));

            Check(active, all, networks, volumes, secrets, configs);

            // The default network, when a service uses it.
            if (!networks.ContainsKey("default") && active.Values.Any(s => s.Networks.ContainsKey("default")))
                networks.Set("default", new ComposeNetwork { Key = "default", Name = projectName + "_default" });

            var extensions = Extensions(model);
            return new ComposeProject
            {
                Name = projectName,
                WorkingDirectory = workingDir,
                ConfigFiles = files,
                EnvFiles = envFiles,
                Services = active,
                DisabledServices = disabled,
                Networks = networks,
                Volumes = volumes,
                Secrets = secrets,
                Configs = configs,
                Profiles = profiles,
                Environment = new ComposeMap<string>(context.UsedEnvironment),
                Extensions = extensions,
            };
        }

        private void Check(ComposeMap<ComposeService> active, ComposeMap<ComposeService> all, ComposeMap<ComposeNetwork> networks,
            ComposeMap<ComposeVolume> volumes, ComposeMap<ComposeFileObject> secrets, ComposeMap<ComposeFileObject> configs)
        {
            foreach (var s in active.Values)
            {
                string at = $"services.{s.Name}";
                YamlNode Where(string what) => _dependencyNodes.TryGetValue($"{s.Name}\n{what}", out var n) ? n : YamlNode.Null();
                if (s.Image is null && s.Build is null)
                    throw Error(ComposeErrorKind.InvalidValue, $"Service '{s.Name}' has neither an image nor a build context.", Where(""), at);
                foreach (var (dep, d) in s.DependsOn)
                {
                    if (active.ContainsKey(dep)) continue;
                    if (!d.Required) { context.Warn($"Service '{s.Name}' depends on '{dep}', which is not enabled or does not exist; it is optional (required: false)."); continue; }
                    throw Error(ComposeErrorKind.UnknownService,
                        all.ContainsKey(dep)
                            ? $"Service '{s.Name}' depends on service '{dep}', which is not enabled (its profiles are not active)."
                            : $"Service '{s.Name}' depends on undefined service '{dep}'. Defined services: {string.Join(", ", all.Keys)}.",
                        Where("depends_on." + dep), $"{at}.depends_on.{dep}");
                }
                foreach (string dep in ComposeGraph.Dependencies(s))
                {
                    if (s.DependsOn.ContainsKey(dep) || active.ContainsKey(dep)) continue;
                    throw Error(ComposeErrorKind.UnknownService, $"Service '{s.Name}' refers to undefined service '{dep}' (links, volumes_from, network_mode, ipc or pid).", Where(dep), at);
                }
                foreach (string network in s.Networks.Keys)
                {
                    if (network == "default" || networks.ContainsKey(network)) continue;
                    throw Error(ComposeErrorKind.UnknownResource, $"Service '{s.Name}' refers to undefined network '{network}'.", Where("network." + network), $"{at}.networks.{network}");
                }
                foreach (var v in s.Volumes)
                {
                    if (v.Type != "volume" || v.Source is null || volumes.ContainsKey(v.Source)) continue;
                    throw Error(ComposeErrorKind.UnknownResource,
                        $"Service '{s.Name}' refers to undefined volume '{v.Source}'; declare it under the top-level 'volumes:' key (or give a path starting with ./ or / for a bind mount).",
                        Where("volume." + v.Source), $"{at}.volumes");
                }
                foreach (var r in s.Secrets)
                    if (!secrets.ContainsKey(r.Source))
                        throw Error(ComposeErrorKind.UnknownResource, $"Service '{s.Name}' refers to undefined secret '{r.Source}'.", Where(""), $"{at}.secrets");
                foreach (var r in s.Configs)
                    if (!configs.ContainsKey(r.Source))
                        throw Error(ComposeErrorKind.UnknownResource, $"Service '{s.Name}' refers to undefined config '{r.Source}'.", Where(""), $"{at}.configs");
            }
            if (ComposeGraph.FindCycle(active) is { } cycle)
            {
                YamlNode where = _dependencyNodes.TryGetValue($"{cycle[0]}\ndepends_on.{cycle[1]}", out var n) ? n : YamlNode.Null();
                throw Error(ComposeErrorKind.DependencyCycle, $"Dependency cycle between services: {string.Join(" -> ", cycle)}.", where, $"services.{cycle[0]}.depends_on");
            }
        }

        private static ComposeException Error(ComposeErrorKind kind, string message, YamlNode where, string path)
            => new(kind, message, where.File, where.Line, where.Column, path);

        // ---- services ----

        private ComposeService Service(string name, YamlNode node)
        {
            string at = $"services.{name}";
            if (node.IsNull) node = YamlNode.Map(node);
            if (!node.IsMap) throw TypeError(at, node, "a mapping");
            _dependencyNodes[$"{name}\n"] = node;
            var other = new ComposeMap<object?>();
            foreach (var (key, value) in node.Entries)
            {
                if (key.StartsWith("x-", StringComparison.Ordinal)) continue;
                if (!ServiceKeys.Contains(key))
                    throw new ComposeException(ComposeErrorKind.InvalidValue, $"{at}: unknown key '{key}'. Check its spelling against the compose specification.", value.File, value.Line, value.Column, $"{at}.{key}");
            }

            YamlNode? Get(string key) => node[key] is { IsNull: false } v ? v : null;
            string P(string key) => $"{at}.{key}";

            // environment: env_file values first, then environment.
            var envFiles = new List<ComposeEnvFile>();
            YamlNode envFileNode = node["env_file"] ?? node;
            if (Get("env_file") is { } ef)
            {
                var items = ef.IsSeq ? ef.Items! : new List<YamlNode> { ef };
                for (int i = 0; i < items.Count; i++)
                {
                    YamlNode item = items[i];
                    string ip = ef.IsSeq ? $"{P("env_file")}[{i}]" : P("env_file");
                    if (item.IsScalar && !item.IsNull) envFiles.Add(new ComposeEnvFile(Abs(item.Text)));
                    else if (item.IsMap)
                    {
                        string path = item["path"] is { IsScalar: true, IsNull: false } p ? p.Text : throw ValueError(ip, item, "'path' is required");
                        envFiles.Add(new ComposeEnvFile(Abs(path), item["required"] is { } r ? Bool(r, ip + ".required") : true));
                    }
                    else throw TypeError(ip, item, "a path or a mapping with path and required");
                }
                envFiles = envFiles.DistinctBy(e => e.Path).ToList();
            }
            var environment = new ComposeMap<string?>();
            foreach (var envFile in envFiles)
            {
                if (!File.Exists(envFile.Path))
                {
                    if (!envFile.Required) continue;
                    throw new ComposeException(ComposeErrorKind.FileNotFound, $"{P("env_file")}: the env file {envFile.Path} does not exist.", envFileNode.File, envFileNode.Line, envFileNode.Column, P("env_file"));
                }
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                try
                {
                    DotEnv.Parse(File.ReadAllText(envFile.Path), values, n => context.Lookup(n));
                }
                catch (FormatException ex)
                {
                    throw new ComposeException(ComposeErrorKind.InvalidEnvFile, $"Failed to read {envFile.Path}: {ex.Message}.", envFile.Path);
                }
                catch (ComposeTemplateException ex)
                {
                    throw new ComposeException(ComposeErrorKind.RequiredVariable, $"Failed to read {envFile.Path}: {ex.Message}.", envFile.Path);
                }
                foreach (var (k, v) in values) environment.Set(k, v);
            }
            if (Get("environment") is { } envNode)
            {
                foreach (var (k, v) in ComposeMerge.ToKeyValueMap(envNode, P("environment")).Entries)
                {
                    if (!v.IsScalar) throw TypeError($"{P("environment")}.{k}", v, "a string, number, boolean or null");
                    environment.Set(k, v.IsNull && v.Plain ? context.Lookup(k) : v.Text);
                }
            }

            var networks = new ComposeMap<ComposeServiceNetwork>();
            string? networkMode = Get("network_mode") is { } nm ? Str(nm, P("network_mode")) : null;
            if (Get("networks") is { } netNode)
            {
                if (networkMode is not null)
                    throw ValueError(at, netNode, "network_mode and networks are mutually exclusive");
                foreach (var (key, value) in ComposeMerge.ToNameMap(netNode, P("networks"), dependsOn: false).Entries)
                {
                    _dependencyNodes[$"{name}\nnetwork.{key}"] = value.Line > 0 ? value : netNode;
                    networks.Set(key, ServiceNetwork(value, $"{P("networks")}.{key}"));
                }
            }
            else if (networkMode is null)
            {
                networks.Set("default", new ComposeServiceNetwork());
            }

            var dependsOn = new ComposeMap<ComposeDependency>();
            if (Get("depends_on") is { } depNode)
            {
                foreach (var (dep, value) in ComposeMerge.ToNameMap(depNode, P("depends_on"), dependsOn: true).Entries)
                {
                    string dp = $"{P("depends_on")}.{dep}";
                    _dependencyNodes[$"{name}\ndepends_on.{dep}"] = value;
                    if (!value.IsMap) throw TypeError(dp, value, "a mapping with condition, restart, required");
                    foreach (var (k, v) in value.Entries)
                        if (k is not ("condition" or "restart" or "required")) throw ValueError($"{dp}.{k}", v, "unknown key (allowed: condition, restart, required)");
                    string condition = value["condition"] is { IsNull: false } c ? Str(c, dp + ".condition")! : ComposeConditions.Started;
                    if (condition is not (ComposeConditions.Started or ComposeConditions.Healthy or ComposeConditions.CompletedSuccessfully))
                        throw ValueError(dp + ".condition", value["condition"]!, $"'{condition}' is not service_started, service_healthy or service_completed_successfully");
                    dependsOn.Set(dep, new ComposeDependency
                    {
                        Condition = condition,
                        Restart = value["restart"] is { IsNull: false } r && Bool(r, dp + ".restart"),
                        Required = value["required"] is not { IsNull: false } q || Bool(q, dp + ".required"),
                    });
                }
            }

            int? scale = Get("scale") is { } sc ? (int)Int(sc, P("scale")) : null;
            long? memLimit = Get("mem_limit") is { } ml ? Size(ml, P("mem_limit")) : null;
            long? memReservation = Get("mem_reservation") is { } mr ? Size(mr, P("mem_reservation")) : null;
            double? cpus = Get("cpus") is { } cp ? Double(cp, P("cpus")) : null;
            if (Get("deploy") is { } deploy)
            {
                if (!deploy.IsMap) throw TypeError(P("deploy"), deploy, "a mapping");
                if (deploy["replicas"] is { IsNull: false } rep)
                {
                    int replicas = (int)Int(rep, P("deploy.replicas"));
                    if (scale is not null && scale != replicas)
                        throw ValueError(at, rep, "can't set distinct values on 'scale' and 'deploy.replicas'");
                    scale = replicas;
                }
                if (deploy["resources"] is { IsMap: true } res)
                {
                    if (res["limits"] is { IsMap: true } lim)
                    {
                        if (lim["memory"] is { IsNull: false } m)
                        {
                            long v = Size(m, P("deploy.resources.limits.memory"));
                            if (memLimit is not null && memLimit != v) throw ValueError(at, m, "can't set distinct values on 'mem_limit' and 'deploy.resources.limits.memory'");
                            memLimit = v;
                        }
                        if (lim["cpus"] is { IsNull: false } c)
                        {
                            double v = Double(c, P("deploy.resources.limits.cpus"));
                            if (cpus is not null && cpus != v) throw ValueError(at, c, "can't set distinct values on 'cpus' and 'deploy.resources.limits.cpus'");
                            cpus = v;
                        }
                    }
                    if (res["reservations"] is { IsMap: true } resv && resv["memory"] is { IsNull: false } rm)
                        memReservation ??= Size(rm, P("deploy.resources.reservations.memory"));
                }
            }
            if (scale < 0) throw ValueError(P("scale"), node["scale"] ?? node, "must be 0 or more");

            // Keys of the specification this model does not type.
            foreach (var (key, value) in node.Entries)
            {
                if (key.StartsWith("x-", StringComparison.Ordinal) || Typed.Contains(key)) continue;
                other.Set(key, ToPlain(value));
            }

            string? pullPolicy = Get("pull_policy") is { } pp ? Str(pp, P("pull_policy")) : null;
            if (pullPolicy == "if_not_present") pullPolicy = "missing";
            if (pullPolicy is not null && pullPolicy is not ("always" or "never" or "missing" or "build" or "daily" or "weekly") && !pullPolicy.StartsWith("every_", StringComparison.Ordinal))
                throw ValueError(P("pull_policy"), node["pull_policy"]!, $"'{pullPolicy}' is not always, never, missing, build, daily, weekly or every_<duration>");
            string? restart = Get("restart") is { } rs ? Str(rs, P("restart")) : null;
            if (restart is not null && restart is not ("no" or "always" or "unless-stopped" or "on-failure") && !restart.StartsWith("on-failure:", StringComparison.Ordinal))
                throw ValueError(P("restart"), node["restart"]!, $"'{restart}' is not no, always, unless-stopped or on-failure[:max-retries]");

            foreach (string link in Get("links") is { } ln ? Strings(ln, P("links")) : new List<string>())
                _dependencyNodes[$"{name}\n{link.Split(':')[0]}"] = node["links"]!;

            return new ComposeService
            {
                Name = name,
                Image = Get("image") is { } img ? Str(img, P("image")) : null,
                Build = Get("build") is { } b ? Build(b, P("build")) : null,
                Command = Get("command") is { } cmd ? CommandLine(cmd, P("command")) : null,
                Entrypoint = Get("entrypoint") is { } ep ? CommandLine(ep, P("entrypoint")) : null,
                Environment = environment,
                EnvFile = envFiles,
                Ports = Get("ports") is { } ports ? Ports(ports, P("ports")) : Array.Empty<ComposePort>(),
                Expose = Get("expose") is { } exp ? Strings(exp, P("expose")).Distinct().ToList() : Array.Empty<string>(),
                Volumes = Get("volumes") is { } vs ? Mounts(name, vs, P("volumes")) : Array.Empty<ComposeServiceVolume>(),
                Tmpfs = Get("tmpfs") is { } tf ? StringOrStrings(tf, P("tmpfs")).Distinct().ToList() : Array.Empty<string>(),
                VolumesFrom = Get("volumes_from") is { } vf ? Strings(vf, P("volumes_from")) : Array.Empty<string>(),
                Networks = networks,
                NetworkMode = networkMode,
                DependsOn = dependsOn,
                Links = Get("links") is { } lk ? Strings(lk, P("links")).Distinct().ToList() : Array.Empty<string>(),
                Healthcheck = Get("healthcheck") is { } hc ? Healthcheck(hc, P("healthcheck")) : null,
                Labels = ServiceLabels(node, at),
                Restart = restart,
                Scale = scale,
                Profiles = Get("profiles") is { } pr ? Strings(pr, P("profiles")).Distinct().ToList() : Array.Empty<string>(),
                ContainerName = Get("container_name") is { } cn ? Str(cn, P("container_name")) : null,
                Hostname = Get("hostname") is { } hn ? Str(hn, P("hostname")) : null,
                DomainName = Get("domainname") is { } dn ? Str(dn, P("domainname")) : null,
                User = Get("user") is { } us ? Str(us, P("user")) : null,
                WorkingDir = Get("working_dir") is { } wd ? Str(wd, P("working_dir")) : null,
                Init = Get("init") is { } ini ? Bool(ini, P("init")) : null,
                Privileged = Get("privileged") is { } pv && Bool(pv, P("privileged")),
                ReadOnly = Get("read_only") is { } ro && Bool(ro, P("read_only")),
                Tty = Get("tty") is { } tty && Bool(tty, P("tty")),
                StdinOpen = Get("stdin_open") is { } si && Bool(si, P("stdin_open")),
                CapAdd = Get("cap_add") is { } ca ? Strings(ca, P("cap_add")).Distinct().ToList() : Array.Empty<string>(),
                CapDrop = Get("cap_drop") is { } cd ? Strings(cd, P("cap_drop")).Distinct().ToList() : Array.Empty<string>(),
                ExtraHosts = Get("extra_hosts") is { } eh ? ExtraHosts(eh, P("extra_hosts")) : Array.Empty<string>(),
                Dns = Get("dns") is { } dns ? StringOrStrings(dns, P("dns")).Distinct().ToList() : Array.Empty<string>(),
                DnsSearch = Get("dns_search") is { } ds ? StringOrStrings(ds, P("dns_search")).Distinct().ToList() : Array.Empty<string>(),
                SecurityOpt = Get("security_opt") is { } so ? Strings(so, P("security_opt")) : Array.Empty<string>(),
                Devices = Get("devices") is { } dv ? Devices(dv, P("devices")) : Array.Empty<string>(),
                GroupAdd = Get("group_add") is { } ga ? Strings(ga, P("group_add")) : Array.Empty<string>(),
                Sysctls = Get("sysctls") is { } sy ? Labels(sy, P("sysctls")) : ComposeMap<string>.Empty,
                Ulimits = Get("ulimits") is { } ul ? Ulimits(ul, P("ulimits")) : ComposeMap<ComposeUlimit>.Empty,
                MemLimit = memLimit,
                MemReservation = memReservation,
                Cpus = cpus,
                ShmSize = Get("shm_size") is { } sh ? Size(sh, P("shm_size")) : null,
                StopSignal = Get("stop_signal") is { } ss ? Str(ss, P("stop_signal")) : null,
                StopGracePeriod = Get("stop_grace_period") is { } sg ? Duration(sg, P("stop_grace_period")) : null,
                PullPolicy = pullPolicy,
                Platform = Get("platform") is { } pl ? Str(pl, P("platform")) : null,
                Ipc = Get("ipc") is { } ipc ? Str(ipc, P("ipc")) : null,
                Pid = Get("pid") is { } pid ? Str(pid, P("pid")) : null,
                Runtime = Get("runtime") is { } rt ? Str(rt, P("runtime")) : null,
                MacAddress = Get("mac_address") is { } mac ? Str(mac, P("mac_address")) : null,
                Logging = Get("logging") is { } lg ? Logging(lg, P("logging")) : null,
                Secrets = Get("secrets") is { } sec ? FileReferences(sec, P("secrets"), "/run/secrets/") : Array.Empty<ComposeFileReference>(),
                Configs = Get("configs") is { } cfg ? FileReferences(cfg, P("configs"), "/") : Array.Empty<ComposeFileReference>(),
                Other = other,
                Extensions = Extensions(node),
            };
        }

        private static readonly HashSet<string> Typed = new(StringComparer.Ordinal)
        {
            "image", "build", "command", "entrypoint", "environment", "env_file", "ports", "expose", "volumes", "tmpfs", "volumes_from",
            "networks", "network_mode", "depends_on", "links", "healthcheck", "labels", "restart", "scale", "profiles", "container_name",
            "hostname", "domainname", "user", "working_dir", "init", "privileged", "read_only", "tty", "stdin_open", "cap_add", "cap_drop",
            "extra_hosts", "dns", "dns_search", "security_opt", "devices", "group_add", "sysctls", "ulimits", "mem_limit", "mem_reservation",
            "cpus", "shm_size", "stop_signal", "stop_grace_period", "pull_policy", "platform", "ipc", "pid", "runtime", "mac_address",
            "logging", "secrets", "configs", "extends", "label_file",
        };

        /// <summary>Labels: those of the <c>label_file</c> files (KEY=value lines, in order), then <c>labels:</c>.</summary>
        private ComposeMap<string> ServiceLabels(YamlNode service, string at)
        {
            var labels = new ComposeMap<string>();
            if (service["label_file"] is { IsNull: false } files)
            {
                var items = files.IsSeq ? files.Items! : new List<YamlNode> { files };
                foreach (YamlNode item in items)
                {
                    if (!item.IsScalar || item.IsNull) throw TypeError(at + ".label_file", item, "a path or a list of paths");
                    string path = Abs(item.Text);
                    if (!File.Exists(path))
                        throw new ComposeException(ComposeErrorKind.FileNotFound, $"{at}.label_file: the label file {path} does not exist.", item.File, item.Line, item.Column, at + ".label_file");
                    var values = new Dictionary<string, string>(StringComparer.Ordinal);
                    try { DotEnv.Parse(File.ReadAllText(path), values); }
                    catch (FormatException ex) { throw new ComposeException(ComposeErrorKind.InvalidEnvFile, $"Failed to read {path}: {ex.Message}.", path); }
                    catch (ComposeTemplateException ex) { throw new ComposeException(ComposeErrorKind.InvalidTemplate, $"Failed to read {path}: {ex.Message}.", path); }
                    foreach (var (k, v) in values) labels.Set(k, v);
                }
            }
            if (service["labels"] is { IsNull: false } own)
                foreach (var (k, v) in Labels(own, at + ".labels")) labels.Set(k, v);
            return labels;
        }

        private string Abs(string path) => context.AbsPath(path, workingDir);

        private ComposeBuild Build(YamlNode node, string at)
        {
            if (node.IsScalar) return new ComposeBuild { Context = Context(node.Text), Dockerfile = "Dockerfile" };
            if (!node.IsMap) throw TypeError(at, node, "a path or a mapping");
            CheckKeys(node, at, BuildKeys);
            YamlNode? Get(string key) => node[key] is { IsNull: false } v ? v : null;
            var other = new ComposeMap<object?>();
            foreach (var (k, v) in node.Entries)
                if (k is "additional_contexts" or "cache_to" or "entitlements" or "isolation" or "no_cache_filter" or "privileged" or "provenance" or "sbom" or "secrets" or "shm_size" or "ssh" or "ulimits")
                    other.Set(k, ToPlain(v));
            var args = new ComposeMap<string?>();
            if (Get("args") is { } a)
                foreach (var (k, v) in ComposeMerge.ToKeyValueMap(a, at + ".args").Entries)
                    args.Set(k, v.IsNull && v.Plain ? context.Lookup(k) : v.Text);
            return new ComposeBuild
            {
                Context = Context(Get("context") is { } c ? Str(c, at + ".context")! : "."),
                // compose fills the default file name unless the Dockerfile is inline.
                Dockerfile = Get("dockerfile") is { } d ? Str(d, at + ".dockerfile") : Get("dockerfile_inline") is null ? "Dockerfile" : null,
                DockerfileInline = Get("dockerfile_inline") is { } di ? Str(di, at + ".dockerfile_inline") : null,
                Args = args,
                Target = Get("target") is { } t ? Str(t, at + ".target") : null,
                Labels = Get("labels") is { } l ? Labels(l, at + ".labels") : ComposeMap<string>.Empty,
                CacheFrom = Get("cache_from") is { } cf ? Strings(cf, at + ".cache_from") : Array.Empty<string>(),
                Network = Get("network") is { } n ? Str(n, at + ".network") : null,
                ExtraHosts = Get("extra_hosts") is { } eh ? ExtraHosts(eh, at + ".extra_hosts") : Array.Empty<string>(),
                NoCache = Get("no_cache") is { } nc && Bool(nc, at + ".no_cache"),
                Pull = Get("pull") is { } p && Bool(p, at + ".pull"),
                Tags = Get("tags") is { } tg ? Strings(tg, at + ".tags").Distinct().ToList() : Array.Empty<string>(),
                Platforms = Get("platforms") is { } pf ? Strings(pf, at + ".platforms") : Array.Empty<string>(),
                Other = other,
            };
        }

        private string Context(string context) => IsRemote(context) ? context : Abs(context.Length == 0 ? "." : context);

        private IReadOnlyList<string> CommandLine(YamlNode node, string at)
        {
            if (node.IsSeq) return Strings(node, at);
            if (!node.IsScalar) throw TypeError(at, node, "a string or a list of strings");
            try { return ComposeValues.ShellSplit(node.Text); }
            catch (FormatException ex) { throw ValueError(at, node, ex.Message); }
        }

        private List<ComposePort> Ports(YamlNode node, string at)
        {
            if (!node.IsSeq) throw TypeError(at, node, "a list");
            var ports = new List<ComposePort>();
            for (int i = 0; i < node.Items!.Count; i++)
            {
                YamlNode item = node.Items[i];
                string ip = $"{at}[{i}]";
                if (item.IsScalar && !item.IsNull)
                {
                    IReadOnlyList<PortSpec> specs;
                    try { specs = PortSpec.Parse(item.Text); }
                    catch (FormatException ex) { throw ValueError(ip, item, ex.Message); }
                    foreach (var spec in specs)
                    {
                        ports.Add(new ComposePort
                        {
                            Target = spec.ContainerPort,
                            Published = spec.HostPortRange ?? spec.HostPort?.ToString(CultureInfo.InvariantCulture),
                            HostIP = string.IsNullOrEmpty(spec.HostIP) ? null : spec.HostIP,
                            Protocol = spec.Protocol,
                        });
                    }
                }
                else if (item.IsMap)
                {
                    CheckKeys(item, ip, new HashSet<string> { "target", "published", "host_ip", "protocol", "mode", "name", "app_protocol" });
                    YamlNode target = item["target"] ?? throw ValueError(ip, item, "'target' is required");
                    long t = Int(target, ip + ".target");
                    if (t is < 1 or > 65535) throw ValueError(ip + ".target", target, $"{t} is not a port from 1 to 65535");
                    string protocol = item["protocol"] is { IsNull: false } pr ? Str(pr, ip + ".protocol")!.ToLowerInvariant() : "tcp";
                    if (protocol is not ("tcp" or "udp" or "sctp")) throw ValueError(ip + ".protocol", item["protocol"]!, $"'{protocol}' is not tcp, udp or sctp");
                    ports.Add(new ComposePort
                    {
                        Target = (int)t,
                        Published = item["published"] is { IsNull: false } pub ? Str(pub, ip + ".published") : null,
                        HostIP = item["host_ip"] is { IsNull: false } h ? Str(h, ip + ".host_ip") : null,
                        Protocol = protocol,
                        Mode = item["mode"] is { IsNull: false } m ? Str(m, ip + ".mode")! : "ingress",
                        Name = item["name"] is { IsNull: false } n ? Str(n, ip + ".name") : null,
                        AppProtocol = item["app_protocol"] is { IsNull: false } ap ? Str(ap, ip + ".app_protocol") : null,
                    });
                }
                else throw TypeError(ip, item, "a port string (like \"8080:80\") or a mapping with target, published, host_ip, protocol");
            }
            // One entry per host address, host port, container port and protocol: a later file's entry replaces an earlier one.
            var unique = new List<ComposePort>();
            foreach (var p in ports)
            {
                int at2 = unique.FindIndex(u => (u.HostIP ?? "0.0.0.0") == (p.HostIP ?? "0.0.0.0") && u.Published == p.Published && u.Target == p.Target && u.Protocol == p.Protocol);
                if (at2 >= 0) unique[at2] = p; else unique.Add(p);
            }
            return unique;
        }

        private List<ComposeServiceVolume> Mounts(string service, YamlNode node, string at)
        {
            if (!node.IsSeq) throw TypeError(at, node, "a list");
            var mounts = new List<ComposeServiceVolume>();
            for (int i = 0; i < node.Items!.Count; i++)
            {
                YamlNode item = node.Items[i];
                string ip = $"{at}[{i}]";
                ComposeServiceVolume mount = item.IsScalar && !item.IsNull ? ShortMount(item, ip)
                    : item.IsMap ? LongMount(item, ip)
                    : throw TypeError(ip, item, "a volume string (like \"data:/var/lib/data\") or a mapping with type, source, target");
                if (mount.Type == "volume" && mount.Source is not null) _dependencyNodes[$"{service}\nvolume.{mount.Source}"] = item;
                int existing = mounts.FindIndex(m => m.Target == mount.Target);
                if (existing >= 0) mounts[existing] = mount; else mounts.Add(mount);
            }
            return mounts;
        }

        private ComposeServiceVolume ShortMount(YamlNode item, string at)
        {
            string text = item.Text;
            string[] parts = text.Split(':');
            if (parts.Any(p => p.Length == 0) || parts.Length > 3) throw ValueError(at, item, $"'{text}' is not [source:]target[:mode]");
            if (parts.Length == 1)
                return new ComposeServiceVolume { Type = "volume", Target = CheckTarget(parts[0], item, at) };
            string source = parts[0];
            string target = CheckTarget(parts[1], item, at);
            bool bind = source.StartsWith('.') || source.StartsWith('/') || source.StartsWith('~');
            bool readOnly = false;
            string? selinux = null, propagation = null, consistency = null;
            bool? noCopy = null;
            if (parts.Length == 3)
            {
                foreach (string option in parts[2].Split(','))
                {
                    switch (option)
                    {
                        case "ro": readOnly = true; break;
                        case "rw": readOnly = false; break;
                        case "z" or "Z": selinux = option; break;
                        case "nocopy": noCopy = true; break;
                        case "shared" or "rshared" or "slave" or "rslave" or "private" or "rprivate": propagation = option; break;
                        case "consistent" or "cached" or "delegated": consistency = option; break;
                        default: throw ValueError(at, item, $"unknown volume option '{option}' (use ro, rw, z, Z, nocopy, a propagation or a consistency)");
                    }
                }
            }
            if (bind)
                return new ComposeServiceVolume
                {
                    Type = "bind", Source = Abs(source), Target = target, ReadOnly = readOnly, Consistency = consistency,
                    Propagation = propagation, CreateHostPath = true, SELinux = selinux,
                };
            return new ComposeServiceVolume { Type = "volume", Source = source, Target = target, ReadOnly = readOnly, Consistency = consistency, NoCopy = noCopy };
        }

        private static string CheckTarget(string target, YamlNode item, string at)
        {
            if (!target.StartsWith('/')) throw ValueError(at, item, $"the container path '{target}' is not absolute");
            return target;
        }

        private ComposeServiceVolume LongMount(YamlNode item, string at)
        {
            CheckKeys(item, at, new HashSet<string> { "type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs", "image" });
            string type = item["type"] is { IsNull: false } t ? Str(t, at + ".type")! : "volume";
            if (type is not ("bind" or "volume" or "tmpfs" or "npipe" or "cluster" or "image"))
                throw ValueError(at + ".type", item["type"]!, $"'{type}' is not bind, volume, tmpfs, npipe, cluster or image");
            string target = item["target"] is { IsNull: false } tg ? Str(tg, at + ".target")! : throw ValueError(at, item, "'target' is required");
            string? source = item["source"] is { IsNull: false } s ? Str(s, at + ".source") : null;
            if (type == "bind")
            {
                if (source is null) throw ValueError(at, item, "a bind mount needs a 'source'");
                source = Abs(source);
            }
            YamlNode? bind = item["bind"] is { IsMap: true } b ? b : null;
            YamlNode? volume = item["volume"] is { IsMap: true } v ? v : null;
            YamlNode? tmpfs = item["tmpfs"] is { IsMap: true } tm ? tm : null;
            return new ComposeServiceVolume
            {
                Type = type,
                Source = source,
                Target = target,
                ReadOnly = item["read_only"] is { IsNull: false } ro && Bool(ro, at + ".read_only"),
                Consistency = item["consistency"] is { IsNull: false } c ? Str(c, at + ".consistency") : null,
                Propagation = bind?["propagation"] is { IsNull: false } p ? Str(p, at + ".bind.propagation") : null,
                CreateHostPath = bind?["create_host_path"] is { IsNull: false } ch ? Bool(ch, at + ".bind.create_host_path") : null,
                SELinux = bind?["selinux"] is { IsNull: false } se ? Str(se, at + ".bind.selinux") : null,
                NoCopy = volume?["nocopy"] is { IsNull: false } nc ? Bool(nc, at + ".volume.nocopy") : null,
                Subpath = volume?["subpath"] is { IsNull: false } sp ? Str(sp, at + ".volume.subpath") : null,
                TmpfsSize = tmpfs?["size"] is { IsNull: false } sz ? Size(sz, at + ".tmpfs.size") : null,
                TmpfsMode = tmpfs?["mode"] is { IsNull: false } md ? FileMode(md, at + ".tmpfs.mode") : null,
            };
        }

        private ComposeServiceNetwork ServiceNetwork(YamlNode node, string at)
        {
            if (node.IsNull) return new ComposeServiceNetwork();
            if (!node.IsMap) throw TypeError(at, node, "null or a mapping");
            CheckKeys(node, at, new HashSet<string> { "aliases", "ipv4_address", "ipv6_address", "link_local_ips", "mac_address", "priority", "gw_priority", "driver_opts", "interface_name" });
            return new ComposeServiceNetwork
            {
                Aliases = node["aliases"] is { IsNull: false } a ? Strings(a, at + ".aliases").Distinct().ToList() : Array.Empty<string>(),
                Ipv4Address = node["ipv4_address"] is { IsNull: false } v4 ? Str(v4, at + ".ipv4_address") : null,
                Ipv6Address = node["ipv6_address"] is { IsNull: false } v6 ? Str(v6, at + ".ipv6_address") : null,
                LinkLocalIps = node["link_local_ips"] is { IsNull: false } ll ? Strings(ll, at + ".link_local_ips") : Array.Empty<string>(),
                MacAddress = node["mac_address"] is { IsNull: false } m ? Str(m, at + ".mac_address") : null,
                Priority = node["priority"] is { IsNull: false } p ? (int)Int(p, at + ".priority") : null,
            };
        }

        private ComposeHealthcheck Healthcheck(YamlNode node, string at)
        {
            if (!node.IsMap) throw TypeError(at, node, "a mapping");
            CheckKeys(node, at, new HashSet<string> { "test", "interval", "timeout", "retries", "start_period", "start_interval", "disable" });
            bool disable = node["disable"] is { IsNull: false } d && Bool(d, at + ".disable");
            IReadOnlyList<string> test = Array.Empty<string>();
            if (node["test"] is { IsNull: false } t)
            {
                if (t.IsScalar) test = new[] { "CMD-SHELL", t.Text };
                else
                {
                    test = Strings(t, at + ".test");
                    if (test.Count > 0 && test[0] is not ("CMD" or "CMD-SHELL" or "NONE"))
                        throw ValueError(at + ".test", t, "a list must start with \"CMD\", \"CMD-SHELL\" or \"NONE\"");
                }
            }
            if (test.Count > 0 && test[0] == "NONE") disable = true;
            if (disable) return new ComposeHealthcheck { Disable = true, Test = new[] { "NONE" } };
            return new ComposeHealthcheck
            {
                Test = test,
                Interval = node["interval"] is { IsNull: false } i ? Duration(i, at + ".interval") : null,
                Timeout = node["timeout"] is { IsNull: false } to ? Duration(to, at + ".timeout") : null,
                Retries = node["retries"] is { IsNull: false } r ? (int)Int(r, at + ".retries") : null,
                StartPeriod = node["start_period"] is { IsNull: false } sp ? Duration(sp, at + ".start_period") : null,
                StartInterval = node["start_interval"] is { IsNull: false } si ? Duration(si, at + ".start_interval") : null,
            };
        }

        private ComposeLogging Logging(YamlNode node, string at)
        {
            if (!node.IsMap) throw TypeError(at, node, "a mapping");
            CheckKeys(node, at, new HashSet<string> { "driver", "options" });
            return new ComposeLogging
            {
                Driver = node["driver"] is { IsNull: false } d ? Str(d, at + ".driver") : null,
                Options = node["options"] is { IsNull: false } o ? Labels(o, at + ".options") : ComposeMap<string>.Empty,
            };
        }

        private List<ComposeFileReference> FileReferences(YamlNode node, string at, string defaultDir)
        {
            if (!node.IsSeq) throw TypeError(at, node, "a list");
            var list = new List<ComposeFileReference>();
            for (int i = 0; i < node.Items!.Count; i++)
            {
                YamlNode item = node.Items[i];
                string ip = $"{at}[{i}]";
                ComposeFileReference reference;
                if (item.IsScalar && !item.IsNull) reference = new ComposeFileReference { Source = item.Text };
                else if (item.IsMap)
                {
                    CheckKeys(item, ip, new HashSet<string> { "source", "target", "uid", "gid", "mode" });
                    reference = new ComposeFileReference
                    {
                        Source = item["source"] is { IsNull: false } s ? Str(s, ip + ".source")! : throw ValueError(ip, item, "'source' is required"),
                        Target = item["target"] is { IsNull: false } t ? Str(t, ip + ".target") : null,
                        Uid = item["uid"] is { IsNull: false } u ? Str(u, ip + ".uid") : null,
                        Gid = item["gid"] is { IsNull: false } g ? Str(g, ip + ".gid") : null,
                        Mode = item["mode"] is { IsNull: false } m ? FileMode(m, ip + ".mode") : null,
                    };
                }
                else throw TypeError(ip, item, "a name or a mapping with source, target, uid, gid, mode");
                string key = reference.Target ?? defaultDir + reference.Source;
                int existing = list.FindIndex(r => (r.Target ?? defaultDir + r.Source) == key);
                if (existing >= 0) list[existing] = reference; else list.Add(reference);
            }
            return list;
        }

        private List<string> ExtraHosts(YamlNode node, string at)
        {
            var hosts = new List<string>();
            if (node.IsMap)
            {
                foreach (var (host, ip) in node.Entries)
                {
                    if (ip.IsSeq) hosts.AddRange(Strings(ip, $"{at}.{host}").Select(x => $"{host}:{x}"));
                    else hosts.Add($"{host}:{Str(ip, $"{at}.{host}")}");
                }
            }
            else
            {
                foreach (string entry in StringOrStrings(node, at))
                {
                    // compose accepts host=ip and host:ip; the engine takes host:ip.
                    int eq = entry.IndexOf('=');
                    hosts.Add(eq > 0 ? entry[..eq] + ":" + entry[(eq + 1)..] : entry);
                }
            }
            return hosts.Distinct().ToList();
        }

        private List<string> Devices(YamlNode node, string at)
        {
            if (!node.IsSeq) throw TypeError(at, node, "a list");
            var list = new List<string>();
            for (int i = 0; i < node.Items!.Count; i++)
            {
                YamlNode item = node.Items[i];
                string text = item.IsMap
                    ? $"{Str(item["source"] ?? YamlNode.Null(item), $"{at}[{i}].source")}:{Str(item["target"] ?? YamlNode.Null(item), $"{at}[{i}].target")}{(item["permissions"] is { IsNull: false } p ? ":" + p.Text : "")}"
                    : Str(item, $"{at}[{i}]") ?? throw TypeError($"{at}[{i}]", item, "a device");
                list.Add(text);
            }
            return list.Distinct().ToList();
        }

        private ComposeMap<ComposeUlimit> Ulimits(YamlNode node, string at)
        {
            if (!node.IsMap) throw TypeError(at, node, "a mapping");
            var map = new ComposeMap<ComposeUlimit>();
            foreach (var (name, value) in node.Entries)
            {
                string up = $"{at}.{name}";
                if (value.IsMap)
                {
                    CheckKeys(value, up, new HashSet<string> { "soft", "hard" });
                    long soft = Int(value["soft"] ?? throw ValueError(up, value, "'soft' is required"), up + ".soft");
                    long hard = Int(value["hard"] ?? throw ValueError(up, value, "'hard' is required"), up + ".hard");
                    map.Set(name, new ComposeUlimit(soft, hard));
                }
                else
                {
                    long v = Int(value, up);
                    map.Set(name, new ComposeUlimit(v, v));
                }
            }
            return map;
        }

        // ---- top-level resources ----

        private ComposeNetwork Network(string key, YamlNode node)
        {
            string at = $"networks.{key}";
            if (node.IsNull) return new ComposeNetwork { Key = key, Name = projectName + "_" + key };
            if (!node.IsMap) throw TypeError(at, node, "null or a mapping");
            CheckKeys(node, at, NetworkKeys);
            (bool external, string? externalName) = External(node, at);
            string? name = node["name"] is { IsNull: false } n ? Str(n, at + ".name") : externalName;
            ComposeIpam? ipam = null;
            if (node["ipam"] is { IsNull: false } ip)
            {
                if (!ip.IsMap) throw TypeError(at + ".ipam", ip, "a mapping");
                CheckKeys(ip, at + ".ipam", new HashSet<string> { "driver", "config", "options" });
                var pools = new List<ComposeIpamPool>();
                if (ip["config"] is { IsNull: false } cfg)
                {
                    if (!cfg.IsSeq) throw TypeError(at + ".ipam.config", cfg, "a list");
                    for (int i = 0; i < cfg.Items!.Count; i++)
                    {
                        YamlNode pool = cfg.Items[i];
                        string pp = $"{at}.ipam.config[{i}]";
                        if (!pool.IsMap) throw TypeError(pp, pool, "a mapping");
                        CheckKeys(pool, pp, new HashSet<string> { "subnet", "ip_range", "gateway", "aux_addresses" });
                        pools.Add(new ComposeIpamPool
                        {
                            Subnet = pool["subnet"] is { IsNull: false } s ? Str(s, pp + ".subnet") : null,
                            IpRange = pool["ip_range"] is { IsNull: false } r ? Str(r, pp + ".ip_range") : null,
                            Gateway = pool["gateway"] is { IsNull: false } g ? Str(g, pp + ".gateway") : null,
                            AuxAddresses = pool["aux_addresses"] is { IsNull: false } a ? Labels(a, pp + ".aux_addresses") : ComposeMap<string>.Empty,
                        });
                    }
                }
                ipam = new ComposeIpam
                {
                    Driver = ip["driver"] is { IsNull: false } d ? Str(d, at + ".ipam.driver") : null,
                    Config = pools,
                    Options = ip["options"] is { IsNull: false } o ? Labels(o, at + ".ipam.options") : ComposeMap<string>.Empty,
                };
            }
            return new ComposeNetwork
            {
                Key = key,
                Name = name ?? (external ? key : projectName + "_" + key),
                Driver = node["driver"] is { IsNull: false } dr ? Str(dr, at + ".driver") : null,
                DriverOpts = node["driver_opts"] is { IsNull: false } dop ? Labels(dop, at + ".driver_opts") : ComposeMap<string>.Empty,
                External = external,
                Internal = node["internal"] is { IsNull: false } it && Bool(it, at + ".internal"),
                Attachable = node["attachable"] is { IsNull: false } att && Bool(att, at + ".attachable"),
                EnableIpv6 = node["enable_ipv6"] is { IsNull: false } v6 ? Bool(v6, at + ".enable_ipv6") : null,
                Ipam = ipam,
                Labels = node["labels"] is { IsNull: false } l ? Labels(l, at + ".labels") : ComposeMap<string>.Empty,
            };
        }

        private ComposeVolume Volume(string key, YamlNode node)
        {
            string at = $"volumes.{key}";
            if (node.IsNull) return new ComposeVolume { Key = key, Name = projectName + "_" + key };
            if (!node.IsMap) throw TypeError(at, node, "null or a mapping");
            CheckKeys(node, at, VolumeKeys);
            (bool external, string? externalName) = External(node, at);
            string? name = node["name"] is { IsNull: false } n ? Str(n, at + ".name") : externalName;
            return new ComposeVolume
            {
                Key = key,
                Name = name ?? (external ? key : projectName + "_" + key),
                Driver = node["driver"] is { IsNull: false } d ? Str(d, at + ".driver") : null,
                DriverOpts = node["driver_opts"] is { IsNull: false } o ? Labels(o, at + ".driver_opts") : ComposeMap<string>.Empty,
                External = external,
                Labels = node["labels"] is { IsNull: false } l ? Labels(l, at + ".labels") : ComposeMap<string>.Empty,
            };
        }

        private ComposeMap<ComposeFileObject> FileObjects(YamlNode? node, string kind)
        {
            var map = new ComposeMap<ComposeFileObject>();
            if (node is not { IsMap: true }) return map;
            foreach (var (key, value) in node.Entries)
            {
                string at = $"{kind}.{key}";
                if (!value.IsMap) throw TypeError(at, value, "a mapping");
                CheckKeys(value, at, FileObjectKeys);
                (bool external, string? externalName) = External(value, at);
                string? environment = value["environment"] is { IsNull: false } e ? Str(e, at + ".environment") : null;
                string? content = value["content"] is { IsNull: false } c ? Str(c, at + ".content") : environment is not null ? context.Lookup(environment) : null;
                map.Set(key, new ComposeFileObject
                {
                    Key = key,
                    Name = (value["name"] is { IsNull: false } n ? Str(n, at + ".name") : externalName) ?? (external ? key : projectName + "_" + key),
                    File = value["file"] is { IsNull: false } f ? Abs(Str(f, at + ".file")!) : null,
                    Environment = environment,
                    Content = content,
                    External = external,
                    Labels = value["labels"] is { IsNull: false } l ? Labels(l, at + ".labels") : ComposeMap<string>.Empty,
                });
            }
            return map;
        }

        private (bool External, string? Name) External(YamlNode node, string at)
        {
            if (node["external"] is not { IsNull: false } ext) return (false, null);
            if (ext.IsMap)
            {
                context.Warn($"{at}: external.name is deprecated; use name: and external: true.");
                return (true, ext["name"] is { IsNull: false } n ? Str(n, at + ".external.name") : null);
            }
            return (Bool(ext, at + ".external"), null);
        }

        // ---- scalar conversions ----

        private static void CheckKeys(YamlNode node, string at, HashSet<string> allowed)
        {
            foreach (var (key, value) in node.Entries)
            {
                if (allowed.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal)) continue;
                throw new ComposeException(ComposeErrorKind.InvalidValue, $"{at}: unknown key '{key}' (allowed: {string.Join(", ", allowed.Order())}).",
                    value.File, value.Line, value.Column, $"{at}.{key}");
            }
        }

        private static string? Str(YamlNode node, string at)
        {
            if (!node.IsScalar) throw TypeError(at, node, "a string");
            return node.IsNull ? null : node.Text;
        }

        private bool Bool(YamlNode node, string at)
        {
            if (!node.IsScalar) throw TypeError(at, node, "a boolean");
            object? value = ComposeYaml.Resolve(node);
            if (value is bool b) return b;
            switch (node.Text.ToLowerInvariant())
            {
                case "true": return true;
                case "false": return false;
                case "y" or "yes" or "on":
                    context.Warn($"{at}: \"{node.Text}\" for a boolean is not supported by YAML 1.2, please use `true`.");
                    return true;
                case "n" or "no" or "off":
                    context.Warn($"{at}: \"{node.Text}\" for a boolean is not supported by YAML 1.2, please use `false`.");
                    return false;
            }
            throw TypeError(at, node, "a boolean (true or false)");
        }

        private static long Int(YamlNode node, string at)
        {
            if (!node.IsScalar) throw TypeError(at, node, "a number");
            object? value = node.Plain ? ComposeYaml.Resolve(node) : node.Text;
            if (value is long l) return l;
            if (value is string s && long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)) return parsed;
            throw TypeError(at, node, "a whole number");
        }

        private static double Double(YamlNode node, string at)
        {
            if (!node.IsScalar) throw TypeError(at, node, "a number");
            object? value = node.Plain ? ComposeYaml.Resolve(node) : node.Text;
            if (value is long l) return l;
            if (value is double d) return d;
            if (value is string s && double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)) return parsed;
            throw TypeError(at, node, "a number");
        }

        private static long Size(YamlNode node, string at)
        {
            if (!node.IsScalar || node.IsNull) throw TypeError(at, node, "a size (like 512m or 1g)");
            if (node.Plain && ComposeYaml.Resolve(node) is long bytes) return bytes;
            try { return ComposeValues.ParseSize(node.Text); }
            catch (FormatException ex) { throw ValueError(at, node, ex.Message); }
        }

        private static TimeSpan Duration(YamlNode node, string at)
        {
            if (!node.IsScalar || node.IsNull) throw TypeError(at, node, "a duration (like 30s or 1m30s)");
            try { return ComposeValues.ParseDuration(node.Text); }
            catch (FormatException ex) { throw ValueError(at, node, ex.Message); }
        }

        /// <summary>A file mode: a YAML number is taken as it resolves (0755 and 0o755 are octal, 493 decimal); a string is octal ("0755", "755").</summary>
        private static int FileMode(YamlNode node, string at)
        {
            if (node.Plain && ComposeYaml.Resolve(node) is long l) return (int)l;
            try { return Convert.ToInt32(node.Text.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? node.Text[2..] : node.Text, 8); }
            catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
            {
                throw ValueError(at, node, $"'{node.Text}' is not a file mode (an octal number like 0755 or \"0440\")");
            }
        }

        private static List<string> Strings(YamlNode node, string at)
        {
            if (!node.IsSeq) throw TypeError(at, node, "a list of strings");
            var list = new List<string>(node.Items!.Count);
            for (int i = 0; i < node.Items.Count; i++)
            {
                YamlNode item = node.Items[i];
                if (!item.IsScalar || item.IsNull) throw TypeError($"{at}[{i}]", item, "a string");
                list.Add(item.Text);
            }
            return list;
        }

        private static List<string> StringOrStrings(YamlNode node, string at)
            => node.IsScalar && !node.IsNull ? new List<string> { node.Text } : Strings(node, at);

        private static ComposeMap<string> Labels(YamlNode node, string at)
        {
            var map = new ComposeMap<string>();
            foreach (var (k, v) in ComposeMerge.ToKeyValueMap(node, at).Entries)
            {
                if (!v.IsScalar) throw TypeError($"{at}.{k}", v, "a string");
                map.Set(k, v.IsNull ? "" : v.Text);
            }
            return map;
        }

        private static ComposeMap<object?> Extensions(YamlNode node)
        {
            var map = new ComposeMap<object?>();
            foreach (var (k, v) in node.Entries)
                if (k.StartsWith("x-", StringComparison.Ordinal)) map.Set(k, ToPlain(v));
            return map;
        }

        /// <summary>A YAML node as plain values: sorted maps, lists, and resolved scalars.</summary>
        internal static object? ToPlain(YamlNode node)
        {
            switch (node.Kind)
            {
                case YamlKind.Map:
                    var map = new ComposeCanonical.PlainMap();
                    foreach (var (k, v) in node.Entries) map[k] = ToPlain(v);
                    return map;
                case YamlKind.Seq:
                    return node.Items!.Select(ToPlain).ToList();
                default:
                    return ComposeYaml.Resolve(node);
            }
        }
    }
}
