using PSDocker.Core.Compose;
using PSDocker.Core.Compose.Runtime;
using PSDocker.Core.Containers;

namespace PSDocker.Core.Tests.Compose;

/// <summary>The engine-free parts of the compose runtime: names, the plan made from a loaded project, status text, dependency order.</summary>
public sealed class ComposeRuntimeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("psd-composerun").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ComposePlan PlanOf(string yaml, IReadOnlyCollection<string>? services = null)
    {
        string file = Path.Combine(_dir, "compose.yaml");
        File.WriteAllText(file, yaml.Replace("\r\n", "\n"));
        ComposeProject project = ComposeLoader.Load(new ComposeLoadOptions
        {
            Paths = new[] { file },
            Environment = new Dictionary<string, string>(),
            CurrentDirectory = _dir,
        });
        return ComposePlanner.Plan(project, services);
    }

    private const string App = """
        name: shop
        services:
          web:
            image: busybox
            ports: ["127.0.0.1:8080:80"]
            depends_on:
              db: { condition: service_healthy }
              migrate: { condition: service_completed_successfully }
            networks:
              front: {}
              back: { aliases: [www] }
            healthcheck: { test: ["CMD", "true"], interval: 2s }
            stop_grace_period: 1500ms
          db:
            image: busybox
            volumes: [data:/data, ./conf:/etc/conf:ro]
          migrate:
            image: busybox
            scale: 2
        networks:
          front: {}
          back: { name: shared-back }
        volumes:
          data: {}
          unused: {}
        """;

    [Fact]
    public void NamesFollowComposeV2()
    {
        Assert.Equal("shop-web-3", ComposeLabels.ContainerName("shop", "web", 3));
        Assert.Equal("shop_default", ComposeLabels.ScopedName("shop", "default"));
        Assert.Equal("com.docker.compose.project=shop", ComposeLabels.ProjectFilter("shop"));
        Assert.Equal(7, ComposeLabels.NumberOf(new Dictionary<string, string> { [ComposeLabels.ContainerNumber] = "7" }));
        Assert.Equal(0, ComposeLabels.NumberOf(new Dictionary<string, string> { [ComposeLabels.ContainerNumber] = "x" }));
        Assert.True(ComposeLabels.IsOneOff(new Dictionary<string, string> { [ComposeLabels.OneOff] = "True" }));
        Assert.False(ComposeLabels.IsOneOff(new Dictionary<string, string> { [ComposeLabels.OneOff] = "False" }));
        Assert.True(Version.TryParse(ComposeLabels.VersionValue, out _));
    }

    [Fact]
    public void PlanNamesNetworksAndVolumesAndKeepsOnlyTheUsedOnes()
    {
        ComposePlan plan = PlanOf(App);
        Assert.Equal("shop", plan.ProjectName);
        Assert.Equal(new[] { "front", "back", "default" }, plan.Networks.Select(n => n.Key));
        Assert.Equal(new[] { "shop_front", "shared-back", "shop_default" }, plan.Networks.Select(n => n.Name));
        VolumePlan data = Assert.Single(plan.Volumes);
        Assert.Equal("shop_data", data.Name);
    }

    [Fact]
    public void PlanMapsAServiceToCreateOptions()
    {
        ComposePlan plan = PlanOf(App);
        ServicePlan web = plan.Services.Single(s => s.Name == "web");
        PortSpec port = Assert.Single(web.Template.Ports);
        Assert.Equal(("127.0.0.1", 8080, 80), (port.HostIP, port.HostPort, port.ContainerPort));
        Assert.Equal(new[] { "CMD", "true" }, web.Template.Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromSeconds(2), web.Template.Healthcheck.Interval);
        Assert.Equal(2, web.StopTimeout);
        Assert.True(web.HasHealthcheck);
        Assert.Equal(new[] { ("db", DependencyCondition.ServiceHealthy), ("migrate", DependencyCondition.ServiceCompletedSuccessfully) },
            web.DependsOn.Select(d => (d.Service, d.Condition)));
        Assert.Equal(new[] { "front", "back" }, web.Networks.Select(n => n.Key));
        Assert.Equal(new[] { "www" }, web.Networks[1].Aliases);
        Assert.Equal(web.ConfigHash, plan.Services.Single(s => s.Name == "web").ConfigHash);
        Assert.Matches("^[0-9a-f]{64}$", web.ConfigHash);

        ServicePlan db = plan.Services.Single(s => s.Name == "db");
        MountSpec volume = Assert.Single(db.Template.Mounts);
        Assert.Equal((MountType.Volume, "shop_data", "/data"), (volume.Type, volume.Source, volume.Target));
        VolumeSpec bind = Assert.Single(db.Template.Volumes);
        Assert.Equal((VolumeKind.Bind, Path.Combine(_dir, "conf"), "/etc/conf", true), (bind.Kind, bind.Source, bind.Target, bind.ReadOnly));
        Assert.Equal("default", Assert.Single(db.Networks).Key);

        Assert.Equal(2, plan.Services.Single(s => s.Name == "migrate").Scale);
    }

    [Fact]
    public void PlanOfSomeServicesTakesWhatTheyDependOn()
    {
        ComposePlan plan = PlanOf(App, new[] { "web" });
        Assert.Equal(new[] { "web", "db", "migrate" }, plan.Services.Select(s => s.Name));
        Assert.Equal(new[] { "db" }, PlanOf(App, new[] { "db" }).Services.Select(s => s.Name));
        var ex = Assert.Throws<FormatException>(() => PlanOf(App, new[] { "nosuch" }));
        Assert.Contains("nosuch", ex.Message);
    }

    [Fact]
    public void ABuildWithoutAnImageGetsTheProjectServiceName()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "app"));
        ComposePlan plan = PlanOf("""
            name: shop
            services:
              api:
                build: ./app
            """);
        ServicePlan api = Assert.Single(plan.Services);
        Assert.Equal("shop-api", api.Template.Image);
        Assert.Equal(Path.Combine(_dir, "app"), api.Build!.Context);
    }

    [Fact]
    public void WhatTheEngineCannotTakeFailsInThePlan()
    {
        var ex = Assert.Throws<FormatException>(() => PlanOf("""
            services:
              web:
                image: busybox
                volumes:
                  - type: npipe
                    source: \\.\pipe\docker_engine
                    target: \\.\pipe\docker_engine
            """));
        Assert.Contains("Service 'web', volumes", ex.Message);
        Assert.Contains("npipe", ex.Message);
    }

    [Fact]
    public void StatusTextCountsStatesInOrderOfAppearance()
    {
        Container C(ContainerState s) => new() { State = s };
        Assert.Equal("running(2), exited(1)", ComposeRuntime.StatusText(new[] { C(ContainerState.Running), C(ContainerState.Stopped), C(ContainerState.Running) }));
        Assert.Equal("", ComposeRuntime.StatusText(Array.Empty<Container>()));
    }

    [Fact]
    public async Task GraphRunsDependenciesFirstOrDependentsFirstInReverse()
    {
        var deps = new Dictionary<string, string[]> { ["web"] = new[] { "db", "cache" }, ["db"] = Array.Empty<string>(), ["cache"] = new[] { "db" } };
        async Task<List<string>> Run(bool reverse)
        {
            var order = new List<string>();
            await ServiceGraph.RunAsync(deps.Keys, s => deps[s], reverse, 8, async (s, _) =>
            {
                await Task.Yield();
                lock (order) order.Add(s);
            }, (_, ex) => throw ex, CancellationToken.None);
            return order;
        }
        Assert.Equal(new[] { "db", "cache", "web" }, await Run(false));
        Assert.Equal(new[] { "web", "cache", "db" }, await Run(true));
    }

    [Fact]
    public async Task GraphSurvivesACycleAndReportsFailuresWithoutHoldingTheOthers()
    {
        var deps = new Dictionary<string, string[]> { ["a"] = new[] { "b" }, ["b"] = new[] { "a" }, ["c"] = Array.Empty<string>() };
        var done = new List<string>();
        var failed = new List<string>();
        await ServiceGraph.RunAsync(deps.Keys, s => deps[s], false, 1, (s, _) =>
        {
            if (s == "c") throw new InvalidOperationException("boom");
            lock (done) done.Add(s);
            return Task.CompletedTask;
        }, (s, _) => failed.Add(s), CancellationToken.None);
        Assert.Equal(new[] { "a", "b" }, done.OrderBy(x => x));
        Assert.Equal(new[] { "c" }, failed);
    }
}
