using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PSDocker.Core.Compose;

/// <summary>
/// A read-only map from names to values that keeps the order the entries were added in (the order of the compose file,
/// or sorted where compose sorts). Looks up names ordinally (compose names are case-sensitive). It is also a read-only
/// <see cref="IDictionary"/>, so PowerShell reads entries as properties (<c>$project.Services.web</c>) and shows it as a table of names and values.
/// </summary>
public sealed class ComposeMap<TValue> : IReadOnlyDictionary<string, TValue>, IDictionary
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

    /// <summary>The non-generic enumeration gives <see cref="DictionaryEntry"/> items, as a hashtable's do, so PowerShell shows a Name/Value table.</summary>
    IEnumerator IEnumerable.GetEnumerator() => new Enumerator(GetEnumerator());

    // ---- IDictionary, read-only ----

    bool IDictionary.IsFixedSize => true;
    bool IDictionary.IsReadOnly => true;
    ICollection IDictionary.Keys => _keys.ToArray();
    ICollection IDictionary.Values => Values.ToArray();
    bool ICollection.IsSynchronized => false;
    object ICollection.SyncRoot => _values;

    object? IDictionary.this[object key]
    {
        get => key is string k && _values.TryGetValue(k, out var v) ? v : null;
        set => throw ReadOnly();
    }

    bool IDictionary.Contains(object key) => key is string k && _values.ContainsKey(k);
    void IDictionary.Add(object key, object? value) => throw ReadOnly();
    void IDictionary.Clear() => throw ReadOnly();
    void IDictionary.Remove(object key) => throw ReadOnly();

    void ICollection.CopyTo(Array array, int index)
    {
        foreach (var (key, value) in this) array.SetValue(new DictionaryEntry(key, value), index++);
    }

    IDictionaryEnumerator IDictionary.GetEnumerator() => new Enumerator(GetEnumerator());

    private static NotSupportedException ReadOnly() => new("A compose map is read-only.");

    private sealed class Enumerator(IEnumerator<KeyValuePair<string, TValue>> inner) : IDictionaryEnumerator
    {
        public DictionaryEntry Entry => new(inner.Current.Key, inner.Current.Value);
        public object Key => inner.Current.Key;
        public object? Value => inner.Current.Value;
        public object Current => Entry;
        public bool MoveNext() => inner.MoveNext();
        public void Reset() => inner.Reset();
    }

    /// <summary>The names, comma-separated (how a map shows in a table cell).</summary>
    public override string ToString() => string.Join(", ", _keys);
}
