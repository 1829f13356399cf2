using System.Text;
using System.Text.RegularExpressions;

namespace PSDocker.Core.Images;

/// <summary>
/// The <c>.dockerignore</c> rules, as the docker CLI applies them: one pattern a line, <c>#</c> comments,
/// <c>!</c> exceptions, <c>*</c>, <c>?</c>, <c>[…]</c> and <c>**</c> (any number of directories); the last
/// matching line wins, and a pattern that matches a directory matches everything below it.
/// </summary>
public sealed class DockerIgnore
{
    private readonly List<Rule> _rules;

    private DockerIgnore(List<Rule> rules) => _rules = rules;

    /// <summary>No rules: nothing is excluded.</summary>
    public static DockerIgnore Empty { get; } = new(new List<Rule>());

    /// <summary>True when some rule is an exception (<c>!pattern</c>), so excluded directories must still be walked.</summary>
    public bool HasExceptions => _rules.Any(r => r.Exception);

    /// <summary>The patterns as parsed (cleaned), in order; exceptions keep their <c>!</c>.</summary>
    public IEnumerable<string> Patterns => _rules.Select(r => (r.Exception ? "!" : "") + r.Pattern);

    /// <summary>Parses the text of a <c>.dockerignore</c> file.</summary>
    /// <exception cref="FormatException">A pattern is malformed (an unclosed '[', a trailing '\').</exception>
    public static DockerIgnore Parse(string text)
    {
        var rules = new List<Rule>();
        int lineNumber = 0;
        foreach (string raw in text.Split('\n'))
        {
            lineNumber++;
            string line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            bool exception = false;
            if (line.StartsWith('!'))
            {
                exception = true;
                line = line[1..].Trim();
                if (line.Length == 0) throw new FormatException($".dockerignore line {lineNumber}: '!' must be followed by a pattern.");
            }
            string pattern = Clean(line);
            if (pattern.Length == 0) continue;
            Regex regex;
            try
            {
                regex = new Regex(ToRegex(pattern), RegexOptions.CultureInvariant | RegexOptions.Singleline);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                throw new FormatException($".dockerignore line {lineNumber}: '{line}' is not a valid pattern ({ex.Message}).", ex);
            }
            rules.Add(new Rule(pattern, exception, regex));
        }
        return new DockerIgnore(rules);
    }

    /// <summary>Reads <c>.dockerignore</c> from a context directory (no rules when it is absent).</summary>
    public static DockerIgnore Load(string contextDirectory)
    {
        string path = Path.Combine(contextDirectory, ".dockerignore");
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : Empty;
    }

    /// <summary>True when the path (relative to the context, '/' or '\' separated) is excluded.</summary>
    public bool IsExcluded(string relativePath)
    {
        string path = relativePath.Replace('\\', '/').Trim('/');
        if (path.Length == 0 || _rules.Count == 0) return false;

        // A pattern that matches a parent directory matches the path too.
        var parents = new List<string>();
        for (int i = path.IndexOf('/'); i >= 0; i = path.IndexOf('/', i + 1)) parents.Add(path[..i]);

        bool excluded = false;
        foreach (Rule rule in _rules)
        {
            if (excluded == !rule.Exception) continue; // cannot change the outcome
            bool match = rule.Regex.IsMatch(path) || parents.Any(p => rule.Regex.IsMatch(p));
            if (match) excluded = !rule.Exception;
        }
        return excluded;
    }

    /// <summary>Like filepath.Clean on a slash path, without its leading '/'.</summary>
    internal static string Clean(string pattern)
    {
        string p = pattern.Replace('\\', '/') == pattern || !OperatingSystem.IsWindows() ? pattern : pattern.Replace('\\', '/');
        var parts = new List<string>();
        foreach (string part in p.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
                continue; // ".." above the root stays at the root
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary>Turns one cleaned pattern into an anchored regular expression.</summary>
    internal static string ToRegex(string pattern)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char ch = pattern[i];
            switch (ch)
            {
                case '*':
                    if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                    {
                        i++;
                        bool slashFollows = i + 1 < pattern.Length && pattern[i + 1] == '/';
                        if (slashFollows) i++;
                        if (i + 1 >= pattern.Length && !slashFollows) sb.Append(".*");      // trailing **: everything
                        else if (slashFollows) sb.Append("(?:.*/)?");                        // **/ : any number of directories, even none
                        else sb.Append(".*");
                    }
                    else
                    {
                        sb.Append("[^/]*");
                    }
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    int close = pattern.IndexOf(']', i + 1);
                    if (close < 0) throw new FormatException("an unclosed '['");
                    string cls = pattern[(i + 1)..close];
                    if (cls.StartsWith('^') || cls.StartsWith('!')) cls = "^" + cls[1..];
                    sb.Append('[').Append(cls.Replace("\\", "\\\\").Replace("[", "\\[")).Append(']');
                    i = close;
                    break;
                case '\\':
                    if (i + 1 >= pattern.Length) throw new FormatException("a trailing '\\'");
                    sb.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(ch.ToString()));
                    break;
            }
        }
        return sb.Append('$').ToString();
    }

    private sealed record Rule(string Pattern, bool Exception, Regex Regex);
}
