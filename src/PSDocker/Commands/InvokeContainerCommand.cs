using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Core.Transport;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Creates and starts a container (<c>docker run</c>). Without -Detach it streams the container's
/// output to the pipeline and waits for it to exit.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Container", SupportsShouldProcess = true)]
[OutputType(typeof(string), typeof(Container))]
public sealed partial class InvokeContainerCommand : ContainerCreateCmdlet
{
    /// <summary>Start the container and return it without waiting (<c>docker run -d</c>).</summary>
    [Parameter]
    [Alias("d")]
    public SwitchParameter Detach { get; set; }

    protected override void ProcessRecord()
    {
        if (!Detach && Interactive && Tty)
        {
            RunWithTerminal();
            return;
        }
        if (!Detach && Interactive)
        {
            var ex = new NotSupportedException(Tty
                ? "Attaching the console to a container's terminal (-Interactive -Tty without -Detach) is not supported yet. Use -Detach, or run without -Interactive to stream the output."
                : "Sending standard input to a container (-Interactive without -Detach) is not supported yet. Use -Detach, or run without -Interactive to stream the output.");
            ThrowTerminatingError(DockerErrors.Record(ex, "InteractiveNotSupported", ErrorCategory.NotImplemented, Image, ex.Message, null));
        }

        ContainerCreateOptions options = BuildCreateOptions(attachOutput: !Detach);
        if (!ShouldProcess($"{options.Name ?? "(new container)"} from {options.Image}", "Create and start container")) return;

        string? id = CreateContainer(options);
        if (id is null) return;

        if (Detach)
        {
            if (StartOrRollBack(id)) WriteObject(Wait(ct => Client.Containers.InspectAsync(id, ct)));
            return;
        }
        RunAttached(id, options);
    }

    private bool StartOrRollBack(string id)
    {
        try
        {
            Wait(ct => Client.Containers.StartAsync(id, ct));
            return true;
        }
        catch (DockerApiException ex)
        {
            RemoveQuietly(id);
            WriteContainerError(ex, Name ?? id, Client);
            return false;
        }
        catch (PipelineStoppedException)
        {
            RemoveQuietly(id);
            throw;
        }
    }

    private void RunAttached(string id, ContainerCreateOptions options)
    {
        string display = options.Name ?? id[..12];
        HijackedStream? attached = null;
        Task<int>? exit = null;
        bool finished = false;
        try
        {
            attached = Wait(ct => Client.Containers.AttachAsync(id, new ContainerAttachOptions(), ct));
            exit = Wait(ct => Client.Containers.BeginWaitAsync(id, new ContainerWaitOptions { Condition = options.AutoRemove ? WaitCondition.Removed : WaitCondition.NextExit }, ct));
            if (!StartOrRollBack(id))
            {
                finished = true;
                return;
            }

            foreach (PSDocker.ContainerLogLine line in Enumerate(OutputDecoder.ReadLinesAsync(attached.Stream, options.Tty, false, id, display, CancelToken)))
            {
                if (line.Stream == ContainerStream.StdErr)
                {
                    var err = new InvalidOperationException(line.Text);
                    WriteError(DockerErrors.Record(err, "ContainerStandardError", ErrorCategory.NotSpecified, display, line.Text, null));
                }
                else
                {
                    WriteObject(line.Text);
                }
            }

            int code = Wait(ct => exit.WaitAsync(ct));
            finished = true;
            if (code != 0)
            {
                var ex = new ContainerExitException(display, code);
                WriteError(DockerErrors.Record(ex, "ContainerExitedWithError", ErrorCategory.NotSpecified, display, ex.Message,
                    options.AutoRemove ? null : $"See its output with Get-ContainerLog {display}."));
            }
        }
        finally
        {
            attached?.Dispose();
            if (!finished && options.AutoRemove)
            {
                // Ctrl+C or a failure before it ended: -AutoRemove leaves nothing behind.
                RemoveQuietly(id);
            }
        }
    }
}
