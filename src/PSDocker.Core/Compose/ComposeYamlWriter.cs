using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PSDocker.Core.Compose;

/// <summary>Prints a project as normalized YAML (CLI: <c>docker compose config</c>): keys sorted, defaults filled, long syntax.</summary>
public static class ComposeYamlWriter
{
    /// <summary>The project as YAML text; reading it back gives the same project (a literal <c>$</c> in a value is written <c>$$</c>).</summary>
    public static string ToYaml(ComposeProject project)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer, bestIndent: 2, bestWidth: int.MaxValue);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, ComposeCanonical.ToPlain(project));
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, object? value)
    {
        switch (value)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case string s:
                // A literal $ is written $$, so that reading the YAML back (which interpolates values) gives the same text.
                s = s.Replace("$", "$$", StringComparison.Ordinal);
                emitter.Emit(new Scalar(null, null, s, NeedsQuotes(s) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true));
                break;
            case bool b:
                emitter.Emit(new Scalar(null, null, b ? "true" : "false", ScalarStyle.Plain, true, false));
                break;
            case long or int:
                emitter.Emit(new Scalar(null, null, Convert.ToString(value, CultureInfo.InvariantCulture)!, ScalarStyle.Plain, true, false));
                break;
            case double d:
                string text = double.IsPositiveInfinity(d) ? ".inf" : double.IsNegativeInfinity(d) ? "-.inf" : double.IsNaN(d) ? ".nan" : d.ToString("R", CultureInfo.InvariantCulture);
                if (!text.Contains('.') && !text.Contains('E') && !text.Contains("inf") && !text.Contains("nan")) text += ".0";
                emitter.Emit(new Scalar(null, null, text, ScalarStyle.Plain, true, false));
                break;
            case IDictionary<string, object?> map:
                emitter.Emit(new MappingStart(null, null, true, map.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (string key in map.Keys.OrderBy(k => k, StringComparer.Ordinal))
                {
                    emitter.Emit(new Scalar(null, null, key, NeedsQuotes(key) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true));
                    Emit(emitter, map[key]);
                }
                emitter.Emit(new MappingEnd());
                break;
            case IEnumerable<object?> list:
                var items = list.ToList();
                emitter.Emit(new SequenceStart(null, null, true, items.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in items) Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            default:
                Emit(emitter, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>
    /// True when a string written plain would read back as something else: a null, bool or number (YAML 1.2), a YAML 1.1
    /// boolean (yes, on, …) or a colon-separated number (a sexagesimal in YAML 1.1), so older readers agree too.
    /// </summary>
    private static bool NeedsQuotes(string s)
    {
        if (ComposeYaml.ResolvePlain(s) is not string) return true;
        if (s.ToLowerInvariant() is "y" or "yes" or "n" or "no" or "on" or "off") return true;
        if (s.Length > 0 && char.IsAsciiDigit(s[0]) && s.All(c => char.IsAsciiDigit(c) || c is ':' or '.' or '_')) return true;
        return s != s.Trim() || s.Contains('#') || s.Contains(": ") || s.StartsWith('!') || s.StartsWith('&') || s.StartsWith('*') || s == "<<";
    }
}
