using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>The swarm the engine manages: its ID, join tokens, address pools and data port (<c>docker swarm inspect</c>).</summary>
[Cmdlet(VerbsCommon.Get, "Swarm")]
[OutputType(typeof(SwarmInfo))]
public sealed class GetSwarmCommand : DockerCmdlet
{
    protected override void EndProcessing()
    {
        try
        {
            WriteObject(Wait(ct => Client.Swarm.InspectAsync(new(), ct)));
        }
        catch (DockerApiException ex)
        {
            ThrowTerminatingError(DockerErrors.From(ex, ErrorNoun.Swarm, Describe(ResolvedEndpoint), Client.Endpoint.ToString()));
        }
    }
}
