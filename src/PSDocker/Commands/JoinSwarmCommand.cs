using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Joins the engine to an existing swarm as a worker or a manager, as the token says (<c>docker swarm join</c>).</summary>
[Cmdlet(VerbsCommon.Join, "Swarm", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class JoinSwarmCommand : DockerCmdlet
{
    /// <summary>A manager of the swarm: host:port (port 2377 when left out). Several may be given.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] RemoteAddress { get; set; } = Array.Empty<string>();

    /// <summary>The join token: WorkerJoinToken or ManagerJoinToken of the swarm (Get-Swarm and Initialize-Swarm show them on a manager).</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Token { get; set; } = "";

    /// <summary>The address this node listens on for the cluster (default 0.0.0.0:2377).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ListenAddress { get; set; }

    /// <summary>The address other nodes reach this node at.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AdvertiseAddress { get; set; }

    /// <summary>The address VXLAN data traffic goes over.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DataPathAddress { get; set; }

    /// <summary>This node's availability: active (default), pause or drain.</summary>
    [Parameter]
    [ValidateSet("active", "pause", "drain")]
    public string? Availability { get; set; }

    protected override void EndProcessing()
    {
        if (!Token.StartsWith("SWMTKN-", StringComparison.Ordinal))
            ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException("-Token is not a swarm join token (they start with SWMTKN-): take the WorkerJoinToken or ManagerJoinToken of the swarm a manager shows."), "InvalidJoinToken", "Token"));
        string[] remotes = RemoteAddress.Select(a => a.Contains(':') ? a : a + ":2377").ToArray();
        string engine = Describe(ResolvedEndpoint);
        if (!ShouldProcess(engine, $"Join the swarm of {string.Join(", ", remotes)}")) return;
        var options = new SwarmJoinOptions
        {
            RemoteAddresses = remotes,
            JoinToken = Token,
            ListenAddress = ListenAddress ?? "0.0.0.0:2377",
            AdvertiseAddress = AdvertiseAddress,
            DataPathAddress = DataPathAddress,
            Availability = Availability,
        };
        try
        {
            Wait(ct => Client.Swarm.JoinAsync(options, ct));
        }
        catch (DockerApiException ex)
        {
            ThrowTerminatingError(DockerErrors.From(ex, ErrorNoun.Swarm, engine, Client.Endpoint.ToString(), ApiOperation.Connect));
        }
    }
}
