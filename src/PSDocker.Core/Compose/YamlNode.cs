namespace PSDocker.Core.Compose;

internal enum YamlKind { Scalar, Map, Seq }

/// <summary>
/// A node of a parsed compose file: a scalar (text, and whether it was plain so that YAML 1.2 types apply), a mapping
/// (ordered string keys) or a sequence. Carries where it came from for error messages, and the <c>!reset</c>/<c>!override</c> tags.
/// </summary>
internal sealed class YamlNode
{
    public YamlKind Kind { get; private init; }
    public string Text { get; set; } = "";

    /// <summary>True for an unquoted, untagged scalar: its text resolves to null, bool, int or float per YAML 1.2 (as compose-go reads it).</summary>
    public bool Plain { get; set; }
    public string? Tag { get; set; }
    public string? File { get; set; }
    public int Line { get; set; }
    public int Column { get; set; }

    private List<string>? _keys;
    private Dictionary<string, YamlNode>? _map;
    public List<YamlNode>? Items { get; private init; }

    public static YamlNode Scalar(string text, bool plain, YamlNode? at = null)
        => new() { Kind = YamlKind.Scalar, Text = text, Plain = plain, File = at?.File, Line = at?.Line ?? 0, Column = at?.Column ?? 0 };

    public static YamlNode Map(YamlNode? at = null)
        => new() { Kind = YamlKind.Map, _keys = new(), _map = new(StringComparer.Ordinal), File = at?.File, Line = at?.Line ?? 0, Column = at?.Column ?? 0 };

    public static YamlNode Seq(YamlNode? at = null)
        => new() { Kind = YamlKind.Seq, Items = new(), File = at?.File, Line = at?.Line ?? 0, Column = at?.Column ?? 0 };

    public static YamlNode Null(YamlNode? at = null) => Scalar("", plain: true, at);

    public bool IsMap => Kind == YamlKind.Map;
    public bool IsSeq => Kind == YamlKind.Seq;
    public bool IsScalar => Kind == YamlKind.Scalar;

    /// <summary>A plain null scalar ("", "~", "null").</summary>
    public bool IsNull => Kind == YamlKind.Scalar && Plain && Tag is null && Text is "" or "~" or "null" or "Null" or "NULL";

    public IReadOnlyList<string> Keys => _keys!;
    public int Count => IsMap ? _keys!.Count : IsSeq ? Items!.Count : 0;

    public YamlNode? this[string key] => _map!.TryGetValue(key, out var v) ? v : null;
    public bool Has(string key) => _map!.ContainsKey(key);

    public IEnumerable<KeyValuePair<string, YamlNode>> Entries
    {
        get { foreach (string k in _keys!) yield return new(k, _map![k]); }
    }

    public void Set(string key, YamlNode value)
    {
        if (!_map!.ContainsKey(key)) _keys!.Add(key);
        _map[key] = value;
    }

    public bool Remove(string key)
    {
        if (!_map!.Remove(key)) return false;
        _keys!.Remove(key);
        return true;
    }

    /// <summary>A deep copy (anchors shared by aliases are copied, so merging never changes another place).</summary>
    public YamlNode Clone()
    {
        YamlNode copy = Kind switch
        {
            YamlKind.Map => Map(this),
            YamlKind.Seq => Seq(this),
            _ => Scalar(Text, Plain, this),
        };
        copy.Tag = Tag;
        if (IsMap) foreach (var (k, v) in Entries) copy.Set(k, v.Clone());
        if (IsSeq) foreach (var item in Items!) copy.Items!.Add(item.Clone());
        return copy;
    }

    /// <summary>"a mapping", "a list", "a string"… for error messages.</summary>
    public string Describe() => Kind switch
    {
        YamlKind.Map => "a mapping",
        YamlKind.Seq => "a list",
        _ when IsNull => "null",
        _ => ComposeYaml.Resolve(this) switch
        {
            bool => "a boolean",
            long => "a number",
            double => "a number",
            _ => "a string",
        },
    };
}
