using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Networks;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>The parameters Connect- and Disconnect-ContainerNetwork share: one network, containers from the pipeline.</summary>
public abstract class NetworkMembershipCmdlet : DockerCmdlet
{
    protected const string ByName = "Name";
    protected const string ByObject = "InputObject";

    /// <summary>The network's name or ID.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkCompleter))]
    public string Network { get; set; } = "";

    /// <summary>Container names, IDs or unique ID prefixes.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ContainerName", "ContainerId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerCompleter))]
    public string[] Container { get; set; } = Array.Empty<string>();

    /// <summary>Containers from Get-Container or New-Container.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Container[] InputObject { get; set; } = Array.Empty<Container>();

    /// <summary>Writes the container (as inspect describes it) after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The containers this ProcessRecord call was given.</summary>
    protected IEnumerable<ContainerTarget> Targets()
    {
        if (ParameterSetName == ByObject)
        {
            foreach (Container c in InputObject)
                yield return new ContainerTarget(c.Id.Length > 0 ? c.Id : c.Name, c, c.Endpoint, c.Context);
            yield break;
        }
        foreach (string name in Container)
            yield return new ContainerTarget(name.Trim().TrimStart('/'), name, null);
    }

    private static bool IsAboutContainer(string message)
        => message.Contains("no such container", StringComparison.OrdinalIgnoreCase)
        || (message.Contains("container", StringComparison.OrdinalIgnoreCase) && !message.Contains("network", StringComparison.OrdinalIgnoreCase));

    protected static string Label(ContainerTarget target) => target.Display is Container c ? c.Name : target.IdOrName;

    /// <summary>Runs one change per container; engine errors become non-terminating errors naming the network and the container.</summary>
    private protected void ForEachContainer(string action, ApiOperation kind, Func<DockerClient, string, CancellationToken, Task> change)
    {
        foreach (ContainerTarget target in Targets())
        {
            string label = Label(target);
            if (!ShouldProcess($"container {label}, network {Network}", action)) continue;
            DockerClient client = ClientFor(target.ObjectEndpoint, target.ObjectContext);
            try
            {
                Wait(ct => change(client, target.IdOrName, ct));
            }
            catch (DockerApiException ex)
            {
                // A 404 about the container (not the network) is the container's error.
                ErrorRecord record = ex.Kind == ApiErrorKind.NotFound && IsAboutContainer(ex.Message)
                    ? DockerErrors.From(ex, ErrorNoun.Container, label, client.Endpoint.ToString())
                    : DockerErrors.From(ex, ErrorNoun.Network, Network, client.Endpoint.ToString(), kind);
                // The error names both: the engine's words may give only the container's ID (Podman) or only the network.
                string text = record.ErrorDetails?.Message ?? ex.Message;
                if (!text.Contains(label, StringComparison.Ordinal))
                    record.ErrorDetails = new ErrorDetails($"Container '{label}': {text}");
                WriteError(record);
                continue;
            }
            if (PassThru) WriteObject(Wait(ct => client.Containers.InspectAsync(target.IdOrName, new(), ct)));
        }
    }
}
