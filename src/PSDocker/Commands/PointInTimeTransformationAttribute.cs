using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;

namespace PSDocker.Commands;

/// <summary>Converts a TimeSpan, or text such as '10m', '2h', '3d', '45s', '1h30m', into a point in time that far back; a Unix timestamp ('1700000000.5') into that time.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed partial class PointInTimeTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject pso ? pso.BaseObject : inputData;
        switch (value)
        {
            case TimeSpan span:
                return DateTime.Now - span.Duration();
            case int or long or double or decimal:
                // PowerShell reads an unquoted 45s or 3d as a number before the cmdlet sees it.
                throw new ArgumentTransformationMetadataException($"'{value}' is a number, not a point in time: quote durations ('45s', '10m', '2h', '3d'), or give a DateTime or a TimeSpan.");
            case string text when text.Length > 1 && char.IsAsciiLetter(text[^1]) && double.TryParse(text[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double n):
                TimeSpan ago = char.ToLowerInvariant(text[^1]) switch
                {
                    's' => TimeSpan.FromSeconds(n),
                    'm' => TimeSpan.FromMinutes(n),
                    'h' => TimeSpan.FromHours(n),
                    'd' => TimeSpan.FromDays(n),
                    _ => throw new ArgumentTransformationMetadataException($"'{text}' is not a duration: use a number followed by s, m, h or d, a TimeSpan, or a DateTime."),
                };
                return DateTime.Now - ago;
            case string text when UnixTimestamp().Match(text.Trim()) is { Success: true } unix:
                // docker's other form: seconds since 1970 with optional nanoseconds ('1700000000.5').
                long seconds = long.Parse(unix.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                long ticks = unix.Groups[2].Success ? long.Parse(unix.Groups[2].Value.PadRight(9, '0')[..7], System.Globalization.CultureInfo.InvariantCulture) : 0;
                return DateTime.UnixEpoch.AddSeconds(seconds).AddTicks(ticks).ToLocalTime();
            case string text:
                // Go's compound durations, as docker's --since takes them ('1h30m', '500ms').
                try { return DateTime.Now - GoDuration.Parse(text).Duration(); }
                catch (FormatException) { return inputData; }
            default:
                return inputData;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\A(\d{9,11})(?:\.(\d{1,9}))?\z")]
    private static partial System.Text.RegularExpressions.Regex UnixTimestamp();
}
