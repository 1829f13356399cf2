using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Takes the engine out of its swarm (<c>docker swarm leave</c>). PowerShell has no approved verb Leave: Exit is the approved
/// verb for leaving an environment one entered, so the cmdlet is Exit-Swarm.
/// </summary>
[Cmdlet(VerbsCommon.Exit, "Swarm", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class ExitSwarmCommand : DockerCmdlet
{
    /// <summary>Leave even as a manager; as the last manager this ends the swarm and removes its services, secrets and configs.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void EndProcessing()
    {
        string engine = Describe(ResolvedEndpoint);
        if (!ShouldProcess(engine, Force ? "Leave the swarm (forced: a last manager ends the swarm)" : "Leave the swarm")) return;
        try
        {
            Wait(ct => Client.Swarm.LeaveAsync(new SwarmLeaveOptions { Force = Force }, ct));
        }
        catch (DockerApiException ex)
        {
            ThrowTerminatingError(DockerErrors.From(ex, ErrorNoun.Swarm, engine, Client.Endpoint.ToString(), ApiOperation.Leave));
        }
    }
}
