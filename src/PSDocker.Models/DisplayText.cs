using System.Globalization;

namespace PSDocker;

/// <summary>
/// Durations and sizes worded as the docker CLI words them (the rules of its go-units package), for the module's views:
/// <c>[PSDocker.DisplayText]::Size($image.Size)</c> is "43.9MB", <c>[PSDocker.DisplayText]::Ago($image.Created)</c> is "2 weeks ago".
/// </summary>
public static class DisplayText
{
    private static readonly string[] DecimalUnits = { "B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" };

    /// <summary>A rough duration: "Less than a second", "1 second", "About a minute", "5 minutes", "About an hour", "3 days", "2 weeks", "4 months", "2 years".</summary>
    public static string Duration(TimeSpan duration)
    {
        int seconds = (int)duration.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return $"{seconds} seconds";
        int minutes = (int)duration.TotalMinutes;
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return $"{minutes} minutes";
        int hours = (int)(duration.TotalHours + 0.5);
        if (hours == 1) return "About an hour";
        if (hours < 48) return $"{hours} hours";
        if (hours < 24 * 7 * 2) return $"{hours / 24} days";
        if (hours < 24 * 30 * 2) return $"{hours / 24 / 7} weeks";
        if (hours < 24 * 365 * 2) return $"{hours / 24 / 30} months";
        // go-units divides the unrounded hours here, which says "1 years" for the half hour before two years: use the rounded ones.
        return $"{hours / 24 / 365} years";
    }

    /// <summary>How long ago a local time was: "About a minute ago"; empty for an unknown (default) time.</summary>
    public static string Ago(DateTime time) => Ago(time, DateTime.Now);

    /// <summary>How long before <paramref name="now"/> a time was.</summary>
    public static string Ago(DateTime time, DateTime now) => time == default ? "" : Duration(now - time) + " ago";

    /// <summary>A size in decimal (SI) units with three significant digits, as <c>docker images</c> shows it: "43.9MB", "5.24kB", "812B".</summary>
    public static string Size(long bytes) => Size((double)bytes);

    /// <inheritdoc cref="Size(long)"/>
    public static string Size(double bytes)
    {
        if (bytes < 0) return "";
        int unit = 0;
        while (bytes >= 1000 && unit < DecimalUnits.Length - 1)
        {
            bytes /= 1000;
            unit++;
        }
        // Three significant digits, no exponent and no trailing zeros (Go's %.3g): 999.95 rounds to "1e+03" there; "1000" here.
        string digits = bytes >= 100 ? Math.Round(bytes).ToString("0", CultureInfo.InvariantCulture)
            : bytes >= 10 ? Math.Round(bytes, 1).ToString("0.#", CultureInfo.InvariantCulture)
            : Math.Round(bytes, 2).ToString("0.##", CultureInfo.InvariantCulture);
        return digits + DecimalUnits[unit];
    }
}
