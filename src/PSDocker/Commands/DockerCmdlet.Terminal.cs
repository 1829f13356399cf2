using System.Management.Automation;
using PSDocker.Core.Terminal;
using PSDocker.Core.Transport;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>The console side of interactive sessions (<c>docker run -it</c>, <c>docker exec -it</c>, <c>docker attach</c>).</summary>
public abstract partial class DockerCmdlet
{
    /// <summary>Parses -DetachKeys (docker's syntax), or the default; a terminating error before anything is sent.</summary>
    private protected DetachKeys ParseDetachKeys(string? text)
    {
        if (text is null) return DetachKeys.Default;
        try
        {
            return DetachKeys.Parse(text);
        }
        catch (FormatException ex)
        {
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "InvalidDetachKeys", text));
            throw; // unreachable
        }
    }

    /// <summary>Fails (terminating, before anything is sent) unless the keyboard and the screen are a terminal.</summary>
    private protected void RequireTerminal(string parameters, object? target, string advice)
    {
        if (TerminalConsole.IsTerminal) return;
        string which = Console.IsInputRedirected ? "input" : "output";
        var ex = new InvalidOperationException(
            $"The {which} device is not a terminal, so {parameters} cannot attach the console to a container's terminal.");
        ThrowTerminatingError(DockerErrors.Record(ex, "NotATerminal", ErrorCategory.InvalidOperation, target, ex.Message, advice));
    }

    /// <summary>
    /// Connects the console to a hijacked attach/exec stream until the process ends or the user detaches.
    /// The console mode is restored on every way out: the end, a detach, Ctrl+C, an error, a broken connection.
    /// </summary>
    private protected TerminalSessionEnd RunTerminal(HijackedStream hijacked, bool tty, bool sendInput, DetachKeys? detachKeys,
        Func<int, int, CancellationToken, Task>? resize, object target)
    {
        TerminalInputMode mode = !sendInput ? TerminalInputMode.None : tty ? TerminalInputMode.Raw : TerminalInputMode.Line;
        using TerminalConsole console = TerminalConsole.Open(mode);
        try
        {
            TerminalSessionEnd end = WaitStream(ct => TerminalSession.RunAsync(console, new TerminalSessionOptions
            {
                Connection = hijacked.Stream,
                CloseInput = hijacked.CanCloseWrite ? hijacked.CloseWriteAsync : null,
                Tty = tty,
                SendInput = sendInput,
                // Without a terminal the engine closes the process's input when we go: no detaching there.
                DetachKeys = tty ? detachKeys : null,
                Resize = tty ? resize : null,
            }, ct));
            // The process's prompt is likely still on the line: the prompt comes back on a fresh one.
            if (end == TerminalSessionEnd.Detached && !Console.IsOutputRedirected) console.Write("\r\n"u8);
            return end;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            console.Restore();
            ThrowTerminatingError(DockerErrors.Record(ex, "TerminalConnectionLost", ErrorCategory.ConnectionError, target,
                $"The connection to the container's terminal broke: {ex.Message}", "Check the engine and the container with Get-Container."));
            throw; // unreachable
        }
    }

    /// <summary>Tells the user the session was detached, and how to come back.</summary>
    private protected void WriteDetached(string container, string? execNote = null)
    {
        string text = execNote is null
            ? $"Detached from container '{container}'; it is still running. Attach again with: Enter-Container -Attach {container}"
            : $"Detached from {execNote} in container '{container}'; it is still running.";
        WriteInformation(new HostInformationMessage { Message = text, NoNewLine = false }, new[] { "PSHOST", "PSDocker.Detached" });
    }

    /// <summary>Waits for the exit code of a container whose attached session ended; a non-zero code is the item's error.</summary>
    private protected void ReportExit(PSDocker.Core.DockerClient client, Container container, object display)
    {
        int? code = WaitExitCode(client, container.Id);
        if (code is > 0 or < 0)
        {
            var ex = new ContainerExitException(container.Name, code.Value);
            WriteError(DockerErrors.Record(ex, "ContainerExitedWithError", ErrorCategory.NotSpecified, display, ex.Message,
                $"See its output with Get-ContainerLog {container.Name}."));
        }
    }

    /// <summary>
    /// The exit code of a container whose attached output just ended (it stops within moments), or null when it
    /// is gone (-AutoRemove) or still runs after a few seconds.
    /// </summary>
    private protected int? WaitExitCode(PSDocker.Core.DockerClient client, string id)
    {
        try
        {
            return Wait(async ct =>
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
                bounded.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    return (int?)await client.Containers.WaitAsync(id, new PSDocker.Core.Containers.ContainerWaitOptions { Condition = PSDocker.Core.Containers.WaitCondition.NotRunning }, bounded.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    return null;
                }
            });
        }
        catch (PSDocker.Core.DockerApiException)
        {
            return null;
        }
    }
}
