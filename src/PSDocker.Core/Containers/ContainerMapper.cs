using System.Globalization;
using System.Text.RegularExpressions;
using PSDocker.Core.Images;
using PSDocker.Core.Json;

namespace PSDocker.Core.Containers;

/// <summary>Maps the engine's wire shapes to PSDocker's models.</summary>
internal static partial class ContainerMapper
{
    public static Container FromSummary(ContainerSummaryDto dto, string endpoint, string? context = null)
    {
        ContainerState state = ContainerStateMapper.FromEngine(dto.State);
        return new Container
        {
            Id = dto.Id,
            Name = FirstName(dto.Names),
            Image = ImageMapper.Familiar(dto.Image ?? ""),
            ImageId = dto.ImageID ?? "",
            Command = dto.Command ?? "",
            Created = DateTimeOffset.FromUnixTimeSeconds(dto.Created).LocalDateTime,
            State = state,
            Status = dto.Status ?? "",
            Health = state == ContainerState.Running ? ContainerHealthMapper.FromStatusText(dto.Status) : ContainerHealth.None,
            ExitCode = state is ContainerState.Stopped or ContainerState.Dead ? ExitCodeFromStatus(dto.Status) : null,
            Ports = MapPorts(dto.Ports),
            Labels = dto.Labels ?? Container.EmptyLabels,
            Mounts = MapMounts(dto.Mounts),
            Endpoint = endpoint,
            Context = context,
        };
    }

    public static Container FromInspect(ContainerInspectDto dto, string endpoint, string? context = null)
    {
        ContainerStateDto st = dto.State ?? new ContainerStateDto();
        ContainerState state = ContainerStateMapper.FromEngine(st.Status);
        ContainerConfigDto config = dto.Config ?? new ContainerConfigDto();
        HostConfigDto host = dto.HostConfig ?? new HostConfigDto();
        DateTime? started = ParseTime(st.StartedAt);
        DateTime? finished = ParseTime(st.FinishedAt);
        var args = dto.Args ?? new List<string>();
        // Worded as Docker's list words it: an argument with a space in it is in single quotes (sh -c 'exit 7').
        string command = string.Join(' ', new[] { dto.Path ?? "" }.Concat(args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a)).Where(s => s.Length > 0));

        return new Container
        {
            Id = dto.Id,
            Name = (dto.Name ?? "").TrimStart('/'),
            Image = ImageMapper.Familiar(config.Image ?? ""),
            ImageId = dto.Image ?? "",
            Command = command,
            Created = ParseTime(dto.Created) ?? default,
            State = state,
            Status = StatusText(state, st, started, finished) + HealthSuffix(state, st.Health),
            Health = state is ContainerState.Running ? ContainerHealthMapper.FromEngine(st.Health?.Status) : ContainerHealth.None,
            HealthFailingStreak = st.Health is { } health ? health.FailingStreak : null,
            HealthOutput = st.Health?.Log is { Count: > 0 } log ? log[^1].Output?.TrimEnd() : null,
            NetworkAliases = dto.NetworkSettings?.Networks?.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)(kv.Value.Aliases ?? new List<string>())),
            ExitCode = state is ContainerState.Created or ContainerState.Running or ContainerState.Paused ? null : st.ExitCode,
            Ports = MapPorts(config.ExposedPorts, dto.NetworkSettings?.Ports is { Count: > 0 } live ? live : host.PortBindings),
            Labels = config.Labels ?? Container.EmptyLabels,
            Mounts = MapMounts(dto.Mounts),
            Endpoint = endpoint,
            Context = context,
            IsDetailed = true,
            StartedAt = started,
            FinishedAt = finished,
            Pid = st.Pid > 0 ? st.Pid : null,
            Environment = config.Env ?? new List<string>(),
            Entrypoint = config.Entrypoint ?? new List<string>(),
            Arguments = config.Cmd ?? new List<string>(),
            RestartPolicy = host.RestartPolicy is { Name: { Length: > 0 } name } rp
                ? (name == "on-failure" && rp.MaximumRetryCount > 0 ? $"on-failure:{rp.MaximumRetryCount}" : name) : "no",
            RestartCount = dto.RestartCount,
            AutoRemove = host.AutoRemove,
            Tty = config.Tty,
            Interactive = config.OpenStdin,
            WorkingDirectory = config.WorkingDir ?? "",
            User = config.User ?? "",
            Hostname = config.Hostname ?? "",
            NetworkMode = host.NetworkMode,
            IPAddresses = dto.NetworkSettings?.Networks?.ToDictionary(kv => kv.Key, kv => kv.Value.IPAddress ?? "") ?? new Dictionary<string, string>(),
            OomKilled = st.OOMKilled,
            Error = string.IsNullOrEmpty(st.Error) ? null : st.Error,
            Platform = dto.Platform,
        };
    }

    /// <summary>The name without its leading '/'; the shortest when a legacy link gave it several.</summary>
    internal static string FirstName(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0) return "";
        string best = names[0];
        foreach (string n in names)
            if (n.Count(c => c == '/') < best.Count(c => c == '/')) best = n;
        return best.TrimStart('/');
    }

    /// <summary>The exit code in a status text such as "Exited (137) 5 seconds ago".</summary>
    internal static int? ExitCodeFromStatus(string? status)
    {
        if (status is null) return null;
        Match m = ExitedPattern().Match(status);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int code) ? code : null;
    }

    [GeneratedRegex(@"^Exited \((-?\d+)\)")]
    private static partial Regex ExitedPattern();

    internal static DateTime? ParseTime(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.StartsWith("0001-01-01", StringComparison.Ordinal)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset value) ? value.LocalDateTime : null;
    }

    private static string StatusText(ContainerState state, ContainerStateDto st, DateTime? started, DateTime? finished)
    {
        static string Ago(DateTime? t) => t is null ? "" : " " + Human(DateTime.Now - t.Value) + " ago";
        static string For(DateTime? t) => t is null ? "" : " " + Human(DateTime.Now - t.Value);
        return state switch
        {
            ContainerState.Running => "Up" + For(started),
            ContainerState.Paused => "Up" + For(started) + " (Paused)",
            ContainerState.Stopped => $"Exited ({st.ExitCode}){Ago(finished)}",
            ContainerState.Created => "Created",
            ContainerState.Restarting => $"Restarting ({st.ExitCode}){Ago(finished)}",
            ContainerState.Removing => "Removal In Progress",
            ContainerState.Dead => "Dead",
            _ => st.Status ?? "",
        };
    }

    /// <summary>The engine's list adds the health to a running container's status text; inspect data gets the same.</summary>
    private static string HealthSuffix(ContainerState state, HealthDto? health)
    {
        if (state != ContainerState.Running || health is null) return "";
        return ContainerHealthMapper.FromEngine(health.Status) switch
        {
            ContainerHealth.Healthy => " (healthy)",
            ContainerHealth.Unhealthy => " (unhealthy)",
            ContainerHealth.Starting => " (health: starting)",
            _ => "",
        };
    }

    /// <summary>Durations worded like the engine's status texts (its go-units HumanDuration).</summary>
    internal static string Human(TimeSpan d) => DisplayText.Duration(d);

    private static IReadOnlyList<PortBinding> MapPorts(List<PortDto>? ports)
    {
        if (ports is null || ports.Count == 0) return Array.Empty<PortBinding>();
        var list = new List<PortBinding>(ports.Count);
        foreach (PortDto p in ports)
            list.Add(new PortBinding(p.PrivatePort, p.Type ?? "tcp", p.IP, p.PublicPort));
        list.Sort(ComparePorts);
        return list;
    }

    private static IReadOnlyList<PortBinding> MapPorts(Dictionary<string, EmptyObject>? exposed, Dictionary<string, List<PortBindingDto>?>? bindings)
    {
        var list = new List<PortBinding>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (bindings is not null)
        {
            foreach ((string key, List<PortBindingDto>? hosts) in bindings)
            {
                (int port, string proto) = SplitPortKey(key);
                seen.Add(key);
                if (hosts is null || hosts.Count == 0)
                {
                    list.Add(new PortBinding(port, proto));
                    continue;
                }
                foreach (PortBindingDto h in hosts)
                {
                    int? hostPort = int.TryParse(h.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out int hp) ? hp : null;
                    list.Add(new PortBinding(port, proto, h.HostIp, hostPort));
                }
            }
        }
        if (exposed is not null)
        {
            foreach (string key in exposed.Keys)
            {
                if (seen.Contains(key)) continue;
                (int port, string proto) = SplitPortKey(key);
                list.Add(new PortBinding(port, proto));
            }
        }
        list.Sort(ComparePorts);
        return list;
    }

    private static int ComparePorts(PortBinding a, PortBinding b)
    {
        int c = a.ContainerPort.CompareTo(b.ContainerPort);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Protocol, b.Protocol);
        return c != 0 ? c : string.CompareOrdinal(a.HostIP, b.HostIP);
    }

    private static (int, string) SplitPortKey(string key)
    {
        int slash = key.IndexOf('/');
        string portText = slash < 0 ? key : key[..slash];
        string proto = slash < 0 ? "tcp" : key[(slash + 1)..];
        int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port);
        return (port, proto);
    }

    private static IReadOnlyList<ContainerMount> MapMounts(List<MountDto>? mounts)
    {
        if (mounts is null || mounts.Count == 0) return Array.Empty<ContainerMount>();
        return mounts.Select(m => new ContainerMount
        {
            Type = m.Type ?? "",
            Name = string.IsNullOrEmpty(m.Name) ? null : m.Name,
            Source = m.Source,
            Destination = m.Destination ?? "",
            Mode = m.Mode,
            ReadWrite = m.RW,
        }).ToArray();
    }
}
