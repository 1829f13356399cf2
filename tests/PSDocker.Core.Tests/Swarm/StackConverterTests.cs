using PSDocker.Core.Compose;
using PSDocker.Core.Containers;
using PSDocker.Core.Swarm;
using PSDocker.Core.Swarm.Stack;

namespace PSDocker.Core.Tests.Swarm;

/// <summary>Compose projects converted to stacks as docker stack deploy converts them (names, labels, deploy:, warnings, errors).</summary>
public sealed class StackConverterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("psd-stack").FullName;
    private readonly List<string> _loadWarnings = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private StackPlan Convert(string yaml, string stack = "s")
    {
        File.WriteAllText(Path.Combine(_dir, "compose.yaml"), yaml.Replace("\r\n", "\n"));
        File.WriteAllText(Path.Combine(_dir, "secret.txt"), "s3cret");
        ComposeProject project = ComposeLoader.Load(new ComposeLoadOptions
        {
            ProjectName = stack,
            CurrentDirectory = _dir,
            Environment = new Dictionary<string, string>(),
        }, _loadWarnings.Add);
        return StackConverter.Convert(project, stack);
    }

    [Fact]
    public void NamesLabelsAndTheDefaultNetworkFollowDockerStackDeploy()
    {
        StackPlan plan = Convert("""
            services:
              web:
                image: psdocker-test/busybox:1.35
                labels: { tier: front }
                deploy:
                  labels: { owner: qa }
            """);
        ServiceSpec web = Assert.Single(plan.Services);
        Assert.Equal("s_web", web.Name);
        Assert.Equal("s", web.Labels[StackLabels.Namespace]);
        Assert.Equal("psdocker-test/busybox:1.35", web.Labels[StackLabels.Image]);
        Assert.Equal("qa", web.Labels["owner"]);
        Assert.Equal("front", web.ContainerLabels["tier"]);
        Assert.Equal("s", web.ContainerLabels[StackLabels.Namespace]);
        Assert.False(web.ContainerLabels.ContainsKey("owner"));
        Assert.Equal(1UL, web.Replicas);

        var net = Assert.Single(plan.Networks);
        Assert.Equal("s_default", net.Name);
        Assert.Equal("overlay", net.Driver);
        Assert.Equal("s", net.Labels[StackLabels.Namespace]);
        ServiceNetwork attachment = Assert.Single(web.Networks);
        Assert.Equal("s_default", attachment.Target);
        Assert.Equal(new[] { "web" }, attachment.Aliases);
    }

    [Fact]
    public void DeploySectionBecomesTheServiceSpec()
    {
        StackPlan plan = Convert("""
            services:
              api:
                image: app:1
                command: ["httpd", "-f"]
                entrypoint: /bin/sh -c
                environment: { B: "2", A: "1" }
                deploy:
                  mode: replicated
                  replicas: 3
                  endpoint_mode: vip
                  resources:
                    limits: { cpus: "0.5", memory: 64M, pids: 100 }
                    reservations: { cpus: "0.25", memory: 32M }
                  restart_policy: { condition: on-failure, delay: 5s, max_attempts: 3, window: 1m }
                  update_config: { parallelism: 2, delay: 10s, failure_action: rollback, monitor: 30s, max_failure_ratio: 0.1, order: start-first }
                  rollback_config: { parallelism: 1, order: stop-first }
                  placement:
                    constraints: ["node.role==manager"]
                    preferences: [{ spread: node.labels.zone }]
                    max_replicas_per_node: 2
                ports:
                  - { target: 80, published: 8080, mode: host }
                  - "9090:90/udp"
                healthcheck:
                  test: ["CMD", "true"]
                  interval: 5s
                  retries: 2
              worker:
                image: app:1
                deploy: { mode: global, endpoint_mode: dnsrr }
            """);
        ServiceSpec api = plan.Services[0];
        Assert.Equal(new[] { "httpd", "-f" }, api.Args);
        Assert.Equal(new[] { "/bin/sh", "-c" }, api.Command);
        Assert.Equal(new[] { "A=1", "B=2" }, api.Env);
        Assert.Equal(ServiceMode.Replicated, api.Mode);
        Assert.Equal(3UL, api.Replicas);
        Assert.Equal(EndpointMode.Vip, api.EndpointMode);
        Assert.Equal(0.5, api.Resources!.LimitCpus);
        Assert.Equal(64L * 1024 * 1024, api.Resources.LimitMemory);
        Assert.Equal(100L, api.Resources.LimitPids);
        Assert.Equal(0.25, api.Resources.ReserveCpus);
        Assert.Equal(32L * 1024 * 1024, api.Resources.ReserveMemory);
        Assert.Equal("on-failure", api.RestartPolicy!.Condition);
        Assert.Equal(TimeSpan.FromSeconds(5), api.RestartPolicy.Delay);
        Assert.Equal(3UL, api.RestartPolicy.MaxAttempts);
        Assert.Equal(TimeSpan.FromMinutes(1), api.RestartPolicy.Window);
        Assert.Equal(2UL, api.UpdateConfig!.Parallelism);
        Assert.Equal(TimeSpan.FromSeconds(10), api.UpdateConfig.Delay);
        Assert.Equal("rollback", api.UpdateConfig.FailureAction);
        Assert.Equal(TimeSpan.FromSeconds(30), api.UpdateConfig.Monitor);
        Assert.Equal(0.1, api.UpdateConfig.MaxFailureRatio);
        Assert.Equal("start-first", api.UpdateConfig.Order);
        Assert.Equal("stop-first", api.RollbackConfig!.Order);
        Assert.Equal(new[] { "node.role==manager" }, api.Constraints);
        Assert.Equal(new[] { "node.labels.zone" }, api.PlacementPreferences);
        Assert.Equal(2UL, api.MaxReplicasPerNode);
        Assert.Collection(api.Ports,
            p => { Assert.Equal(80, p.TargetPort); Assert.Equal(8080, p.PublishedPort); Assert.Equal(PublishMode.Host, p.Mode); },
            p => { Assert.Equal(90, p.TargetPort); Assert.Equal(9090, p.PublishedPort); Assert.Equal("udp", p.Protocol); Assert.Equal(PublishMode.Ingress, p.Mode); });
        Assert.Equal(new[] { "CMD", "true" }, api.Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromSeconds(5), api.Healthcheck.Interval);
        Assert.Equal(2, api.Healthcheck.Retries);

        ServiceSpec worker = plan.Services[1];
        Assert.Equal(ServiceMode.Global, worker.Mode);
        Assert.Null(worker.Replicas);
        Assert.Equal(EndpointMode.Dnsrr, worker.EndpointMode);
        api.Validate();
        worker.Validate();
    }

    [Fact]
    public void NetworksVolumesSecretsAndConfigsAreNamespaced()
    {
        StackPlan plan = Convert("""
            services:
              web:
                image: app:1
                networks:
                  front: { aliases: [www] }
                  shared: {}
                volumes:
                  - data:/data
                  - type: tmpfs
                    target: /run
                  - ./html:/html:ro
                  - outside:/outside
                secrets:
                  - db
                  - source: db
                    target: /run/secrets/other
                    mode: 0400
                  - ext
                configs:
                  - source: conf
                    target: /etc/app.conf
                  - inline
            networks:
              front: { attachable: true, labels: { zone: a } }
              shared: { external: true, name: team-net }
              unused: {}
            volumes:
              data: { labels: { keep: "yes" } }
              outside: { external: true }
            secrets:
              db: { file: ./secret.txt }
              ext: { external: true, name: prod-ext }
            configs:
              conf: { file: ./secret.txt, labels: { kind: conf } }
              inline: { content: "hello" }
            """, "shop");
        ServiceSpec web = Assert.Single(plan.Services);

        Assert.Equal(new[] { "shop_front" }, plan.Networks.Select(n => n.Name));
        Assert.True(plan.Networks[0].Attachable);
        Assert.Equal("a", plan.Networks[0].Labels["zone"]);
        Assert.Equal(new[] { "team-net" }, plan.ExternalNetworks);
        Assert.Collection(web.Networks,
            n => { Assert.Equal("shop_front", n.Target); Assert.Equal(new[] { "web", "www" }, n.Aliases); },
            n => Assert.Equal("team-net", n.Target));

        Assert.Collection(web.Mounts,
            m => { Assert.Equal(MountType.Volume, m.Type); Assert.Equal("shop_data", m.Source); Assert.Equal("shop", m.VolumeLabels[StackLabels.Namespace]); Assert.Equal("yes", m.VolumeLabels["keep"]); },
            m => { Assert.Equal(MountType.Tmpfs, m.Type); Assert.Equal("/run", m.Target); },
            m => { Assert.Equal(MountType.Bind, m.Type); Assert.Equal(Path.Combine(_dir, "html"), m.Source); Assert.True(m.ReadOnly); },
            m => { Assert.Equal("outside", m.Source); Assert.Empty(m.VolumeLabels); });

        StackFileObject secret = Assert.Single(plan.Secrets);
        Assert.Equal("shop_db", secret.Name);
        Assert.Equal(Path.Combine(_dir, "secret.txt"), secret.File);
        Assert.Equal("shop", secret.Labels[StackLabels.Namespace]);
        Assert.Equal(new[] { "prod-ext" }, plan.ExternalSecrets);
        Assert.Collection(web.Secrets,
            r => { Assert.Equal("shop_db", r.SourceName); Assert.Equal("db", r.Target); Assert.Equal(System.Convert.ToInt32("444", 8), r.Mode); },
            r => { Assert.Equal("other", r.Target); Assert.Equal(System.Convert.ToInt32("400", 8), r.Mode); },
            r => { Assert.Equal("prod-ext", r.SourceName); Assert.Equal("ext", r.Target); });

        Assert.Equal(new[] { "shop_conf", "shop_inline" }, plan.Configs.Select(c => c.Name));
        Assert.Equal("conf", plan.Configs[0].Labels["kind"]);
        Assert.Equal("hello", plan.Configs[1].Content);
        Assert.Collection(web.Configs,
            r => { Assert.Equal("shop_conf", r.SourceName); Assert.Equal("/etc/app.conf", r.Target); },
            r => { Assert.Equal("shop_inline", r.SourceName); Assert.Equal("/inline", r.Target); });
    }

    [Fact]
    public void KeysSwarmIgnoresAreWarningsAsDockerSaysThem()
    {
        StackPlan plan = Convert("""
            services:
              web:
                image: app:1
                build: .
                container_name: web1
                restart: always
                privileged: true
                depends_on: [db]
                dns: 1.1.1.1
              db:
                image: db:1
                expose: ["5432"]
            """);
        Assert.Contains("Ignoring unsupported options: build, depends_on, privileged, restart", plan.Warnings);
        Assert.Contains(plan.Warnings, w => w.StartsWith("Ignoring deprecated options: container_name: Setting the container name is not supported. expose:", StringComparison.Ordinal));
        Assert.Contains(plan.Warnings, w => w.Contains("dns", StringComparison.Ordinal) && w.Contains("does not carry", StringComparison.Ordinal));
        // restart: always still sets the restart condition, as docker's converter does when deploy.restart_policy is absent.
        Assert.Equal("any", plan.Services[0].RestartPolicy!.Condition);
    }

    [Theory]
    [InlineData("services: { web: { build: . } }", "service 'web'", "image:")]
    [InlineData("services: { web: { image: a, ports: [{ target: 80, published: \"8000-8001\" }] } }", "service 'web'", "ranges")]
    [InlineData("services: { web: { image: a, deploy: { mode: global, replicas: 2 } } }", "service 'web'", "replicated")]
    [InlineData("services: { web: { image: a, deploy: { endpoint_mode: nat } } }", "service 'web'", "vip or dnsrr")]
    [InlineData("services: { web: { image: a, deploy: { restart_policy: { delay: soon } } } }", "service 'web'", "deploy.restart_policy.delay")]
    [InlineData("services: { web: { image: a } }\nsecrets: { k: { environment: HOME } }", "secret 'k'", "file:")]
    public void WhatAStackCannotHoldFailsNamingItBeforeAnythingIsSent(string yaml, string subject, string words)
    {
        var ex = Assert.Throws<StackConversionException>(() => Convert(yaml));
        Assert.Equal(subject, ex.Subject);
        Assert.Contains(words, ex.Message, StringComparison.Ordinal);
    }
}
