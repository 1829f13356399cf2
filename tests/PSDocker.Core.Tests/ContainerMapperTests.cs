using System.Text.Json;
using PSDocker.Core.Containers;
using PSDocker.Core.Json;

namespace PSDocker.Core.Tests;

public class ContainerMapperTests
{
    private const string Endpoint = "unix:///var/run/docker.sock";

    // GET /containers/json?all=1 from Docker 20.10, trimmed to three containers.
    private const string ListJson = """
    [
      {
        "Id": "8dfafdbc3a40b3fa2a8d4e1b9c3f2e0d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d",
        "Names": ["/web"],
        "Image": "nginx:latest",
        "ImageID": "sha256:605c77e624ddb75e6110f997c58876baa13f8754486b461117934b24a9dc3a85",
        "Command": "/docker-entrypoint.sh nginx -g 'daemon off;'",
        "Created": 1704164645,
        "Ports": [
          {"IP": "::", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
          {"PrivatePort": 443, "Type": "tcp"},
          {"IP": "0.0.0.0", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
          {"IP": "127.0.0.1", "PrivatePort": 53, "PublicPort": 5353, "Type": "udp"}
        ],
        "Labels": {"com.example.app": "web", "tier": "front"},
        "State": "running",
        "Status": "Up 2 minutes",
        "HostConfig": {"NetworkMode": "default"},
        "NetworkSettings": {"Networks": {"bridge": {"IPAddress": "172.17.0.2", "Gateway": "172.17.0.1"}}},
        "Mounts": [
          {"Type": "bind", "Source": "/srv/www", "Destination": "/usr/share/nginx/html", "Mode": "ro", "RW": false, "Propagation": "rprivate"},
          {"Type": "volume", "Name": "cache", "Source": "/var/lib/docker/volumes/cache/_data", "Destination": "/var/cache/nginx", "Driver": "local", "Mode": "z", "RW": true, "Propagation": ""}
        ]
      },
      {
        "Id": "1f2e3d4c5b6a79880000000000000000000000000000000000000000000000aa",
        "Names": ["/batch"],
        "Image": "busybox",
        "ImageID": "sha256:beae173ccac6ad749f76713cf4440fe3d21d1043fe616dfbe30775815d1d0f6a",
        "Command": "sh -c 'exit 137'",
        "Created": 1700000000,
        "Ports": [],
        "Labels": {},
        "State": "exited",
        "Status": "Exited (137) 2 minutes ago",
        "HostConfig": {"NetworkMode": "default"},
        "NetworkSettings": {"Networks": {}},
        "Mounts": []
      },
      {
        "Id": "abc",
        "Names": null,
        "Image": null,
        "Created": 0,
        "State": "created",
        "Status": "Created"
      }
    ]
    """;

    private static List<ContainerSummaryDto> List()
        => JsonSerializer.Deserialize(ListJson, DockerJsonContext.Default.ListContainerSummaryDto)!;

    [Fact]
    public void FromSummary_RunningContainer()
    {
        Container c = ContainerMapper.FromSummary(List()[0], Endpoint);
        Assert.Equal("8dfafdbc3a40b3fa2a8d4e1b9c3f2e0d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d", c.Id);
        Assert.Equal("8dfafdbc3a40", c.ShortId);
        Assert.Equal("web", c.Name);
        Assert.Equal("web", c.ToString());
        Assert.Equal("nginx:latest", c.Image);
        Assert.Equal("sha256:605c77e624ddb75e6110f997c58876baa13f8754486b461117934b24a9dc3a85", c.ImageId);
        Assert.Equal("/docker-entrypoint.sh nginx -g 'daemon off;'", c.Command);
        Assert.Equal(ContainerState.Running, c.State);
        Assert.Equal("Up 2 minutes", c.Status);
        Assert.Null(c.ExitCode);
        Assert.Equal(Endpoint, c.Endpoint);
        Assert.False(c.IsDetailed);
        Assert.Equal(new Dictionary<string, string> { ["com.example.app"] = "web", ["tier"] = "front" }, c.Labels);
    }

    [Fact]
    public void FromSummary_CreatedIsLocalTimeFromUnixSeconds()
    {
        Container c = ContainerMapper.FromSummary(List()[0], Endpoint);
        Assert.Equal(DateTimeKind.Local, c.Created.Kind);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), c.Created.ToUniversalTime());
    }

    [Fact]
    public void FromSummary_PortsAreSortedAndPrintLikeDockerPs()
    {
        Container c = ContainerMapper.FromSummary(List()[0], Endpoint);
        Assert.Equal(
            new[] { "127.0.0.1:5353->53/udp", "0.0.0.0:8080->80/tcp", "[::]:8080->80/tcp", "443/tcp" },
            c.Ports.Select(p => p.ToString()));
        PortBinding unpublished = c.Ports[3];
        Assert.Equal(443, unpublished.ContainerPort);
        Assert.Equal("tcp", unpublished.Protocol);
        Assert.Null(unpublished.HostIP);
        Assert.Null(unpublished.HostPort);
        PortBinding v6 = c.Ports[2];
        Assert.Equal("::", v6.HostIP);
        Assert.Equal(8080, v6.HostPort);
    }

    [Fact]
    public void FromSummary_Mounts()
    {
        Container c = ContainerMapper.FromSummary(List()[0], Endpoint);
        Assert.Equal(2, c.Mounts.Count);
        ContainerMount bind = c.Mounts[0];
        Assert.Equal("bind", bind.Type);
        Assert.Null(bind.Name);
        Assert.Equal("/srv/www", bind.Source);
        Assert.Equal("/usr/share/nginx/html", bind.Destination);
        Assert.Equal("ro", bind.Mode);
        Assert.False(bind.ReadWrite);
        Assert.Equal("/srv/www:/usr/share/nginx/html:ro", bind.ToString());
        ContainerMount volume = c.Mounts[1];
        Assert.Equal("volume", volume.Type);
        Assert.Equal("cache", volume.Name);
        Assert.True(volume.ReadWrite);
        Assert.Equal("cache:/var/cache/nginx", volume.ToString());
    }

    [Fact]
    public void FromSummary_ExitedContainer_HasStoppedStateAndExitCodeFromStatus()
    {
        Container c = ContainerMapper.FromSummary(List()[1], Endpoint);
        Assert.Equal("batch", c.Name);
        Assert.Equal(ContainerState.Stopped, c.State);
        Assert.Equal("Exited (137) 2 minutes ago", c.Status);
        Assert.Equal(137, c.ExitCode);
        Assert.Empty(c.Ports);
        Assert.Empty(c.Labels);
        Assert.Empty(c.Mounts);
    }

    [Fact]
    public void FromSummary_MissingFields_AreEmptyNotNull()
    {
        Container c = ContainerMapper.FromSummary(List()[2], Endpoint);
        Assert.Equal("abc", c.Id);
        Assert.Equal("abc", c.ShortId);
        Assert.Equal("", c.Name);
        Assert.Equal("abc", c.ToString());
        Assert.Equal("", c.Image);
        Assert.Equal("", c.ImageId);
        Assert.Equal("", c.Command);
        Assert.Equal(ContainerState.Created, c.State);
        Assert.Null(c.ExitCode);
        Assert.Empty(c.Ports);
        Assert.Empty(c.Labels);
        Assert.Empty(c.Mounts);
        Assert.Equal(DateTimeOffset.UnixEpoch.LocalDateTime, c.Created);
    }

    [Theory]
    [InlineData("exited", "Exited (0) 5 seconds ago", 0)]
    [InlineData("exited", "Exited (137) 2 minutes ago", 137)]
    [InlineData("exited", "Exited (-1) About an hour ago", -1)]
    [InlineData("dead", "Exited (255) 3 days ago", 255)]
    [InlineData("stopped", "Exited (2) 1 second ago", 2)]
    [InlineData("exited", "Removal In Progress", null)]
    [InlineData("exited", null, null)]
    [InlineData("running", "Up 3 seconds", null)]
    [InlineData("paused", "Up 3 seconds (Paused)", null)]
    public void FromSummary_ExitCode(string state, string? status, int? expected)
    {
        var dto = new ContainerSummaryDto { Id = "x", State = state, Status = status };
        Assert.Equal(expected, ContainerMapper.FromSummary(dto, Endpoint).ExitCode);
    }

    [Fact]
    public void FromSummary_UnknownState()
    {
        var dto = new ContainerSummaryDto { Id = "x", State = "hibernating", Status = "Hibernating" };
        Container c = ContainerMapper.FromSummary(dto, Endpoint);
        Assert.Equal(ContainerState.Unknown, c.State);
        Assert.Equal("Hibernating", c.Status);
        Assert.Null(c.ExitCode);
    }

    [Theory]
    [InlineData(new[] { "/web" }, "web")]
    [InlineData(new[] { "/app/db", "/db" }, "db")]
    [InlineData(new[] { "/db", "/app/db" }, "db")]
    [InlineData(new string[0], "")]
    public void FirstName_StripsTheSlashAndPrefersTheNonLinkName(string[] names, string expected)
        => Assert.Equal(expected, ContainerMapper.FirstName(names));

    [Fact]
    public void FirstName_Null_IsEmpty()
        => Assert.Equal("", ContainerMapper.FirstName(null));

    [Theory]
    [InlineData("2024-01-02T03:04:05.123456789Z")]
    [InlineData("2024-01-02T03:04:05Z")]
    [InlineData("2024-01-02T05:04:05+02:00")]
    public void ParseTime_GivesLocalTime(string text)
    {
        DateTime? t = ContainerMapper.ParseTime(text);
        Assert.NotNull(t);
        Assert.Equal(DateTimeKind.Local, t.Value.Kind);
        DateTime utc = t.Value.ToUniversalTime();
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("not a time")]
    public void ParseTime_ZeroOrMissing_IsNull(string? text)
        => Assert.Null(ContainerMapper.ParseTime(text));

    [Fact]
    public void Human_WordsDurationsAsTheEngineDoes_ThroughDisplayText() // the thresholds: DisplayTextTests
    {
        Assert.Equal("About a minute", ContainerMapper.Human(TimeSpan.FromSeconds(90)));
        Assert.Equal("3 weeks", ContainerMapper.Human(TimeSpan.FromDays(21)));
    }

    // GET /containers/web/json from Docker 20.10 (API 1.41), trimmed to the fields PSDocker reads and a few it ignores.
    private static string InspectJson(string state, string networkPorts) => $$$"""
    {
      "Id": "8dfafdbc3a40b3fa2a8d4e1b9c3f2e0d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d",
      "Created": "2024-01-02T03:04:05.123456789Z",
      "Path": "/docker-entrypoint.sh",
      "Args": ["nginx", "-g", "daemon off;"],
      "State": {{{state}}},
      "Image": "sha256:605c77e624ddb75e6110f997c58876baa13f8754486b461117934b24a9dc3a85",
      "ResolvConfPath": "/var/lib/docker/containers/8dfa/resolv.conf",
      "Name": "/web",
      "RestartCount": 2,
      "Driver": "overlay2",
      "Platform": "linux",
      "HostConfig": {
        "Binds": ["/srv/www:/usr/share/nginx/html:ro"],
        "NetworkMode": "bridge",
        "PortBindings": {
          "80/tcp": [{"HostIp": "", "HostPort": "8080"}],
          "53/udp": [{"HostIp": "127.0.0.1", "HostPort": "5353"}]
        },
        "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3},
        "AutoRemove": false
      },
      "Mounts": [
        {"Type": "bind", "Source": "/srv/www", "Destination": "/usr/share/nginx/html", "Mode": "ro", "RW": false, "Propagation": "rprivate"}
      ],
      "Config": {
        "Hostname": "8dfafdbc3a40",
        "Domainname": "",
        "User": "nginx",
        "AttachStdin": false,
        "AttachStdout": true,
        "AttachStderr": true,
        "ExposedPorts": {"80/tcp": {}, "443/tcp": {}, "53/udp": {}},
        "Tty": false,
        "OpenStdin": true,
        "StdinOnce": false,
        "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NGINX_VERSION=1.25.3"],
        "Cmd": ["nginx", "-g", "daemon off;"],
        "Image": "nginx:latest",
        "Volumes": null,
        "WorkingDir": "/srv",
        "Entrypoint": ["/docker-entrypoint.sh"],
        "OnBuild": null,
        "Labels": {"maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"},
        "StopSignal": "SIGQUIT"
      },
      "NetworkSettings": {
        "Bridge": "",
        "Ports": {{{networkPorts}}},
        "Networks": {
          "bridge": {"IPAMConfig": null, "Gateway": "172.17.0.1", "IPAddress": "172.17.0.2", "MacAddress": "02:42:ac:11:00:02"}
        }
      }
    }
    """;

    private static ContainerInspectDto Inspect(string state, string networkPorts = "{}")
        => JsonSerializer.Deserialize(InspectJson(state, networkPorts), DockerJsonContext.Default.ContainerInspectDto)!;

    private static string Running(DateTime startedUtc)
        => $$"""{"Status": "running", "Running": true, "Paused": false, "Restarting": false, "OOMKilled": false, "Dead": false, "Pid": 4242, "ExitCode": 0, "Error": "", "StartedAt": "{{startedUtc:yyyy-MM-ddTHH:mm:ss.fffffff}}Z", "FinishedAt": "0001-01-01T00:00:00Z"}""";

    private const string LivePorts = """
    {
      "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}, {"HostIp": "::", "HostPort": "8080"}],
      "443/tcp": null,
      "53/udp": [{"HostIp": "127.0.0.1", "HostPort": "5353"}]
    }
    """;

    [Fact]
    public void FromInspect_RunningContainer()
    {
        DateTime started = DateTime.UtcNow.AddMinutes(-3);
        Container c = ContainerMapper.FromInspect(Inspect(Running(started), LivePorts), Endpoint);

        Assert.True(c.IsDetailed);
        Assert.Equal("8dfafdbc3a40b3fa2a8d4e1b9c3f2e0d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d", c.Id);
        Assert.Equal("web", c.Name);
        Assert.Equal("nginx:latest", c.Image);
        Assert.Equal("sha256:605c77e624ddb75e6110f997c58876baa13f8754486b461117934b24a9dc3a85", c.ImageId);
        Assert.Equal("/docker-entrypoint.sh nginx -g 'daemon off;'", c.Command); // as the engine's list words it
        Assert.Equal(DateTimeKind.Local, c.Created.Kind);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), new DateTime(c.Created.ToUniversalTime().Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc));
        Assert.Equal(ContainerState.Running, c.State);
        Assert.Equal("Up 3 minutes", c.Status);
        Assert.Null(c.ExitCode);
        Assert.Equal(4242, c.Pid);
        Assert.Equal(started, c.StartedAt!.Value.ToUniversalTime());
        Assert.Null(c.FinishedAt);
        Assert.Equal(Endpoint, c.Endpoint);
        Assert.Equal("linux", c.Platform);
        Assert.Equal(2, c.RestartCount);
        Assert.Equal("on-failure:3", c.RestartPolicy);
        Assert.False(c.AutoRemove);
        Assert.False(c.Tty);
        Assert.True(c.Interactive);
        Assert.Equal("/srv", c.WorkingDirectory);
        Assert.Equal("nginx", c.User);
        Assert.Equal("8dfafdbc3a40", c.Hostname);
        Assert.Equal("bridge", c.NetworkMode);
        Assert.Equal(new Dictionary<string, string> { ["bridge"] = "172.17.0.2" }, c.IPAddresses);
        Assert.False(c.OomKilled);
        Assert.Null(c.Error);
        Assert.Equal(new[] { "/docker-entrypoint.sh" }, c.Entrypoint);
        Assert.Equal(new[] { "nginx", "-g", "daemon off;" }, c.Arguments);
        Assert.Equal(new[] { "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NGINX_VERSION=1.25.3" }, c.Environment);
        Assert.Equal("NGINX Docker Maintainers <docker-maint@nginx.com>", c.Labels["maintainer"]);
        ContainerMount mount = Assert.Single(c.Mounts);
        Assert.Equal("/srv/www:/usr/share/nginx/html:ro", mount.ToString());
    }

    [Fact]
    public void FromInspect_RunningContainer_PortsComeFromTheLiveNetworkSettings()
    {
        Container c = ContainerMapper.FromInspect(Inspect(Running(DateTime.UtcNow), LivePorts), Endpoint);
        Assert.Equal(
            new[] { "127.0.0.1:5353->53/udp", "0.0.0.0:8080->80/tcp", "[::]:8080->80/tcp", "443/tcp" },
            c.Ports.Select(p => p.ToString()));
    }

    [Fact]
    public void FromInspect_StoppedContainer()
    {
        DateTime finished = DateTime.UtcNow.AddMinutes(-5).AddSeconds(-10);
        string state = $$"""{"Status": "exited", "Running": false, "Paused": false, "OOMKilled": true, "Pid": 0, "ExitCode": 137, "Error": "", "StartedAt": "2024-01-02T03:04:06.5Z", "FinishedAt": "{{finished:yyyy-MM-ddTHH:mm:ss.fffffff}}Z"}""";
        Container c = ContainerMapper.FromInspect(Inspect(state), Endpoint);

        Assert.Equal(ContainerState.Stopped, c.State);
        Assert.Equal("Exited (137) 5 minutes ago", c.Status);
        Assert.Equal(137, c.ExitCode);
        Assert.Null(c.Pid);
        Assert.True(c.OomKilled);
        Assert.Equal(finished, c.FinishedAt!.Value.ToUniversalTime());
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 6, 500, DateTimeKind.Utc), c.StartedAt!.Value.ToUniversalTime());
    }

    [Fact]
    public void FromInspect_StoppedContainer_PortsComeFromHostConfigAndExposedPorts()
    {
        // A stopped container's NetworkSettings.Ports is empty: the configured bindings stand in.
        string state = """{"Status": "exited", "ExitCode": 0, "StartedAt": "0001-01-01T00:00:00Z", "FinishedAt": "0001-01-01T00:00:00Z"}""";
        Container c = ContainerMapper.FromInspect(Inspect(state), Endpoint);
        Assert.Equal(
            new[] { "127.0.0.1:5353->53/udp", "0.0.0.0:8080->80/tcp", "443/tcp" },
            c.Ports.Select(p => p.ToString()));
        Assert.Null(c.Ports[1].HostIP);
        Assert.Equal(0, c.ExitCode);
        // Without a finish time there is no "… ago" to print (the engine prints no age either).
        Assert.Equal("Exited (0)", c.Status);
    }

    [Fact]
    public void FromInspect_RestartingContainer()
    {
        string state = $$"""{"Status": "restarting", "Running": true, "Restarting": true, "ExitCode": 1, "StartedAt": "0001-01-01T00:00:00Z", "FinishedAt": "{{DateTime.UtcNow.AddSeconds(-20):yyyy-MM-ddTHH:mm:ss}}Z"}""";
        Container c = ContainerMapper.FromInspect(Inspect(state), Endpoint);
        Assert.Equal(ContainerState.Restarting, c.State);
        Assert.Matches(@"^Restarting \(1\) 2\d seconds ago$", c.Status);
        Assert.Equal(1, c.ExitCode);
    }

    [Fact]
    public void FromInspect_CreatedContainer()
    {
        string state = """{"Status": "created", "Running": false, "Pid": 0, "ExitCode": 0, "Error": "", "StartedAt": "0001-01-01T00:00:00Z", "FinishedAt": "0001-01-01T00:00:00Z"}""";
        Container c = ContainerMapper.FromInspect(Inspect(state), Endpoint);
        Assert.Equal(ContainerState.Created, c.State);
        Assert.Equal("Created", c.Status);
        Assert.Null(c.ExitCode);
        Assert.Null(c.StartedAt);
        Assert.Null(c.FinishedAt);
        Assert.Null(c.Pid);
    }

    [Fact]
    public void FromInspect_PausedContainer()
    {
        string state = $$"""{"Status": "paused", "Running": true, "Paused": true, "Pid": 7, "StartedAt": "{{DateTime.UtcNow.AddSeconds(-30):yyyy-MM-ddTHH:mm:ss}}Z", "FinishedAt": "0001-01-01T00:00:00Z"}""";
        Container c = ContainerMapper.FromInspect(Inspect(state, LivePorts), Endpoint);
        Assert.Equal(ContainerState.Paused, c.State);
        Assert.StartsWith("Up ", c.Status, StringComparison.Ordinal);
        Assert.EndsWith(" seconds (Paused)", c.Status, StringComparison.Ordinal);
        Assert.Null(c.ExitCode);
    }

    [Fact]
    public void FromInspect_DeadContainerWithError()
    {
        string state = """{"Status": "dead", "ExitCode": 128, "Error": "failed to remove root filesystem", "StartedAt": "0001-01-01T00:00:00Z", "FinishedAt": "0001-01-01T00:00:00Z"}""";
        Container c = ContainerMapper.FromInspect(Inspect(state), Endpoint);
        Assert.Equal(ContainerState.Dead, c.State);
        Assert.Equal("Dead", c.Status);
        Assert.Equal(128, c.ExitCode);
        Assert.Equal("failed to remove root filesystem", c.Error);
    }

    [Fact]
    public void FromInspect_PodmanStoppedState()
    {
        string state = """{"Status": "stopped", "ExitCode": 1, "StartedAt": "0001-01-01T00:00:00Z", "FinishedAt": "0001-01-01T00:00:00Z"}""";
        Container c = ContainerMapper.FromInspect(Inspect(state), Endpoint);
        Assert.Equal(ContainerState.Stopped, c.State);
        Assert.Equal(1, c.ExitCode);
    }

    [Theory]
    [InlineData("""{"Name": "always", "MaximumRetryCount": 0}""", "always")]
    [InlineData("""{"Name": "on-failure", "MaximumRetryCount": 0}""", "on-failure")]
    [InlineData("""{"Name": "on-failure", "MaximumRetryCount": 5}""", "on-failure:5")]
    [InlineData("""{"Name": "", "MaximumRetryCount": 0}""", "no")]
    [InlineData("null", "no")]
    public void FromInspect_RestartPolicy(string policy, string expected)
    {
        string json = $$$"""{"Id": "x", "HostConfig": {"RestartPolicy": {{{policy}}}, "AutoRemove": true}}""";
        Container c = ContainerMapper.FromInspect(JsonSerializer.Deserialize(json, DockerJsonContext.Default.ContainerInspectDto)!, Endpoint);
        Assert.Equal(expected, c.RestartPolicy);
        Assert.True(c.AutoRemove);
    }

    [Fact]
    public void FromInspect_MinimalDocument_HasEmptyValues()
    {
        Container c = ContainerMapper.FromInspect(JsonSerializer.Deserialize("""{"Id": "abc"}""", DockerJsonContext.Default.ContainerInspectDto)!, Endpoint);
        Assert.Equal("abc", c.Id);
        Assert.Equal("", c.Name);
        Assert.Equal("", c.Image);
        Assert.Equal("", c.Command);
        Assert.Equal(ContainerState.Unknown, c.State);
        Assert.Equal(default, c.Created);
        Assert.Empty(c.Ports);
        Assert.Empty(c.Mounts);
        Assert.Empty(c.Labels);
        Assert.Empty(c.Environment!);
        Assert.Empty(c.Entrypoint!);
        Assert.Empty(c.Arguments!);
        Assert.Empty(c.IPAddresses!);
        Assert.Equal("no", c.RestartPolicy);
        Assert.Equal("", c.WorkingDirectory);
        Assert.Equal("", c.User);
        Assert.Equal("", c.Hostname);
        Assert.True(c.IsDetailed);
    }

    [Fact]
    public void PortKeysWithoutProtocol_AreTcp()
    {
        string json = """{"Id": "x", "Config": {"ExposedPorts": {"8080": {}}}}""";
        Container c = ContainerMapper.FromInspect(JsonSerializer.Deserialize(json, DockerJsonContext.Default.ContainerInspectDto)!, Endpoint);
        Assert.Equal("8080/tcp", Assert.Single(c.Ports).ToString());
    }
}

public class PortBindingTests
{
    [Theory]
    [InlineData(80, "tcp", null, null, "80/tcp")]
    [InlineData(53, "udp", null, null, "53/udp")]
    [InlineData(80, "tcp", "127.0.0.1", 8080, "127.0.0.1:8080->80/tcp")]
    [InlineData(80, "tcp", null, 8080, "0.0.0.0:8080->80/tcp")]
    [InlineData(80, "tcp", "", 8080, "0.0.0.0:8080->80/tcp")]
    [InlineData(80, "tcp", "::", 8080, "[::]:8080->80/tcp")]
    [InlineData(80, "sctp", "::1", 9000, "[::1]:9000->80/sctp")]
    [InlineData(80, "tcp", "127.0.0.1", 0, "80/tcp")]
    public void ToString_PrintsLikeDockerPs(int port, string protocol, string? hostIP, int? hostPort, string expected)
        => Assert.Equal(expected, new PortBinding(port, protocol, hostIP, hostPort).ToString());

    [Fact]
    public void EmptyOrZeroHostValues_MeanUnpublished()
    {
        var binding = new PortBinding(80, "tcp", "", 0);
        Assert.Null(binding.HostIP);
        Assert.Null(binding.HostPort);
    }
}
