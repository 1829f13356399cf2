using System.Globalization;
using System.Text.RegularExpressions;

namespace PSDocker.Core.Containers;

/// <summary>Checks of resource limits before they are sent (<c>docker run</c> and <c>docker update</c> take the same ones).</summary>
public static partial class ResourceLimits
{
    /// <summary>The smallest memory limit the engine accepts: 6 MiB.</summary>
    public const long MinimumMemory = 6 * 1024 * 1024;

    /// <summary>Null when the memory limit is acceptable, else why not.</summary>
    public static ArgumentException? CheckMemory(long? memory)
        => memory is long m && m < MinimumMemory
            ? new ArgumentOutOfRangeException("Memory", m, $"-Memory {m} is below the engine's minimum of 6MB ({MinimumMemory} bytes).")
            : null;

    /// <summary>Null when the memory-plus-swap limit is acceptable (-1 for unlimited, else at least the memory limit), else why not.</summary>
    public static ArgumentException? CheckMemorySwap(long? swap, long? memory)
    {
        if (swap is not long s || s == -1) return null;
        if (s < MinimumMemory)
            return new ArgumentOutOfRangeException("MemorySwap", s, $"-MemorySwap {s} must be -1 (unlimited swap) or at least 6MB: it is memory plus swap.");
        if (memory is long m && s < m)
            return new ArgumentOutOfRangeException("MemorySwap", s, $"-MemorySwap {s} is below -Memory {m}: it is memory plus swap, so give at least the memory limit (or -1 for unlimited swap).");
        return null;
    }

    /// <summary>Null when the CPU count is acceptable (more than 0, at most 9 decimal places), else why not.</summary>
    public static ArgumentException? CheckCpus(double? cpus)
    {
        if (cpus is not double c) return null;
        string text = c.ToString(CultureInfo.InvariantCulture);
        if (!(c > 0) || double.IsInfinity(c))
            return new ArgumentOutOfRangeException("Cpus", c, $"-Cpus {text} must be more than 0, such as 0.5 or 2.");
        double nano = c * 1e9;
        return Math.Abs(nano - Math.Round(nano)) > 1e-3 ? new ArgumentException($"-Cpus {text} is too precise: at most 9 decimal places.") : null;
    }

    /// <summary>Null when the CPU set is a list of CPU numbers and ranges (<c>0-3</c>, <c>0,2</c>), else why not.</summary>
    public static ArgumentException? CheckCpuset(string? cpuset)
        => cpuset is null || CpusetPattern().IsMatch(cpuset) ? null
            : new ArgumentException($"-CpusetCpus '{cpuset}' is not a CPU list: use CPU numbers and ranges such as 0-3 or 0,2.");

    [GeneratedRegex(@"\A\d+(-\d+)?(,\d+(-\d+)?)*\z")]
    private static partial Regex CpusetPattern();
}
