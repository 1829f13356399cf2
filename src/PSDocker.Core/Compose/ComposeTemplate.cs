using System.Text;

namespace PSDocker.Core.Compose;

/// <summary>
/// Compose's variable interpolation: <c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-default}</c> (unset or empty),
/// <c>${VAR-default}</c> (unset), <c>${VAR:?message}</c>, <c>${VAR?message}</c>, <c>${VAR:+replacement}</c> (set and
/// not empty), <c>${VAR+replacement}</c> (set), defaults and messages themselves interpolated (only when used:
/// <c>${A:-${B:-c}}</c>), and <c>$$</c> for a literal dollar. A <c>$</c> followed by nothing a name can start with stays as it is.
/// </summary>
public static class ComposeTemplate
{
    /// <summary>Looks a variable up: its value, or null when it is not set.</summary>
    public delegate string? Lookup(string name);

    /// <summary>Substitutes the variables of <paramref name="template"/>.</summary>
    /// <param name="template">The text with variables.</param>
    /// <param name="lookup">Gives a variable's value, or null when it is unset.</param>
    /// <param name="unset">Called with each variable that was unset and had no default (compose warns about these).</param>
    /// <exception cref="ComposeTemplateException">A malformed template, or a required variable unset.</exception>
    public static string Substitute(string template, Lookup lookup, Action<string>? unset = null)
    {
        if (template.IndexOf('$') < 0) return template;
        var sb = new StringBuilder(template.Length);
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            if (c != '$' || i + 1 >= template.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }
            char next = template[i + 1];
            if (next == '$')
            {
                sb.Append('$');
                i += 2;
            }
            else if (IsNameStart(next))
            {
                int end = i + 2;
                while (end < template.Length && IsNameChar(template[end])) end++;
                string name = template[(i + 1)..end];
                sb.Append(Value(name, lookup, unset));
                i = end;
            }
            else if (next == '{')
            {
                int close = ClosingBrace(template, i + 1);
                if (close < 0) throw Invalid(template);
                sb.Append(Braced(template, template[(i + 2)..close], lookup, unset));
                i = close + 1;
            }
            else
            {
                sb.Append('$');
                i++;
            }
        }
        return sb.ToString();
    }

    private static string Braced(string template, string inner, Lookup lookup, Action<string>? unset)
    {
        int n = 0;
        if (inner.Length == 0 || !IsNameStart(inner[0])) throw Invalid(template);
        while (n < inner.Length && IsNameChar(inner[n])) n++;
        string name = inner[..n];
        if (n == inner.Length) return Value(name, lookup, unset);

        bool colon = inner[n] == ':';
        int opAt = colon ? n + 1 : n;
        if (opAt >= inner.Length || inner[opAt] is not ('-' or '+' or '?')) throw Invalid(template);
        char op = inner[opAt];
        string arg = inner[(opAt + 1)..];
        string? value = lookup(name);
        bool set = value is not null;
        bool present = colon ? !string.IsNullOrEmpty(value) : set;
        switch (op)
        {
            case '-':
                return present ? value! : Substitute(arg, lookup, unset);
            case '+':
                return present ? Substitute(arg, lookup, unset) : value ?? "";
            default: // '?'
                if (present) return value!;
                throw new ComposeTemplateException(name, Substitute(arg, lookup, unset), template);
        }
    }

    private static string Value(string name, Lookup lookup, Action<string>? unset)
    {
        string? value = lookup(name);
        if (value is null) unset?.Invoke(name);
        return value ?? "";
    }

    /// <summary>The index of the '}' that closes the '{' at <paramref name="open"/>; nested braces count (compose-go's rule: the character after a '{' is skipped).</summary>
    private static int ClosingBrace(string s, int open)
    {
        int depth = 0;
        for (int i = open; i < s.Length; i++)
        {
            if (s[i] == '}')
            {
                if (--depth == 0) return i;
            }
            else if (s[i] == '{')
            {
                depth++;
                i++;
            }
        }
        return -1;
    }

    private static bool IsNameStart(char c) => c == '_' || char.IsAsciiLetter(c);
    private static bool IsNameChar(char c) => c == '_' || char.IsAsciiLetterOrDigit(c);

    private static ComposeTemplateException Invalid(string template) => new(template);
}

/// <summary>A template that cannot be substituted: malformed, or a required variable missing.</summary>
public sealed class ComposeTemplateException : Exception
{
    /// <summary>A malformed template.</summary>
    public ComposeTemplateException(string template)
        : base($"Invalid template: \"{template}\"")
    {
        Template = template;
    }

    /// <summary>A required variable (<c>${X:?message}</c>) unset or empty.</summary>
    public ComposeTemplateException(string variable, string reason, string template)
        : base(reason.Length > 0 ? $"required variable {variable} is missing a value: {reason}" : $"required variable {variable} is missing a value")
    {
        Variable = variable;
        Reason = reason;
        Template = template;
    }

    /// <summary>The missing variable; null for a malformed template.</summary>
    public string? Variable { get; }

    /// <summary>The message the template gave (interpolated).</summary>
    public string? Reason { get; }

    public string Template { get; }
}
