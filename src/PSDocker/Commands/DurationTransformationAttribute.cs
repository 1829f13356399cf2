using System.Collections;
using System.Globalization;
using System.Management.Automation;
using PSDocker.Core.Containers;

namespace PSDocker.Commands;

/// <summary>Turns Go durations ('30s', '1m30s', '500ms') and numbers of seconds into TimeSpans.</summary>
public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        switch (value)
        {
            case TimeSpan:
                return value;
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal:
                // PowerShell reads an unquoted 30s as the number 30 (the s suffix makes a short), so numbers are seconds.
                return TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case string text:
                try { return GoDuration.Parse(text); }
                catch (FormatException)
                {
                    if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span)) return span;
                    throw new ArgumentTransformationMetadataException($"'{text}' is not a duration: use '30s', '1m30s', '500ms', a number of seconds, or a TimeSpan.");
                }
            default:
                return inputData;
        }
    }
}
