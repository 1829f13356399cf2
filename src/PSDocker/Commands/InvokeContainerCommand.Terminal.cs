using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Core.Terminal;
using PSDocker.Core.Transport;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Invoke-Container -Interactive -Tty: the console attached to the container's terminal (<c>docker run -it</c>).</summary>
public sealed partial class InvokeContainerCommand
{
    /// <summary>The keys that detach the console and leave the container running (docker syntax; default ctrl-p,ctrl-q). Only with -Interactive -Tty.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DetachKeys { get; set; }

    private void RunWithTerminal()
    {
        // Bad input and a redirected console fail before anything is created.
        DetachKeys keys = ParseDetachKeys(DetachKeys);
        ContainerCreateOptions options = BuildCreateOptions(attachOutput: true);
        if (!ShouldProcess($"{options.Name ?? "(new container)"} from {options.Image}", "Create and start container with the console attached")) return;
        RequireTerminal("Invoke-Container -Interactive -Tty", Image,
            "Run it at an interactive prompt, drop -Tty to pipe input with -Interactive alone, or add -Detach.");
        string? id = CreateContainer(options);
        if (id is null) return;
        string display = options.Name ?? id[..12];

        bool finished = false;
        HijackedStream? hijacked = null;
        using var waitStop = CancellationTokenSource.CreateLinkedTokenSource(CancelToken);
        try
        {
            hijacked = WaitStream(ct => Client.Containers.AttachAsync(id, new ContainerAttachOptions { StdIn = true, DetachKeys = keys.Text }, ct));
            Task<int> exit = WaitStream(ct => Client.Containers.BeginWaitAsync(id, new ContainerWaitOptions
            {
                Condition = options.AutoRemove ? WaitCondition.Removed : WaitCondition.NextExit,
            }, waitStop.Token));
            if (!StartOrRollBack(id))
            {
                finished = true;
                return;
            }

            TerminalSessionEnd end = RunTerminal(hijacked, tty: true, sendInput: true, keys,
                (w, h, ct) => Client.Containers.ResizeAsync(id, new() { Height = h, Width = w }, ct), display);
            hijacked.Dispose();
            hijacked = null;
            finished = true;
            if (end == TerminalSessionEnd.Detached)
            {
                waitStop.Cancel();
                WriteDetached(display);
                return;
            }

            int code = WaitStream(ct => exit.WaitAsync(ct));
            if (code != 0)
            {
                var ex = new ContainerExitException(display, code);
                WriteError(DockerErrors.Record(ex, "ContainerExitedWithError", ErrorCategory.NotSpecified, display, ex.Message,
                    options.AutoRemove ? null : $"See its output with Get-ContainerLog {display}."));
            }
        }
        finally
        {
            hijacked?.Dispose();
            waitStop.Cancel();
            // Ctrl+C cannot reach here from the keyboard (it goes to the container); a failure before the end with
            // -AutoRemove leaves nothing behind.
            if (!finished && options.AutoRemove) RemoveQuietly(id);
        }
    }
}
