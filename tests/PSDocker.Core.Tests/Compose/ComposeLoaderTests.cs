using System.Text;
using PSDocker.Core.Compose;

namespace PSDocker.Core.Tests.Compose;

/// <summary>Loading compose projects from files in a temporary directory: merging, YAML edge cases, extends, include, profiles, errors.</summary>
public sealed class ComposeLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("psd-compose").FullName;
    private readonly List<string> _warnings = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    private ComposeProject Load(string[]? files = null, Dictionary<string, string>? env = null, string[]? profiles = null,
        string? projectName = null, string[]? envFiles = null, string? cwd = null)
        => ComposeLoader.Load(new ComposeLoadOptions
        {
            Paths = files ?? Array.Empty<string>(),
            Environment = env ?? new Dictionary<string, string>(),
            Profiles = profiles,
            ProjectName = projectName,
            EnvFiles = envFiles ?? Array.Empty<string>(),
            CurrentDirectory = cwd ?? _dir,
        }, _warnings.Add);

    private ComposeException Fails(string[]? files = null, Dictionary<string, string>? env = null, string[]? profiles = null, string? projectName = null)
        => Assert.Throws<ComposeException>(() => Load(files, env, profiles, projectName));

    [Fact]
    public void TwoFilesMergeByTheComposeRules()
    {
        Write("compose.yaml", """
            name: demo
            services:
              web:
                image: nginx:1
                command: nginx -g 'daemon off;'
                environment:
                  - A=1
                  - B=2
                labels: { tier: front }
                ports: ["8080:80"]
                volumes: ["./html:/usr/share/nginx/html:ro", "cache:/cache"]
                depends_on: [db]
              db:
                image: postgres:16
            volumes:
              cache: {}
            """);
        Write("override.yaml", """
            services:
              web:
                image: nginx:2
                command: ["nginx", "-T"]
                environment:
                  B: "20"
                  C: "3"
                labels: ["owner=me"]
                ports: ["8443:443"]
                volumes: ["./other:/usr/share/nginx/html"]
                depends_on:
                  db:
                    condition: service_healthy
            """);
        var p = Load(new[] { "compose.yaml", "override.yaml" });
        var web = p.Services["web"];
        Assert.Equal("demo", p.Name);
        Assert.Equal("nginx:2", web.Image);
        Assert.Equal(new[] { "nginx", "-T" }, web.Command);
        Assert.Equal(new[] { "A", "B", "C" }, web.Environment.Keys);
        Assert.Equal("20", web.Environment["B"]);
        Assert.Equal("me", web.Labels["owner"]);
        Assert.Equal("front", web.Labels["tier"]);
        Assert.Equal(new[] { "8080", "8443" }, web.Ports.Select(x => x.Published));
        Assert.Equal(new[] { 80, 443 }, web.Ports.Select(x => x.Target));
        // volumes merge by target: the override's bind replaces the first one, read-write now.
        Assert.Equal(2, web.Volumes.Count);
        Assert.Equal(Path.Combine(_dir, "other"), web.Volumes[0].Source);
        Assert.False(web.Volumes[0].ReadOnly);
        Assert.Equal("bind", web.Volumes[0].Type);
        Assert.Equal("volume", web.Volumes[1].Type);
        Assert.Equal("cache", web.Volumes[1].Source);
        Assert.Equal(ComposeConditions.Healthy, web.DependsOn["db"].Condition);
        Assert.True(web.DependsOn["db"].Required);
        Assert.Equal("demo_cache", p.Volumes["cache"].Name);
        Assert.Equal("demo_default", p.Networks["default"].Name);
        Assert.Equal(new[] { Path.Combine(_dir, "compose.yaml"), Path.Combine(_dir, "override.yaml") }, p.ConfigFiles);
        Assert.Equal(new[] { "db", "web" }, p.GetStartOrder().Select(s => s.Name));
    }

    [Fact]
    public void MergeRulesPerField()
    {
        Write("compose.yaml", """
            services:
              a:
                build: ./app
                image: a
                dns: 8.8.8.8
                extra_hosts: ["db:10.0.0.2", "cache:10.0.0.3"]
                logging: { driver: json-file, options: { max-size: 10m } }
                ulimits: { nofile: { soft: 100, hard: 200 } }
                networks: [front]
                cap_add: [NET_ADMIN]
                healthcheck: { test: ["CMD", "a"], interval: 5s }
                entrypoint: ["/a"]
              b:
                image: b
                logging: { driver: json-file, options: { max-size: 10m } }
            networks:
              front:
                ipam: { config: [{ subnet: 10.1.0.0/24, gateway: 10.1.0.1 }] }
              back: {}
            """);
        Write("compose.override.yaml", """
            services:
              a:
                build: { dockerfile: Other.Dockerfile, args: { V: "2" } }
                dns: [1.1.1.1]
                extra_hosts: { db: 10.0.0.2, web: 10.0.0.4 }
                logging: { options: { max-file: "3" } }
                ulimits: { nofile: { hard: 400 } }
                networks: { back: { aliases: [api] } }
                cap_add: [NET_ADMIN, SYS_TIME]
                healthcheck: { test: ["CMD", "b"] }
                entrypoint: /b --flag
              b:
                logging: { driver: syslog, options: { tag: b } }
            networks:
              front:
                ipam: { config: [{ subnet: 10.1.0.0/24, ip_range: 10.1.0.128/25 }, { subnet: 10.2.0.0/24 }] }
            """);
        var p = Load();
        var a = p.Services["a"];
        Assert.Equal(Path.Combine(_dir, "app"), a.Build!.Context);
        Assert.Equal("Other.Dockerfile", a.Build.Dockerfile);
        Assert.Equal("2", a.Build.Args["V"]);
        Assert.Equal(new[] { "8.8.8.8", "1.1.1.1" }, a.Dns);
        Assert.Equal(new[] { "db:10.0.0.2", "cache:10.0.0.3", "web:10.0.0.4" }, a.ExtraHosts);
        Assert.Equal("json-file", a.Logging!.Driver);
        Assert.Equal(new[] { "max-size", "max-file" }, a.Logging.Options.Keys);
        Assert.Equal(new ComposeUlimit(100, 400), a.Ulimits["nofile"]);
        Assert.Equal(new[] { "front", "back" }, a.Networks.Keys);
        Assert.Equal(new[] { "api" }, a.Networks["back"].Aliases);
        Assert.Equal(new[] { "NET_ADMIN", "SYS_TIME" }, a.CapAdd);
        Assert.Equal(new[] { "CMD", "b" }, a.Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromSeconds(5), a.Healthcheck.Interval);
        Assert.Equal(new[] { "/b", "--flag" }, a.Entrypoint);
        // Another driver: the logging settings are replaced, not merged.
        var b = p.Services["b"];
        Assert.Equal("syslog", b.Logging!.Driver);
        Assert.Equal(new[] { "tag" }, b.Logging.Options.Keys);
        // ipam pools merge by subnet.
        var pools = p.Networks["front"].Ipam!.Config;
        Assert.Equal(new[] { "10.1.0.0/24", "10.2.0.0/24" }, pools.Select(x => x.Subnet));
        Assert.Equal("10.1.0.1", pools[0].Gateway);
        Assert.Equal("10.1.0.128/25", pools[0].IpRange);
    }

    [Fact]
    public void AMappingCannotOverrideAList()
    {
        Write("compose.yaml", "services:\n  a:\n    image: a\n    cap_add: [NET_ADMIN]\n");
        Write("compose.override.yaml", "services:\n  a:\n    cap_add: { x: y }\n");
        var ex = Fails();
        Assert.Equal("services.a.cap_add", ex.ModelPath);
        Assert.Contains("Cannot override", ex.Message);
        Assert.Equal(Path.Combine(_dir, "compose.override.yaml"), ex.File);
    }

    [Fact]
    public void CommandStringsSplitLikeAShell()
    {
        Write("compose.yaml", """
            services:
              a:
                image: busybox
                command: sh -c 'echo "hello world" && sleep 1' "x y" z\ w
                entrypoint: /bin/tini --
            """);
        var a = Load().Services["a"];
        Assert.Equal(new[] { "sh", "-c", "echo \"hello world\" && sleep 1", "x y", "z w" }, a.Command);
        Assert.Equal(new[] { "/bin/tini", "--" }, a.Entrypoint);
    }

    [Fact]
    public void MergeKeysLetTheMappingsOwnKeysWin()
    {
        Write("compose.yaml", """
            x-base: &base
              image: busybox
              restart: always
              environment: { FROM: base }
            x-more: &more
              restart: on-failure
              user: nobody
              hostname: more
            services:
              one:
                hostname: own
                <<: [*base, *more]
                restart: "no"
              two:
                <<: *more
                <<: *base
            """);
        var p = Load();
        var one = p.Services["one"];
        Assert.Equal("busybox", one.Image);
        Assert.Equal("no", one.Restart);           // own key after the merge key
        Assert.Equal("own", one.Hostname);         // own key before the merge key
        Assert.Equal("nobody", one.User);
        Assert.Equal("base", one.Environment["FROM"]);
        var two = p.Services["two"];
        Assert.Equal("on-failure", two.Restart);   // the first merge key wins
        Assert.True(p.Extensions.ContainsKey("x-base"));
    }

    [Fact]
    public void FileModesFollowGoYaml()
    {
        Write("compose.yaml", """
            services:
              a:
                image: busybox
                secrets:
                  - { source: s, target: /one, mode: 0440 }
                  - { source: s, target: /two, mode: "0440" }
                  - { source: s, target: /three, mode: 0o440 }
                  - { source: s, target: /four, mode: 440 }
                volumes:
                  - { type: tmpfs, target: /tmp, tmpfs: { size: 64m, mode: 01777 } }
            secrets:
              s: { file: ./secret.txt }
            """);
        var a = Load().Services["a"];
        Assert.Equal(new int?[] { 288, 288, 288, 440 }, a.Secrets.Select(s => s.Mode));
        Assert.Equal(1023, a.Volumes[0].TmpfsMode);
        Assert.Equal(64L * 1024 * 1024, a.Volumes[0].TmpfsSize);
    }

    [Fact]
    public void PortsQuotedOrNotAreStringsUnderYaml12()
    {
        Write("compose.yaml", """
            services:
              a:
                image: busybox
                ports:
                  - "80:80"
                  - 22:22
                  - 127.0.0.1:8000-8001:90-91/udp
                  - 9000
                  - "8080-8090:70"
                  - { target: 53, published: "5353", protocol: udp, host_ip: 127.0.0.1 }
            """);
        var ports = Load().Services["a"].Ports;
        Assert.Equal(new[] { "80/80/tcp", "22/22/tcp", "8000/90/udp", "8001/91/udp", "/9000/tcp", "8080-8090/70/tcp", "5353/53/udp" },
            ports.Select(p => $"{p.Published}/{p.Target}/{p.Protocol}"));
        Assert.Equal("127.0.0.1", ports[2].HostIP);
        Assert.Equal("127.0.0.1", ports[6].HostIP);
    }

    [Fact]
    public void YesAndOnAreStringsButBooleanFieldsAcceptThemWithAWarning()
    {
        Write("compose.yaml", """
            services:
              a:
                image: busybox
                environment:
                  A: yes
                  B: on
                  C: true
                  D: 0755
                  E:
                labels:
                  L: off
                privileged: yes
                init: on
                read_only: "false"
                tty: true
            """);
        var a = Load(env: new() { ["E"] = "from-env" }).Services["a"];
        Assert.Equal("yes", a.Environment["A"]);
        Assert.Equal("on", a.Environment["B"]);
        Assert.Equal("true", a.Environment["C"]);
        Assert.Equal("0755", a.Environment["D"]);
        Assert.Equal("from-env", a.Environment["E"]);
        Assert.Equal("off", a.Labels["L"]);
        Assert.True(a.Privileged);
        Assert.True(a.Init);
        Assert.False(a.ReadOnly);
        Assert.True(a.Tty);
        Assert.Contains(_warnings, w => w.Contains("services.a.privileged") && w.Contains("YAML 1.2"));
    }

    [Fact]
    public void LabelFilesThenLabels()
    {
        Write("compose.yaml", "services:\n  a:\n    image: busybox\n    label_file: [meta/one.labels, two.labels]\n    labels: { c: own }\n");
        Write("meta/one.labels", "a=1\nb=1\nc=1\n");
        Write("two.labels", "# comment\nb=2\n");
        var labels = Load().Services["a"].Labels;
        Assert.Equal(new[] { "a", "b", "c" }, labels.Keys);
        Assert.Equal(new[] { "1", "2", "own" }, labels.Values);
        Write("compose.yaml", "services:\n  a:\n    image: busybox\n    label_file: nope.labels\n");
        Assert.Equal(ComposeErrorKind.FileNotFound, Fails().Kind);
    }

    [Fact]
    public void ABareEnvironmentNameWithoutValueStaysUnset()
    {
        Write("compose.yaml", "services:\n  a:\n    image: busybox\n    environment: [NOT_THERE, SET=]\n");
        var env = Load().Services["a"].Environment;
        Assert.True(env.ContainsKey("NOT_THERE"));
        Assert.Null(env["NOT_THERE"]);
        Assert.Equal("", env["SET"]);
    }

    [Fact]
    public void ResetAndOverrideTags()
    {
        Write("compose.yaml", """
            services:
              a:
                image: busybox
                ports: ["80:80"]
                environment: { A: "1", B: "2" }
                command: echo one
                labels: { keep: "yes" }
                user: nobody
            """);
        Write("compose.override.yaml", """
            services:
              a:
                ports: !reset []
                environment: !override
                  C: "3"
                command: !reset null
                labels:
                  extra: "1"
                user:
            """);
        var a = Load().Services["a"];
        Assert.Empty(a.Ports);
        Assert.Equal(new[] { "C" }, a.Environment.Keys);
        Assert.Null(a.Command);
        Assert.Equal(new[] { "keep", "extra" }, a.Labels.Keys);
        Assert.Equal("nobody", a.User);   // a null in the later file keeps the earlier value
    }

    [Fact]
    public void DotEnvInterpolatesAndTheEnvironmentWins()
    {
        Write("compose.yaml", """
            services:
              a:
                image: "busybox:${TAG:-latest}"
                container_name: ${NAME}
                environment:
                  GREETING: ${GREETING:?say something}
                  PRICE: $$5
                  NESTED: ${UNSET_ONE:-${UNSET_TWO:-deep}}
                  PLUS: ${TAG:+tagged}
                hostname: $COMPOSE_PROJECT_NAME
            """);
        Write(".env", "TAG=1.36\nNAME=from-dotenv\nGREETING=hi\n");
        var p = Load(env: new() { ["NAME"] = "from-os" });
        var a = p.Services["a"];
        Assert.Equal("busybox:1.36", a.Image);
        Assert.Equal("from-os", a.ContainerName);
        Assert.Equal("hi", a.Environment["GREETING"]);
        Assert.Equal("$5", a.Environment["PRICE"]);
        Assert.Equal("deep", a.Environment["NESTED"]);
        Assert.Equal("tagged", a.Environment["PLUS"]);
        Assert.Equal(p.Name, a.Hostname);
        Assert.Equal(new[] { Path.Combine(_dir, ".env") }, p.EnvFiles);
        Assert.Equal("from-os", p.Environment["NAME"]);
    }

    [Fact]
    public void InterpolatedValuesTakeTheTypeTheirFieldNeeds()
    {
        Write("compose.yaml", """
            services:
              a:
                image: "example:${USER}"
                volumes: ["$FOO:/target"]
                logging: { driver: "${FOO}", options: { user: "$USER" } }
                scale: ${count}
                privileged: ${REQUIRED}
                ports: [{ target: "${PORT}", published: "${PORT}" }]
                healthcheck: { test: ["CMD", "true"], retries: "${count}" }
                x-${FOO}: keys are not interpolated
            volumes:
              bar: {}
            networks:
              foo: { name: "thing_${FOO}" }
            """);
        var p = Load(env: new() { ["USER"] = "jenny", ["FOO"] = "bar", ["count"] = "5", ["REQUIRED"] = "true", ["PORT"] = "8080" });
        var a = p.Services["a"];
        Assert.Equal("example:jenny", a.Image);
        Assert.Equal("bar", a.Volumes[0].Source);
        Assert.Equal("bar", a.Logging!.Driver);
        Assert.Equal("jenny", a.Logging.Options["user"]);
        Assert.Equal(5, a.Scale);
        Assert.True(a.Privileged);
        Assert.Equal(8080, a.Ports[0].Target);
        Assert.Equal("8080", a.Ports[0].Published);
        Assert.Equal(5, a.Healthcheck!.Retries);
        Assert.True(a.Extensions.ContainsKey("x-${FOO}"));
        Assert.Equal("thing_bar", p.Networks["foo"].Name);
    }

    [Fact]
    public void AMalformedTemplateNamesItsPath()
    {
        Write("compose.yaml", "services:\n  servicea:\n    image: \"${\"\n");
        var ex = Fails();
        Assert.Equal(ComposeErrorKind.InvalidTemplate, ex.Kind);
        Assert.Equal("services.servicea.image", ex.ModelPath);
        Assert.Contains("invalid interpolation format", ex.Message);
        Assert.Contains("$$", ex.Message);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void SeveralEnvFilesInOrder()
    {
        Write("compose.yaml", "services:\n  a:\n    image: ${IMAGE}\n    user: ${USERNAME}\n");
        Write("one.env", "IMAGE=busybox\nUSERNAME=one\n");
        Write("two.env", "USERNAME=two-${IMAGE}\n");
        Write(".env", "IMAGE=ignored\n");
        var p = Load(envFiles: new[] { "one.env", "two.env" });
        Assert.Equal("busybox", p.Services["a"].Image);
        Assert.Equal("two-busybox", p.Services["a"].User);
    }

    [Fact]
    public void RequiredVariableUnsetNamesTheMessageAndWhere()
    {
        Write("compose.yaml", "services:\n  a:\n    image: busybox\n    environment:\n      X: ${X:?set X to the API key}\n");
        var ex = Fails();
        Assert.Equal(ComposeErrorKind.RequiredVariable, ex.Kind);
        Assert.Contains("required variable X is missing a value: set X to the API key", ex.Message);
        Assert.Equal("services.a.environment.X", ex.ModelPath);
        Assert.Equal(5, ex.Line);
        Assert.Equal(10, ex.Column);
    }

    [Fact]
    public void InvalidYamlGivesLineAndColumn()
    {
        Write("compose.yaml", "services:\n  a:\n    image: busybox\n   bad: [\n");
        var ex = Fails();
        Assert.Equal(ComposeErrorKind.InvalidYaml, ex.Kind);
        Assert.Equal(Path.Combine(_dir, "compose.yaml"), ex.File);
        Assert.True(ex.Line >= 4, $"line {ex.Line}");
        Assert.True(ex.Column > 0);
        Assert.Contains($"compose.yaml:{ex.Line}:{ex.Column}", ex.Message);
    }

    [Fact]
    public void DuplicateKeysAreInvalidYaml()
    {
        Write("compose.yaml", "services:\n  a:\n    image: busybox\n    image: alpine\n");
        var ex = Fails();
        Assert.Equal(ComposeErrorKind.InvalidYaml, ex.Kind);
        Assert.Equal(4, ex.Line);
        Assert.Contains("already defined at line 3", ex.Message);
    }

    [Fact]
    public void MissingFile()
    {
        var ex = Fails(new[] { "nope.yaml" });
        Assert.Equal(ComposeErrorKind.FileNotFound, ex.Kind);
        Assert.Contains(Path.Combine(_dir, "nope.yaml"), ex.Message);
        var none = Fails();
        Assert.Equal(ComposeErrorKind.NoComposeFile, none.Kind);
    }

    [Fact]
    public void UnknownDependencyNamesTheServiceAndTheLine()
    {
        Write("compose.yaml", "services:\n  web:\n    image: busybox\n    depends_on:\n      - api\n  db:\n    image: busybox\n");
        var ex = Fails();
        Assert.Equal(ComposeErrorKind.UnknownService, ex.Kind);
        Assert.Contains("'web' depends on undefined service 'api'", ex.Message);
        Assert.Equal(5, ex.Line);
    }

    [Fact]
    public void DependencyCycleIsNamed()
    {
        Write("compose.yaml", """
            services:
              a: { image: busybox, depends_on: [b] }
              b: { image: busybox, depends_on: [c] }
              c: { image: busybox, depends_on: [a] }
              d: { image: busybox }
            """);
        var ex = Fails();
        Assert.Equal(ComposeErrorKind.DependencyCycle, ex.Kind);
        Assert.Contains("a -> b -> c -> a", ex.Message);
    }

    [Fact]
    public void UnknownKeysAndWrongTypesNameThePath()
    {
        Write("compose.yaml", "services:\n  web:\n    image: busybox\n    ports:\n      - \"80:80\"\n      - [1, 2]\n");
        var ex = Fails();
        Assert.Equal(ComposeErrorKind.InvalidValue, ex.Kind);
        Assert.Equal("services.web.ports[1]", ex.ModelPath);
        Assert.Equal(6, ex.Line);

        Write("compose.yaml", "services:\n  web:\n    image: busybox\n    imagee: x\n");
        ex = Fails();
        Assert.Equal("services.web.imagee", ex.ModelPath);
        Assert.Contains("unknown key 'imagee'", ex.Message);

        Write("compose.yaml", "servics:\n  web:\n    image: busybox\n");
        ex = Fails();
        Assert.Contains("Unknown top-level key 'servics'", ex.Message);

        Write("compose.yaml", "services:\n  web:\n    image: busybox\n    privileged: maybe\n");
        ex = Fails();
        Assert.Equal("services.web.privileged", ex.ModelPath);

        Write("compose.yaml", "services:\n  web:\n    image: busybox\n    ports: [\"80:80:80:80\"]\n");
        ex = Fails();
        Assert.Equal("services.web.ports[0]", ex.ModelPath);
        Assert.Contains("too many colons", ex.Message);
    }

    [Fact]
    public void ProjectNameRules()
    {
        string sub = Path.Combine(_dir, "My App.Dir");
        Directory.CreateDirectory(sub);
        File.WriteAllText(Path.Combine(sub, "compose.yaml"), "services:\n  a:\n    image: busybox\n");
        Assert.Equal("myappdir", Load(cwd: sub).Name);
        Assert.Equal("fromenv", Load(cwd: sub, env: new() { ["COMPOSE_PROJECT_NAME"] = "fromenv" }).Name);
        Assert.Equal("given", Load(cwd: sub, projectName: "given", env: new() { ["COMPOSE_PROJECT_NAME"] = "fromenv" }).Name);
        File.WriteAllText(Path.Combine(sub, "compose.yaml"), "name: ${PREFIX}_Web App\nservices:\n  a:\n    image: busybox\n");
        Assert.Equal("x_webapp", Load(cwd: sub, env: new() { ["PREFIX"] = "X" }).Name);
        Assert.Equal("fromenv", Load(cwd: sub, env: new() { ["COMPOSE_PROJECT_NAME"] = "fromenv" }).Name);

        var bad = Assert.Throws<ComposeException>(() => Load(cwd: sub, projectName: "Bad Name"));
        Assert.Equal(ComposeErrorKind.InvalidProjectName, bad.Kind);
        bad = Assert.Throws<ComposeException>(() => Load(cwd: sub, projectName: "-dash"));
        Assert.Equal(ComposeErrorKind.InvalidProjectName, bad.Kind);
        bad = Assert.Throws<ComposeException>(() => Load(cwd: sub, env: new() { ["COMPOSE_PROJECT_NAME"] = "UPPER" }));
        Assert.Equal(ComposeErrorKind.InvalidProjectName, bad.Kind);
        Assert.Equal("web", ComposeLoader.NormalizeProjectName("__Web"));

        // ${COMPOSE_PROJECT_NAME} is the name in use, also when the environment holds another.
        File.WriteAllText(Path.Combine(sub, "compose.yaml"), "services:\n  a:\n    image: busybox\n    hostname: ${COMPOSE_PROJECT_NAME}\n");
        Assert.Equal("given", Load(cwd: sub, projectName: "given", env: new() { ["COMPOSE_PROJECT_NAME"] = "fromenv" }).Services["a"].Hostname);
    }

    [Fact]
    public void DefaultFilesAreFoundUpwardWithTheirOverride()
    {
        Write("compose.yml", "services:\n  a:\n    image: busybox\n");
        Write("docker-compose.override.yml", "services:\n  a:\n    user: nobody\n");
        string deep = Path.Combine(_dir, "x", "y");
        Directory.CreateDirectory(deep);
        var p = Load(cwd: deep);
        Assert.Equal(new[] { Path.Combine(_dir, "compose.yml"), Path.Combine(_dir, "docker-compose.override.yml") }, p.ConfigFiles);
        Assert.Equal(_dir, p.WorkingDirectory);
        Assert.Equal("nobody", p.Services["a"].User);
    }

    [Fact]
    public void ProfilesEnableServicesAndTheirDependencies()
    {
        Write("compose.yaml", """
            services:
              web: { image: busybox, depends_on: [db] }
              db: { image: busybox }
              debug: { image: busybox, profiles: [debug], depends_on: [tools] }
              tools: { image: busybox, profiles: [tools] }
              other: { image: busybox, profiles: [other] }
            """);
        var p = Load();
        Assert.Equal(new[] { "web", "db" }, p.Services.Keys);
        Assert.Equal(new[] { "debug", "tools", "other" }, p.DisabledServices.Keys);
        p = Load(profiles: new[] { "debug" });
        Assert.Equal(new[] { "web", "db", "debug", "tools" }, p.Services.Keys);
        p = Load(env: new() { ["COMPOSE_PROFILES"] = "other, debug" });
        Assert.Equal(new[] { "other", "debug" }, p.Profiles);
        Assert.Equal(5, p.Services.Count);
        Assert.Equal(5, Load(profiles: new[] { "*" }).Services.Count);
    }

    [Fact]
    public void ExtendsInTheSameFileAndAnother()
    {
        Write("common/base.yaml", """
            services:
              base:
                image: busybox
                env_file: base.env
                volumes: ["./data:/data"]
                environment: { LEVEL: base, KEEP: "1" }
                labels: [from=base]
            """);
        Write("common/base.env", "FROM_FILE=yes\n");
        Write("compose.yaml", """
            services:
              middle:
                extends: { file: common/base.yaml, service: base }
                environment: { LEVEL: middle }
              top:
                extends: middle
                command: ["true"]
                labels: [from=top]
            """);
        var p = Load();
        var top = p.Services["top"];
        Assert.Equal("busybox", top.Image);
        Assert.Equal("middle", top.Environment["LEVEL"]);
        Assert.Equal("1", top.Environment["KEEP"]);
        Assert.Equal("yes", top.Environment["FROM_FILE"]);
        Assert.Equal("top", top.Labels["from"]);
        Assert.Equal(Path.Combine(_dir, "common", "data"), top.Volumes[0].Source);
        Assert.Equal(Path.Combine(_dir, "common", "base.env"), top.EnvFile[0].Path);
        Assert.Equal(new[] { "true" }, top.Command);
    }

    [Fact]
    public void ExtendsCycleAndMissingBase()
    {
        Write("compose.yaml", "services:\n  a:\n    extends: b\n  b:\n    extends: a\n");
        var ex = Fails();
        Assert.Equal(ComposeErrorKind.InvalidExtends, ex.Kind);
        Assert.Contains("Circular extends", ex.Message);
        Write("compose.yaml", "services:\n  a:\n    extends: nope\n    image: x\n");
        ex = Fails();
        Assert.Contains("service 'nope' not found", ex.Message);
    }

    [Fact]
    public void IncludeLoadsAProjectOfItsOwn()
    {
        Write("db/compose.yaml", """
            services:
              db:
                image: "postgres:${PG_VERSION}"
                volumes: ["./init:/docker-entrypoint-initdb.d", "pgdata:/var/lib/postgresql/data"]
            volumes:
              pgdata: {}
            """);
        Write("db/.env", "PG_VERSION=16\n");
        Write("compose.yaml", """
            include:
              - db/compose.yaml
            services:
              web: { image: busybox, depends_on: [db] }
            """);
        var p = Load();
        Assert.Equal("postgres:16", p.Services["db"].Image);
        Assert.Equal(Path.Combine(_dir, "db", "init"), p.Services["db"].Volumes[0].Source);
        Assert.True(p.Volumes.ContainsKey("pgdata"));

        Write("compose.yaml", """
            include:
              - path: db/compose.yaml
                env_file: pg.env
            services:
              db: { image: busybox }
            """);
        Write("pg.env", "PG_VERSION=15\n");
        var ex = Fails();
        Assert.Equal(ComposeErrorKind.InvalidInclude, ex.Kind);
        Assert.Contains("services.db is defined both here and in the included file", ex.Message);
    }

    [Fact]
    public void IncludeCycle()
    {
        Write("a.yaml", "include: [b.yaml]\nservices:\n  a: { image: busybox }\n");
        Write("b.yaml", "include: [a.yaml]\nservices:\n  b: { image: busybox }\n");
        var ex = Fails(new[] { "a.yaml" });
        Assert.Equal(ComposeErrorKind.InvalidInclude, ex.Kind);
        Assert.Contains("Include cycle", ex.Message);
    }

    [Fact]
    public void DurationsSizesHealthcheckAndDeploy()
    {
        Write("compose.yaml", """
            services:
              a:
                image: busybox
                healthcheck:
                  test: wget -q -O- http://localhost/
                  interval: 1m30s
                  timeout: 500ms
                  retries: 3
                  start_period: 2s
                stop_grace_period: 1h
                mem_limit: 1.5g
                shm_size: 64M
                deploy:
                  replicas: 3
                  resources: { limits: { cpus: "0.5" } }
              b:
                image: busybox
                healthcheck: { disable: true }
            """);
        var p = Load();
        var a = p.Services["a"];
        Assert.Equal(new[] { "CMD-SHELL", "wget -q -O- http://localhost/" }, a.Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromSeconds(90), a.Healthcheck.Interval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), a.Healthcheck.Timeout);
        Assert.Equal(3, a.Healthcheck.Retries);
        Assert.Equal(TimeSpan.FromHours(1), a.StopGracePeriod);
        Assert.Equal((long)(1.5 * 1024 * 1024 * 1024), a.MemLimit);
        Assert.Equal(64L * 1024 * 1024, a.ShmSize);
        Assert.Equal(3, a.Scale);
        Assert.Equal(0.5, a.Cpus);
        Assert.True(p.Services["b"].Healthcheck!.Disable);
        Assert.Equal("1m30s", ComposeCanonical.FormatDuration(TimeSpan.FromSeconds(90)));
        Assert.Equal("1h0m0s", ComposeCanonical.FormatDuration(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void ConfigHashIgnoresScaleButNotConfig()
    {
        Write("compose.yaml", "services:\n  a:\n    image: busybox\n    environment: [A=1]\n");
        string h1 = Load().Services["a"].ConfigHash;
        Write("compose.yaml", "services:\n  a:\n    environment: [A=1]\n    image: busybox\n    scale: 3\n    profiles: []\n");
        string h2 = Load().Services["a"].ConfigHash;
        Write("compose.yaml", "services:\n  a:\n    image: busybox\n    environment: [A=2]\n");
        string h3 = Load().Services["a"].ConfigHash;
        Assert.Equal(64, h1.Length);
        Assert.Equal(h1, h2);
        Assert.NotEqual(h1, h3);
    }

    [Fact]
    public void PrintedYamlLoadsToTheSameProject()
    {
        Write("compose.yaml", """
            name: roundtrip
            services:
              web:
                image: nginx
                command: ["nginx", "-g", "daemon off;"]
                environment: { A: "yes", B: "0755", C: "80:80", D: "", E: null, F: "#hash", G: "line1\nline2" }
                ports: ["127.0.0.1:8080:80", "9000-9001:9000-9001/udp"]
                volumes: ["./html:/html:ro", "data:/data", "/anon"]
                networks: { front: { aliases: [www] }, back: null }
                depends_on: { db: { condition: service_healthy } }
                healthcheck: { test: ["CMD", "true"], interval: 10s }
                labels: { a.b: c }
                deploy: { replicas: 2, placement: { constraints: ["node.role==manager"] } }
                x-custom: { any: [1, 2.5, true] }
                cap_add: [NET_ADMIN]
                extra_hosts: ["host.docker.internal:host-gateway"]
                ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 512 }
                tmpfs: [/run]
                stop_grace_period: 30s
              db:
                image: postgres
                healthcheck: { test: pg_isready, interval: 1s, retries: 30 }
            networks:
              front: { driver: bridge, ipam: { config: [{ subnet: 10.99.0.0/24 }] } }
              back: { internal: true, labels: [x=y] }
            volumes:
              data: { labels: { keep: "true" } }
            """);
        var first = Load();
        string yaml = ComposeYamlWriter.ToYaml(first);
        Write("printed.yaml", yaml);
        var second = Load(new[] { "printed.yaml" });
        Assert.Equal(Encoding.UTF8.GetString(ComposeCanonical.ToJson(ComposeCanonical.ToPlain(first))),
            Encoding.UTF8.GetString(ComposeCanonical.ToJson(ComposeCanonical.ToPlain(second))));
        Assert.Equal(first.Services["web"].ConfigHash, second.Services["web"].ConfigHash);
        Assert.Contains("A: \"yes\"", yaml);
        Assert.Contains("C: \"80:80\"", yaml);
    }

    [Fact]
    public void ARepeatedLoadSeesEveryChangeOfTheFile()
    {
        // Parsed trees are cached by file text: the same text gives the same project, one changed character a new one,
        // and the cached trees are copies that interpolation and path resolution do not change.
        Write("compose.yaml", "services:\n  a:\n    image: busybox:${TAG}\n    volumes: [\"./d:/d\"]\n");
        Assert.Equal("busybox:1", Load(env: new() { ["TAG"] = "1" }).Services["a"].Image);
        Assert.Equal("busybox:2", Load(env: new() { ["TAG"] = "2" }).Services["a"].Image);
        Write("compose.yaml", "services:\n  a:\n    image: busybox:${TAG}\n    volumes: [\"./e:/d\"]\n");
        var a = Load(env: new() { ["TAG"] = "3" }).Services["a"];
        Assert.Equal("busybox:3", a.Image);
        Assert.Equal(Path.Combine(_dir, "e"), a.Volumes[0].Source);
        Write("compose.yaml", "services:\n  a:\n    image: busybox:${TAG}\n    volumes: [\"./e:/d\"\n");
        Assert.Equal(ComposeErrorKind.InvalidYaml, Fails(env: new() { ["TAG"] = "3" }).Kind);
        Assert.Equal(ComposeErrorKind.InvalidYaml, Fails(env: new() { ["TAG"] = "3" }).Kind);
    }

    [Theory]
    [InlineData(" lead")]
    [InlineData("trail ")]
    [InlineData("- dash")]
    [InlineData("-")]
    [InlineData("{a}")]
    [InlineData("[x]")]
    [InlineData("@at")]
    [InlineData("`tick")]
    [InlineData("? q")]
    [InlineData("%pct")]
    [InlineData("a: b")]
    [InlineData("a #b")]
    [InlineData("colon:")]
    [InlineData("*star")]
    [InlineData("&amp")]
    [InlineData("!bang")]
    [InlineData("|pipe")]
    [InlineData(">gt")]
    [InlineData("'single'")]
    [InlineData("\"double\"")]
    [InlineData("back\\slash")]
    [InlineData("tab\there")]
    [InlineData("line1\nline2\n")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData(".nan")]
    [InlineData("0x1F")]
    [InlineData("1e3")]
    [InlineData("+1")]
    [InlineData("0755")]
    [InlineData("TRUE")]
    [InlineData("Off")]
    [InlineData("1:30")]
    [InlineData("ünïcødé ✓")]
    [InlineData("<<")]
    [InlineData("${NOT_INTERPOLATED_AGAIN}")]
    public void PrintedStringsReadBackTheSame(string value)
    {
        string escaped = value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\t", "\\t").Replace("$", "$$");
        Write("compose.yaml", $"services:\n  a:\n    image: busybox\n    environment:\n      V: \"{escaped}\"\n    labels:\n      \"{escaped}\": key\n");
        var first = Load();
        Assert.Equal(value, first.Services["a"].Environment["V"]);
        Write("printed.yaml", ComposeYamlWriter.ToYaml(first));
        var second = Load(new[] { "printed.yaml" });
        Assert.Equal(value, second.Services["a"].Environment["V"]);
        // Keys are not interpolated (as in compose): a $$ in a key stays $$.
        Assert.Equal("key", second.Services["a"].Labels[escaped.Replace("\\\\", "\\").Replace("\\\"", "\"").Replace("\\n", "\n").Replace("\\t", "\t")]);
    }

    [Fact]
    public void ServicesNeedAnImageOrABuild()
    {
        Write("compose.yaml", "services:\n  a:\n    build: ./app\n  b:\n    user: nobody\n");
        var ex = Fails();
        Write("compose.yaml", "services:\n  a:\n    build: ./app\n  b:\n    build: { dockerfile_inline: FROM busybox }\n");
        Assert.Equal("Dockerfile", Load().Services["a"].Build!.Dockerfile);
        Assert.Null(Load().Services["b"].Build!.Dockerfile);
        Write("compose.yaml", "services:\n  a:\n    build: ./app\n  b:\n    user: nobody\n");
        Assert.Contains("'b' has neither an image nor a build context", ex.Message);
        Write("compose.yaml", "services:\n  a:\n    build:\n      dockerfile: Containerfile\n      args: [V=1, W]\n");
        var build = Load(env: new() { ["W"] = "w" }).Services["a"].Build!;
        Assert.Equal(_dir, build.Context);
        Assert.Equal("Containerfile", build.Dockerfile);
        Assert.Equal("1", build.Args["V"]);
        Assert.Equal("w", build.Args["W"]);
    }

    [Fact]
    public void UndefinedVolumesAndNetworksAreErrors()
    {
        Write("compose.yaml", "services:\n  a:\n    image: busybox\n    volumes: [\"data:/data\"]\n");
        var ex = Fails();
        Assert.Equal(ComposeErrorKind.UnknownResource, ex.Kind);
        Assert.Contains("undefined volume 'data'", ex.Message);
        Write("compose.yaml", "services:\n  a:\n    image: busybox\n    networks: [front]\n");
        ex = Fails();
        Assert.Contains("undefined network 'front'", ex.Message);
    }

    [Fact]
    public void ValueSyntaxes()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1500), ComposeValues.ParseDuration("1.5s"));
        Assert.Equal(TimeSpan.FromTicks(10), ComposeValues.ParseDuration("1us"));
        Assert.Throws<FormatException>(() => ComposeValues.ParseDuration("10"));
        Assert.Equal(1024L, ComposeValues.ParseSize("1k"));
        Assert.Equal(1073741824L, ComposeValues.ParseSize("1GB"));
        Assert.Equal(100L, ComposeValues.ParseSize("100"));
        Assert.Throws<FormatException>(() => ComposeValues.ParseSize("lots"));
        Assert.Throws<FormatException>(() => ComposeValues.ShellSplit("echo 'open"));
    }
}
