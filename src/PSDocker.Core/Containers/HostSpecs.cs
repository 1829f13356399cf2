using System.Globalization;
using System.Net;

namespace PSDocker.Core.Containers;

/// <summary>An extra /etc/hosts entry (<c>--add-host name:ip</c>, compose <c>extra_hosts</c>).</summary>
/// <param name="Name">The host name.</param>
/// <param name="Address">An IPv4 or IPv6 address, or <c>host-gateway</c> (Docker 20.10+).</param>
public sealed record ExtraHost(string Name, string Address)
{
    /// <summary>Parses <c>name:ip</c> (or compose's <c>name=ip</c>); an IPv6 address may follow the first colon as it is or in brackets.</summary>
    /// <exception cref="FormatException">Not name:ip.</exception>
    public static ExtraHost Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string value = text.Trim();
        int eq = value.IndexOf('=');
        int colon = value.IndexOf(':');
        int split = eq > 0 && (colon < 0 || eq < colon) ? eq : colon;
        if (split <= 0 || split == value.Length - 1)
            throw new FormatException($"Invalid host entry '{text}': use name:ip, for example db:10.0.0.5.");
        string name = value[..split].Trim();
        string address = value[(split + 1)..].Trim();
        if (address.StartsWith('[') && address.EndsWith(']')) address = address[1..^1];
        if (name.Any(char.IsWhiteSpace))
            throw new FormatException($"Invalid host entry '{text}': the name '{name}' contains white space.");
        if (address != "host-gateway" && !IPAddress.TryParse(address, out _))
            throw new FormatException($"Invalid host entry '{text}': '{address}' is not an IP address (or host-gateway).");
        return new ExtraHost(name, address);
    }

    /// <summary>The engine's form, <c>name:ip</c>.</summary>
    public override string ToString() => Name + ":" + Address;
}

/// <summary>A resource limit (<c>--ulimit nofile=1024:2048</c>).</summary>
public sealed record UlimitSpec(string Name, long Soft, long Hard)
{
    /// <summary>Parses <c>name=soft[:hard]</c>.</summary>
    /// <exception cref="FormatException">Not a ulimit.</exception>
    public static UlimitSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new FormatException($"Invalid ulimit '{text}': use name=soft[:hard], for example nofile=1024:2048.");
        string name = text[..eq].Trim();
        string[] limits = text[(eq + 1)..].Split(':');
        if (limits.Length > 2 || !long.TryParse(limits[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long soft))
            throw new FormatException($"Invalid ulimit '{text}': the limits must be whole numbers, soft[:hard].");
        long hard = soft;
        if (limits.Length == 2 && !long.TryParse(limits[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out hard))
            throw new FormatException($"Invalid ulimit '{text}': the hard limit '{limits[1]}' is not a whole number.");
        if (soft > hard && hard != -1) throw new FormatException($"Invalid ulimit '{text}': the soft limit is above the hard limit.");
        return new UlimitSpec(name, soft, hard);
    }

    /// <summary>The <c>--ulimit</c> form.</summary>
    public override string ToString() => Soft == Hard ? $"{Name}={Soft.ToString(CultureInfo.InvariantCulture)}" : $"{Name}={Soft.ToString(CultureInfo.InvariantCulture)}:{Hard.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>docker's <c>--env-file</c> format.</summary>
public static class EnvFile
{
    /// <summary>
    /// Reads an env file as docker does: one <c>NAME=value</c> per line, the value taken literally (quotes and spaces kept);
    /// leading white space and lines starting with <c>#</c> or empty are skipped; a line with only <c>NAME</c> takes the
    /// value from <paramref name="lookup"/> (the caller's environment) and is left out when that has none.
    /// </summary>
    /// <param name="content">The file's text.</param>
    /// <param name="lookup">Reads a variable of the caller's environment; null when it is unset.</param>
    /// <param name="source">The file's name, for error messages.</param>
    /// <exception cref="FormatException">A line has no name or a name with white space; the message names the line.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string content, Func<string, string?> lookup, string source = "env file")
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(lookup);
        var result = new List<KeyValuePair<string, string>>();
        if (content.Length > 0 && content[0] == '\uFEFF') content = content[1..];
        string[] lines = content.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r').TrimStart();
            if (line.Length == 0 || line[0] == '#') continue;
            int eq = line.IndexOf('=');
            string name = eq < 0 ? line : line[..eq];
            if (name.Length == 0)
                throw new FormatException($"{source}, line {i + 1}: '{line}' has no variable name before '='.");
            if (name.Any(char.IsWhiteSpace))
                throw new FormatException($"{source}, line {i + 1}: the variable name '{name}' contains white space.");
            if (eq >= 0)
                result.Add(new(name, line[(eq + 1)..]));
            else if (lookup(name) is { } value)
                result.Add(new(name, value));
        }
        return result;
    }
}
