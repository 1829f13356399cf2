using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PSDocker.Core.Json;

namespace PSDocker.Core.Transport;

/// <summary>
/// Builds an API path with its query string: <c>containers/json?all=1&amp;filters=…</c>. Values are escaped, null values
/// are left out, booleans are written as the API wants them (<c>1</c>/<c>0</c> for its flags, <c>true</c>/<c>false</c> where
/// the API reads a JSON boolean), and <c>filters</c> is the JSON map of string → string[] every list and prune call takes.
/// </summary>
/// <example><code>
/// string path = new Query("containers/json").Flag("all", options.All).Filters(options.Filters);
/// </code></example>
public sealed class Query
{
    private readonly StringBuilder _text;
    private bool _hasQuery;

    /// <param name="path">The path without a query, already escaped (for example <c>containers/web/stop</c>).</param>
    public Query(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('?')) throw new ArgumentException("Give the path without a query; add parameters with Add.", nameof(path));
        _text = new StringBuilder(path);
    }

    /// <summary>Adds <c>key=value</c>, escaped; a null value adds nothing.</summary>
    public Query Add(string key, string? value)
    {
        if (value is null) return this;
        _text.Append(_hasQuery ? '&' : '?').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        _hasQuery = true;
        return this;
    }

    /// <summary>Adds <c>key=value</c> when the string is not null or empty.</summary>
    public Query AddIfNotEmpty(string key, string? value) => string.IsNullOrEmpty(value) ? this : Add(key, value);

    /// <summary>Adds an integer; null adds nothing.</summary>
    public Query Add(string key, long? value) => value is long v ? Add(key, v.ToString(CultureInfo.InvariantCulture)) : this;

    /// <summary>Adds each value as its own <c>key=value</c> (repeated keys, as <c>t=</c> on /build).</summary>
    public Query AddEach(string key, IEnumerable<string> values)
    {
        foreach (string value in values) Add(key, value);
        return this;
    }

    /// <summary>A flag the API reads as <c>1</c> or <c>0</c> (<c>all</c>, <c>force</c>, <c>stdout</c>…), always written.</summary>
    public Query Flag(string key, bool value) => Add(key, value ? "1" : "0");

    /// <summary>A flag written as <c>key=1</c> only when set; the engine's default (false) otherwise.</summary>
    public Query FlagIfSet(string key, bool value) => value ? Add(key, "1") : this;

    /// <summary>A boolean the API reads as <c>true</c>/<c>false</c>; null adds nothing.</summary>
    public Query Bool(string key, bool? value) => value is bool b ? Add(key, b ? "true" : "false") : this;

    /// <summary>
    /// The <c>filters</c> parameter: a JSON object of string → string[] (<c>{"label":["a=b"],"status":["exited"]}</c>).
    /// Null or empty adds nothing.
    /// </summary>
    public Query Filters(IReadOnlyDictionary<string, IReadOnlyList<string>>? filters)
        => filters is null || filters.Count == 0 ? this : Add("filters", SerializeFilters(filters));

    /// <summary>A parameter whose value is JSON (<c>buildargs</c>, <c>labels</c> on /build); null adds nothing.</summary>
    public Query Json<T>(string key, T? value, JsonTypeInfo<T> type)
        => value is null ? this : Add(key, JsonSerializer.Serialize(value, type));

    /// <summary>The filters JSON the API expects.</summary>
    public static string SerializeFilters(IReadOnlyDictionary<string, IReadOnlyList<string>> filters)
    {
        var dict = filters.ToDictionary(kv => kv.Key, kv => kv.Value.ToList());
        return JsonSerializer.Serialize(dict, DockerJsonContext.Default.DictionaryStringListString);
    }

    /// <summary>The path and query.</summary>
    public override string ToString() => _text.ToString();

    public static implicit operator string(Query query) => query.ToString();
}
