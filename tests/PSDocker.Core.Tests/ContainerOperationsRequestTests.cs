using System.Net;
using System.Text;
using System.Text.Json;
using PSDocker.Core.Containers;
using PSDocker.Core.Transport;
using static PSDocker.Core.Tests.Frames;

namespace PSDocker.Core.Tests;

/// <summary>The exact requests the container operations send, and how answers and errors map back.</summary>
public class ContainerOperationsRequestTests
{
    private const string Id = "8dfafdbc3a40b3fa2a8d4e1b9c3f2e0d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d";

    private static DockerClient Client(FakeDockerHandler handler) => DockerClient.Create(new Uri("http://docker.test/"), handler);

    /// <summary>The decoded query parameters, in order.</summary>
    private static List<KeyValuePair<string, string>> Query(HttpRequestMessage request)
    {
        string query = request.RequestUri!.Query.TrimStart('?');
        if (query.Length == 0) return new();
        return query.Split('&').Select(p =>
        {
            int eq = p.IndexOf('=');
            return eq < 0
                ? new KeyValuePair<string, string>(Uri.UnescapeDataString(p), "")
                : new KeyValuePair<string, string>(Uri.UnescapeDataString(p[..eq]), Uri.UnescapeDataString(p[(eq + 1)..]));
        }).ToList();
    }

    private static KeyValuePair<string, string> Q(string key, string value) => new(key, value);

    private static void AssertRequest(HttpRequestMessage request, HttpMethod method, string path, params KeyValuePair<string, string>[] query)
    {
        Assert.Equal(method, request.Method);
        Assert.Equal(path, request.RequestUri!.AbsolutePath);
        Assert.Equal(query, Query(request));
    }

    // ---- List ----

    [Fact]
    public async Task List_SendsAllAndNoFilters()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, "[]");
        using DockerClient client = Client(handler);

        IReadOnlyList<Container> result = await client.Containers.ListAsync(new ContainerListOptions());

        Assert.Empty(result);
        HttpRequestMessage request = Assert.Single(handler.Requests);
        AssertRequest(request, HttpMethod.Get, "/v1.41/containers/json", Q("all", "1"));
        Assert.Null(Assert.Single(handler.Bodies));
    }

    [Fact]
    public async Task List_RunningOnly_SendsAll0()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, "[]");
        using DockerClient client = Client(handler);

        await client.Containers.ListAsync(new ContainerListOptions { All = false });

        Assert.Equal("containers/json?all=0", Assert.Single(handler.PathsAndQueries));
    }

    [Fact]
    public async Task List_SendsTheFiltersAsJson()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, "[]");
        using DockerClient client = Client(handler);
        var filters = new Dictionary<string, IReadOnlyList<string>>
        {
            ["status"] = new[] { "running", "exited" },
            ["label"] = new[] { "app=web" },
            ["name"] = new[] { "^/web$" },
        };

        await client.Containers.ListAsync(new ContainerListOptions { Filters = filters });

        HttpRequestMessage request = Assert.Single(handler.Requests);
        AssertRequest(request, HttpMethod.Get, "/v1.41/containers/json",
            Q("all", "1"),
            Q("filters", """{"status":["running","exited"],"label":["app=web"],"name":["^/web$"]}"""));
        // The JSON is escaped in the query: no raw braces, quotes or '&'.
        Assert.DoesNotContain("{", request.RequestUri!.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", request.RequestUri!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_MapsEachSummary()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, $$"""
            [
              {"Id": "{{Id}}", "Names": ["/web"], "Image": "nginx", "Created": 1704164645, "State": "running", "Status": "Up 1 second",
               "Ports": [{"IP": "127.0.0.1", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"}]},
              {"Id": "b2", "Names": ["/job"], "Image": "busybox", "Created": 1704164645, "State": "exited", "Status": "Exited (3) 1 second ago"}
            ]
            """);
        using DockerClient client = Client(handler);

        IReadOnlyList<Container> result = await client.Containers.ListAsync(new ContainerListOptions());

        Assert.Equal(new[] { "web", "job" }, result.Select(c => c.Name));
        Assert.Equal("127.0.0.1:8080->80/tcp", Assert.Single(result[0].Ports).ToString());
        Assert.Equal(ContainerState.Stopped, result[1].State);
        Assert.Equal(3, result[1].ExitCode);
        Assert.All(result, c => Assert.Equal("tcp://docker.test:2375", c.Endpoint));
    }

    [Fact]
    public void SerializeFilters_IsTheEnginesFilterJson()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>> { ["label"] = new[] { "a=b", "c" }, ["until"] = new[] { "10m" } };
        Assert.Equal("""{"label":["a=b","c"],"until":["10m"]}""", PSDocker.Core.Transport.Query.SerializeFilters(filters));
    }

    // ---- Inspect ----

    [Fact]
    public async Task Inspect_GetsTheContainersJson_WithTheIdEscaped()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, $$$"""{"Id": "{{{Id}}}", "Name": "/my web", "State": {"Status": "running"}}""");
        using DockerClient client = Client(handler);

        Container c = await client.Containers.InspectAsync("my web", new());

        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/v1.41/containers/my%20web/json", request.RequestUri!.AbsolutePath);
        Assert.Equal("my web", c.Name);
        Assert.True(c.IsDetailed);
    }

    [Fact]
    public async Task Inspect_NotFound_IsAnApiErrorWithTheEnginesMessage()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NotFound, """{"message":"No such container: x"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.InspectAsync("x", new()));

        Assert.Equal("No such container: x", ex.Message);
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("GET", ex.Method);
        Assert.Contains("containers/x/json", ex.Path, StringComparison.Ordinal);
    }

    // ---- Create ----

    private static ContainerCreateOptions FullCreateOptions() => new()
    {
        Image = "nginx:latest",
        Name = "my web",
        Command = new[] { "nginx", "-g", "daemon off;" },
        Entrypoint = new[] { "/docker-entrypoint.sh" },
        // The cmdlet sorts by name before it calls Core; Core keeps that order.
        Environment = new KeyValuePair<string, string?>[] { new("A", "1"), new("B", null), new("C", "x=y") },
        Ports = PortSpec.Parse("127.0.0.1:8080:80").Concat(PortSpec.Parse("8443:443"))
            .Concat(PortSpec.Parse("53/udp")).Concat(PortSpec.Parse("[::1]:8081:80"))
            .Concat(PortSpec.Parse("9000-9010:9000")).ToArray(),
        Volumes = new[] { VolumeSpec.Parse("/srv/www:/usr/share/nginx/html:ro"), VolumeSpec.Parse("cache:/var/cache/nginx"), VolumeSpec.Parse("/scratch") },
        AutoRemove = true,
        RestartPolicy = RestartPolicySpec.Parse("on-failure:3"),
        Labels = new Dictionary<string, string> { ["com.example.app"] = "web", ["empty"] = "" },
        WorkingDirectory = "/srv",
        User = "nginx",
        Hostname = "web01",
        NetworkMode = "backend",
    };

    [Fact]
    public async Task Create_PostsTheBodyAndEscapesTheName()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Created, $$"""{"Id": "{{Id}}", "Warnings": []}""");
        using DockerClient client = Client(handler);

        string id = await client.Containers.CreateAsync(FullCreateOptions());

        Assert.Equal(Id, id);
        HttpRequestMessage request = Assert.Single(handler.Requests);
        AssertRequest(request, HttpMethod.Post, "/v1.41/containers/create", Q("name", "my web"));
        Assert.Contains("name=my%20web", request.RequestUri!.Query, StringComparison.Ordinal);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);

        using JsonDocument doc = JsonDocument.Parse(Assert.Single(handler.Bodies)!);
        JsonElement body = doc.RootElement;
        Assert.Equal("nginx:latest", body.GetProperty("Image").GetString());
        Assert.Equal(new[] { "nginx", "-g", "daemon off;" }, Strings(body.GetProperty("Cmd")));
        Assert.Equal(new[] { "/docker-entrypoint.sh" }, Strings(body.GetProperty("Entrypoint")));
        Assert.Equal(new[] { "A=1", "B", "C=x=y" }, Strings(body.GetProperty("Env")));
        Assert.Equal("/srv", body.GetProperty("WorkingDir").GetString());
        Assert.Equal("nginx", body.GetProperty("User").GetString());
        Assert.Equal("web01", body.GetProperty("Hostname").GetString());
        Assert.Equal("""{"com.example.app":"web","empty":""}""", body.GetProperty("Labels").GetRawText());
        Assert.Equal(new[] { "80/tcp", "443/tcp", "53/udp", "9000/tcp" }, body.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name));
        Assert.All(body.GetProperty("ExposedPorts").EnumerateObject(), p => Assert.Equal("{}", p.Value.GetRawText()));
        Assert.Equal("""{"/scratch":{}}""", body.GetProperty("Volumes").GetRawText());
        Assert.False(body.GetProperty("Tty").GetBoolean());
        Assert.False(body.GetProperty("OpenStdin").GetBoolean());
        Assert.False(body.GetProperty("AttachStdout").GetBoolean());

        JsonElement host = body.GetProperty("HostConfig");
        Assert.Equal(
            """{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"},{"HostIp":"::1","HostPort":"8081"}],"443/tcp":[{"HostIp":"","HostPort":"8443"}],"53/udp":[{"HostIp":"","HostPort":""}],"9000/tcp":[{"HostIp":"","HostPort":"9000-9010"}]}""",
            host.GetProperty("PortBindings").GetRawText());
        Assert.Equal(new[] { "/srv/www:/usr/share/nginx/html:ro", "cache:/var/cache/nginx" }, Strings(host.GetProperty("Binds")));
        Assert.True(host.GetProperty("AutoRemove").GetBoolean());
        Assert.Equal("""{"Name":"on-failure","MaximumRetryCount":3}""", host.GetProperty("RestartPolicy").GetRawText());
        Assert.Equal("backend", host.GetProperty("NetworkMode").GetString());
    }

    [Fact]
    public async Task Create_Minimal_SendsOnlyWhatWasGiven()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Created, """{"Id": "abc", "Warnings": null}""");
        using DockerClient client = Client(handler);

        string id = await client.Containers.CreateAsync(new ContainerCreateOptions { Image = "busybox" });

        Assert.Equal("abc", id);
        HttpRequestMessage request = Assert.Single(handler.Requests);
        AssertRequest(request, HttpMethod.Post, "/v1.41/containers/create");
        using JsonDocument doc = JsonDocument.Parse(Assert.Single(handler.Bodies)!);
        JsonElement body = doc.RootElement;
        Assert.Equal("busybox", body.GetProperty("Image").GetString());
        foreach (string absent in new[] { "Cmd", "Entrypoint", "Env", "Labels", "ExposedPorts", "Volumes", "WorkingDir", "User", "Hostname" })
            Assert.False(body.TryGetProperty(absent, out _), absent + " should be left out");
        JsonElement host = body.GetProperty("HostConfig");
        Assert.False(host.GetProperty("AutoRemove").GetBoolean());
        foreach (string absent in new[] { "PortBindings", "Binds", "RestartPolicy", "NetworkMode" })
            Assert.False(host.TryGetProperty(absent, out _), "HostConfig." + absent + " should be left out");
    }

    [Fact]
    public async Task Create_EmptyCommandIsLeftOut_SoTheImageDefaultApplies()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Created, """{"Id": "abc"}""");
        using DockerClient client = Client(handler);

        await client.Containers.CreateAsync(new ContainerCreateOptions { Image = "busybox", Command = Array.Empty<string>(), Entrypoint = Array.Empty<string>() });

        using JsonDocument doc = JsonDocument.Parse(handler.Bodies[0]!);
        Assert.False(doc.RootElement.TryGetProperty("Cmd", out _));
        // An empty entrypoint is sent: it clears the image's entrypoint (docker run --entrypoint "").
        Assert.Equal("[]", doc.RootElement.GetProperty("Entrypoint").GetRawText());
    }

    [Theory]
    [InlineData(false, false, false, false, false)]
    [InlineData(true, false, false, false, false)]
    [InlineData(true, true, true, true, true)]
    [InlineData(false, true, false, false, true)]
    public async Task Create_InteractiveAndAttachFlags(bool interactive, bool attach, bool attachStdin, bool stdinOnce, bool attachOutput)
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Created, """{"Id": "abc"}""");
        using DockerClient client = Client(handler);

        await client.Containers.CreateAsync(new ContainerCreateOptions { Image = "busybox", Interactive = interactive, AttachOutput = attach, Tty = true });

        using JsonDocument doc = JsonDocument.Parse(handler.Bodies[0]!);
        JsonElement body = doc.RootElement;
        Assert.True(body.GetProperty("Tty").GetBoolean());
        Assert.Equal(interactive, body.GetProperty("OpenStdin").GetBoolean());
        Assert.Equal(attachStdin, body.GetProperty("AttachStdin").GetBoolean());
        Assert.Equal(stdinOnce, body.GetProperty("StdinOnce").GetBoolean());
        Assert.Equal(attachOutput, body.GetProperty("AttachStdout").GetBoolean());
        Assert.Equal(attachOutput, body.GetProperty("AttachStderr").GetBoolean());
    }

    [Fact]
    public async Task Create_Conflict_IsAnApiError()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Conflict,
            """{"message":"Conflict. The container name \"/web\" is already in use by container \"8dfa\". You have to remove (or rename) that container to be able to reuse that name."}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.CreateAsync(new ContainerCreateOptions { Image = "busybox", Name = "web" }));

        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.StartsWith("Conflict. The container name \"/web\" is already in use", ex.Message, StringComparison.Ordinal);
        Assert.Equal("POST", ex.Method);
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    // ---- Start / stop / kill / restart / pause ----

    [Fact]
    public async Task Start_PostsAndReturnsTrue()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NoContent);
        using DockerClient client = Client(handler);

        Assert.True(await client.Containers.StartAsync("web", new()));

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.41/containers/web/start");
    }

    [Fact]
    public async Task Start_AlreadyRunning304_ReturnsFalse()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NotModified);
        using DockerClient client = Client(handler);

        Assert.False(await client.Containers.StartAsync("web", new()));
    }

    [Fact]
    public async Task Start_NotFound_Throws()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NotFound, """{"message":"No such container: nope"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.StartAsync("nope", new()));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("No such container: nope", ex.Message);
    }

    [Fact]
    public async Task Stop_WithoutOptions_HasNoQuery()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NoContent);
        using DockerClient client = Client(handler);

        Assert.True(await client.Containers.StopAsync("web", new ContainerStopOptions()));

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.41/containers/web/stop");
    }

    [Fact]
    public async Task Stop_WithTimeout()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NoContent);
        using DockerClient client = Client(handler);

        await client.Containers.StopAsync("web", new ContainerStopOptions { Timeout = 5 });

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.41/containers/web/stop", Q("t", "5"));
    }

    [Fact]
    public async Task Stop_AlreadyStopped304_ReturnsFalse()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NotModified);
        using DockerClient client = Client(handler);

        Assert.False(await client.Containers.StopAsync("web", new ContainerStopOptions { Timeout = 1 }));
    }

    [Fact]
    public async Task Stop_WithSignal_OnApi142_SendsTimeoutAndSignal()
    {
        var handler = new FakeDockerHandler { ApiVersion = "1.42" }.Respond(HttpStatusCode.NoContent);
        using DockerClient client = Client(handler);

        Assert.True(await client.Containers.StopAsync("web", new ContainerStopOptions { Timeout = 5, Signal = "SIGINT" }));

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.42/containers/web/stop", Q("t", "5"), Q("signal", "SIGINT"));
    }

    [Fact]
    public async Task Stop_WithSignal_OnApi141_KillsWithTheSignalThenWaits()
    {
        var handler = new FakeDockerHandler { ApiVersion = "1.41" }
            .Respond(HttpStatusCode.NoContent)                          // kill?signal=SIGINT
            .Respond(HttpStatusCode.OK, """{"StatusCode":130}""");      // wait
        using DockerClient client = Client(handler);

        Assert.True(await client.Containers.StopAsync("web", new ContainerStopOptions { Timeout = 5, Signal = "SIGINT" }));

        Assert.Equal(2, handler.Requests.Count);
        AssertRequest(handler.Requests[0], HttpMethod.Post, "/v1.41/containers/web/kill", Q("signal", "SIGINT"));
        AssertRequest(handler.Requests[1], HttpMethod.Post, "/v1.41/containers/web/wait", Q("condition", "not-running"));
        Assert.DoesNotContain(handler.PathsAndQueries, p => p.Contains("/stop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stop_WithSignal_OnApi141_NotRunning409_ReturnsFalseWithoutWaiting()
    {
        var handler = new FakeDockerHandler { ApiVersion = "1.41" }
            .Respond(HttpStatusCode.Conflict, """{"message":"Container web is not running"}""");
        using DockerClient client = Client(handler);

        Assert.False(await client.Containers.StopAsync("web", new ContainerStopOptions { Signal = "SIGTERM" }));

        Assert.Equal(new[] { "containers/web/kill?signal=SIGTERM" }, handler.PathsAndQueries);
    }

    [Fact]
    public async Task Stop_WithSignal_OnApi141_KillsWhenTheTimeoutPasses()
    {
        var handler = new FakeDockerHandler { ApiVersion = "1.41" }
            .Respond(HttpStatusCode.NoContent)   // kill?signal=SIGUSR1
            .RespondNever()                      // wait: the container ignores the signal
            .Respond(HttpStatusCode.NoContent);  // kill (SIGKILL)
        using DockerClient client = Client(handler);

        Assert.True(await client.Containers.StopAsync("web", new ContainerStopOptions { Timeout = 1, Signal = "SIGUSR1" }).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(
            new[] { "containers/web/kill?signal=SIGUSR1", "containers/web/wait?condition=not-running", "containers/web/kill" },
            handler.PathsAndQueries);
    }

    [Fact]
    public async Task Stop_WithSignal_OnApi141_RemovedBeforeTheWait_IsStopped()
    {
        // An --rm container can be gone by the time the wait arrives: it did stop.
        var handler = new FakeDockerHandler { ApiVersion = "1.41" }
            .Respond(HttpStatusCode.NoContent)
            .Respond(HttpStatusCode.NotFound, """{"message":"No such container: web"}""");
        using DockerClient client = Client(handler);

        Assert.True(await client.Containers.StopAsync("web", new ContainerStopOptions { Signal = "SIGTERM" }));

        Assert.Equal(new[] { "containers/web/kill?signal=SIGTERM", "containers/web/wait?condition=not-running" }, handler.PathsAndQueries);
    }

    [Fact]
    public async Task Stop_WithSignal_OnApi141_MissingContainer_Throws()
    {
        var handler = new FakeDockerHandler { ApiVersion = "1.41" }
            .Respond(HttpStatusCode.NotFound, """{"message":"No such container: web"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.StopAsync("web", new ContainerStopOptions { Signal = "SIGTERM" }));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Stop_NotFound_Throws()
    {
        var handler = new FakeDockerHandler { ApiVersion = "1.43" }.Respond(HttpStatusCode.NotFound, """{"message":"No such container: web"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.StopAsync("web", new ContainerStopOptions()));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Kill_DefaultHasNoSignal_AndASignalIsEscaped()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);

        await client.Containers.KillAsync("web", new ContainerKillOptions());
        await client.Containers.KillAsync("web", new ContainerKillOptions { Signal = "SIGRTMIN+3" });

        AssertRequest(handler.Requests[0], HttpMethod.Post, "/v1.41/containers/web/kill");
        AssertRequest(handler.Requests[1], HttpMethod.Post, "/v1.41/containers/web/kill", Q("signal", "SIGRTMIN+3"));
        Assert.Contains("signal=SIGRTMIN%2B3", handler.Requests[1].RequestUri!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_NotRunning_IsConflict()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Conflict, """{"message":"Cannot kill container: web: Container 8dfa is not running"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.KillAsync("web", new ContainerKillOptions()));
        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Equal("Cannot kill container: web: Container 8dfa is not running", ex.Message);
    }

    [Fact]
    public async Task Restart_WithAndWithoutTimeout()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);

        await client.Containers.RestartAsync("web", new ContainerRestartOptions());
        await client.Containers.RestartAsync("web", new ContainerRestartOptions { Timeout = 0 });

        AssertRequest(handler.Requests[0], HttpMethod.Post, "/v1.41/containers/web/restart");
        AssertRequest(handler.Requests[1], HttpMethod.Post, "/v1.41/containers/web/restart", Q("t", "0"));
    }

    [Fact]
    public async Task PauseAndUnpause()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);

        await client.Containers.PauseAsync("web", new());
        await client.Containers.UnpauseAsync("web", new());

        AssertRequest(handler.Requests[0], HttpMethod.Post, "/v1.41/containers/web/pause");
        AssertRequest(handler.Requests[1], HttpMethod.Post, "/v1.41/containers/web/unpause");
    }

    [Fact]
    public async Task EmptyId_IsRejectedBeforeAnyRequest()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.Containers.StartAsync("", new()));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Containers.KillAsync("", new ContainerKillOptions()));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.Containers.InspectAsync(null!, new()));
        Assert.Empty(handler.Requests);
    }

    // ---- Remove ----

    [Theory]
    [InlineData(false, false, "0", "0")]
    [InlineData(true, false, "1", "0")]
    [InlineData(false, true, "0", "1")]
    [InlineData(true, true, "1", "1")]
    public async Task Remove_SendsForceAndVolumes(bool force, bool volumes, string f, string v)
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NoContent);
        using DockerClient client = Client(handler);

        await client.Containers.RemoveAsync("web", new ContainerRemoveOptions { Force = force, Volumes = volumes });

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Delete, "/v1.41/containers/web", Q("force", f), Q("v", v));
    }

    [Fact]
    public async Task Remove_RunningWithoutForce_IsConflict()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Conflict,
            """{"message":"You cannot remove a running container 8dfa. Stop the container before attempting removal or force remove"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.RemoveAsync("web", new ContainerRemoveOptions()));
        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.StartsWith("You cannot remove a running container", ex.Message, StringComparison.Ordinal);
        Assert.Equal("DELETE", ex.Method);
    }

    // ---- Wait ----

    [Theory]
    [InlineData(WaitCondition.NotRunning, "not-running")]
    [InlineData(WaitCondition.NextExit, "next-exit")]
    [InlineData(WaitCondition.Removed, "removed")]
    public async Task Wait_SendsTheConditionAndReturnsTheStatusCode(WaitCondition condition, string word)
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"StatusCode":137,"Error":null}""");
        using DockerClient client = Client(handler);

        int code = await client.Containers.WaitAsync("web", new ContainerWaitOptions { Condition = condition });

        Assert.Equal(137, code);
        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.41/containers/web/wait", Q("condition", word));
    }

    [Fact]
    public async Task Wait_DefaultConditionIsNotRunning()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"StatusCode":0}""");
        using DockerClient client = Client(handler);

        Assert.Equal(0, await client.Containers.WaitAsync("web", new ContainerWaitOptions()));
        Assert.Equal("containers/web/wait?condition=not-running", Assert.Single(handler.PathsAndQueries));
    }

    [Fact]
    public async Task Wait_ErrorInTheBody_IsAnApiError()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"StatusCode":0,"Error":{"Message":"container removed while waiting"}}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Containers.WaitAsync("web", new ContainerWaitOptions()));
        Assert.Equal("container removed while waiting", ex.Message);
    }

    [Fact]
    public async Task Wait_EmptyErrorMessage_IsNoError()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"StatusCode":2,"Error":{"Message":""}}""");
        using DockerClient client = Client(handler);

        Assert.Equal(2, await client.Containers.WaitAsync("web", new ContainerWaitOptions()));
    }

    [Fact]
    public async Task BeginWait_ReturnsOnceTheHeadersArrive_ThenTheBodyGivesTheCode()
    {
        var body = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new FakeDockerHandler().Respond((_, _) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new DeferredStream(body.Task)) }));
        using DockerClient client = Client(handler);

        Task<int> exit = await client.Containers.BeginWaitAsync("web", new ContainerWaitOptions { Condition = WaitCondition.NextExit });

        Assert.False(exit.IsCompleted);
        Assert.Equal("containers/web/wait?condition=next-exit", Assert.Single(handler.PathsAndQueries));
        body.SetResult("""{"StatusCode":42}""");
        Assert.Equal(42, await exit.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Wait_IsCancellable()
    {
        var handler = new FakeDockerHandler().RespondNever();
        using DockerClient client = Client(handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.Containers.WaitAsync("web", new ContainerWaitOptions(), cts.Token).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    // ---- Logs ----

    [Fact]
    public async Task Logs_SendsTheQueryAndDecodesMultiplexedLines()
    {
        var since = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567);
        var until = new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2));
        byte[] stream = Concat(StdOut("2024-01-02T03:04:06.000000001Z hello\n"), StdErr("2024-01-02T03:04:07Z oops\n"));
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, new MemoryStream(stream));
        using DockerClient client = Client(handler);
        var container = new Container { Id = Id, Name = "web", Tty = false };

        var lines = new List<ContainerLogLine>();
        await foreach (ContainerLogLine line in client.Containers.LogsAsync(container,
            new ContainerLogsOptions { Follow = true, Timestamps = true, Tail = 10, Since = since, Until = until }))
            lines.Add(line);

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Get, $"/v1.41/containers/{Id}/logs",
            Q("stdout", "1"), Q("stderr", "1"), Q("follow", "1"), Q("timestamps", "1"), Q("tail", "10"),
            Q("since", "1704164645.123456700"), Q("until", "1704164645.000000000"));
        Assert.Equal(new[] { ("hello", ContainerStream.StdOut), ("oops", ContainerStream.StdErr) }, lines.Select(l => (l.Text, l.Stream)));
        Assert.All(lines, l => Assert.Equal("web", l.ContainerName));
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 7, DateTimeKind.Utc), lines[1].Timestamp!.Value.ToUniversalTime());
    }

    [Fact]
    public async Task Logs_TailAllAndStdErrOnly()
    {
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, new MemoryStream(Encoding.UTF8.GetBytes("raw tty line\n")), "application/vnd.docker.raw-stream");
        using DockerClient client = Client(handler);
        var container = new Container { Id = "abc", Name = "t", Tty = true };

        var lines = new List<ContainerLogLine>();
        await foreach (ContainerLogLine line in client.Containers.LogsAsync(container, new ContainerLogsOptions { Tail = -1, StdOut = false }))
            lines.Add(line);

        Assert.Equal("containers/abc/logs?stdout=0&stderr=1&tail=all", Assert.Single(handler.PathsAndQueries));
        Assert.Equal("raw tty line", Assert.Single(lines).Text);
    }

    [Fact]
    public async Task Logs_UnknownTty_InspectsFirst()
    {
        var handler = new FakeDockerHandler()
            .Respond(HttpStatusCode.OK, """{"Id": "abc", "Name": "/t", "Config": {"Tty": true}}""")
            .RespondStream(HttpStatusCode.OK, new MemoryStream(Encoding.UTF8.GetBytes("\u0001 not a frame\n")));
        using DockerClient client = Client(handler);

        var lines = new List<ContainerLogLine>();
        await foreach (ContainerLogLine line in client.Containers.LogsAsync(new Container { Id = "abc", Name = "t" }, new ContainerLogsOptions()))
            lines.Add(line);

        Assert.Equal(new[] { "containers/abc/json", "containers/abc/logs?stdout=1&stderr=1" }, handler.PathsAndQueries);
        Assert.Equal("\u0001 not a frame", Assert.Single(lines).Text);
    }

    [Fact]
    public async Task Logs_FollowIsCancellableMidStream()
    {
        var body = new BlockingStream(StdOut("first\n"));
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, body);
        using DockerClient client = Client(handler);
        using var cts = new CancellationTokenSource();

        var seen = new List<string>();
        Task reading = Task.Run(async () =>
        {
            await foreach (ContainerLogLine line in client.Containers.LogsAsync(new Container { Id = "abc", Name = "t", Tty = false }, new ContainerLogsOptions { Follow = true }, cts.Token))
                seen.Add(line.Text);
        });
        await body.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(5));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(new[] { "first" }, seen);
    }

    [Theory]
    [InlineData(0L, "0.000000000")]
    [InlineData(1704164645L * TimeSpan.TicksPerSecond + 1, "1704164645.000000100")]
    [InlineData(1704164645L * TimeSpan.TicksPerSecond + 9_999_999, "1704164645.999999900")]
    public void UnixTime_IsSecondsAndNanoseconds(long ticksSinceEpoch, string expected)
        => Assert.Equal(expected, ContainerOperations.UnixTime(DateTimeOffset.UnixEpoch.AddTicks(ticksSinceEpoch)));

    // ---- Attach ----

    [Fact]
    public async Task Attach_UpgradesTheConnection()
    {
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.SwitchingProtocols, new MemoryStream(StdOut("hi\n")));
        using DockerClient client = Client(handler);

        await using HijackedStream attached = await client.Containers.AttachAsync("web", new ContainerAttachOptions { StdErr = false, Logs = true });

        HttpRequestMessage request = Assert.Single(handler.Requests);
        AssertRequest(request, HttpMethod.Post, "/v1.41/containers/web/attach", Q("stream", "1"), Q("stdin", "0"), Q("stdout", "1"), Q("stderr", "0"), Q("logs", "1"));
        Assert.Contains("Upgrade", request.Headers.Connection);
        Assert.Equal("tcp", Assert.Single(request.Headers.Upgrade).Name);
        var lines = new List<string>();
        await foreach (ContainerLogLine line in OutputDecoder.ReadLinesAsync(attached.Stream, false, false, "id", "web", CancellationToken.None))
            lines.Add(line.Text);
        Assert.Equal(new[] { "hi" }, lines);
    }

    // ---- Prune ----

    [Fact]
    public async Task Prune_WithoutFilters_HasNoQuery()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"ContainersDeleted":null,"SpaceReclaimed":0}""");
        using DockerClient client = Client(handler);

        ContainerPruneResult result = await client.Containers.PruneAsync(new ContainerPruneOptions());

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.41/containers/prune");
        Assert.Empty(result.ContainersDeleted);
        Assert.Equal(0, result.SpaceReclaimed);
        Assert.Equal("tcp://docker.test:2375", result.Endpoint);
    }

    [Fact]
    public async Task Prune_SendsLabelNotLabelAndUntilFilters()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"ContainersDeleted":["a1","b2"],"SpaceReclaimed":1048576}""");
        using DockerClient client = Client(handler);
        var until = new DateTimeOffset(2024, 1, 2, 4, 4, 5, TimeSpan.FromHours(1));

        ContainerPruneResult result = await client.Containers.PruneAsync(new ContainerPruneOptions
        {
            Labels = new[] { "app=web", "!keep", "tier", "!env=prod" },
            Until = until,
        });

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.41/containers/prune",
            Q("filters", """{"label":["app=web","tier"],"label!":["keep","env=prod"],"until":["1704164645.000000000"]}"""));
        Assert.Equal(new[] { "a1", "b2" }, result.ContainersDeleted);
        Assert.Equal(1048576, result.SpaceReclaimed);
    }

    [Fact]
    public async Task Prune_OnlyExcludingLabels()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"ContainersDeleted":[],"SpaceReclaimed":0}""");
        using DockerClient client = Client(handler);

        await client.Containers.PruneAsync(new ContainerPruneOptions { Labels = new[] { "!keep" } });

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.41/containers/prune", Q("filters", """{"label!":["keep"]}"""));
    }

    /// <summary>A response body that only has its bytes once a task completes (the engine's late wait body).</summary>
    private sealed class DeferredStream : Stream
    {
        private readonly Task<string> _text;
        private MemoryStream? _inner;

        public DeferredStream(Task<string> text) => _text = text;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _inner ??= new MemoryStream(Encoding.UTF8.GetBytes(await _text.WaitAsync(cancellationToken).ConfigureAwait(false)));
            return _inner.Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
