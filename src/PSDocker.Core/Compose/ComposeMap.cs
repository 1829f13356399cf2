using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PSDocker.Core.Compose;

/// <summary>
/// A read-only map from names to values that keeps the order the entries were added in (the order of the compose file,
/// or sorted where compose sorts). Looks up names ordinally (compose names are case-sensitive).
/// </summary>
public sealed class ComposeMap<TValue> : IReadOnlyDictionary<string, TValue>
{
    private readonly Dictionary<string, TValue> _values = new(StringComparer.Ordinal);
    private readonly List<string> _keys = new();

    /// <summary>An empty map.</summary>
    public static ComposeMap<TValue> Empty { get; } = new();

    public ComposeMap() { }

    public ComposeMap(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        foreach (var (key, value) in entries) Set(key, value);
    }

    /// <summary>Adds or replaces an entry (a replaced entry keeps its place).</summary>
    internal void Set(string key, TValue value)
    {
        if (!_values.ContainsKey(key)) _keys.Add(key);
        _values[key] = value;
    }

    public TValue this[string key] => _values[key];
    public IEnumerable<string> Keys => _keys;
    public IEnumerable<TValue> Values => _keys.Select(k => _values[k]);
    public int Count => _keys.Count;
    public bool ContainsKey(string key) => _values.ContainsKey(key);
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        foreach (string key in _keys) yield return new KeyValuePair<string, TValue>(key, _values[key]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The names, comma-separated (how a map shows in a table cell).</summary>
    public override string ToString() => string.Join(", ", _keys);
}
