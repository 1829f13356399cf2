using System.Text.Json.Serialization;

namespace PSDocker.Core.Containers;

/// <summary>Options of <see cref="ContainerOperations.StatsAsync"/> (<c>docker stats</c>).</summary>
public sealed record ContainerStatsOptions
{
    /// <summary>Keep sending a sample a second (Docker; Podman every few seconds) until cancelled (<c>docker stats</c> without <c>--no-stream</c>).</summary>
    public bool Stream { get; init; }
}

/// <summary>
/// The arithmetic of <c>docker stats</c>: CPU percent from the delta between two CPU readings, memory without the
/// inactive page cache, network and block I/O summed over interfaces and devices.
/// </summary>
public static class StatsCalculator
{
    /// <summary>The sample as a <see cref="ContainerStatistic"/>, its CPU percent taken against <paramref name="previous"/> when given, else against the sample's own <c>precpu_stats</c>.</summary>
    internal static ContainerStatistic ToStatistic(StatsDto sample, CpuStatsDto? previous, string endpoint)
    {
        CpuStatsDto cpu = sample.CpuStats ?? new CpuStatsDto();
        long usage = MemoryUsage(sample.MemoryStats);
        long limit = sample.MemoryStats?.Limit ?? 0;
        (long received, long sent) = Network(sample.Networks);
        (long read, long written) = BlockIo(sample.BlkioStats);
        return new ContainerStatistic
        {
            Id = sample.Id ?? "",
            Name = (sample.Name ?? "").TrimStart('/'),
            Read = sample.Read is { Year: > 1 } t ? t.ToUniversalTime() : null,
            CpuPercent = CpuPercent(cpu, previous ?? sample.PreCpuStats),
            MemoryUsage = usage,
            MemoryLimit = limit,
            MemoryPercent = limit > 0 ? usage * 100.0 / limit : 0,
            NetworkReceived = received,
            NetworkSent = sent,
            BlockRead = read,
            BlockWritten = written,
            Pids = sample.PidsStats?.Current ?? 0,
            OnlineCpus = OnlineCpus(cpu),
            Endpoint = endpoint,
        };
    }

    /// <summary>
    /// CPU use between two readings in percent of one CPU: the container's share of the host's CPU time over the interval,
    /// times the number of online CPUs. Zero without an earlier reading, or when either delta is not positive (the first sample, a stopped container).
    /// </summary>
    internal static double CpuPercent(CpuStatsDto current, CpuStatsDto? previous)
    {
        // No earlier reading (a one-shot sample's zeroed precpu_stats): the counters since boot are not a delta, so 0.
        if (previous is null || previous.SystemCpuUsage is null or 0) return 0;
        double cpuDelta = (double)(current.CpuUsage?.TotalUsage ?? 0) - (previous.CpuUsage?.TotalUsage ?? 0);
        double systemDelta = (double)(current.SystemCpuUsage ?? 0) - (previous.SystemCpuUsage ?? 0);
        if (cpuDelta <= 0 || systemDelta <= 0) return 0;
        return cpuDelta / systemDelta * OnlineCpus(current) * 100.0;
    }

    private static int OnlineCpus(CpuStatsDto cpu)
        => cpu.OnlineCpus is > 0 and var n ? (int)n : cpu.CpuUsage?.PercpuUsage?.Count ?? 0;

    /// <summary>
    /// Memory in use without the page cache the kernel can drop: usage minus <c>total_inactive_file</c> (cgroup v1) or
    /// <c>inactive_file</c> (cgroup v2), when that is smaller than the usage; the usage as is otherwise (Podman sends no breakdown).
    /// </summary>
    internal static long MemoryUsage(MemoryStatsDto? memory)
    {
        if (memory is null) return 0;
        long usage = memory.Usage;
        Dictionary<string, ulong>? stats = memory.Stats;
        if (stats is null) return usage;
        if (stats.TryGetValue("total_inactive_file", out ulong v1) && v1 < (ulong)usage) return usage - (long)v1;
        if (!stats.ContainsKey("total_inactive_file") && stats.TryGetValue("inactive_file", out ulong v2) && v2 < (ulong)usage) return usage - (long)v2;
        return usage;
    }

    private static (long Received, long Sent) Network(Dictionary<string, NetworkStatsDto>? networks)
    {
        long rx = 0, tx = 0;
        foreach (NetworkStatsDto n in networks?.Values ?? Enumerable.Empty<NetworkStatsDto>())
        {
            rx += n.RxBytes;
            tx += n.TxBytes;
        }
        return (rx, tx);
    }

    /// <summary>Bytes read and written, summed over devices from <c>io_service_bytes_recursive</c> (its Read and Write rows).</summary>
    private static (long Read, long Written) BlockIo(BlkioStatsDto? blkio)
    {
        long read = 0, written = 0;
        foreach (BlkioEntryDto e in blkio?.IoServiceBytesRecursive ?? new List<BlkioEntryDto>())
        {
            if (string.IsNullOrEmpty(e.Op)) continue;
            switch (char.ToLowerInvariant(e.Op[0]))
            {
                case 'r': read += e.Value; break;
                case 'w': written += e.Value; break;
            }
        }
        return (read, written);
    }

    /// <summary>True when the sample carries no earlier CPU reading to take a delta against (Podman's one-shot samples).</summary>
    internal static bool LacksPreviousCpu(StatsDto sample)
        => sample.PreCpuStats?.SystemCpuUsage is null or 0 || sample.PreCpuStats.CpuUsage?.TotalUsage is null or 0;
}

internal sealed class StatsDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("read")] public DateTime? Read { get; set; }
    [JsonPropertyName("preread")] public DateTime? PreRead { get; set; }
    [JsonPropertyName("pids_stats")] public PidsStatsDto? PidsStats { get; set; }
    [JsonPropertyName("blkio_stats")] public BlkioStatsDto? BlkioStats { get; set; }
    [JsonPropertyName("cpu_stats")] public CpuStatsDto? CpuStats { get; set; }
    [JsonPropertyName("precpu_stats")] public CpuStatsDto? PreCpuStats { get; set; }
    [JsonPropertyName("memory_stats")] public MemoryStatsDto? MemoryStats { get; set; }
    [JsonPropertyName("networks")] public Dictionary<string, NetworkStatsDto>? Networks { get; set; }
}

internal sealed class PidsStatsDto
{
    [JsonPropertyName("current")] public long? Current { get; set; }
}

internal sealed class BlkioStatsDto
{
    [JsonPropertyName("io_service_bytes_recursive")] public List<BlkioEntryDto>? IoServiceBytesRecursive { get; set; }
}

internal sealed class BlkioEntryDto
{
    [JsonPropertyName("op")] public string? Op { get; set; }
    [JsonPropertyName("value")] public long Value { get; set; }
}

internal sealed class CpuStatsDto
{
    [JsonPropertyName("cpu_usage")] public CpuUsageDto? CpuUsage { get; set; }
    [JsonPropertyName("system_cpu_usage")] public ulong? SystemCpuUsage { get; set; }
    [JsonPropertyName("online_cpus")] public uint? OnlineCpus { get; set; }
}

internal sealed class CpuUsageDto
{
    [JsonPropertyName("total_usage")] public ulong TotalUsage { get; set; }
    [JsonPropertyName("percpu_usage")] public List<ulong>? PercpuUsage { get; set; }
}

internal sealed class MemoryStatsDto
{
    [JsonPropertyName("usage")] public long Usage { get; set; }
    [JsonPropertyName("limit")] public long Limit { get; set; }
    [JsonPropertyName("stats")] public Dictionary<string, ulong>? Stats { get; set; }
}

internal sealed class NetworkStatsDto
{
    [JsonPropertyName("rx_bytes")] public long RxBytes { get; set; }
    [JsonPropertyName("tx_bytes")] public long TxBytes { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(StatsDto))]
internal sealed partial class StatsJsonContext : JsonSerializerContext
{
}
