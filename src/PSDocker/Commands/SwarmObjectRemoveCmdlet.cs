using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// The base of Remove-SwarmSecret and Remove-SwarmConfig: names or IDs, or objects from Get-SwarmSecret/Get-SwarmConfig
/// (removed at their own engine), one call each; one that services still use is a non-terminating error naming it and them.
/// </summary>
public abstract class SwarmObjectRemoveCmdlet<T> : DockerCmdlet where T : class
{
    protected const string ByName = "Name";
    protected const string ByObject = "InputObject";

    /// <summary>Names, IDs or ID prefixes; binds from strings and from objects with a Name.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SwarmObjectCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Objects from Get-SwarmSecret/Get-SwarmConfig or New-SwarmSecret/New-SwarmConfig.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public T[] InputObject { get; set; } = Array.Empty<T>();

    private protected abstract string Noun { get; }

    private protected abstract ErrorNoun ErrorNoun { get; }

    /// <summary>The target of a piped object: its name and its engine.</summary>
    private protected abstract ContainerTarget Target(T item);

    private protected abstract Task RemoveAsync(DockerClient client, string idOrName, CancellationToken cancellationToken);

    protected override void ProcessRecord()
    {
        IEnumerable<ContainerTarget> targets = ParameterSetName == ByObject
            ? InputObject.Select(Target)
            : Name.Select(n => new ContainerTarget(n.Trim(), n, null));
        foreach (ContainerTarget target in targets)
        {
            if (!ShouldProcess(target.IdOrName, $"Remove {Noun}")) continue;
            DockerClient client = ClientFor(target);
            try
            {
                Wait(ct => RemoveAsync(client, target.IdOrName, ct));
            }
            catch (DockerApiException ex)
            {
                WriteError(DockerErrors.From(ex, ErrorNoun, target.IdOrName, client.Endpoint.ToString(), ApiOperation.Remove));
            }
        }
    }
}
