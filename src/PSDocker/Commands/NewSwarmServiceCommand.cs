using System.Collections;
using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Creates a swarm service (<c>docker service create</c>) and returns it. With -Wait it returns once its replicas run, as the
/// docker CLI waits by default.
/// </summary>
[Cmdlet(VerbsCommon.New, "SwarmService", SupportsShouldProcess = true)]
[OutputType(typeof(SwarmService))]
public sealed class NewSwarmServiceCommand : SwarmServiceCmdlet
{
    /// <summary>The service's name: letters, digits, dashes and underscores.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The image the tasks run. It must be on every node that runs a task, or pullable from its registry.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Image { get; set; } = "";

    /// <summary>The command and its arguments (the image's CMD is replaced): the rest of the command line after the image; put <c>--</c> before it when an argument starts with '-'.</summary>
    [Parameter(Position = 2, ValueFromRemainingArguments = true)]
    [AllowEmptyString]
    public string[]? Command { get; set; }

    private protected override (string Command, string[] Leading)? DockerStyleCommandParameters => (nameof(Command), new[] { nameof(Name), nameof(Image) });

    /// <summary>Replaces the image's entrypoint.</summary>
    [Parameter]
    public string[]? Entrypoint { get; set; }

    /// <summary>The number of tasks (default 1).</summary>
    [Parameter]
    public ulong? Replicas { get; set; }

    /// <summary>One task on every node instead of a number of replicas (--mode global).</summary>
    [Parameter]
    public SwitchParameter Global { get; set; }

    /// <summary>Environment variables: @{ NAME = 'value' }.</summary>
    [Parameter]
    [Alias("Env")]
    public Hashtable? Environment { get; set; }

    /// <summary>Labels of the service: @{ key = 'value' }.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>Labels of the task containers: @{ key = 'value' }.</summary>
    [Parameter]
    public Hashtable? ContainerLabel { get; set; }

    /// <summary>Mounts in docker's --mount text ('type=volume,source=data,target=/data'), as hashtables, or MountSpec objects.</summary>
    [Parameter]
    [MountTransformation]
    public MountSpec[]? Mount { get; set; }

    /// <summary>Networks to attach to: a name, or 'name=n,alias=a' for extra DNS names on it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Network { get; set; }

    /// <summary>vip (a virtual IP, balanced by the kernel's IPVS; the engine's default) or dnsrr (the name resolves to every task's address).</summary>
    [Parameter]
    [ValidateSet("vip", "dnsrr")]
    public string? EndpointMode { get; set; }

    /// <summary>Published ports: '8080:80', '8080:80/udp', or 'published=8080,target=80,mode=host'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Port { get; set; }

    /// <summary>How the short -Port forms publish: ingress (the routing mesh; the engine's default) or host (only on the task's node).</summary>
    [Parameter]
    [ValidateSet("ingress", "host")]
    public string? PublishMode { get; set; }

    /// <summary>Secrets as files under /run/secrets: a name, or 'source=s,target=t,uid=0,gid=0,mode=0400'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Secret { get; set; }

    /// <summary>Configs as files: a name (file /name), or 'source=c,target=/etc/app.conf,mode=0444'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Config { get; set; }

    /// <summary>Placement constraints: 'node.role==manager', 'node.labels.zone==a'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Constraint { get; set; }

    /// <summary>Spread the tasks over the values of a node label: 'node.labels.zone'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? PlacementPreference { get; set; }

    /// <summary>The most tasks of this service on one node.</summary>
    [Parameter]
    public ulong? MaxReplicasPerNode { get; set; }

    /// <summary>Rollback policy: tasks replaced at once (0 = all).</summary>
    [Parameter]
    public ulong? RollbackParallelism { get; set; }

    /// <summary>Rollback policy: the pause between batches.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? RollbackDelay { get; set; }

    /// <summary>Rollback policy: pause or continue when a task fails.</summary>
    [Parameter]
    [ValidateSet("pause", "continue")]
    public string? RollbackFailureAction { get; set; }

    /// <summary>Rollback policy: stop-first or start-first.</summary>
    [Parameter]
    [ValidateSet("stop-first", "start-first")]
    public string? RollbackOrder { get; set; }

    /// <summary>When tasks are restarted: none, on-failure or any (the engine's default).</summary>
    [Parameter]
    [ValidateSet("none", "on-failure", "any")]
    public string? RestartCondition { get; set; }

    /// <summary>The wait between restarts.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? RestartDelay { get; set; }

    /// <summary>Restarts before giving up (0: no limit).</summary>
    [Parameter]
    public ulong? RestartMaxAttempts { get; set; }

    /// <summary>The window restarts are counted in.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? RestartWindow { get; set; }

    /// <summary>CPU limit of each task, in CPUs (0.5, 2).</summary>
    [Parameter]
    public double? LimitCpu { get; set; }

    /// <summary>Memory limit of each task: bytes or '256m'.</summary>
    [Parameter]
    [ByteSizeTransformation]
    public long? LimitMemory { get; set; }

    /// <summary>Process limit of each task.</summary>
    [Parameter]
    public long? LimitPids { get; set; }

    /// <summary>CPUs reserved for each task when placing it.</summary>
    [Parameter]
    public double? ReserveCpu { get; set; }

    /// <summary>Memory reserved for each task when placing it: bytes or '128m'.</summary>
    [Parameter]
    [ByteSizeTransformation]
    public long? ReserveMemory { get; set; }

    /// <summary>A health check run by the task's shell.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HealthCommand { get; set; }

    /// <summary>Time between health checks.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? HealthInterval { get; set; }

    /// <summary>How long one health check may run.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? HealthTimeout { get; set; }

    /// <summary>Failed checks in a row before the task is unhealthy.</summary>
    [Parameter]
    public int? HealthRetries { get; set; }

    /// <summary>The start-up time during which failed checks do not count.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? HealthStartPeriod { get; set; }

    /// <summary>Turn off the image's health check.</summary>
    [Parameter]
    public SwitchParameter NoHealthcheck { get; set; }

    /// <summary>The user the tasks run as (user[:group]).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>The working directory in the tasks.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>The tasks' host name (templates such as '{{.Task.Name}}' allowed).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Hostname { get; set; }

    /// <summary>Run an init process as PID 1 that forwards signals and reaps zombies.</summary>
    [Parameter]
    public SwitchParameter Init { get; set; }

    /// <summary>Allocate a terminal.</summary>
    [Parameter]
    public SwitchParameter Tty { get; set; }

    /// <summary>Mount the root file system read-only.</summary>
    [Parameter]
    public SwitchParameter ReadOnly { get; set; }

    /// <summary>How long a task gets to stop before it is killed ('10s').</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? StopGracePeriod { get; set; }

    /// <summary>The signal that stops a task.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StopSignal { get; set; }

    protected override void ProcessRecord()
    {
        ServiceSpec spec = BuildSpec();
        DockerClient client = Client;
        if (!ShouldProcess(Name, $"Create swarm service ({Image}, {(Global ? "global" : $"{Replicas ?? 1} replicas")})")) return;
        string id;
        try
        {
            ServiceCreateResult created = Wait(ct => client.Services.CreateAsync(new ServiceCreateOptions { Spec = spec }, ct));
            id = created.Id;
            foreach (string w in created.Warnings) WriteWarning($"Service '{Name}': {w}");
        }
        catch (DockerApiException ex)
        {
            WriteServiceError(ex, Name, client, ApiOperation.Create);
            return;
        }
        EmitService(client, id, Name);
    }

    private ServiceSpec BuildSpec()
    {
        if (Global && Replicas is not null) Fail(new ArgumentException("-Global runs one task per node: leave -Replicas out."), "InvalidServiceMode", Name);
        var ports = new List<ServicePort>();
        foreach (string p in Port ?? Array.Empty<string>())
        {
            ServicePort port = Parse(ServicePort.Parse, p, "InvalidPortSpecification");
            if (PublishMode == "host" && !p.Contains('=')) port = port with { Mode = Core.Swarm.PublishMode.Host };
            ports.Add(port);
        }
        var spec = new ServiceSpec
        {
            Name = Name,
            Image = Image,
            Command = Entrypoint ?? Array.Empty<string>(),
            Args = Command ?? Array.Empty<string>(),
            Env = ReadEnvironment(Environment),
            Labels = ReadStringMap(Label, "InvalidLabel"),
            ContainerLabels = ReadStringMap(ContainerLabel, "InvalidLabel"),
            Mode = Global ? ServiceMode.Global : ServiceMode.Replicated,
            Replicas = Replicas,
            Mounts = Mount ?? Array.Empty<MountSpec>(),
            Networks = (Network ?? Array.Empty<string>()).Select(n => Parse(ServiceNetwork.Parse, n, "InvalidNetworkSpecification")).ToArray(),
            EndpointMode = EndpointMode is null ? null : EndpointMode == "dnsrr" ? Core.Swarm.EndpointMode.Dnsrr : Core.Swarm.EndpointMode.Vip,
            Ports = ports,
            Secrets = (Secret ?? Array.Empty<string>()).Select(s => Parse(ServiceFileReference.Parse, s, "InvalidSecretReference")).ToArray(),
            Configs = (Config ?? Array.Empty<string>()).Select(s => Parse(ServiceFileReference.Parse, s, "InvalidConfigReference")).ToArray(),
            Constraints = Constraint ?? Array.Empty<string>(),
            PlacementPreferences = PlacementPreference ?? Array.Empty<string>(),
            MaxReplicasPerNode = MaxReplicasPerNode,
            UpdateConfig = UpdatePolicy(),
            RollbackConfig = RollbackParallelism is null && RollbackDelay is null && RollbackFailureAction is null && RollbackOrder is null ? null
                : new ServiceUpdatePolicy { Parallelism = RollbackParallelism, Delay = RollbackDelay, FailureAction = RollbackFailureAction, Order = RollbackOrder },
            RestartPolicy = RestartCondition is null && RestartDelay is null && RestartMaxAttempts is null && RestartWindow is null ? null
                : new ServiceRestartPolicy { Condition = RestartCondition, Delay = RestartDelay, MaxAttempts = RestartMaxAttempts, Window = RestartWindow },
            Resources = LimitCpu is null && LimitMemory is null && LimitPids is null && ReserveCpu is null && ReserveMemory is null ? null
                : new ServiceResources { LimitCpus = LimitCpu, LimitMemory = LimitMemory, LimitPids = LimitPids, ReserveCpus = ReserveCpu, ReserveMemory = ReserveMemory },
            Healthcheck = Healthcheck(),
            User = User,
            WorkingDir = WorkingDirectory,
            Hostname = Hostname,
            Init = Init.IsPresent ? true : null,
            Tty = Tty,
            ReadOnly = ReadOnly,
            StopGracePeriod = StopGracePeriod,
            StopSignal = StopSignal,
        };
        try
        {
            return spec.Validate();
        }
        catch (FormatException ex)
        {
            Fail(ex, "InvalidServiceSpecification", Name);
            throw; // unreachable
        }
    }

    private HealthcheckSpec? Healthcheck()
    {
        try { return HealthcheckSpec.FromFlags(HealthCommand, HealthInterval, HealthTimeout, HealthRetries, HealthStartPeriod, NoHealthcheck); }
        catch (Exception ex) when (ex is FormatException or ArgumentException) { Fail(ex, "InvalidHealthcheck", Name); return null; }
    }
}
