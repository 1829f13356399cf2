using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PSDocker.Core.Compose;

/// <summary>Compose's value syntaxes: Go durations, byte sizes, shell-split command strings.</summary>
public static partial class ComposeValues
{
    private static readonly (string Unit, double Ticks)[] DurationUnits =
    {
        ("ns", 0.01), ("us", 10), ("µs", 10), ("μs", 10), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    };

    /// <summary>Parses a Go duration ("1m30s", "1.5h", "500ms", "10s"); a bare "0" is zero.</summary>
    /// <exception cref="FormatException">Not a duration.</exception>
    public static TimeSpan ParseDuration(string text)
    {
        string s = text.Trim();
        if (s is "0" or "+0" or "-0") return TimeSpan.Zero;
        bool negative = s.StartsWith('-');
        if (s.StartsWith('-') || s.StartsWith('+')) s = s[1..];
        if (s.Length == 0) throw new FormatException($"'{text}' is not a duration (like 30s, 1m30s, 500ms, 1h)");
        double ticks = 0;
        int i = 0;
        while (i < s.Length)
        {
            int start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == start) throw new FormatException($"'{text}' is not a duration (like 30s, 1m30s, 500ms, 1h)");
            if (!double.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
                throw new FormatException($"'{text}' is not a duration (like 30s, 1m30s, 500ms, 1h)");
            int unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.') i++;
            string unit = s[unitStart..i];
            var match = DurationUnits.FirstOrDefault(u => u.Unit == unit);
            if (match.Unit is null)
                throw new FormatException(unit.Length == 0
                    ? $"'{text}' is missing a unit (ns, us, ms, s, m, h)"
                    : $"'{text}' has an unknown unit '{unit}' (use ns, us, ms, s, m, h)");
            ticks += number * match.Ticks;
        }
        var value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return negative ? value.Negate() : value;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SizeText();

    /// <summary>Parses a byte size as docker does for memory ("512m", "1g", "1.5GB", "1024k", "100" bytes); units are powers of 1024.</summary>
    /// <exception cref="FormatException">Not a size.</exception>
    public static long ParseSize(string text)
    {
        var m = SizeText().Match(text.Trim());
        if (!m.Success) throw new FormatException($"'{text}' is not a size (like 512m, 1g, 1024k or a number of bytes)");
        double number = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        int power = m.Groups[2].Value.ToLowerInvariant() switch { "k" => 1, "m" => 2, "g" => 3, "t" => 4, "p" => 5, _ => 0 };
        return (long)(number * Math.Pow(1024, power));
    }

    /// <summary>
    /// Splits a command string like a POSIX shell (as compose does for <c>command: "…"</c>): blanks separate words,
    /// single quotes are literal, double quotes allow \" \\ \$ \`, a backslash outside quotes escapes the next character.
    /// </summary>
    /// <exception cref="FormatException">An unterminated quote.</exception>
    public static IReadOnlyList<string> ShellSplit(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; }
                continue;
            }
            inWord = true;
            if (c == '\\')
            {
                if (i + 1 < text.Length) word.Append(text[++i]);
                continue;
            }
            if (c == '\'')
            {
                int close = text.IndexOf('\'', i + 1);
                if (close < 0) throw new FormatException($"The command has an unterminated single quote: {text}");
                word.Append(text, i + 1, close - i - 1);
                i = close;
                continue;
            }
            if (c == '"')
            {
                int j = i + 1;
                for (; j < text.Length && text[j] != '"'; j++)
                {
                    if (text[j] == '\\' && j + 1 < text.Length && text[j + 1] is '"' or '\\' or '$' or '`') j++;
                    word.Append(text[j]);
                }
                if (j >= text.Length) throw new FormatException($"The command has an unterminated double quote: {text}");
                i = j;
                continue;
            }
            word.Append(c);
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
