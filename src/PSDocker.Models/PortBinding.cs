using System.Globalization;

namespace PSDocker;

/// <summary>A container port, and where it is published on the host when it is.</summary>
public sealed class PortBinding
{
    public PortBinding(int containerPort, string protocol, string? hostIP = null, int? hostPort = null)
    {
        ContainerPort = containerPort;
        Protocol = protocol;
        HostIP = string.IsNullOrEmpty(hostIP) ? null : hostIP;
        HostPort = hostPort is > 0 ? hostPort : null;
    }

    /// <summary>The port inside the container.</summary>
    public int ContainerPort { get; }

    /// <summary><c>tcp</c>, <c>udp</c> or <c>sctp</c>.</summary>
    public string Protocol { get; }

    /// <summary>The host address it is published on (null when not published).</summary>
    public string? HostIP { get; }

    /// <summary>The host port (null when not published).</summary>
    public int? HostPort { get; }

    /// <summary>Prints like <c>docker ps</c>: <c>127.0.0.1:8080->80/tcp</c> or <c>80/tcp</c>.</summary>
    public override string ToString()
    {
        string target = ContainerPort.ToString(CultureInfo.InvariantCulture) + "/" + Protocol;
        if (HostPort is null) return target;
        string ip = HostIP ?? "0.0.0.0";
        if (ip.Contains(':')) ip = "[" + ip + "]";
        return $"{ip}:{HostPort.Value.ToString(CultureInfo.InvariantCulture)}->{target}";
    }
}
