using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Starts containers (<c>docker start</c>).</summary>
[Cmdlet(VerbsLifecycle.Start, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container), typeof(string))]
public sealed partial class StartContainerCommand : ContainerActionCmdlet
{
    /// <summary>Returns each container after it started.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Attach to the container's output (and with -Interactive its input) and wait for it (<c>docker start -a</c>). One container only.</summary>
    [Parameter]
    [Alias("a")]
    public SwitchParameter Attach { get; set; }

    /// <summary>With -Attach: connect the keyboard to the container's input (<c>docker start -ai</c>).</summary>
    [Parameter]
    [Alias("i")]
    public SwitchParameter Interactive { get; set; }

    /// <summary>With -Attach -Interactive: the keys that detach and leave the container running (docker syntax; default ctrl-p,ctrl-q).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DetachKeys { get; set; }

    protected override string ActionName => "Start container";

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        await client.Containers.StartAsync(target.IdOrName, new(), ct).ConfigureAwait(false);
        return PassThru ? await client.Containers.InspectAsync(target.IdOrName, new(), ct).ConfigureAwait(false) : null;
    }

    private readonly List<ContainerTarget> _attachTargets = new();

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (!Attach && (Interactive || DetachKeys is not null))
        {
            var ex = new ArgumentException("-Interactive and -DetachKeys work with -Attach only: add -Attach (docker start -ai).");
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "ConflictingParameters", null));
        }
        if (Attach && PassThru)
        {
            var ex = new ArgumentException("-PassThru does not go with -Attach, which writes the container's output instead.");
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "ConflictingParameters", null));
        }
        if (Attach) ParseDetachKeys(DetachKeys);
    }

    protected override void ProcessRecord()
    {
        if (!Attach)
        {
            base.ProcessRecord();
            return;
        }
        _attachTargets.AddRange(Targets());
    }

    protected override void EndProcessing()
    {
        if (!Attach)
        {
            base.EndProcessing();
            return;
        }
        if (_attachTargets.Count != 1)
        {
            var ex = new ArgumentException($"Start-Container -Attach attaches to one container; it was given {_attachTargets.Count}. Start the others without -Attach.");
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "AttachOneContainer", null));
        }
        StartAttached(_attachTargets[0]);
    }
}
