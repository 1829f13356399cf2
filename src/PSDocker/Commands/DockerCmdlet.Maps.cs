using System.Collections;
using System.Management.Automation;
using PSDocker.Errors;

namespace PSDocker.Commands;

public abstract partial class DockerCmdlet
{
    /// <summary>A hashtable parameter (@{ key = 'value' }) as text pairs; an empty key is a terminating <paramref name="errorId"/> error.</summary>
    protected Dictionary<string, string> ReadStringMap(Hashtable? table, string errorId)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in table ?? new Hashtable())
        {
            string key = e.Key?.ToString() ?? "";
            if (key.Length == 0) ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException("A name in the hashtable is empty."), errorId, key));
            result[key] = e.Value is null ? "" : LanguagePrimitives.ConvertTo<string>(e.Value);
        }
        return result;
    }

    /// <summary>
    /// An -Environment hashtable as the engine's sorted NAME=value list; a name that is empty or holds '=' is a terminating
    /// InvalidEnvironment error.
    /// </summary>
    protected IReadOnlyList<string> ReadEnvironment(Hashtable? table)
    {
        Dictionary<string, string> map = ReadStringMap(table, "InvalidEnvironment");
        foreach (string key in map.Keys)
            if (key.Contains('='))
                ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException($"Invalid environment variable name '{key}': it must contain no '='."), "InvalidEnvironment", key));
        return map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}").ToArray();
    }
}
