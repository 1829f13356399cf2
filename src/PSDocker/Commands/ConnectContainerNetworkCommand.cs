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
            if (PassThru) WriteObject(Wait(ct => client.Containers.InspectAsync(target.IdOrName, ct)));
        }
    }
}

/// <summary>Connects containers to a network (<c>docker network connect</c>).</summary>
[Cmdlet(VerbsCommunications.Connect, "ContainerNetwork", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class ConnectContainerNetworkCommand : NetworkMembershipCmdlet
{
    /// <summary>Extra DNS names the container answers to on this network.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Alias { get; set; }

    /// <summary>A fixed address on this network (IPv4 or IPv6); the network needs a -Subnet it was created with.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("IP")]
    public string? IPAddress { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (IPAddress is not null && !System.Net.IPAddress.TryParse(IPAddress, out _))
            ThrowTerminatingError(DockerErrors.InvalidArgument(new FormatException($"Invalid -IPAddress '{IPAddress}': it is not an IPv4 or IPv6 address."), "InvalidIPAddress", IPAddress));
        foreach (string alias in Alias ?? Array.Empty<string>())
        {
            if (alias.Any(char.IsWhiteSpace))
                ThrowTerminatingError(DockerErrors.InvalidArgument(new FormatException($"Invalid -Alias '{alias}': a DNS name has no white space."), "InvalidNetworkAlias", alias));
        }
    }

    protected override void ProcessRecord()
    {
        bool v6 = IPAddress is not null && System.Net.IPAddress.Parse(IPAddress).AddressFamily == AddressFamily.InterNetworkV6;
        ForEachContainer("Connect to network", ApiOperation.Connect, (client, container, ct) => client.Networks.ConnectAsync(Network, new NetworkConnectOptions
        {
            Container = container,
            Aliases = Alias ?? Array.Empty<string>(),
            IPv4Address = v6 ? null : IPAddress,
            IPv6Address = v6 ? IPAddress : null,
        }, ct));
    }
}

/// <summary>Disconnects containers from a network (<c>docker network disconnect</c>).</summary>
[Cmdlet(VerbsCommunications.Disconnect, "ContainerNetwork", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class DisconnectContainerNetworkCommand : NetworkMembershipCmdlet
{
    /// <summary>Disconnect even a container whose endpoint is stale (<c>docker network disconnect -f</c>).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
        => ForEachContainer("Disconnect from network", ApiOperation.Disconnect, (client, container, ct)
            => client.Networks.DisconnectAsync(Network, new NetworkDisconnectOptions { Container = container, Force = Force }, ct));
}
