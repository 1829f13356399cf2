using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Core.Terminal;
using PSDocker.Core.Transport;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Attaches the console to a terminal in a running container: a new shell or command (<c>docker exec -it</c>),
/// or with -Attach the container's main process (<c>docker attach</c>).
/// </summary>
[Cmdlet(VerbsCommon.Enter, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(void))]
public sealed class EnterContainerCommand : DockerCmdlet
{
    private const string ByName = "Name";
    private const string ById = "Id";
    private const string ByObject = "InputObject";

    /// <summary>The container's name, full ID or unique ID prefix.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerCompleter))]
    public string Name { get; set; } = "";

    /// <summary>The container's ID or unique ID prefix.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [Alias("ContainerId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string Id { get; set; } = "";

    /// <summary>A container from Get-Container or Invoke-Container -Detach.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObject, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Container? InputObject { get; set; }

    /// <summary>The command to run in the container's terminal, its shell (/bin/sh) when not given; the rest of the command line (put <c>--</c> before it when an argument starts with '-').</summary>
    [Parameter(Position = 1, ValueFromRemainingArguments = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Command { get; set; }

    private protected override (string Command, string[] Leading)? DockerStyleCommandParameters => (nameof(Command), new[] { nameof(Name), nameof(Id) });

    /// <summary>The user to run the command as (name or UID, optionally :group), like docker exec -u.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>The directory to run the command in, like docker exec -w.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>Attach to the container's main process instead of running a new one (docker attach).</summary>
    [Parameter]
    public SwitchParameter Attach { get; set; }

    /// <summary>The keys that detach the console and leave the process running (docker syntax; default ctrl-p,ctrl-q).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DetachKeys { get; set; }

    private DetachKeys _keys = Core.Terminal.DetachKeys.Default;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Attach && (Command is not null || User is not null || WorkingDirectory is not null))
        {
            var ex = new ArgumentException("-Attach joins the container's main process, so -Command, -User and -WorkingDirectory do not apply. Drop -Attach to run a new command.");
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "ConflictingParameters", null));
        }
        _keys = ParseDetachKeys(DetachKeys);
    }

    protected override void ProcessRecord()
    {
        (string idOrName, object display, DockerClient client) = ParameterSetName switch
        {
            ByObject => (InputObject!.Id.Length > 0 ? InputObject.Id : InputObject.Name, (object)InputObject, ClientFor(InputObject.Endpoint, InputObject.Context)),
            ById => (Id.Trim(), Id, Client),
            _ => (Name.Trim().TrimStart('/'), Name, Client),
        };
        string[] command = Command ?? new[] { "/bin/sh" };
        string label = display is Container c ? $"{c.Name} ({c.ShortId})" : idOrName;
        if (!ShouldProcess(label, Attach ? "Attach the console to the main process" : $"Run '{string.Join(' ', command)}' in a terminal")) return;
        // After ShouldProcess (so -WhatIf works anywhere), before anything is sent.
        RequireTerminal("Enter-Container", display, "Run it at an interactive prompt; to run a command without a terminal use Invoke-ContainerCommand.");

        Container container;
        try
        {
            container = Wait(ct => client.Containers.InspectAsync(idOrName, new(), ct));
            if (container.State != ContainerState.Running)
            {
                var ex = new InvalidOperationException($"Container '{container.Name}' is {container.State.ToString().ToLowerInvariant()}, not running, so there is nothing to enter.");
                WriteError(DockerErrors.Record(ex, "ContainerNotRunning", ErrorCategory.InvalidOperation, display, ex.Message,
                    container.State == ContainerState.Paused ? "Resume it first with Resume-Container." : $"Start it first with Start-Container {container.Name}, or Start-Container -Attach -Interactive {container.Name}."));
                return;
            }
            if (Attach) AttachMain(client, container, display);
            else RunExec(client, container, command, display);
        }
        catch (DockerApiException ex)
        {
            WriteContainerError(ex, display, client);
        }
    }

    private void RunExec(DockerClient client, Container container, string[] command, object display)
    {
        string execId = Wait(ct => client.Exec.CreateAsync(container.Id, new ExecCreateOptions
        {
            Command = command,
            User = User,
            WorkingDirectory = WorkingDirectory,
            Tty = true,
            AttachStdin = true,
            DetachKeys = _keys.Text,
        }, ct));
        TerminalSessionEnd end;
        using (HijackedStream hijacked = WaitStream(ct => client.Exec.StartAsync(execId, new ExecStartOptions { Tty = true }, ct)))
        {
            end = RunTerminal(hijacked, tty: true, sendInput: true, _keys,
                (w, h, ct) => client.Exec.ResizeAsync(execId, new() { Height = h, Width = w }, ct), display);
        }
        if (end == TerminalSessionEnd.Detached)
        {
            WriteDetached(container.Name, $"'{string.Join(' ', command)}'");
            return;
        }
        ExecInfo info = Wait(ct => client.Exec.InspectAsync(execId, new(), ct));
        if (info.ExitCode is { } code && code != 0)
        {
            var ex = new ContainerExitException(container.Name, code);
            WriteError(DockerErrors.Record(ex, "ExecExitedWithError", ErrorCategory.NotSpecified, display,
                $"'{string.Join(' ', command)}' in container '{container.Name}' exited with code {code}.", null));
        }
    }

    private void AttachMain(DockerClient client, Container container, object display)
    {
        bool tty = container.Tty == true;
        bool stdin = container.Interactive == true;
        TerminalSessionEnd end;
        using (HijackedStream hijacked = WaitStream(ct => client.Containers.AttachAsync(container.Id, new ContainerAttachOptions
        {
            StdIn = stdin,
            DetachKeys = _keys.Text,
        }, ct)))
        {
            end = RunTerminal(hijacked, tty, stdin, _keys,
                (w, h, ct) => client.Containers.ResizeAsync(container.Id, new() { Height = h, Width = w }, ct), display);
        }
        if (end == TerminalSessionEnd.Detached)
        {
            WriteDetached(container.Name);
            return;
        }
        ReportExit(client, container, display);
    }
}
