using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists swarm configs (<c>docker config ls</c> / <c>inspect</c>); each carries its content (<c>Data</c>, <c>Text</c>), which the default views leave out.</summary>
[Cmdlet(VerbsCommon.Get, "SwarmConfig")]
[OutputType(typeof(SwarmConfig))]
public sealed class GetSwarmConfigCommand : SwarmObjectListCmdlet<SwarmConfig>
{
    private protected override Task<IReadOnlyList<SwarmConfig>> ListAsync(DockerClient client, IReadOnlyList<string> labels, CancellationToken cancellationToken)
        => client.Configs.ListAsync(new ConfigListOptions { Labels = labels }, cancellationToken);

    private protected override (string Name, string Id) Identity(SwarmConfig item) => (item.Name, item.Id);

    private protected override (string Noun, string NotFoundId, string ListCmdlet) Words => ("config", "ConfigNotFound", "Get-SwarmConfig");

    private protected override ErrorNoun Noun => ErrorNoun.Config;
}
