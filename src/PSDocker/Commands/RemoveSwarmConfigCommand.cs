using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Removes swarm configs (<c>docker config rm</c>); a config services still use is not removed (ConfigInUse names them).</summary>
[Cmdlet(VerbsCommon.Remove, "SwarmConfig", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class RemoveSwarmConfigCommand : SwarmObjectRemoveCmdlet<SwarmConfig>
{
    private protected override string Noun => "config";

    private protected override ErrorNoun ErrorNoun => ErrorNoun.Config;

    private protected override ContainerTarget Target(SwarmConfig item) => new(item.Id, item, item.Endpoint, item.Context);

    private protected override Task RemoveAsync(DockerClient client, string idOrName, CancellationToken cancellationToken)
        => client.Configs.RemoveAsync(idOrName, new ConfigRemoveOptions(), cancellationToken);
}
