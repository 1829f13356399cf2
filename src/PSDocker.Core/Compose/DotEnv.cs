using System.Text;

namespace PSDocker.Core.Compose;

/// <summary>
/// Reads env files as compose does: <c>KEY=value</c> or <c>KEY: value</c>, optional <c>export </c>, comments, unquoted values
/// trimmed and cut at " #", single quotes literal, double quotes with shell escapes (\n, \t, \\, \", \$, \0NNN octal) and
/// interpolation, a bare <c>KEY</c> taking its value from the lookup (left out when unset). Later keys replace earlier ones.
/// </summary>
public static class DotEnv
{
    /// <summary>Parses env file text into <paramref name="into"/>.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="into">Receives the values; holds those read before (earlier files).</param>
    /// <param name="lookup">Consulted before the file's own earlier values when interpolating (compose: the OS environment).</param>
    /// <exception cref="FormatException">A malformed line; the message says which.</exception>
    public static void Parse(string text, IDictionary<string, string> into, ComposeTemplate.Lookup? lookup = null)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        string? Find(string key) => lookup?.Invoke(key) ?? (into.TryGetValue(key, out var v) ? v : null);
        int line = 1;
        int i = 0;
        while (true)
        {
            // Skip blank space and comment lines.
            while (i < text.Length)
            {
                if (text[i] == '\n') { line++; i++; }
                else if (char.IsWhiteSpace(text[i])) i++;
                else if (text[i] == '#')
                {
                    while (i < text.Length && text[i] != '\n') i++;
                }
                else break;
            }
            if (i >= text.Length) break;

            // export KEY
            if (text.AsSpan(i).StartsWith("export") && i + 6 < text.Length && text[i + 6] is ' ' or '\t')
            {
                i += 6;
                while (i < text.Length && text[i] is ' ' or '\t') i++;
            }

            int keyStart = i;
            char end = '\0';
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (IsSpace(c)) continue;
                if (c is '=' or ':' or '\n') { end = c; break; }
                if (c is '_' or '.' or '-' or '[' or ']' || char.IsLetterOrDigit(c)) continue;
                string lineText = text[keyStart..].Split('\n')[0];
                throw new FormatException($"line {line}: unexpected character \"{c}\" in variable name \"{lineText}\"");
            }
            string key = text[keyStart..i].TrimEnd();
            if (end == '\0' || end == '\n')
            {
                // A bare name: the value comes from the environment.
                if (key.Contains(' ')) throw new FormatException($"line {line}: key cannot contain a space");
                if (end == '\n') { line++; i++; }
                if (Find(key) is { } inherited) into[key] = inherited;
                continue;
            }
            if (key.Contains(' ')) throw new FormatException($"line {line}: key cannot contain a space");
            i++;
            while (i < text.Length && IsSpace(text[i])) i++;

            string value;
            if (i < text.Length && text[i] is '\'' or '"')
            {
                char quote = text[i];
                var chars = new StringBuilder();
                bool escape = false;
                int startLine = line;
                int j = i + 1;
                bool closed = false;
                for (; j < text.Length; j++)
                {
                    char c = text[j];
                    if (c == '\n') line++;
                    if (c != quote)
                    {
                        if (!escape && c == '\\') { escape = true; continue; }
                        if (escape) { escape = false; chars.Append('\\'); }
                        chars.Append(c);
                        continue;
                    }
                    if (escape) { escape = false; chars.Append(c); continue; }
                    closed = true;
                    break;
                }
                if (!closed)
                {
                    int nl = text.IndexOf('\n', i);
                    throw new FormatException($"line {startLine}: unterminated quoted value {text[i..(nl < 0 ? text.Length : nl)]}");
                }
                value = chars.ToString();
                if (quote == '"') value = Interpolate(ExpandEscapes(value), Find);
                i = j + 1;
                // The rest of the line (a comment) is skipped by the next statement search unless it holds another statement.
            }
            else
            {
                int nl = text.IndexOf('\n', i);
                string raw = nl < 0 ? text[i..] : text[i..nl];
                i = nl < 0 ? text.Length : nl + 1;
                line++;
                int comment = raw.IndexOf(" #", StringComparison.Ordinal);
                if (comment >= 0) raw = raw[..comment];
                value = Interpolate(raw.TrimEnd(), Find);
            }
            into[key] = value;
            // Skip what follows a quoted value on its line when it is a comment.
            int k = i;
            while (k < text.Length && IsSpace(text[k])) k++;
            if (k < text.Length && text[k] == '#') { while (k < text.Length && text[k] != '\n') k++; i = k; }
        }
    }

    /// <summary>Reads env files in order, each seeing the values of those before it (compose's GetEnvFromFile).</summary>
    /// <param name="files">Absolute paths.</param>
    /// <param name="environment">Looked up first when interpolating (the process environment).</param>
    /// <exception cref="ComposeException">A missing or malformed file.</exception>
    public static Dictionary<string, string> ReadFiles(IEnumerable<string> files, ComposeTemplate.Lookup? environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            if (Directory.Exists(file))
                throw new ComposeException(ComposeErrorKind.InvalidEnvFile, $"The env file {file} is a directory.", file);
            if (!File.Exists(file))
                throw new ComposeException(ComposeErrorKind.FileNotFound, $"Couldn't find env file: {file}.", file);
            try
            {
                Parse(File.ReadAllText(file), values, environment);
            }
            catch (FormatException ex)
            {
                throw new ComposeException(ComposeErrorKind.InvalidEnvFile, $"Failed to read {file}: {ex.Message}.", file);
            }
            catch (ComposeTemplateException ex)
            {
                throw new ComposeException(ex.Variable is null ? ComposeErrorKind.InvalidTemplate : ComposeErrorKind.RequiredVariable, $"Failed to read {file}: {ex.Message}.", file);
            }
        }
        return values;
    }

    private static string Interpolate(string value, ComposeTemplate.Lookup find) => ComposeTemplate.Substitute(value, find);

    private static bool IsSpace(char c) => c is '\t' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0';

    /// <summary>Expands \a \b \c \f \n \r \t \v \\ \" \$ (as $$) and \0NNN octal; other backslashes stay.</summary>
    private static string ExpandEscapes(string s)
    {
        if (s.IndexOf('\\') < 0) return s;
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 >= s.Length) { sb.Append(s[i]); continue; }
            char n = s[i + 1];
            switch (n)
            {
                case 'a': sb.Append('\a'); i++; break;
                case 'b': sb.Append('\b'); i++; break;
                case 'f': sb.Append('\f'); i++; break;
                case 'n': sb.Append('\n'); i++; break;
                case 'r': sb.Append('\r'); i++; break;
                case 't': sb.Append('\t'); i++; break;
                case 'v': sb.Append('\v'); i++; break;
                case '\\': sb.Append('\\'); i++; break;
                case '"': sb.Append('"'); i++; break;
                case '$': sb.Append("$$"); i++; break;
                case 'c': sb.Append("\\c"); i++; break;
                case '0':
                {
                    int j = i + 2;
                    while (j < s.Length && j < i + 5 && char.IsAsciiDigit(s[j])) j++;
                    string digits = s[(i + 2)..j];
                    if (digits.Length == 3 && digits.All(d => d is >= '0' and <= '7'))
                    {
                        sb.Append((char)Convert.ToInt32(digits, 8));
                        i = j - 1;
                    }
                    else
                    {
                        sb.Append('\\').Append('0').Append(digits);
                        i = j - 1;
                    }
                    break;
                }
                default: sb.Append('\\'); break;
            }
        }
        return sb.ToString();
    }
}
