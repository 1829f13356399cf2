using System.Collections;
using System.Globalization;
using System.Management.Automation;
using PSDocker.Core.Containers;

namespace PSDocker.Commands;

/// <summary>Turns docker's --mount text and hashtables into <see cref="MountSpec"/>s (checked later, with the other parameters).</summary>
public sealed class MountTransformationAttribute : ArgumentTransformationAttribute
{
    private static readonly Dictionary<string, string> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Type"] = "type", ["Source"] = "source", ["Src"] = "source", ["Target"] = "target", ["Destination"] = "target", ["Dst"] = "target",
        ["ReadOnly"] = "readonly", ["Ro"] = "readonly", ["Consistency"] = "consistency",
        ["BindPropagation"] = "bind-propagation", ["BindNonRecursive"] = "bind-nonrecursive",
        ["VolumeNoCopy"] = "volume-nocopy", ["VolumeDriver"] = "volume-driver", ["VolumeLabel"] = "volume-label", ["VolumeOpt"] = "volume-opt",
        ["VolumeOption"] = "volume-opt", ["TmpfsSize"] = "tmpfs-size", ["TmpfsMode"] = "tmpfs-mode",
    };

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        if (value is IList list and not IDictionary)
            return list.Cast<object?>().Select(One).ToArray();
        return new[] { One(value) };
    }

    private static MountSpec One(object? item)
    {
        object? value = item is PSObject pso ? pso.BaseObject : item;
        try
        {
            return value switch
            {
                MountSpec spec => spec,
                string text => MountSpec.Parse(text),
                IDictionary table => MountSpec.Parse(ToText(table)),
                _ => throw new FormatException($"Invalid mount '{value}': give docker's --mount text, a hashtable or a MountSpec."),
            };
        }
        catch (FormatException ex)
        {
            throw new ArgumentTransformationMetadataException(ex.Message, ex);
        }
    }

    /// <summary>A hashtable as --mount text; keys are PascalCase (TmpfsSize) or docker's own (tmpfs-size).</summary>
    private static string ToText(IDictionary table)
    {
        var fields = new List<string>();
        foreach (DictionaryEntry e in table)
        {
            string raw = e.Key?.ToString() ?? "";
            string key = Keys.TryGetValue(raw, out string? mapped) ? mapped : raw.ToLowerInvariant();
            object? v = e.Value is PSObject p ? p.BaseObject : e.Value;
            if (v is IDictionary pairs && key is "volume-label" or "volume-opt")
            {
                foreach (DictionaryEntry pair in pairs) fields.Add($"{key}={pair.Key}={pair.Value}");
                continue;
            }
            string text = v switch
            {
                bool b => b ? "true" : "false",
                SwitchParameter s => s.IsPresent ? "true" : "false",
                null => "",
                _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
            };
            fields.Add(key + "=" + text);
        }
        return string.Join(',', fields.Select(f => f.Contains(',') || f.Contains('"') ? "\"" + f.Replace("\"", "\"\"") + "\"" : f));
    }
}
