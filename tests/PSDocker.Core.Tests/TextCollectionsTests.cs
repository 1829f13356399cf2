using PSDocker;

namespace PSDocker.Core.Tests;

/// <summary>The lists and maps of the output types read as text in Export-Csv and [string], and stay lists and maps.</summary>
public class TextCollectionsTests
{
    [Fact]
    public void ContainerCollections_ReadAsDockerText()
    {
        var c = new Container
        {
            Ports = new List<PortBinding> { new(80, "tcp", "127.0.0.1", 8080), new(443, "tcp") },
            Labels = new Dictionary<string, string> { ["tier"] = "front", ["app"] = "web" },
            Mounts = new[] { new ContainerMount { Type = "volume", Name = "data", Destination = "/data", ReadWrite = true } },
            NetworkAliases = new Dictionary<string, IReadOnlyList<string>> { ["back"] = new[] { "api", "web" } },
        };
        Assert.Equal("127.0.0.1:8080->80/tcp, 443/tcp", c.Ports.ToString());
        Assert.Equal("app=web, tier=front", c.Labels.ToString());
        Assert.Equal("data:/data", c.Mounts.ToString());
        Assert.Equal("back=api web", c.NetworkAliases!.ToString());
        Assert.Null(c.Environment);
        Assert.Equal(8080, c.Ports[0].HostPort);
        Assert.Equal("front", c.Labels["tier"]);
    }

    [Fact]
    public void Defaults_AreEmptyText_NotTypeNames()
    {
        var c = new Container();
        Assert.Equal("", c.Ports.ToString());
        Assert.Equal("", c.Labels.ToString());
        Assert.Equal("", new Image().RepoTags.ToString());
        Assert.Equal("", new Network().Options.ToString());
        Assert.Equal("", new Volume().Labels.ToString());
    }

    [Fact]
    public void TheCallersCollection_IsCopied()
    {
        var labels = new Dictionary<string, string> { ["a"] = "1" };
        var c = new Container { Labels = labels };
        labels["b"] = "2";
        Assert.Single(c.Labels);
    }
}
