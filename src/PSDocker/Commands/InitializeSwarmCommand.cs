using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Makes the engine the first manager of a new swarm (<c>docker swarm init</c>) and returns the swarm.</summary>
[Cmdlet(VerbsData.Initialize, "Swarm", SupportsShouldProcess = true)]
[OutputType(typeof(SwarmInfo))]
public sealed class InitializeSwarmCommand : DockerCmdlet
{
    /// <summary>The address other nodes reach this manager at: an IP address or interface name, optionally with a port.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? AdvertiseAddress { get; set; }

    /// <summary>The address the manager listens on for the cluster (default 0.0.0.0:2377).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ListenAddress { get; set; }

    /// <summary>The address VXLAN data traffic goes over (default: the advertise address).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DataPathAddress { get; set; }

    /// <summary>The VXLAN UDP port (default 4789).</summary>
    [Parameter]
    [ValidateRange(1024, 49151)]
    public uint? DataPathPort { get; set; }

    /// <summary>Where overlay networks get their subnets (CIDR; default 10.0.0.0/8).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? DefaultAddressPool { get; set; }

    /// <summary>The prefix length of each overlay subnet (default 24).</summary>
    [Parameter]
    [ValidateRange(8, 30)]
    public uint? SubnetSize { get; set; }

    /// <summary>This node's availability: active (default), pause or drain.</summary>
    [Parameter]
    [ValidateSet("active", "pause", "drain")]
    public string? Availability { get; set; }

    /// <summary>Lock the managers' keys; the unlock key is needed after every engine restart.</summary>
    [Parameter]
    public SwitchParameter AutoLock { get; set; }

    /// <summary>Start a new single-manager cluster from this node's state (disaster recovery).</summary>
    [Parameter]
    public SwitchParameter ForceNewCluster { get; set; }

    protected override void EndProcessing()
    {
        foreach (string pool in DefaultAddressPool ?? Array.Empty<string>())
        {
            if (!System.Net.IPNetwork.TryParse(pool, out _))
                ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException($"-DefaultAddressPool '{pool}' is not a CIDR such as 10.20.0.0/16."), "InvalidAddressPool", pool));
        }
        string engine = Describe(ResolvedEndpoint);
        if (!ShouldProcess(engine, "Initialize a swarm")) return;
        var options = new SwarmInitOptions
        {
            AdvertiseAddress = AdvertiseAddress,
            ListenAddress = ListenAddress ?? "0.0.0.0:2377",
            DataPathAddress = DataPathAddress,
            DataPathPort = DataPathPort,
            DefaultAddressPools = DefaultAddressPool ?? Array.Empty<string>(),
            SubnetSize = SubnetSize,
            Availability = Availability,
            AutoLock = AutoLock,
            ForceNewCluster = ForceNewCluster,
        };
        try
        {
            string nodeId = Wait(ct => Client.Swarm.InitAsync(options, ct));
            WriteVerbose($"The engine at {engine} is now the manager node {nodeId} of a new swarm.");
            WriteObject(Wait(ct => Client.Swarm.InspectAsync(new(), ct)));
        }
        catch (DockerApiException ex)
        {
            ThrowTerminatingError(DockerErrors.From(ex, ErrorNoun.Swarm, engine, Client.Endpoint.ToString(), ApiOperation.Create));
        }
    }
}
