using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Networks;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Connects containers to a network (<c>docker network connect</c>).</summary>
[Cmdlet(VerbsCommunications.Connect, "ContainerNetwork", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class ConnectContainerNetworkCommand : NetworkMembershipCmdlet
{
    /// <summary>Extra DNS names the container answers to on this network.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Alias { get; set; }

    /// <summary>A fixed address on this network (IPv4 or IPv6); the network needs a -Subnet it was created with.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("IP")]
    public string? IPAddress { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (IPAddress is not null && !System.Net.IPAddress.TryParse(IPAddress, out _))
            ThrowTerminatingError(DockerErrors.InvalidArgument(new FormatException($"Invalid -IPAddress '{IPAddress}': it is not an IPv4 or IPv6 address."), "InvalidIPAddress", IPAddress));
        foreach (string alias in Alias ?? Array.Empty<string>())
        {
            if (alias.Any(char.IsWhiteSpace))
                ThrowTerminatingError(DockerErrors.InvalidArgument(new FormatException($"Invalid -Alias '{alias}': a DNS name has no white space."), "InvalidNetworkAlias", alias));
        }
    }

    protected override void ProcessRecord()
    {
        bool v6 = IPAddress is not null && System.Net.IPAddress.Parse(IPAddress).AddressFamily == AddressFamily.InterNetworkV6;
        ForEachContainer("Connect to network", ApiOperation.Connect, (client, container, ct) => client.Networks.ConnectAsync(Network, new NetworkConnectOptions
        {
            Container = container,
            Aliases = Alias ?? Array.Empty<string>(),
            IPv4Address = v6 ? null : IPAddress,
            IPv6Address = v6 ? IPAddress : null,
        }, ct));
    }
}
