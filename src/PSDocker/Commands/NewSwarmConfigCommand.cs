using System.Management.Automation;
using System.Text;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Creates a swarm config (<c>docker config create</c>) from text, a file or piped bytes.</summary>
[Cmdlet(VerbsCommon.New, "SwarmConfig", SupportsShouldProcess = true, DefaultParameterSetName = ByValue)]
[OutputType(typeof(SwarmConfig))]
public sealed class NewSwarmConfigCommand : SwarmObjectCreateCmdlet<SwarmConfig>
{
    /// <summary>Swarm's limit on a config's size.</summary>
    private const int ConfigMaxSize = 1000 * 1024;

    /// <summary>The content as text; sent as UTF-8 without a byte order mark.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByValue)]
    [AllowEmptyString]
    public string Value { get; set; } = "";

    private protected override string Noun => "config";

    private protected override int MaxSize => ConfigMaxSize;

    private protected override ErrorNoun ErrorNoun => ErrorNoun.Config;

    private protected override byte[] ValueBytes() => new UTF8Encoding(false).GetBytes(Value);

    private protected override Task<SwarmConfig> CreateAsync(DockerClient client, string name, byte[] data, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
        => client.Configs.CreateAsync(new ConfigCreateOptions { Name = name, Data = data, Labels = labels }, cancellationToken);
}
