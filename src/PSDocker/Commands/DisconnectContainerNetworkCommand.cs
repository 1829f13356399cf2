using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Networks;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Disconnects containers from a network (<c>docker network disconnect</c>).</summary>
[Cmdlet(VerbsCommunications.Disconnect, "ContainerNetwork", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class DisconnectContainerNetworkCommand : NetworkMembershipCmdlet
{
    /// <summary>Disconnect even a container whose endpoint is stale (<c>docker network disconnect -f</c>).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
        => ForEachContainer("Disconnect from network", ApiOperation.Disconnect, (client, container, ct)
            => client.Networks.DisconnectAsync(Network, new NetworkDisconnectOptions { Container = container, Force = Force }, ct));
}
