using System.Collections;
using System.Collections.ObjectModel;

namespace PSDocker;

/// <summary>
/// A read-only list whose text is its items joined by ", ", so that Export-Csv and [string] give
/// <c>127.0.0.1:8080-&gt;80/tcp, 443/tcp</c> rather than a type name. Indexing, Count and enumeration work as on any list.
/// </summary>
public sealed class TextList<T> : ReadOnlyCollection<T>
{
    /// <summary>Wraps a copy of <paramref name="items"/>.</summary>
    public TextList(IEnumerable<T> items) : base(items.ToArray()) { }

    /// <summary>The items joined by ", ".</summary>
    public override string ToString() => string.Join(", ", this);

    internal static IReadOnlyList<T> Of(IReadOnlyList<T> items) => items as TextList<T> ?? new TextList<T>(items);

    internal static IReadOnlyList<T>? OfNullable(IReadOnlyList<T>? items) => items is null ? null : Of(items);
}

/// <summary>
/// A read-only map (labels, options) whose text is <c>key=value</c> pairs in key order joined by ", ", so that Export-Csv
/// and [string] give <c>app=web, tier=front</c>. Lookups by key, Keys and enumeration work as on any dictionary.
/// </summary>
public sealed class TextMap<TValue> : ReadOnlyDictionary<string, TValue>
{
    /// <summary>Wraps a copy of <paramref name="items"/>.</summary>
    public TextMap(IEnumerable<KeyValuePair<string, TValue>> items) : base(new Dictionary<string, TValue>(items)) { }

    /// <summary>The pairs as <c>key=value</c>, in key order, joined by ", "; a list value's items are joined by spaces.</summary>
    public override string ToString()
        => string.Join(", ", this.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + Text(p.Value)));

    private static string Text(TValue value)
        => value is IEnumerable items and not string ? string.Join(" ", items.Cast<object?>()) : value?.ToString() ?? "";

    internal static IReadOnlyDictionary<string, TValue> Of(IReadOnlyDictionary<string, TValue> items) => items as TextMap<TValue> ?? new TextMap<TValue>(items);

    internal static IReadOnlyDictionary<string, TValue>? OfNullable(IReadOnlyDictionary<string, TValue>? items) => items is null ? null : Of(items);
}
