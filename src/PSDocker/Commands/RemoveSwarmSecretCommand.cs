using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Removes swarm secrets (<c>docker secret rm</c>); a secret services still use is not removed (SecretInUse names them).</summary>
[Cmdlet(VerbsCommon.Remove, "SwarmSecret", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class RemoveSwarmSecretCommand : SwarmObjectRemoveCmdlet<SwarmSecret>
{
    private protected override string Noun => "secret";

    private protected override ErrorNoun ErrorNoun => ErrorNoun.Secret;

    private protected override ContainerTarget Target(SwarmSecret item) => new(item.Id, item, item.Endpoint, item.Context);

    private protected override Task RemoveAsync(DockerClient client, string idOrName, CancellationToken cancellationToken)
        => client.Secrets.RemoveAsync(idOrName, new SecretRemoveOptions(), cancellationToken);
}
