using System.Text.RegularExpressions;

namespace PSDocker.Commands;

/// <summary>The engine's rule for container names, checked before a name is sent (New-Container -Name, Rename-Container -NewName).</summary>
internal static partial class ContainerNames
{
    [GeneratedRegex(@"\A/?[a-zA-Z0-9][a-zA-Z0-9_.-]+\z")]
    private static partial Regex Pattern();

    /// <summary>
    /// The longest name accepted. Docker itself takes any length, but a container's name is also its DNS name on user-defined
    /// networks (the engine's DNS answers it), and a DNS name has at most 253 characters (RFC 1035): a longer name can never be
    /// looked up, and a name thousands of characters long is a mistake, not a name.
    /// </summary>
    public const int MaxLength = 253;

    /// <summary>Null when the name is valid, else the error to throw (a FormatException naming the rule).</summary>
    public static FormatException? Check(string name)
    {
        string bare = name.TrimStart('/');
        if (bare.Length > MaxLength)
            return new FormatException($"Invalid container name '{bare[..24]}…': it has {bare.Length} characters, and a container name (also its DNS name on user-defined networks) has at most {MaxLength}.");
        return Pattern().IsMatch(name) ? null
            : new FormatException($"Invalid container name '{Printable(name)}': use letters, digits, '_', '.' and '-', starting with a letter or digit, at least two characters.");
    }

    /// <summary>Control characters (a NUL) shown as \0, \x1B, so the message says what was wrong.</summary>
    private static string Printable(string text)
        => string.Concat(text.Select(c => c == '\0' ? "\\0" : char.IsControl(c) ? $"\\x{(int)c:X2}" : c.ToString()));
}
