using System.Globalization;
using System.Text.RegularExpressions;

namespace PSDocker.Core.Containers;

/// <summary>Sizes in docker's notation (<c>512m</c>, <c>1.5g</c>, <c>64MiB</c>, <c>1024</c>): binary units, as the CLI's <c>-m</c>, <c>--shm-size</c> and <c>tmpfs-size</c> read them.</summary>
public static partial class ByteSize
{
    /// <summary>Parses a size; a bare number is bytes; k, m, g, t, p (with optional i and b, any case) are powers of 1024.</summary>
    /// <exception cref="FormatException">Not a size, or too large.</exception>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Match m = SizePattern().Match(text.Trim());
        if (!m.Success)
            throw new FormatException($"'{text}' is not a size: use a number of bytes or a number with a unit, such as 512m, 1.5g or 64MiB.");
        decimal number = decimal.Parse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        int power = m.Groups[2].Success ? "kmgtp".IndexOf(char.ToLowerInvariant(m.Groups[2].Value[0])) + 1 : 0;
        decimal factor = 1;
        for (int i = 0; i < power; i++) factor *= 1024;
        decimal bytes = number * factor;
        if (bytes > long.MaxValue) throw new FormatException($"'{text}' is too large.");
        return (long)decimal.Truncate(bytes);
    }

    /// <summary>Formats bytes the short way (<c>512MiB</c>) when a unit divides them evenly, else as a number.</summary>
    public static string Format(long bytes)
    {
        string[] units = { "KiB", "MiB", "GiB", "TiB", "PiB" };
        string text = bytes.ToString(CultureInfo.InvariantCulture);
        long value = bytes;
        for (int i = 0; i < units.Length && value != 0 && value % 1024 == 0; i++)
        {
            value /= 1024;
            text = value.ToString(CultureInfo.InvariantCulture) + units[i];
        }
        return text;
    }

    [GeneratedRegex(@"\A(\d+(?:\.\d+)?) ?(?:([kKmMgGtTpP])[iI]?)?[bB]?\z")]
    private static partial Regex SizePattern();
}

/// <summary>Durations in Go's notation (<c>30s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1.5h</c>), as docker's <c>--health-interval</c> and compose files write them.</summary>
public static partial class GoDuration
{
    /// <summary>Parses a Go duration: a sequence of decimal numbers with units ns, us (µs), ms, s, m, h; <c>0</c> alone is zero.</summary>
    /// <exception cref="FormatException">Not a duration.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string value = text.Trim();
        if (value == "0") return TimeSpan.Zero;
        bool negative = value.StartsWith('-');
        if (negative || value.StartsWith('+')) value = value[1..];
        MatchCollection parts = PartPattern().Matches(value);
        if (value.Length == 0 || parts.Count == 0 || parts.Sum(p => p.Length) != value.Length)
            throw new FormatException($"'{text}' is not a duration: use a number with a unit, such as 30s, 1m30s, 500ms or 2h.");
        decimal ticks = 0;
        foreach (Match p in parts)
        {
            decimal number = decimal.Parse(p.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            decimal unit = p.Groups[2].Value switch
            {
                "ns" => 0.01m,
                "us" or "µs" or "μs" => 10m,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
            ticks += number * unit;
        }
        if (ticks > TimeSpan.MaxValue.Ticks) throw new FormatException($"'{text}' is too long.");
        var result = TimeSpan.FromTicks((long)decimal.Truncate(ticks));
        return negative ? -result : result;
    }

    /// <summary>Formats a duration the way Go prints it (<c>1m30s</c>, <c>500ms</c>).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        string sign = value < TimeSpan.Zero ? "-" : "";
        value = value.Duration();
        if (value < TimeSpan.FromSeconds(1))
            return sign + (value.Ticks % TimeSpan.TicksPerMillisecond == 0
                ? (value.Ticks / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture) + "ms"
                : (value.Ticks / 10m).ToString(CultureInfo.InvariantCulture) + "us");
        string text = "";
        if (value.TotalHours >= 1) text += ((long)value.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";
        if (value.TotalMinutes >= 1) text += value.Minutes.ToString(CultureInfo.InvariantCulture) + "m";
        decimal seconds = value.Seconds + (value.Ticks % TimeSpan.TicksPerSecond) / (decimal)TimeSpan.TicksPerSecond;
        return sign + text + seconds.ToString("0.#######", CultureInfo.InvariantCulture) + "s";
    }

    [GeneratedRegex(@"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")]
    private static partial Regex PartPattern();
}
