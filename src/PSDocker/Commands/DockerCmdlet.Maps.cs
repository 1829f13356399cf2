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
}
