using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;

namespace PSDocker.Commands;

/// <summary>Converts a TimeSpan, or text such as '10m', '2h', '3d', '45s', into a point in time that far back.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PointInTimeTransformationAttribute : ArgumentTransformationAttribute
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
            default:
                return inputData;
        }
    }
}
