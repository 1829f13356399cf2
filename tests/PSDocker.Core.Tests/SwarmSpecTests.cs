using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PSDocker.Core.Containers;
using PSDocker.Core.Swarm;

namespace PSDocker.Core.Tests;

/// <summary>The service spec mapping, the update edits, the parsers and the exact requests of the swarm operations.</summary>
public class SwarmSpecTests
{
    private static DockerClient Client(FakeDockerHandler handler) => DockerClient.Create(new Uri("http://docker.test/"), handler);

    private static JsonElement Body(FakeDockerHandler handler, int index) => JsonDocument.Parse(handler.Bodies[index]!).RootElement;

    [Fact]
    public async Task CreateService_PostsTheWholeSpec()
    {
        var handler = new FakeDockerHandler()
            .Respond(HttpStatusCode.OK, """[{"ID":"sec1","Spec":{"Name":"db_pw"}},{"ID":"sec2","Spec":{"Name":"db_pw_old"}}]""")
            .Respond(HttpStatusCode.Created, """{"ID":"svc1","Warning":"image could not be accessed"}""");
        using DockerClient client = Client(handler);
        var spec = new ServiceSpec
        {
            Name = "shop_web",
            Image = "web:1",
            Command = new[] { "/entry" },
            Args = new[] { "serve", "--port", "80" },
            Env = new[] { "A=1" },
            Labels = new Dictionary<string, string> { ["com.docker.stack.namespace"] = "shop" },
            ContainerLabels = new Dictionary<string, string> { ["role"] = "web" },
            Replicas = 3,
            Mounts = new[] { MountSpec.Parse("type=volume,source=data,target=/data,readonly") },
            Networks = new[] { ServiceNetwork.Parse("name=shop_default,alias=web,alias=www") },
            EndpointMode = EndpointMode.Dnsrr,
            Ports = new[] { ServicePort.Parse("published=8080,target=80,mode=host") },
            Secrets = new[] { ServiceFileReference.Parse("source=db_pw,target=pw,uid=10,gid=20,mode=0400") },
            UpdateConfig = new ServiceUpdatePolicy { Parallelism = 2, Delay = TimeSpan.FromSeconds(10), FailureAction = "rollback", Order = "start-first" },
            RollbackConfig = new ServiceUpdatePolicy { Parallelism = 1 },
            RestartPolicy = new ServiceRestartPolicy { Condition = "on-failure", MaxAttempts = 3, Delay = TimeSpan.FromSeconds(5) },
            Resources = new ServiceResources { LimitCpus = 0.5, LimitMemory = 64 * 1024 * 1024, ReserveMemory = 32 * 1024 * 1024 },
            Constraints = new[] { "node.role==manager" },
            PlacementPreferences = new[] { "node.labels.zone" },
            Healthcheck = HealthcheckSpec.Shell("true") with { Interval = TimeSpan.FromSeconds(5) },
            User = "nobody",
            WorkingDir = "/srv",
            Hostname = "{{.Task.Name}}",
            Init = true,
            StopGracePeriod = TimeSpan.FromSeconds(3),
            ExtraHosts = new[] { "db:10.0.0.2" },
        };

        ServiceCreateResult result = await client.Services.CreateAsync(new ServiceCreateOptions { Spec = spec });

        Assert.Equal("svc1", result.Id);
        Assert.Equal(new[] { "image could not be accessed" }, result.Warnings);
        Assert.StartsWith("secrets?filters=", handler.PathsAndQueries.ElementAt(0));
        Assert.Equal("services/create", handler.PathsAndQueries.ElementAt(1));
        JsonElement b = Body(handler, 1);
        Assert.Equal("shop_web", b.GetProperty("Name").GetString());
        Assert.Equal("shop", b.GetProperty("Labels").GetProperty("com.docker.stack.namespace").GetString());
        JsonElement t = b.GetProperty("TaskTemplate");
        JsonElement c = t.GetProperty("ContainerSpec");
        Assert.Equal("web:1", c.GetProperty("Image").GetString());
        Assert.Equal("/entry", c.GetProperty("Command")[0].GetString());
        Assert.Equal(3, c.GetProperty("Args").GetArrayLength());
        Assert.Equal("web", c.GetProperty("Labels").GetProperty("role").GetString());
        Assert.Equal("volume", c.GetProperty("Mounts")[0].GetProperty("Type").GetString());
        Assert.True(c.GetProperty("Mounts")[0].GetProperty("ReadOnly").GetBoolean());
        Assert.Equal(new[] { "CMD-SHELL", "true" }, c.GetProperty("Healthcheck").GetProperty("Test").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5_000_000_000, c.GetProperty("Healthcheck").GetProperty("Interval").GetInt64());
        Assert.Equal(3_000_000_000, c.GetProperty("StopGracePeriod").GetInt64());
        Assert.Equal("10.0.0.2 db", c.GetProperty("Hosts")[0].GetString());
        Assert.True(c.GetProperty("Init").GetBoolean());
        Assert.Equal("/srv", c.GetProperty("Dir").GetString());
        JsonElement secret = c.GetProperty("Secrets")[0];
        Assert.Equal("sec1", secret.GetProperty("SecretID").GetString());
        Assert.Equal("pw", secret.GetProperty("File").GetProperty("Name").GetString());
        Assert.Equal("10", secret.GetProperty("File").GetProperty("UID").GetString());
        Assert.Equal(256u, secret.GetProperty("File").GetProperty("Mode").GetUInt32());
        Assert.Equal(500_000_000, t.GetProperty("Resources").GetProperty("Limits").GetProperty("NanoCPUs").GetInt64());
        Assert.Equal(32 * 1024 * 1024, t.GetProperty("Resources").GetProperty("Reservations").GetProperty("MemoryBytes").GetInt64());
        Assert.Equal("on-failure", t.GetProperty("RestartPolicy").GetProperty("Condition").GetString());
        Assert.Equal("node.labels.zone", t.GetProperty("Placement").GetProperty("Preferences")[0].GetProperty("Spread").GetProperty("SpreadDescriptor").GetString());
        Assert.Equal(new[] { "web", "www" }, t.GetProperty("Networks")[0].GetProperty("Aliases").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3ul, b.GetProperty("Mode").GetProperty("Replicated").GetProperty("Replicas").GetUInt64());
        Assert.Equal(2ul, b.GetProperty("UpdateConfig").GetProperty("Parallelism").GetUInt64());
        Assert.Equal(10_000_000_000, b.GetProperty("UpdateConfig").GetProperty("Delay").GetInt64());
        Assert.Equal("start-first", b.GetProperty("UpdateConfig").GetProperty("Order").GetString());
        Assert.Equal("dnsrr", b.GetProperty("EndpointSpec").GetProperty("Mode").GetString());
        JsonElement port = b.GetProperty("EndpointSpec").GetProperty("Ports")[0];
        Assert.Equal("host", port.GetProperty("PublishMode").GetString());
        Assert.Equal(8080u, port.GetProperty("PublishedPort").GetUInt32());
    }

    [Fact]
    public async Task CreateService_GlobalModeIsAnEmptyObject_AndAMissingSecretIsNotFound()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Created, """{"ID":"svc1"}""");
        using DockerClient client = Client(handler);
        await client.Services.CreateAsync(new ServiceCreateOptions { Spec = new ServiceSpec { Name = "agent", Image = "a:1", Mode = ServiceMode.Global } });
        Assert.Equal(JsonValueKind.Object, Body(handler, 0).GetProperty("Mode").GetProperty("Global").ValueKind);
        Assert.False(Body(handler, 0).GetProperty("Mode").TryGetProperty("Replicated", out _));

        var missing = new FakeDockerHandler().Respond(HttpStatusCode.OK, "[]");
        using DockerClient client2 = Client(missing);
        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client2.Services.CreateAsync(new ServiceCreateOptions
        {
            Spec = new ServiceSpec { Name = "web", Image = "a:1", Configs = new[] { new ServiceFileReference("nginx_conf") } },
        }));
        Assert.Equal(ApiErrorKind.NotFound, ex.Kind);
        Assert.Single(missing.Requests); // the config list only: nothing was created
    }

    [Theory]
    [InlineData("web_1", true)]
    [InlineData("shop_web", true)]
    [InlineData("a", true)]
    [InlineData("-web", false)]
    [InlineData("web-", false)]
    [InlineData("we b", false)]
    [InlineData("web.1", false)]
    public void ServiceNames(string name, bool valid) => Assert.Equal(valid, ServiceSpec.IsValidName(name));

    [Fact]
    public void Validate_RefusesWhatTheEngineWouldRefuse()
    {
        Assert.Throws<FormatException>(() => new ServiceSpec { Name = "w", Image = "i", EndpointMode = EndpointMode.Dnsrr, Ports = new[] { ServicePort.Parse("8080:80") } }.Validate());
        Assert.Throws<FormatException>(() => new ServiceSpec { Name = "w", Image = "i", Mode = ServiceMode.Global, Replicas = 2 }.Validate());
        Assert.Throws<FormatException>(() => new ServiceSpec { Name = "w", Image = "i", Ports = new[] { ServicePort.Parse("8080:80"), ServicePort.Parse("8080:81") } }.Validate());
        Assert.Throws<FormatException>(() => new ServiceSpec { Name = "w", Image = "i", UpdateConfig = new ServiceUpdatePolicy { Order = "first" } }.Validate());
        Assert.Throws<FormatException>(() => new ServiceSpec { Name = "w", Image = "i", RollbackConfig = new ServiceUpdatePolicy { FailureAction = "rollback" } }.Validate());
        Assert.Throws<FormatException>(() => new ServiceSpec { Name = "w", Image = "i", RestartPolicy = new ServiceRestartPolicy { Condition = "always" } }.Validate());
        new ServiceSpec { Name = "w", Image = "i", EndpointMode = EndpointMode.Dnsrr, Ports = new[] { ServicePort.Parse("published=8080,target=80,mode=host") } }.Validate();
    }

    [Theory]
    [InlineData("80", null, 80, "tcp", PublishMode.Ingress)]
    [InlineData("8080:80", 8080, 80, "tcp", PublishMode.Ingress)]
    [InlineData("53:53/udp", 53, 53, "udp", PublishMode.Ingress)]
    [InlineData("published=8080,target=80,mode=host", 8080, 80, "tcp", PublishMode.Host)]
    [InlineData("target=80,protocol=sctp", null, 80, "sctp", PublishMode.Ingress)]
    public void ServicePorts(string text, int? published, int target, string protocol, PublishMode mode)
    {
        ServicePort p = ServicePort.Parse(text);
        Assert.Equal(published, p.PublishedPort);
        Assert.Equal(target, p.TargetPort);
        Assert.Equal(protocol, p.Protocol);
        Assert.Equal(mode, p.Mode);
    }

    [Theory]
    [InlineData("127.0.0.1:8080:80")]
    [InlineData("published=8080")]
    [InlineData("target=80,mode=bridge")]
    [InlineData("target=99999")]
    public void ServicePorts_Invalid(string text) => Assert.Throws<FormatException>(() => ServicePort.Parse(text));

    [Fact]
    public void FileReferencesAndNetworks_Parse()
    {
        ServiceFileReference r = ServiceFileReference.Parse("source=app_conf,target=/etc/app.conf,mode=0440");
        Assert.Equal("app_conf", r.SourceName);
        Assert.Equal("/etc/app.conf", r.Target);
        Assert.Equal(Convert.ToInt32("440", 8), r.Mode);
        Assert.Equal("0", r.Uid);
        Assert.Equal("plain", ServiceFileReference.Parse("plain").SourceName);
        Assert.Throws<FormatException>(() => ServiceFileReference.Parse("source=a,mode=9"));
        Assert.Throws<FormatException>(() => ServiceFileReference.Parse("target=/x"));
        ServiceNetwork n = ServiceNetwork.Parse("name=back,alias=api,driver-opt=com.docker.network.driver.mtu=1400");
        Assert.Equal("back", n.Target);
        Assert.Equal(new[] { "api" }, n.Aliases);
        Assert.Equal("1400", n.DriverOptions["com.docker.network.driver.mtu"]);
        Assert.Throws<FormatException>(() => ServiceNetwork.Parse("alias=x"));
    }

    [Fact]
    public async Task UpdateService_AppliesEditsToTheSpecAsRead_AndSendsItsVersion()
    {
        const string current = """
            {"ID":"svc1","Version":{"Index":42},"Spec":{"Name":"web","Labels":{"keep":"1","drop":"x"},
             "TaskTemplate":{"ContainerSpec":{"Image":"web:1","Env":["A=1","B=2"],"Isolation":"default","Privileges":{"NoNewPrivileges":true}},"ForceUpdate":4},
             "Mode":{"Replicated":{"Replicas":1}},"UpdateConfig":{"Parallelism":1,"Order":"stop-first"},
             "EndpointSpec":{"Mode":"dnsrr","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"host"}]}}}
            """;
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, current).Respond(HttpStatusCode.OK, """{"Warnings":["w1"]}""");
        using DockerClient client = Client(handler);

        ServiceUpdateResult result = await client.Services.UpdateAsync("web", new ServiceUpdateOptions
        {
            Replicas = 5,
            Image = "web:2",
            EnvAdd = new[] { "A=one", "C=3" },
            EnvRemove = new[] { "B" },
            LabelAdd = new Dictionary<string, string> { ["new"] = "y" },
            LabelRemove = new[] { "drop" },
            UpdateConfig = new ServiceUpdatePolicy { Parallelism = 2, Delay = TimeSpan.FromSeconds(1) },
            PortAdd = new[] { ServicePort.Parse("published=9090,target=90,mode=host") },
            PortRemove = new[] { 8080 },
            ForceRestart = true,
        });

        Assert.Equal(new[] { "w1" }, result.Warnings);
        Assert.Equal("services/svc1/update?version=42", handler.PathsAndQueries.ElementAt(1));
        JsonElement b = Body(handler, 1);
        JsonElement c = b.GetProperty("TaskTemplate").GetProperty("ContainerSpec");
        Assert.Equal("web:2", c.GetProperty("Image").GetString());
        Assert.Equal(new[] { "A=one", "C=3" }, c.GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        Assert.True(c.GetProperty("Privileges").GetProperty("NoNewPrivileges").GetBoolean()); // a field PSDocker does not model survives
        Assert.Equal(5ul, b.GetProperty("TaskTemplate").GetProperty("ForceUpdate").GetUInt64());
        Assert.Equal(5ul, b.GetProperty("Mode").GetProperty("Replicated").GetProperty("Replicas").GetUInt64());
        Assert.Equal("1", b.GetProperty("Labels").GetProperty("keep").GetString());
        Assert.False(b.GetProperty("Labels").TryGetProperty("drop", out _));
        Assert.Equal(2ul, b.GetProperty("UpdateConfig").GetProperty("Parallelism").GetUInt64());
        Assert.Equal("stop-first", b.GetProperty("UpdateConfig").GetProperty("Order").GetString());
        Assert.Equal(1_000_000_000, b.GetProperty("UpdateConfig").GetProperty("Delay").GetInt64());
        JsonElement ports = b.GetProperty("EndpointSpec").GetProperty("Ports");
        Assert.Equal(1, ports.GetArrayLength());
        Assert.Equal(9090u, ports[0].GetProperty("PublishedPort").GetUInt32());
    }

    [Fact]
    public async Task UpdateService_RollbackSendsPrevious_AndRefusesOtherChangesOrScalingAGlobalService()
    {
        var handler = new FakeDockerHandler()
            .Respond(HttpStatusCode.OK, """{"ID":"svc1","Version":{"Index":7},"Spec":{"Name":"web","Mode":{"Replicated":{"Replicas":1}}}}""")
            .Respond(HttpStatusCode.OK, "{}");
        using DockerClient client = Client(handler);
        await client.Services.UpdateAsync("web", new ServiceUpdateOptions { Rollback = true });
        Assert.Equal("services/svc1/update?version=7&rollback=previous", handler.PathsAndQueries.ElementAt(1));

        await Assert.ThrowsAsync<ArgumentException>(() => client.Services.UpdateAsync("web", new ServiceUpdateOptions { Rollback = true, Replicas = 2 }));

        var global = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"ID":"g","Version":{"Index":1},"Spec":{"Name":"agent","Mode":{"Global":{}}}}""");
        using DockerClient client2 = Client(global);
        await Assert.ThrowsAsync<ArgumentException>(() => client2.Services.UpdateAsync("agent", new ServiceUpdateOptions { Replicas = 2 }));
        Assert.Single(global.Requests); // read only: nothing was sent
    }

    [Fact]
    public void Convergence_CountsOnlyRunningTasksOfTheCurrentSpec()
    {
        var service = JsonNode.Parse("""
            {"ID":"s","Spec":{"Mode":{"Replicated":{"Replicas":2}},"TaskTemplate":{"ContainerSpec":{"Image":"web:2"},"ForceUpdate":0,"Runtime":"container"}},
             "UpdateStatus":{"State":"updating"}}
            """)!.AsObject();
        var tasks = JsonNode.Parse("""
            [{"DesiredState":"running","Status":{"State":"running"},"Spec":{"ContainerSpec":{"Image":"web:2"},"ForceUpdate":0}},
             {"DesiredState":"running","Status":{"State":"running"},"Spec":{"ContainerSpec":{"Image":"web:1"},"ForceUpdate":0}},
             {"DesiredState":"running","Status":{"State":"pending","Err":"no suitable node (host-mode port already in use on 1 node)","Timestamp":"2026-12-03T10:00:00Z"},"Spec":{"ContainerSpec":{"Image":"web:2"},"ForceUpdate":0}}]
            """)!.AsArray();
        (ServiceConvergence reading, bool converged) = Convergence.Read(service, tasks);
        Assert.False(converged);
        Assert.Equal(1, reading.Running);
        Assert.Equal(2, reading.Desired);
        Assert.Equal("updating", reading.UpdateState);
        Assert.Contains("no suitable node", reading.Failure);

        service["UpdateStatus"]!["State"] = "completed";
        tasks.RemoveAt(2);
        tasks[1]!["Spec"]!["ContainerSpec"]!["Image"] = "web:2";
        (reading, converged) = Convergence.Read(service, tasks);
        Assert.True(converged);
        Assert.Null(reading.Failure);
    }

    [Fact]
    public void LogDetails_SplitsTheAttributesOffTheText()
    {
        (Dictionary<string, string> d, string text) = LogDetails.Split("com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1 hello world");
        Assert.Equal("hello world", text);
        Assert.Equal("t1", d["com.docker.swarm.task.id"]);
        Assert.Equal("n1", d["com.docker.swarm.node.id"]);
        (d, text) = LogDetails.Split("no details here");
        Assert.Empty(d);
        Assert.Equal("no details here", text);
    }

    [Fact]
    public void NotSwarmManager_IsItsOwnKind()
    {
        Assert.Equal(ApiErrorKind.NotSwarmManager, ApiErrorClassifier.Classify(HttpStatusCode.ServiceUnavailable,
            "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again."));
        Assert.Equal(ApiErrorKind.NotSwarmManager, ApiErrorClassifier.Classify(HttpStatusCode.ServiceUnavailable, "This node is not part of a swarm"));
        Assert.Equal(ApiErrorKind.AlreadyInSwarm, ApiErrorClassifier.Classify(HttpStatusCode.ServiceUnavailable,
            "This node is already part of a swarm. Use \"docker swarm leave\" to leave this swarm and join another one."));
        Assert.Equal(ApiErrorKind.Conflict, ApiErrorClassifier.Classify(HttpStatusCode.InternalServerError, "rpc error: code = Unknown desc = update out of sequence"));
    }
}
