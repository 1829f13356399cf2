namespace PSDocker;

/// <summary>One sample of a container's resource use, as a row of <c>docker stats</c>.</summary>
public sealed class ContainerStatistic
{
    /// <summary>The container's ID.</summary>
    public string Id { get; init; } = "";

    /// <summary>The container's name, without the leading '/'.</summary>
    public string Name { get; init; } = "";

    /// <summary>The first 12 characters of the ID.</summary>
    public string ShortId => Id.Length > 12 ? Id[..12] : Id;

    /// <summary>When the engine read the sample (UTC); null when the container is not running.</summary>
    public DateTime? Read { get; init; }

    /// <summary>CPU use since the previous sample, in percent of one CPU (200 is two CPUs busy), as docker computes it.</summary>
    public double CpuPercent { get; init; }

    /// <summary>Memory in use, without the inactive page cache (as <c>docker stats</c> shows it), in bytes.</summary>
    public long MemoryUsage { get; init; }

    /// <summary>The memory limit (the host's memory when the container has none), in bytes.</summary>
    public long MemoryLimit { get; init; }

    /// <summary><see cref="MemoryUsage"/> in percent of <see cref="MemoryLimit"/>.</summary>
    public double MemoryPercent { get; init; }

    /// <summary>Bytes received on every network interface.</summary>
    public long NetworkReceived { get; init; }

    /// <summary>Bytes sent on every network interface.</summary>
    public long NetworkSent { get; init; }

    /// <summary>Bytes read from block devices.</summary>
    public long BlockRead { get; init; }

    /// <summary>Bytes written to block devices.</summary>
    public long BlockWritten { get; init; }

    /// <summary>How many processes and threads run in the container.</summary>
    public long Pids { get; init; }

    /// <summary>How many CPUs the engine saw online.</summary>
    public int OnlineCpus { get; init; }

    /// <summary>The engine it came from.</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The name and CPU percentage.</summary>
    public override string ToString() => $"{Name} {CpuPercent:0.00}%";
}
