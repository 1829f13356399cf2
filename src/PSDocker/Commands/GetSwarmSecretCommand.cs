using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists swarm secrets (<c>docker secret ls</c> / <c>inspect</c>): names, labels, dates — never their values, which the engine keeps to itself.</summary>
[Cmdlet(VerbsCommon.Get, "SwarmSecret")]
[OutputType(typeof(SwarmSecret))]
public sealed class GetSwarmSecretCommand : SwarmObjectListCmdlet<SwarmSecret>
{
    private protected override Task<IReadOnlyList<SwarmSecret>> ListAsync(DockerClient client, IReadOnlyList<string> labels, CancellationToken cancellationToken)
        => client.Secrets.ListAsync(new SecretListOptions { Labels = labels }, cancellationToken);

    private protected override (string Name, string Id) Identity(SwarmSecret item) => (item.Name, item.Id);

    private protected override (string Noun, string NotFoundId, string ListCmdlet) Words => ("secret", "SecretNotFound", "Get-SwarmSecret");

    private protected override ErrorNoun Noun => ErrorNoun.Secret;
}
