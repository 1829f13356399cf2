using System.Text.RegularExpressions;

namespace PSDocker.Commands;

/// <summary>The engine's rule for container names, checked before a name is sent (New-Container -Name, Rename-Container -NewName).</summary>
internal static partial class ContainerNames
{
    [GeneratedRegex(@"\A/?[a-zA-Z0-9][a-zA-Z0-9_.-]+\z")]
    private static partial Regex Pattern();

    /// <summary>Null when the name is valid, else the error to throw (a FormatException naming the rule).</summary>
    public static FormatException? Check(string name) => Pattern().IsMatch(name) ? null
        : new FormatException($"Invalid container name '{name}': use letters, digits, '_', '.' and '-', starting with a letter or digit, at least two characters.");
}
