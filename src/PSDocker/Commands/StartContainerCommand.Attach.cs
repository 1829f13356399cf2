using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Core.Terminal;
using PSDocker.Core.Transport;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Start-Container -Attach [-Interactive] (<c>docker start -a [-i]</c>).</summary>
public sealed partial class StartContainerCommand
{
    private void StartAttached(ContainerTarget target)
    {
        DockerClient client = ClientFor(target);
        DetachKeys keys = ParseDetachKeys(DetachKeys);
        if (!ShouldProcess(Describe(target), Interactive ? "Start container with the console attached" : "Start container and write its output")) return;
        try
        {
            Container container = Wait(ct => client.Containers.InspectAsync(target.IdOrName, new(), ct));
            bool tty = container.Tty == true;
            bool stdin = Interactive && container.Interactive == true;
            if (Interactive && tty) RequireTerminal("Start-Container -Attach -Interactive", target.Display, "Run it at an interactive prompt, or drop -Interactive to get the output as lines.");
            if (Interactive && container.Interactive != true)
                WriteWarning($"Container '{container.Name}' was created without -Interactive (its input is closed): only its output is attached.");

            if (!Interactive)
            {
                StartAndStreamLines(client, container, tty, target.Display);
                return;
            }

            TerminalSessionEnd end;
            using (HijackedStream hijacked = WaitStream(ct => client.Containers.AttachAsync(container.Id, new ContainerAttachOptions { StdIn = stdin, DetachKeys = keys.Text }, ct)))
            {
                Wait(ct => client.Containers.StartAsync(container.Id, new(), ct));
                end = RunTerminal(hijacked, tty, stdin, keys, (w, h, ct) => client.Containers.ResizeAsync(container.Id, new() { Height = h, Width = w }, ct), target.Display);
            }
            if (end == TerminalSessionEnd.Detached)
            {
                WriteDetached(container.Name);
                return;
            }
            ReportExit(client, container, target.Display);
        }
        catch (DockerApiException ex)
        {
            WriteContainerError(ex, target.Display, client);
        }
    }

    /// <summary>docker start -a: the output as lines on the pipeline (stderr as error records), then the exit code.</summary>
    private void StartAndStreamLines(DockerClient client, Container container, bool tty, object display)
    {
        using (HijackedStream hijacked = WaitStream(ct => client.Containers.AttachAsync(container.Id, new ContainerAttachOptions(), ct)))
        {
            Wait(ct => client.Containers.StartAsync(container.Id, new(), ct));
            foreach (ContainerLogLine line in Enumerate(OutputDecoder.ReadLinesAsync(hijacked.Stream, tty, false, container.Id, container.Name, CancelToken)))
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
        }
        ReportExit(client, container, display);
    }
}
