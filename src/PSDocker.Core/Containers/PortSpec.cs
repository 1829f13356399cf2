using System.Globalization;
using System.Net;

namespace PSDocker.Core.Containers;

/// <summary>
/// One published port, parsed from docker's <c>-p</c> syntax: <c>[ip:][hostPort:]containerPort[/protocol]</c>,
/// where ports may be ranges (<c>8000-8009:80-89</c>) and an IPv6 address is written in brackets.
/// </summary>
public sealed record PortSpec(string? HostIP, int? HostPort, int ContainerPort, string Protocol)
{
    /// <summary>The <c>ExposedPorts</c>/<c>PortBindings</c> key: <c>80/tcp</c>.</summary>
    public string Key => ContainerPort.ToString(CultureInfo.InvariantCulture) + "/" + Protocol;

    /// <summary>Parses one <c>-p</c> value into one spec per port (ranges expand).</summary>
    /// <exception cref="FormatException">The value is malformed; the message says what is wrong.</exception>
    public static IReadOnlyList<PortSpec> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string value = text.Trim();
        if (value.Length == 0) throw Bad(text, "it is empty");

        string protocol = "tcp";
        int slash = value.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = value[(slash + 1)..].ToLowerInvariant();
            value = value[..slash];
            if (protocol is not ("tcp" or "udp" or "sctp"))
                throw Bad(text, $"the protocol '{protocol}' is not tcp, udp or sctp");
        }

        string? ip = null;
        if (value.StartsWith('['))
        {
            int close = value.IndexOf(']');
            if (close < 0 || close + 1 >= value.Length || value[close + 1] != ':')
                throw Bad(text, "an IPv6 address must be written as [address]:hostPort:containerPort");
            ip = value[1..close];
            value = value[(close + 2)..];
            if (!IPAddress.TryParse(ip, out IPAddress? v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
                throw Bad(text, $"'{ip}' is not an IPv6 address");
        }

        string[] parts = value.Split(':');
        string? hostPart = null;
        string containerPart;
        switch (parts.Length)
        {
            case 1:
                containerPart = parts[0];
                break;
            case 2:
                hostPart = parts[0];
                containerPart = parts[1];
                break;
            case 3 when ip is null:
                ip = parts[0];
                hostPart = parts[1];
                containerPart = parts[2];
                // IPAddress also takes inet_aton's short forms ("1.2.3" = 1.2.0.3); docker takes only dotted quads.
                if (!IPAddress.TryParse(ip, out IPAddress? v4) || v4.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || v4.ToString() != ip)
                    throw Bad(text, $"'{ip}' is not an IPv4 address (write IPv6 addresses in brackets)");
                break;
            default:
                if (ip is null && (IsIPv6(value) || IsIPv6(string.Join(':', parts[..^1])) || IsIPv6(string.Join(':', parts[..^2]))))
                    throw Bad(text, "an IPv6 address must be written in brackets, as in [::1]:8080:80");
                throw Bad(text, "it has too many colons; use [ip:][hostPort:]containerPort[/protocol]");
        }
        if (ip is not null && hostPart is null)
            throw Bad(text, "an address needs a host port (which may be empty): ip:hostPort:containerPort or ip::containerPort");

        (int cStart, int cEnd) = ParseRange(text, containerPart, "container port", allowEmpty: false)!.Value;
        (int, int)? hostRange = string.IsNullOrEmpty(hostPart) ? null : ParseRange(text, hostPart, "host port", allowEmpty: false);

        int count = cEnd - cStart + 1;
        if (hostRange is { } h)
        {
            int hostCount = h.Item2 - h.Item1 + 1;
            if (hostCount != count && !(count == 1 && hostCount > 1))
                throw Bad(text, $"the host range has {hostCount} ports but the container range has {count}");
            if (count == 1 && hostCount > 1)
            {
                // docker picks one free port of the host range; the engine takes the range as "8000-8010".
                return new[] { new PortSpec(ip, null, cStart, protocol) { HostPortRange = hostPart } };
            }
        }

        var specs = new List<PortSpec>(count);
        for (int i = 0; i < count; i++)
            specs.Add(new PortSpec(ip, hostRange is { } r ? r.Item1 + i : null, cStart + i, protocol));
        return specs;
    }

    /// <summary>A host port range for a single container port (<c>8000-8010:80</c>), passed to the engine as text.</summary>
    public string? HostPortRange { get; init; }

    /// <summary>The <c>HostPort</c> string the engine takes ("" lets it choose).</summary>
    public string HostPortText => HostPortRange ?? (HostPort?.ToString(CultureInfo.InvariantCulture) ?? "");

    private static (int, int)? ParseRange(string original, string text, string what, bool allowEmpty)
    {
        if (text.Length == 0)
        {
            if (allowEmpty) return null;
            throw Bad(original, $"the {what} is missing");
        }
        int dash = text.IndexOf('-');
        int start = ParsePort(original, dash < 0 ? text : text[..dash], what);
        int end = dash < 0 ? start : ParsePort(original, text[(dash + 1)..], what);
        if (end < start) throw Bad(original, $"the {what} range '{text}' ends before it starts");
        return (start, end);
    }

    private static int ParsePort(string original, string text, string what)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
            throw Bad(original, $"the {what} '{text}' is not a number from 1 to 65535");
        return port;
    }

    private static bool IsIPv6(string text)
        => IPAddress.TryParse(text, out IPAddress? address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    private static FormatException Bad(string text, string why)
        => new($"Invalid port specification '{text}': {why}. Use docker's form [ip:][hostPort:]containerPort[/tcp|udp|sctp], for example 127.0.0.1:8080:80 or 8080:80/udp.");
}
