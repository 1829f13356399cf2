using System.Net;
using System.Text.Json;
using PSDocker.Core.Containers;
using PSDocker.Core.Networks;
using PSDocker.Core.Volumes;

namespace PSDocker.Core.Tests;

/// <summary>The exact requests of the network and volume operations, and the networking/host parts of container create.</summary>
public class NetworkVolumeRequestTests
{
    private const string Id = "4f1e2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7";

    private static DockerClient Client(FakeDockerHandler handler) => DockerClient.Create(new Uri("http://docker.test/"), handler);

    private static JsonElement Body(FakeDockerHandler handler, int index) => JsonDocument.Parse(handler.Bodies[index]!).RootElement;

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task CreateNetwork_PostsIpamLabelsAndOptions()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Created, $$$"""{"Id":"{{{Id}}}","Warning":""}""");
        using DockerClient client = Client(handler);

        string id = await client.Networks.CreateAsync(new NetworkCreateOptions
        {
            Name = "backend",
            Internal = true,
            Ipam = new[] { new IpamPool("10.30.0.0/24") { Gateway = "10.30.0.1", IPRange = "10.30.0.128/25" } },
            Labels = new Dictionary<string, string> { ["app"] = "shop" },
            Options = new Dictionary<string, string> { ["com.docker.network.driver.mtu"] = "1400" },
        });

        Assert.Equal(Id, id);
        Assert.Equal("networks/create", Assert.Single(handler.PathsAndQueries));
        Assert.Equal(HttpMethod.Post, handler.Requests[0].Method);
        JsonElement body = Body(handler, 0);
        Assert.Equal("backend", body.GetProperty("Name").GetString());
        Assert.True(body.GetProperty("CheckDuplicate").GetBoolean());
        Assert.True(body.GetProperty("Internal").GetBoolean());
        Assert.False(body.TryGetProperty("EnableIPv6", out _), "IPv6 is left to the engine (off) unless asked");
        Assert.False(body.TryGetProperty("Driver", out _));
        Assert.Equal("""{"Driver":"default","Config":[{"Subnet":"10.30.0.0/24","IPRange":"10.30.0.128/25","Gateway":"10.30.0.1"}]}""", body.GetProperty("IPAM").GetRawText());
        Assert.Equal("""{"app":"shop"}""", body.GetProperty("Labels").GetRawText());
        Assert.Equal("""{"com.docker.network.driver.mtu":"1400"}""", body.GetProperty("Options").GetRawText());
    }

    [Fact]
    public async Task ListNetworks_FillsContainersFromOneContainerList()
    {
        var handler = new FakeDockerHandler()
            .Respond(HttpStatusCode.OK, $$$"""[{"Name":"backend","Id":"{{{Id}}}","Driver":"bridge","Scope":"local","Created":"2026-12-03T13:36:46.27Z","IPAM":{"Driver":"default","Config":[{"Subnet":"10.218.1.0/24","Gateway":"10.218.1.1"}]},"Containers":{},"Labels":{"a":"b"}},{"Name":"bridge","Id":"b1","Driver":"bridge","IPAM":{"Config":[]}}]""")
            .Respond(HttpStatusCode.OK, "[{\"Id\":\"c1\",\"Names\":[\"/api\"],\"NetworkSettings\":{\"Networks\":{\"backend\":{\"NetworkID\":\"" + Id + "\",\"IPAddress\":\"10.218.1.2\",\"MacAddress\":\"02:42:0a:da:01:02\"},\"bridge\":{\"NetworkID\":\"b1\",\"IPAddress\":\"172.17.0.2\"}}}}]");
        using DockerClient client = Client(handler);

        IReadOnlyList<Network> list = await client.Networks.ListAsync(new NetworkListOptions { Filters = new Dictionary<string, IReadOnlyList<string>> { ["label"] = new[] { "a=b" } } });

        Assert.Equal(new[] { "networks?filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D", "containers/json?all=1" }, handler.PathsAndQueries.OrderBy(p => p[0]).Reverse().ToArray());
        Network backend = list[0];
        Assert.Equal("10.218.1.0/24", backend.Subnet);
        Assert.Equal("10.218.1.1", backend.Gateway);
        Assert.Equal("b", backend.Labels["a"]);
        NetworkContainer member = Assert.Single(backend.Containers!);
        Assert.Equal("api", member.Name);
        Assert.Equal("10.218.1.2", member.IPv4Address);
        Assert.Null(member.Aliases);
        // The engine is asked to filter, and the answer is checked again here (Podman ORs label filters): bridge has no a=b.
        Assert.Single(list);
    }

    [Fact]
    public async Task InspectNetwork_ReadsContainersWithoutPrefixLength()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, $$$$"""{"Name":"n","Id":"{{{{Id}}}}","Containers":{"c1":{"Name":"api","IPv4Address":"10.1.0.2/24","IPv6Address":""}}}""");
        using DockerClient client = Client(handler);
        Network n = await client.Networks.InspectAsync("n", new NetworkInspectOptions());
        Assert.Equal("networks/n", Assert.Single(handler.PathsAndQueries));
        NetworkContainer c = Assert.Single(n.Containers!);
        Assert.Equal("10.1.0.2", c.IPv4Address);
        Assert.Null(c.IPv6Address);
    }

    [Fact]
    public async Task ConnectAndDisconnect_PostTheEndpointConfig()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK).Respond(HttpStatusCode.OK);
        using DockerClient client = Client(handler);

        await client.Networks.ConnectAsync("my net", new NetworkConnectOptions { Container = "web", Aliases = new[] { "api" }, IPv4Address = "10.30.0.5" });
        await client.Networks.DisconnectAsync("my net", new NetworkDisconnectOptions { Container = "web", Force = true });

        Assert.Equal(new[] { "networks/my%20net/connect", "networks/my%20net/disconnect" }, handler.PathsAndQueries);
        Assert.Equal("""{"Container":"web","EndpointConfig":{"IPAMConfig":{"IPv4Address":"10.30.0.5"},"Aliases":["api"]}}""", handler.Bodies[0]);
        Assert.Equal("""{"Container":"web","Force":true}""", handler.Bodies[1]);
    }

    [Fact]
    public async Task PruneNetworks_SendsLabelAndUntilFilters()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"NetworksDeleted":["a","b"]}""");
        using DockerClient client = Client(handler);
        NetworkPruneResult r = await client.Networks.PruneAsync(new NetworkPruneOptions { Labels = new[] { "x=1", "!keep" }, Until = DateTimeOffset.FromUnixTimeSeconds(1700000000) });
        Assert.Equal(new[] { "a", "b" }, r.NetworksDeleted);
        string filters = Uri.UnescapeDataString(Assert.Single(handler.PathsAndQueries).Split("filters=")[1]);
        Assert.Equal("""{"label":["x=1"],"label!":["keep"],"until":["1700000000.000000000"]}""", filters);
    }

    [Fact]
    public async Task RemoveNetwork_Deletes() 
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NoContent);
        using DockerClient client = Client(handler);
        await client.Networks.RemoveAsync("backend", new NetworkRemoveOptions());
        Assert.Equal(HttpMethod.Delete, handler.Requests[0].Method);
        Assert.Equal("networks/backend", Assert.Single(handler.PathsAndQueries));
    }

    [Fact]
    public async Task Volumes_CreateListRemove()
    {
        var handler = new FakeDockerHandler()
            .Respond(HttpStatusCode.Created, """{"Name":"data","Driver":"local","Mountpoint":"/var/lib/docker/volumes/data/_data","CreatedAt":"2026-12-03T13:36:48Z","Labels":{"a":"b"},"Scope":"local"}""")
            .Respond(HttpStatusCode.OK, """{"Volumes":[{"Name":"data","Driver":"local"},{"Name":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","Driver":"local"}],"Warnings":null}""")
            .Respond(HttpStatusCode.OK, """[{"Id":"c1","Names":["/web"],"Mounts":[{"Type":"volume","Name":"data","Destination":"/d"},{"Type":"bind","Source":"/h","Destination":"/h"}]}]""")
            .Respond(HttpStatusCode.NoContent)
            .Respond(HttpStatusCode.OK, """{"Volumes":[{"Name":"data","Driver":"local"}]}""")
            .Respond(HttpStatusCode.OK, """[{"Id":"c1","Names":["/web"],"Mounts":[{"Type":"volume","Name":"data","Destination":"/d"}]}]""");
        using DockerClient client = Client(handler);

        Volume created = await client.Volumes.CreateAsync(new VolumeCreateOptions { Name = "data", DriverOptions = new Dictionary<string, string> { ["type"] = "tmpfs" }, Labels = new Dictionary<string, string> { ["a"] = "b" } });
        IReadOnlyList<Volume> list = await client.Volumes.ListAsync(new VolumeListOptions { Dangling = true });
        await client.Volumes.RemoveAsync("data", new VolumeRemoveOptions { Force = true });
        IReadOnlyList<Volume> all = await client.Volumes.ListAsync(new VolumeListOptions());

        Assert.Equal("""{"Name":"data","DriverOpts":{"type":"tmpfs"},"Labels":{"a":"b"}}""", handler.Bodies[0]);
        Assert.Equal("data", created.Name);
        Assert.Equal("b", created.Labels["a"]);
        Assert.NotNull(created.Created);
        string[] paths = handler.PathsAndQueries.ToArray();
        Assert.Equal("volumes/create", paths[0]);
        Assert.Contains("volumes?filters=" + Uri.EscapeDataString("""{"dangling":["true"]}"""), paths);
        Assert.Contains("containers/json?all=1", paths);
        Assert.Equal("volumes/data?force=1", paths[3]);
        // Dangling is checked here too (Podman ignores the filter): "data" is used by web, so only the anonymous one is left.
        Volume anonymous = Assert.Single(list);
        Assert.True(anonymous.IsAnonymous);
        Assert.Empty(anonymous.UsedBy!);
        Assert.Equal(new[] { "web" }, Assert.Single(all).UsedBy);
    }

    [Theory]
    [InlineData("1.41", false, "{}")]
    [InlineData("1.41", true, "{}")]
    [InlineData("1.43", false, "{}")]
    [InlineData("1.43", true, """{"all":["true"]}""")]
    public async Task PruneVolumes_SendsAllOnlyWhereTheEngineKnowsIt(string api, bool all, string expected)
    {
        var handler = new FakeDockerHandler { ApiVersion = api }.Respond(HttpStatusCode.OK, """{"VolumesDeleted":["x"],"SpaceReclaimed":42}""");
        using DockerClient client = Client(handler);
        VolumePruneResult r = await client.Volumes.PruneAsync(new VolumePruneOptions { All = all });
        Assert.Equal(42, r.SpaceReclaimed);
        string path = Assert.Single(handler.PathsAndQueries);
        string filters = path.Contains("filters=") ? Uri.UnescapeDataString(path.Split("filters=")[1]) : "{}";
        Assert.Equal(expected, filters);
        Assert.Equal(api == "1.41", await client.Volumes.PrunesNamedVolumesAsync());
    }

    [Fact]
    public async Task CreateContainer_OnApi141_AttachesTheFirstNetworkAtCreateAndConnectsTheRest()
    {
        var handler = new FakeDockerHandler()
            .Respond(HttpStatusCode.OK, """{"Name":"front"}""")
            .Respond(HttpStatusCode.OK, """{"Name":"back"}""")
            .Respond(HttpStatusCode.Created, $$$"""{"Id":"{{{Id}}}"}""")
            .Respond(HttpStatusCode.OK);
        using DockerClient client = Client(handler);

        await client.Containers.CreateAsync(new ContainerCreateOptions
        {
            Image = "busybox",
            Networks = new[] { new NetworkAttachment("front") { Aliases = new[] { "web" } }, new NetworkAttachment("back") { Aliases = new[] { "api" }, IPv4Address = "10.1.0.9" } },
        });

        Assert.Equal(new[] { "networks/front", "networks/back", "containers/create", "networks/back/connect" }, handler.PathsAndQueries);
        JsonElement body = Body(handler, 2);
        Assert.Equal("front", body.GetProperty("HostConfig").GetProperty("NetworkMode").GetString());
        Assert.Equal("""{"EndpointsConfig":{"front":{"Aliases":["web"]}}}""", body.GetProperty("NetworkingConfig").GetRawText());
        Assert.Equal($$$"""{"Container":"{{{Id}}}","EndpointConfig":{"IPAMConfig":{"IPv4Address":"10.1.0.9"},"Aliases":["api"]}}""", handler.Bodies[3]);
    }

    [Fact]
    public async Task CreateContainer_OnApi144_SendsEveryNetworkAtCreate()
    {
        var handler = new FakeDockerHandler { ApiVersion = "1.44" }
            .Respond(HttpStatusCode.OK, "{}").Respond(HttpStatusCode.OK, "{}")
            .Respond(HttpStatusCode.Created, $$$"""{"Id":"{{{Id}}}"}""");
        using DockerClient client = Client(handler);
        await client.Containers.CreateAsync(new ContainerCreateOptions { Image = "busybox", Networks = new[] { new NetworkAttachment("front"), new NetworkAttachment("back") } });
        Assert.Equal(new[] { "networks/front", "networks/back", "containers/create" }, handler.PathsAndQueries);
        Assert.Equal("""{"EndpointsConfig":{"front":{},"back":{}}}""", Body(handler, 2).GetProperty("NetworkingConfig").GetRawText());
    }

    [Fact]
    public async Task CreateContainer_RemovesTheContainerWhenALaterNetworkFails()
    {
        var handler = new FakeDockerHandler()
            .Respond(HttpStatusCode.OK, """{"Name":"front"}""")
            .Respond(HttpStatusCode.OK, """{"Name":"back"}""")
            .Respond(HttpStatusCode.Created, $$$"""{"Id":"{{{Id}}}"}""")
            .Respond(HttpStatusCode.Forbidden, """{"message":"conflicting options: back"}""")
            .Respond(HttpStatusCode.NoContent);
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.CreateAsync(new ContainerCreateOptions
        {
            Image = "busybox",
            Networks = new[] { new NetworkAttachment("front"), new NetworkAttachment("back") },
        }));

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Contains("'back'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("removed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "networks/front", "networks/back", "containers/create", "networks/back/connect", $"containers/{Id}?force=1&v=1" }, handler.PathsAndQueries);
        Assert.Equal(HttpMethod.Delete, handler.Requests[4].Method);
    }

    [Fact]
    public async Task CreateContainer_AMissingLaterNetworkFailsBeforeCreate()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, "{}").Respond(HttpStatusCode.NotFound, """{"message":"network back not found"}""");
        using DockerClient client = Client(handler);
        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.CreateAsync(new ContainerCreateOptions
        {
            Image = "busybox",
            Networks = new[] { new NetworkAttachment("front"), new NetworkAttachment("back") },
        }));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal(new[] { "networks/front", "networks/back" }, handler.PathsAndQueries);
    }

    [Fact]
    public void CreateBody_CarriesMountsHealthResourcesAndSecurity()
    {
        Json.ContainerCreateBody body = ContainerOperations.BuildCreateBody(new ContainerCreateOptions
        {
            Image = "busybox",
            Mounts = new[] { MountSpec.Parse("type=tmpfs,target=/run,tmpfs-size=1m"), MountSpec.Parse("type=volume,source=data,target=/d,readonly,volume-nocopy"), MountSpec.Parse("type=bind,source=/h,target=/c,bind-propagation=rslave") },
            Healthcheck = HealthcheckSpec.Shell("true") with { Interval = TimeSpan.FromMilliseconds(1500), Retries = 2 },
            Memory = 64L * 1024 * 1024,
            Cpus = 1.5,
            Privileged = true,
            CapAdd = new[] { "CAP_NET_ADMIN" },
            CapDrop = new[] { "CAP_CHOWN" },
            Init = true,
            ReadOnlyRootFilesystem = true,
            PublishAll = true,
            ExtraHosts = new[] { ExtraHost.Parse("db:10.0.0.5") },
            StopSignal = "SIGINT",
            StopTimeout = 20,
            Ulimits = new[] { UlimitSpec.Parse("nofile=1024:2048") },
            Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1" },
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = "size=8m" },
            ExposedPorts = new[] { "8080", "53/udp" },
            Dns = new[] { "10.0.0.2" },
            DomainName = "example.test",
            NetworkMode = "host",
        });
        string json = JsonSerializer.Serialize(body, Json.DockerJsonContext.Default.ContainerCreateBody);
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        JsonElement host = root.GetProperty("HostConfig");
        Assert.Equal("""[{"Type":"tmpfs","Target":"/run","ReadOnly":false,"TmpfsOptions":{"SizeBytes":1048576}},{"Type":"volume","Source":"data","Target":"/d","ReadOnly":true,"VolumeOptions":{"NoCopy":true}},{"Type":"bind","Source":"/h","Target":"/c","ReadOnly":false,"BindOptions":{"Propagation":"rslave","NonRecursive":false}}]""", host.GetProperty("Mounts").GetRawText());
        Assert.Equal("""{"Test":["CMD-SHELL","true"],"Interval":1500000000,"Retries":2}""", root.GetProperty("Healthcheck").GetRawText());
        Assert.Equal(67108864, host.GetProperty("Memory").GetInt64());
        Assert.Equal(1500000000, host.GetProperty("NanoCpus").GetInt64());
        Assert.True(host.GetProperty("Privileged").GetBoolean());
        Assert.Equal(new[] { "CAP_NET_ADMIN" }, Strings(host.GetProperty("CapAdd")));
        Assert.Equal(new[] { "CAP_CHOWN" }, Strings(host.GetProperty("CapDrop")));
        Assert.True(host.GetProperty("Init").GetBoolean());
        Assert.True(host.GetProperty("ReadonlyRootfs").GetBoolean());
        Assert.True(host.GetProperty("PublishAllPorts").GetBoolean());
        Assert.Equal(new[] { "db:10.0.0.5" }, Strings(host.GetProperty("ExtraHosts")));
        Assert.Equal("""[{"Name":"nofile","Soft":1024,"Hard":2048}]""", host.GetProperty("Ulimits").GetRawText());
        Assert.Equal("""{"net.ipv4.ip_forward":"1"}""", host.GetProperty("Sysctls").GetRawText());
        Assert.Equal("""{"/tmp":"size=8m"}""", host.GetProperty("Tmpfs").GetRawText());
        Assert.Equal(new[] { "10.0.0.2" }, Strings(host.GetProperty("Dns")));
        Assert.Equal("host", host.GetProperty("NetworkMode").GetString());
        Assert.Equal("SIGINT", root.GetProperty("StopSignal").GetString());
        Assert.Equal(20, root.GetProperty("StopTimeout").GetInt32());
        Assert.Equal("example.test", root.GetProperty("Domainname").GetString());
        Assert.Equal(new[] { "8080/tcp", "53/udp" }, root.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name));
        Assert.False(root.TryGetProperty("NetworkingConfig", out _));
        foreach (string absent in new[] { "MemorySwap", "CpuShares", "PidsLimit", "ShmSize", "LogConfig", "Devices" })
            Assert.False(host.TryGetProperty(absent, out _), absent + " should be left out");
    }

    [Fact]
    public void CreateBody_RejectsAModeWithNetworks()
    {
        Assert.Throws<ArgumentException>(() => ContainerOperations.BuildCreateBody(new ContainerCreateOptions { Image = "b", NetworkMode = "host", Networks = new[] { new NetworkAttachment("x") } }));
        Assert.Throws<ArgumentException>(() => ContainerOperations.BuildCreateBody(new ContainerCreateOptions { Image = "b", Networks = new[] { new NetworkAttachment("none"), new NetworkAttachment("x") } }));
    }
}
