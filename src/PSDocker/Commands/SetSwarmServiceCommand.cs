using System.Collections;
using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Changes swarm services (<c>docker service update</c>, <c>docker service scale</c>, <c>docker service rollback</c>): the
/// service's current spec is read, the changes applied, and the result sent against the version read, so a change made
/// meanwhile by someone else is an error instead of being overwritten.
/// </summary>
// InputObject is the default set so that a piped SwarmService binds as itself (with its version), not by its Name.
[Cmdlet(VerbsCommon.Set, "SwarmService", SupportsShouldProcess = true, DefaultParameterSetName = ByObject)]
[OutputType(typeof(SwarmService))]
public sealed class SetSwarmServiceCommand : SwarmServiceCmdlet
{
    /// <summary>Service names, IDs or unique ID prefixes.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ServiceName", "ServiceId", "Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SwarmServiceCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Services from Get-SwarmService or New-SwarmService; their version is the one the change applies to.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public SwarmService[] InputObject { get; set; } = Array.Empty<SwarmService>();

    /// <summary>The new number of replicas (docker service scale).</summary>
    [Parameter]
    public ulong? Replicas { get; set; }

    /// <summary>The new image: a rolling update replaces the tasks, -Parallelism at a time.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Image { get; set; }

    /// <summary>Environment variables to add or change: @{ NAME = 'value' }.</summary>
    [Parameter]
    [Alias("Env", "EnvAdd")]
    public Hashtable? Environment { get; set; }

    /// <summary>Environment variables to remove, by name.</summary>
    [Parameter]
    [Alias("EnvRemove")]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveEnvironment { get; set; }

    /// <summary>Service labels to add or change: @{ key = 'value' }.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>Service labels to remove.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveLabel { get; set; }

    /// <summary>Published ports to add (a port with the same published port and protocol is replaced): '8080:80', 'published=8080,target=80,mode=host'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Port { get; set; }

    /// <summary>Published ports to remove, by published port number.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int[]? RemovePort { get; set; }

    /// <summary>Go back to the spec before the last update (docker service rollback); no other change may be given.</summary>
    [Parameter]
    public SwitchParameter Rollback { get; set; }

    /// <summary>Replace every task even when nothing else changed (a rolling restart).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the service after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        ServiceUpdateOptions options = BuildOptions();
        foreach (ContainerTarget target in ServiceTargets(ParameterSetName, Name, InputObject))
        {
            string name = target.Display.ToString() ?? target.IdOrName;
            if (!ShouldProcess(name, Describe(options))) continue;
            DockerClient client = ClientFor(target.ObjectEndpoint, target.ObjectContext);
            SwarmService current;
            try
            {
                current = Wait(ct => client.Services.InspectAsync(target.IdOrName, new ServiceInspectOptions { Status = false }, ct));
                if (Rollback && !current.HasPreviousSpec)
                {
                    var ex = new InvalidOperationException($"Service '{current.Name}' has no previous spec to roll back to: it was never updated.");
                    WriteError(DockerErrors.Record(ex, "SwarmServiceNoPreviousSpec", ErrorCategory.InvalidOperation, name, ex.Message, "Roll back after an update (Set-SwarmService -Image …)."));
                    continue;
                }
                // The input object's version, when it came from the pipeline: a change made since it was read is a conflict.
                ServiceUpdateOptions these = options with { Version = target.Display is SwarmService s && s.Version > 0 ? s.Version : current.Version };
                ServiceUpdateResult result = Wait(ct => client.Services.UpdateAsync(current.Id, these, ct));
                foreach (string w in result.Warnings) WriteWarning($"Service '{current.Name}': {w}");
            }
            catch (ArgumentException ex)
            {
                WriteError(DockerErrors.InvalidArgument(ex, "InvalidServiceUpdate", name));
                continue;
            }
            catch (DockerApiException ex)
            {
                WriteServiceError(ex, name, client);
                continue;
            }
            EmitService(client, current.Id, current.Name, write: PassThru);
        }
    }

    private ServiceUpdateOptions BuildOptions()
    {
        var options = new ServiceUpdateOptions
        {
            Replicas = Replicas,
            Image = Image,
            EnvAdd = ReadEnvironment(Environment),
            EnvRemove = RemoveEnvironment ?? Array.Empty<string>(),
            LabelAdd = ReadStringMap(Label, "InvalidLabel"),
            LabelRemove = RemoveLabel ?? Array.Empty<string>(),
            UpdateConfig = UpdatePolicy(),
            PortAdd = (Port ?? Array.Empty<string>()).Select(p => Parse(ServicePort.Parse, p, "InvalidPortSpecification")).ToArray(),
            PortRemove = RemovePort ?? Array.Empty<int>(),
            ForceRestart = Force,
            Rollback = Rollback,
        };
        if (Rollback && (Replicas is not null || Image is not null || Environment is not null || RemoveEnvironment is not null || Label is not null
                         || RemoveLabel is not null || options.UpdateConfig is not null || Port is not null || RemovePort is not null || Force))
            Fail(new ArgumentException("-Rollback returns to the previous spec: give no other change with it."), "InvalidServiceUpdate", "Rollback");
        try
        {
            options.UpdateConfig?.Validate(rollback: false);
        }
        catch (FormatException ex)
        {
            Fail(ex, "InvalidServiceUpdate", "UpdateConfig");
        }
        return options;
    }

    private static string Describe(ServiceUpdateOptions o)
    {
        if (o.Rollback) return "Roll back swarm service";
        var parts = new List<string>();
        if (o.Replicas is { } r) parts.Add($"scale to {r}");
        if (o.Image is { } i) parts.Add($"image {i}");
        if (o.EnvAdd.Count + o.EnvRemove.Count > 0) parts.Add("environment");
        if (o.LabelAdd.Count + o.LabelRemove.Count > 0) parts.Add("labels");
        if (o.UpdateConfig is not null) parts.Add("update policy");
        if (o.PortAdd.Count + o.PortRemove.Count > 0) parts.Add("ports");
        if (o.ForceRestart) parts.Add("restart every task");
        return "Update swarm service" + (parts.Count > 0 ? ": " + string.Join(", ", parts) : "");
    }
}
