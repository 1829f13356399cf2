using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PSDocker.Core.Compose;

/// <summary>
/// The normalized form of a project or service as plain values (sorted maps of string keys, lists, strings, longs,
/// doubles, booleans) with compose's key names: what -AsYaml prints and what <see cref="ComposeService.ConfigHash"/> hashes.
/// Empty lists, empty maps and nulls are left out.
/// </summary>
public static class ComposeCanonical
{
    /// <summary>A map sorted ordinally, as the plain form uses.</summary>
    public sealed class PlainMap : SortedDictionary<string, object?>
    {
        public PlainMap() : base(StringComparer.Ordinal) { }
    }

    /// <summary>The plain form of a whole project (what <c>docker compose config</c> prints).</summary>
    public static PlainMap ToPlain(ComposeProject project)
    {
        var map = new PlainMap { ["name"] = project.Name };
        map.Put("services", ToMap(project.Services, s => ToPlain(s)));
        map.Put("networks", ToMap(project.Networks, Network));
        map.Put("volumes", ToMap(project.Volumes, Volume));
        map.Put("secrets", ToMap(project.Secrets, FileObject));
        map.Put("configs", ToMap(project.Configs, FileObject));
        foreach (var (k, v) in project.Extensions) map.Put(k, v);
        return map;
    }

    /// <summary>
    /// The plain form of one service. <paramref name="forHash"/> leaves out what compose v2 leaves out of its config hash:
    /// scale and deploy.replicas, build, pull_policy, depends_on and profiles.
    /// </summary>
    public static PlainMap ToPlain(ComposeService s, bool forHash = false)
    {
        var m = new PlainMap();
        m.Put("image", s.Image);
        if (!forHash && s.Build is { } b) m.Put("build", Build(b));
        m.Put("command", s.Command is null ? null : s.Command.Cast<object?>().ToList(), keepEmpty: true);
        m.Put("entrypoint", s.Entrypoint is null ? null : s.Entrypoint.Cast<object?>().ToList(), keepEmpty: true);
        m.Put("environment", ToMap(s.Environment, v => v));
        m.Put("env_file", s.EnvFile.Select(e => (object?)new PlainMap { ["path"] = e.Path, ["required"] = e.Required }).ToList());
        m.Put("ports", s.Ports.Select(p => (object?)Port(p)).ToList());
        m.Put("expose", Strings(s.Expose));
        m.Put("volumes", s.Volumes.Select(v => (object?)Mount(v)).ToList());
        m.Put("tmpfs", Strings(s.Tmpfs));
        m.Put("volumes_from", Strings(s.VolumesFrom));
        m.Put("networks", ToMap(s.Networks, ServiceNetwork), keepEmpty: false);
        m.Put("network_mode", s.NetworkMode);
        if (!forHash) m.Put("depends_on", ToMap(s.DependsOn, d => new PlainMap { ["condition"] = d.Condition, ["restart"] = d.Restart, ["required"] = d.Required }));
        m.Put("links", Strings(s.Links));
        if (s.Healthcheck is { } h) m.Put("healthcheck", Health(h));
        m.Put("labels", ToMap(s.Labels, v => v));
        m.Put("restart", s.Restart);
        if (!forHash && s.Scale is { } scale) m.Put("scale", (long)scale);
        if (!forHash) m.Put("profiles", Strings(s.Profiles));
        m.Put("container_name", s.ContainerName);
        m.Put("hostname", s.Hostname);
        m.Put("domainname", s.DomainName);
        m.Put("user", s.User);
        m.Put("working_dir", s.WorkingDir);
        m.Put("init", s.Init);
        if (s.Privileged) m.Put("privileged", true);
        if (s.ReadOnly) m.Put("read_only", true);
        if (s.Tty) m.Put("tty", true);
        if (s.StdinOpen) m.Put("stdin_open", true);
        m.Put("cap_add", Strings(s.CapAdd));
        m.Put("cap_drop", Strings(s.CapDrop));
        m.Put("extra_hosts", Strings(s.ExtraHosts));
        m.Put("dns", Strings(s.Dns));
        m.Put("dns_search", Strings(s.DnsSearch));
        m.Put("security_opt", Strings(s.SecurityOpt));
        m.Put("devices", Strings(s.Devices));
        m.Put("group_add", Strings(s.GroupAdd));
        m.Put("sysctls", ToMap(s.Sysctls, v => v));
        m.Put("ulimits", ToMap(s.Ulimits, u => new PlainMap { ["soft"] = u.Soft, ["hard"] = u.Hard }));
        m.Put("mem_limit", s.MemLimit);
        m.Put("mem_reservation", s.MemReservation);
        m.Put("cpus", s.Cpus);
        m.Put("shm_size", s.ShmSize);
        m.Put("stop_signal", s.StopSignal);
        m.Put("stop_grace_period", s.StopGracePeriod is { } g ? FormatDuration(g) : null);
        if (!forHash) m.Put("pull_policy", s.PullPolicy);
        m.Put("platform", s.Platform);
        m.Put("ipc", s.Ipc);
        m.Put("pid", s.Pid);
        m.Put("runtime", s.Runtime);
        m.Put("mac_address", s.MacAddress);
        if (s.Logging is { } l)
        {
            var lm = new PlainMap();
            lm.Put("driver", l.Driver);
            lm.Put("options", ToMap(l.Options, v => v));
            m.Put("logging", lm);
        }
        m.Put("secrets", s.Secrets.Select(r => (object?)FileReference(r)).ToList());
        m.Put("configs", s.Configs.Select(r => (object?)FileReference(r)).ToList());
        foreach (var (k, v) in s.Other)
        {
            if (forHash && k == "deploy" && v is IDictionary<string, object?> deploy && deploy.ContainsKey("replicas"))
            {
                var copy = new PlainMap();
                foreach (var (dk, dv) in deploy) if (dk != "replicas") copy[dk] = dv;
                m.Put(k, copy);
            }
            else m.Put(k, v);
        }
        foreach (var (k, v) in s.Extensions) m.Put(k, v);
        return m;
    }

    /// <summary>The SHA-256 (lowercase hex) of the service's canonical JSON (keys sorted, no whitespace).</summary>
    public static string Hash(ComposeService service)
    {
        byte[] json = ToJson(ToPlain(service, forHash: true));
        return Convert.ToHexString(SHA256.HashData(json)).ToLowerInvariant();
    }

    /// <summary>Compact JSON of a plain value, map keys in ordinal order.</summary>
    public static byte[] ToJson(object? plain)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            WriteJson(writer, plain);
        return stream.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case double d: w.WriteNumberValue(d); break;
            case IDictionary<string, object?> map:
                w.WriteStartObject();
                foreach (var key in map.Keys.OrderBy(k => k, StringComparer.Ordinal))
                {
                    w.WritePropertyName(key);
                    WriteJson(w, map[key]);
                }
                w.WriteEndObject();
                break;
            case IEnumerable<object?> list:
                w.WriteStartArray();
                foreach (var item in list) WriteJson(w, item);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>A duration as Go prints it (compose's form): "1m30s", "500ms", "1h0m0s", "0s".</summary>
    public static string FormatDuration(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        var sb = new StringBuilder();
        if (value < TimeSpan.Zero) { sb.Append('-'); value = value.Negate(); }
        if (value < TimeSpan.FromSeconds(1))
        {
            long ticks = value.Ticks; // 100 ns
            if (ticks % TimeSpan.TicksPerMillisecond == 0) return sb.Append(ticks / TimeSpan.TicksPerMillisecond).Append("ms").ToString();
            if (ticks % 10 == 0) return sb.Append(ticks / 10).Append("µs").ToString();
            return sb.Append(ticks * 100).Append("ns").ToString();
        }
        long hours = (long)value.TotalHours;
        if (hours > 0) sb.Append(hours).Append('h');
        if (hours > 0 || value.Minutes > 0) sb.Append(value.Minutes).Append('m');
        long fraction = value.Ticks % TimeSpan.TicksPerSecond;
        sb.Append(value.Seconds);
        if (fraction != 0) sb.Append('.').Append(fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0'));
        return sb.Append('s').ToString();
    }

    private static PlainMap Build(ComposeBuild b)
    {
        var m = new PlainMap { ["context"] = b.Context };
        m.Put("dockerfile", b.Dockerfile);
        m.Put("dockerfile_inline", b.DockerfileInline);
        m.Put("args", ToMap(b.Args, v => v));
        m.Put("target", b.Target);
        m.Put("labels", ToMap(b.Labels, v => v));
        m.Put("cache_from", Strings(b.CacheFrom));
        m.Put("network", b.Network);
        m.Put("extra_hosts", Strings(b.ExtraHosts));
        if (b.NoCache) m.Put("no_cache", true);
        if (b.Pull) m.Put("pull", true);
        m.Put("tags", Strings(b.Tags));
        m.Put("platforms", Strings(b.Platforms));
        foreach (var (k, v) in b.Other) m.Put(k, v);
        return m;
    }

    private static PlainMap Port(ComposePort p)
    {
        var m = new PlainMap { ["target"] = (long)p.Target, ["protocol"] = p.Protocol, ["mode"] = p.Mode };
        m.Put("published", p.Published);
        m.Put("host_ip", p.HostIP);
        m.Put("name", p.Name);
        m.Put("app_protocol", p.AppProtocol);
        return m;
    }

    private static PlainMap Mount(ComposeServiceVolume v)
    {
        var m = new PlainMap { ["type"] = v.Type, ["target"] = v.Target };
        m.Put("source", v.Source);
        if (v.ReadOnly) m.Put("read_only", true);
        m.Put("consistency", v.Consistency);
        if (v.Propagation is not null || v.CreateHostPath is not null || v.SELinux is not null)
        {
            var bind = new PlainMap();
            bind.Put("propagation", v.Propagation);
            bind.Put("create_host_path", v.CreateHostPath);
            bind.Put("selinux", v.SELinux);
            m.Put("bind", bind);
        }
        if (v.NoCopy is not null || v.Subpath is not null)
        {
            var vol = new PlainMap();
            vol.Put("nocopy", v.NoCopy);
            vol.Put("subpath", v.Subpath);
            m.Put("volume", vol);
        }
        if (v.TmpfsSize is not null || v.TmpfsMode is not null)
        {
            var t = new PlainMap();
            t.Put("size", v.TmpfsSize);
            t.Put("mode", v.TmpfsMode is { } mode ? (long)mode : null);
            m.Put("tmpfs", t);
        }
        return m;
    }

    private static object? ServiceNetwork(ComposeServiceNetwork n)
    {
        var m = new PlainMap();
        m.Put("aliases", Strings(n.Aliases));
        m.Put("ipv4_address", n.Ipv4Address);
        m.Put("ipv6_address", n.Ipv6Address);
        m.Put("link_local_ips", Strings(n.LinkLocalIps));
        m.Put("mac_address", n.MacAddress);
        m.Put("priority", n.Priority is { } p ? (long)p : null);
        return m.Count == 0 ? null : m;
    }

    private static PlainMap Health(ComposeHealthcheck h)
    {
        var m = new PlainMap();
        if (h.Disable) { m["disable"] = true; return m; }
        m.Put("test", Strings(h.Test));
        m.Put("interval", h.Interval is { } i ? FormatDuration(i) : null);
        m.Put("timeout", h.Timeout is { } t ? FormatDuration(t) : null);
        m.Put("retries", h.Retries is { } r ? (long)r : null);
        m.Put("start_period", h.StartPeriod is { } sp ? FormatDuration(sp) : null);
        m.Put("start_interval", h.StartInterval is { } si ? FormatDuration(si) : null);
        return m;
    }

    private static PlainMap Network(ComposeNetwork n)
    {
        var m = new PlainMap { ["name"] = n.Name };
        m.Put("driver", n.Driver);
        m.Put("driver_opts", ToMap(n.DriverOpts, v => v));
        if (n.External) m.Put("external", true);
        if (n.Internal) m.Put("internal", true);
        if (n.Attachable) m.Put("attachable", true);
        m.Put("enable_ipv6", n.EnableIpv6);
        if (n.Ipam is { } ipam)
        {
            var im = new PlainMap();
            im.Put("driver", ipam.Driver);
            im.Put("config", ipam.Config.Select(c =>
            {
                var cm = new PlainMap();
                cm.Put("subnet", c.Subnet);
                cm.Put("ip_range", c.IpRange);
                cm.Put("gateway", c.Gateway);
                cm.Put("aux_addresses", ToMap(c.AuxAddresses, v => v));
                return (object?)cm;
            }).ToList());
            im.Put("options", ToMap(ipam.Options, v => v));
            m.Put("ipam", im);
        }
        m.Put("labels", ToMap(n.Labels, v => v));
        return m;
    }

    private static PlainMap Volume(ComposeVolume v)
    {
        var m = new PlainMap { ["name"] = v.Name };
        m.Put("driver", v.Driver);
        m.Put("driver_opts", ToMap(v.DriverOpts, x => x));
        if (v.External) m.Put("external", true);
        m.Put("labels", ToMap(v.Labels, x => x));
        return m;
    }

    private static PlainMap FileObject(ComposeFileObject o)
    {
        var m = new PlainMap { ["name"] = o.Name };
        m.Put("file", o.File);
        m.Put("environment", o.Environment);
        m.Put("content", o.Content);
        if (o.External) m.Put("external", true);
        m.Put("labels", ToMap(o.Labels, x => x));
        return m;
    }

    private static PlainMap FileReference(ComposeFileReference r)
    {
        var m = new PlainMap { ["source"] = r.Source };
        m.Put("target", r.Target);
        m.Put("uid", r.Uid);
        m.Put("gid", r.Gid);
        m.Put("mode", r.Mode is { } mode ? (long)mode : null);
        return m;
    }

    private static List<object?> Strings(IEnumerable<string> values) => values.Cast<object?>().ToList();

    private static PlainMap ToMap<T>(IEnumerable<KeyValuePair<string, T>> map, Func<T, object?> convert)
    {
        var m = new PlainMap();
        foreach (var (k, v) in map) m[k] = convert(v);
        return m;
    }

    /// <summary>Sets a key unless the value is null or (unless <paramref name="keepEmpty"/>) an empty list or map.</summary>
    private static void Put(this PlainMap map, string key, object? value, bool keepEmpty = false)
    {
        switch (value)
        {
            case null: return;
            case System.Collections.ICollection { Count: 0 } when !keepEmpty: return;
            case int i: map[key] = (long)i; return;
            default: map[key] = value; return;
        }
    }
}
