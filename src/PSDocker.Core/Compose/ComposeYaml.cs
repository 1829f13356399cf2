using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PSDocker.Core.Compose;

/// <summary>
/// Reads compose YAML into <see cref="YamlNode"/> trees as compose-go reads it: YAML 1.2 scalars (yes/on/no/off are strings;
/// 0755 is still octal, as go-yaml v3 keeps it), anchors and aliases, <c>&lt;&lt;</c> merge keys (keys of the mapping itself win,
/// then the merged mappings in the order listed), duplicate keys rejected, <c>!reset</c>/<c>!override</c> kept as tags.
/// </summary>
internal static partial class ComposeYaml
{
    private const int MaxNodes = 1_000_000;

    private const int CacheEntries = 32;
    private static readonly Dictionary<string, (string Text, List<YamlNode> Documents)> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="Read"/> through a small cache: a file whose text is the same as when it was last parsed gives copies of the
    /// trees parsed then (the text is compared whole, so a change of any character parses again).
    /// </summary>
    public static List<YamlNode> ReadCached(string text, string file)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(file, out var hit) && string.Equals(hit.Text, text, StringComparison.Ordinal))
                return hit.Documents.Select(d => d.Clone()).ToList();
        }
        List<YamlNode> documents = Read(text, file);
        var copies = documents.Select(d => d.Clone()).ToList();
        lock (Cache)
        {
            if (Cache.Count >= CacheEntries && !Cache.ContainsKey(file)) Cache.Clear();
            Cache[file] = (text, copies);
        }
        return documents;
    }

    /// <summary>Parses every document of <paramref name="text"/> (an empty document is an empty mapping).</summary>
    /// <exception cref="ComposeException">Invalid YAML (with line and column), or a duplicate key.</exception>
    public static List<YamlNode> Read(string text, string file)
    {
        var documents = new List<YamlNode>();
        var parser = new Parser(new StringReader(text));
        var state = new ReadState(file);
        try
        {
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                parser.Consume<DocumentStart>();
                state.Anchors.Clear();
                YamlNode root = parser.Accept<DocumentEnd>(out _) ? YamlNode.Map() : ReadNode(parser, state);
                parser.Consume<DocumentEnd>();
                documents.Add(root);
            }
            parser.Consume<StreamEnd>();
        }
        catch (YamlException ex)
        {
            string why = ex.InnerException?.Message ?? ex.Message;
            // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (…): "; the location goes into our own format.
            int cut = why.IndexOf("): ", StringComparison.Ordinal);
            if (why.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0) why = why[(cut + 3)..];
            throw new ComposeException(ComposeErrorKind.InvalidYaml, $"Invalid YAML: {why.TrimEnd('.')}.", file, (int)ex.Start.Line, (int)ex.Start.Column);
        }
        return documents;
    }

    private sealed class ReadState(string file)
    {
        public string File { get; } = file;
        public Dictionary<string, YamlNode> Anchors { get; } = new(StringComparer.Ordinal);
        public int Nodes;
    }

    private static YamlNode ReadNode(IParser parser, ReadState state)
    {
        if (++state.Nodes > MaxNodes)
            throw new ComposeException(ComposeErrorKind.InvalidYaml, $"The file has more than {MaxNodes} nodes (aliases expanding without end?).", state.File);
        ParsingEvent ev = parser.Current ?? throw new YamlException("unexpected end of the file");
        switch (ev)
        {
            case AnchorAlias alias:
            {
                parser.MoveNext();
                if (!state.Anchors.TryGetValue(alias.Value.Value, out var target))
                    throw new ComposeException(ComposeErrorKind.InvalidYaml, $"Invalid YAML: unknown anchor '{alias.Value.Value}'.", state.File, (int)alias.Start.Line, (int)alias.Start.Column);
                state.Nodes += 1;
                YamlNode copy = target.Clone();
                copy.Line = (int)alias.Start.Line;
                copy.Column = (int)alias.Start.Column;
                return copy;
            }
            case Scalar scalar:
            {
                parser.MoveNext();
                string? tag = TagOf(scalar.Tag);
                bool plain = scalar.Style == ScalarStyle.Plain && (tag is null || tag is "!reset" or "!override");
                var node = YamlNode.Scalar(scalar.Value, plain);
                if (tag is "tag:yaml.org,2002:str") tag = null;
                node.Tag = tag;
                Place(node, scalar, state);
                return node;
            }
            case SequenceStart start:
            {
                parser.MoveNext();
                var node = YamlNode.Seq();
                node.Tag = TagOf(start.Tag);
                Place(node, start, state);
                while (!parser.TryConsume<SequenceEnd>(out _))
                    node.Items!.Add(ReadNode(parser, state));
                return node;
            }
            case MappingStart start:
            {
                parser.MoveNext();
                var node = YamlNode.Map();
                node.Tag = TagOf(start.Tag);
                Place(node, start, state);
                var merges = new List<YamlNode>();
                var seenAt = new Dictionary<string, int>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    YamlNode key = ReadNode(parser, state);
                    YamlNode value = ReadNode(parser, state);
                    if (!key.IsScalar)
                        throw new ComposeException(ComposeErrorKind.InvalidYaml, "Invalid YAML: a mapping key must be a scalar.", state.File, key.Line, key.Column);
                    if (key.Text == "<<" && key.Plain)
                    {
                        merges.Add(value);
                        continue;
                    }
                    if (seenAt.TryGetValue(key.Text, out int line))
                        throw new ComposeException(ComposeErrorKind.InvalidYaml, $"Invalid YAML: mapping key '{key.Text}' already defined at line {line}.", state.File, key.Line, key.Column);
                    seenAt[key.Text] = key.Line;
                    node.Set(key.Text, value);
                }
                foreach (YamlNode merge in merges) ApplyMergeKey(node, merge, state);
                return node;
            }
            default:
                throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}");
        }
    }

    /// <summary>
    /// Applies one <c>&lt;&lt;</c>: a mapping, or a list of mappings of which the first listed wins. Keys of the mapping
    /// itself (and of earlier merges) are kept.
    /// </summary>
    private static void ApplyMergeKey(YamlNode node, YamlNode merge, ReadState state)
    {
        IEnumerable<YamlNode> sources = merge.IsSeq ? merge.Items! : new[] { merge };
        foreach (YamlNode source in sources)
        {
            if (!source.IsMap)
                throw new ComposeException(ComposeErrorKind.InvalidYaml, "Invalid YAML: the value of a merge key '<<' must be a mapping or a list of mappings.", state.File, source.Line, source.Column);
            foreach (var (k, v) in source.Entries)
            {
                if (node.Has(k)) continue;
                node.Set(k, v.Clone());
            }
        }
    }

    private static string? TagOf(TagName tag) => tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;

    private static void Place(YamlNode node, NodeEvent ev, ReadState state)
    {
        node.File = state.File;
        node.Line = (int)ev.Start.Line;
        node.Column = (int)ev.Start.Column;
        if (!ev.Anchor.IsEmpty) state.Anchors[ev.Anchor.Value] = node;
    }

    // ---- Scalar resolution (YAML 1.2 core schema, with go-yaml v3's 0777 octals) ----

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)$")]
    private static partial Regex DecimalInt();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatText();

    /// <summary>
    /// The value of a scalar: null, bool, long, double or string. Quoted and block scalars are strings; plain ones resolve
    /// as compose-go (go-yaml v3) resolves them: null/~/empty, true/false (any case form of True/TRUE), integers
    /// (decimal, 0x hex, 0o and 0-prefixed octal, 0b binary), floats (.inf, .nan too); anything else (yes, on, 80:80) is a string.
    /// </summary>
    public static object? Resolve(YamlNode node)
    {
        if (!node.IsScalar) throw new InvalidOperationException("not a scalar");
        if (!node.Plain) return node.Text;
        return ResolvePlain(node.Text);
    }

    public static object? ResolvePlain(string s)
    {
        switch (s)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF": return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF": return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN": return double.NaN;
        }
        char c = s[0];
        if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.')) return s;
        if (DecimalInt().IsMatch(s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long dec)) return dec;
        bool negative = s[0] == '-';
        string body = s[0] is '-' or '+' ? s[1..] : s;
        long? based = body.Length > 2 && body[0] == '0' ? body[1] switch
        {
            'x' or 'X' => ParseBase(body[2..], 16),
            'o' or 'O' => ParseBase(body[2..], 8),
            'b' or 'B' => ParseBase(body[2..], 2),
            _ => null,
        } : null;
        if (based is null && body.Length > 1 && body[0] == '0' && body.All(ch => ch is >= '0' and <= '7'))
            based = ParseBase(body[1..], 8);
        if (based is { } v) return negative ? -v : v;
        if (FloatText().IsMatch(s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
        return s;
    }

    private static long? ParseBase(string digits, int radix)
    {
        if (digits.Length == 0) return null;
        try { return Convert.ToInt64(digits, radix); }
        catch (FormatException) { return null; }
        catch (OverflowException) { return null; }
        catch (ArgumentException) { return null; }
    }
}
