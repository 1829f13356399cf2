using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Text.RegularExpressions;
using PSDocker.Core;
using PSDocker.Core.Networks;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Creates a network (<c>docker network create</c>).</summary>
[Cmdlet(VerbsCommon.New, "ContainerNetwork", SupportsShouldProcess = true)]
[OutputType(typeof(Network))]
public sealed partial class NewContainerNetworkCommand : DockerCmdlet
{
    /// <summary>The network's name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The driver; the engine's default is <c>bridge</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Driver { get; set; }

    /// <summary>Subnets in CIDR form (<c>10.20.0.0/24</c>); by default the engine picks one from its address pools.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Subnet { get; set; }

    /// <summary>Gateway addresses, one per -Subnet, in the same order.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Gateway { get; set; }

    /// <summary>Ranges containers get their addresses from, in CIDR form, one per -Subnet and inside it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? IPRange { get; set; }

    /// <summary>No outside connectivity: containers reach only each other.</summary>
    [Parameter]
    public SwitchParameter Internal { get; set; }

    /// <summary>Standalone containers may attach (overlay networks).</summary>
    [Parameter]
    public SwitchParameter Attachable { get; set; }

    /// <summary>Turns IPv6 on (off by default); give an IPv6 -Subnet with it.</summary>
    [Parameter]
    public SwitchParameter IPv6 { get; set; }

    /// <summary>Driver options: @{ 'com.docker.network.bridge.name' = 'br-app' }.</summary>
    [Parameter]
    [Alias("Opt")]
    public Hashtable? Option { get; set; }

    /// <summary>Labels: @{ key = 'value' }.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    [GeneratedRegex(@"\A[a-zA-Z0-9][a-zA-Z0-9_.-]*\z")]
    private static partial Regex NetworkName();

    protected override void ProcessRecord()
    {
        NetworkCreateOptions options = BuildOptions();
        if (!ShouldProcess($"{Name} on {ResolvedEndpoint}", "Create network")) return;
        string id;
        try
        {
            id = Wait(ct => Client.Networks.CreateAsync(options, ct));
        }
        catch (DockerApiException ex)
        {
            WriteError(DockerErrors.From(ex, ErrorNoun.Network, Name, ResolvedEndpoint.ToString(), ApiOperation.Create));
            return;
        }
        WriteObject(Wait(ct => Client.Networks.InspectAsync(id, new(), ct)));
    }

    private NetworkCreateOptions BuildOptions()
    {
        if (!NetworkName().IsMatch(Name))
            Fail(new FormatException($"Invalid network name '{Name}': use letters, digits, '_', '.' and '-', starting with a letter or digit."), "InvalidNetworkName", Name);
        string[] subnets = Subnet ?? Array.Empty<string>();
        string[] gateways = Gateway ?? Array.Empty<string>();
        string[] ranges = IPRange ?? Array.Empty<string>();
        if (gateways.Length > subnets.Length)
            Fail(new ArgumentException($"{gateways.Length} -Gateway values were given for {subnets.Length} -Subnet values: each gateway belongs to the subnet in the same position."), "InvalidNetworkSpecification", Gateway);
        if (ranges.Length > subnets.Length)
            Fail(new ArgumentException($"{ranges.Length} -IPRange values were given for {subnets.Length} -Subnet values: each range belongs to the subnet in the same position."), "InvalidNetworkSpecification", IPRange);

        var pools = new List<IpamPool>();
        var parsed = new List<IPNetwork>();
        for (int i = 0; i < subnets.Length; i++)
        {
            IPNetwork net = ParseCidr(subnets[i], "-Subnet");
            if (!string.Equals(net.BaseAddress.ToString(), subnets[i].Split('/')[0], StringComparison.OrdinalIgnoreCase))
                Fail(new ArgumentException($"Invalid -Subnet '{subnets[i]}': host bits are set; the network address is {net}."), "InvalidNetworkSpecification", subnets[i]);
            foreach (IPNetwork other in parsed)
            {
                if (other.BaseAddress.AddressFamily == net.BaseAddress.AddressFamily && (other.Contains(net.BaseAddress) || net.Contains(other.BaseAddress)))
                    Fail(new ArgumentException($"The subnets {other} and {net} overlap."), "InvalidNetworkSpecification", subnets[i]);
            }
            parsed.Add(net);
            string? gateway = i < gateways.Length ? gateways[i] : null;
            if (gateway is not null && (!IPAddress.TryParse(gateway, out IPAddress? gw) || !net.Contains(gw)))
                Fail(new ArgumentException($"Invalid -Gateway '{gateway}': it must be an address inside {net}."), "InvalidNetworkSpecification", gateway);
            string? range = i < ranges.Length ? ranges[i] : null;
            if (range is not null)
            {
                IPNetwork r = ParseCidr(range, "-IPRange");
                if (!net.Contains(r.BaseAddress) || r.PrefixLength < net.PrefixLength)
                    Fail(new ArgumentException($"Invalid -IPRange '{range}': it must lie inside {net}."), "InvalidNetworkSpecification", range);
            }
            pools.Add(new IpamPool(net.ToString()) { Gateway = gateway, IPRange = range });
        }
        if (IPv6 && !parsed.Any(p => p.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6))
            WriteVerbose("-IPv6 without an IPv6 -Subnet: the engine must have a default IPv6 pool.");

        return new NetworkCreateOptions
        {
            Name = Name,
            Driver = Driver,
            Internal = Internal,
            Attachable = Attachable,
            EnableIPv6 = IPv6 ? true : null,
            Ipam = pools,
            Options = ReadStringMap(Option, "InvalidNetworkOption"),
            Labels = ReadStringMap(Label, "InvalidLabel"),
        };
    }

    private IPNetwork ParseCidr(string text, string parameter)
    {
        if (!text.Contains('/') || !IPNetwork.TryParse(text, out IPNetwork net))
        {
            Fail(new FormatException($"Invalid {parameter} '{text}': use CIDR form such as 10.20.0.0/24."), "InvalidNetworkSpecification", text);
            return default;
        }
        return net;
    }


    private void Fail(Exception ex, string errorId, object? target) => ThrowTerminatingError(DockerErrors.InvalidArgument(ex, errorId, target));
}
