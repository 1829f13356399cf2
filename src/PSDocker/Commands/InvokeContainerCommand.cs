using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Core.Transport;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Creates and starts a container (<c>docker run</c>). Without -Detach it streams the container's
/// output to the pipeline and waits for it to exit. With -Interactive (no -Tty), pipeline input is the
/// container's standard input: each item one line, ended (half-closed) when the input ends.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Container", SupportsShouldProcess = true)]
[OutputType(typeof(string), typeof(Container))]
public sealed partial class InvokeContainerCommand : ContainerCreateCmdlet
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private AttachedRun? _run;
    private bool _runAttempted;
    private bool _stdinFromPipeline;

    /// <summary>Start the container and return it without waiting (<c>docker run -d</c>).</summary>
    [Parameter]
    [Alias("d")]
    public SwitchParameter Detach { get; set; }

    /// <summary>With -Interactive: the container's standard input, one line per pipeline item.</summary>
    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyString]
    public PSObject? InputObject { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // A malformed -DetachKeys fails before anything is sent, whatever the mode.
        if (DetachKeys is not null) ParseDetachKeys(DetachKeys);
        // -Interactive with the image on the command line and input arriving from the pipeline: one container
        // whose standard input is that input, streamed as it comes (started at the first item).
        _stdinFromPipeline = Interactive && !Tty && !Detach && MyInvocation.ExpectingInput
            && MyInvocation.BoundParameters.ContainsKey(nameof(Image));
    }

    protected override void ProcessRecord()
    {
        if (_stdinFromPipeline)
        {
            if (!_runAttempted)
            {
                // Once only: -WhatIf, a declined -Confirm or a failed create must not repeat per input item.
                _runAttempted = true;
                _run = StartAttached();
            }
            if (_run is null) return;
            if (InputObject?.BaseObject is { } item)
                _run.Input!.Writer.TryWrite(Utf8.GetBytes((item is string s ? s : LanguagePrimitives.ConvertTo<string>(InputObject)) + "\n"));
            DrainOutput(_run, block: false);
            return;
        }

        if (!Detach && Interactive && Tty)
        {
            RunWithTerminal();
            return;
        }

        if (Detach)
        {
            ContainerCreateOptions options = BuildCreateOptions(attachOutput: false);
            if (!ShouldProcess($"{options.Name ?? "(new container)"} from {options.Image}", "Create and start container")) return;
            string? id = CreateContainer(options);
            if (id is not null && StartOrRollBack(id)) WriteObject(Wait(ct => Client.Containers.InspectAsync(id, new(), ct)));
            return;
        }

        // Attached; with -Interactive but no pipeline input, standard input is empty (ends at once).
        AttachedRun? run = StartAttached();
        if (run is not null) Finish(run);
    }

    protected override void EndProcessing()
    {
        if (!_stdinFromPipeline) return;
        // No pipeline item arrived at all: run with an empty standard input.
        if (!_runAttempted)
        {
            _runAttempted = true;
            _run = StartAttached();
        }
        if (_run is not null) Finish(_run);
    }

    /// <summary>-Interactive -Tty without -Detach: the console attached to the container's terminal.</summary>
    private bool StartOrRollBack(string id)
    {
        try
        {
            Wait(ct => Client.Containers.StartAsync(id, new(), ct));
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

    /// <summary>Creates the container, attaches (with stdin under -Interactive), registers the wait, starts it, and reads its output in the background.</summary>
    private AttachedRun? StartAttached()
    {
        ContainerCreateOptions options = BuildCreateOptions(attachOutput: true);
        if (!ShouldProcess($"{options.Name ?? "(new container)"} from {options.Image}", "Create and start container")) return null;
        string? id = CreateContainer(options);
        if (id is null) return null;

        var run = new AttachedRun(id, options.Name ?? id[..12], options.AutoRemove, options.Interactive);
        bool started = false;
        try
        {
            run.Stream = WaitStream(ct => Client.Containers.AttachAsync(id, new ContainerAttachOptions { StdIn = options.Interactive }, ct));
            run.Exit = WaitStream(ct => Client.Containers.BeginWaitAsync(id, new ContainerWaitOptions { Condition = options.AutoRemove ? WaitCondition.Removed : WaitCondition.NextExit }, ct));
            if (!StartOrRollBack(id))
            {
                run.Dispose();
                return null;
            }
            started = true;
        }
        catch (DockerApiException ex)
        {
            // The engine refused the attach or the wait (Podman reports a missing command at attach): the
            // container never ran, so it goes, and the failure is this item's error.
            run.Dispose();
            RemoveQuietly(id);
            WriteContainerError(ex, options.Name ?? id, Client);
            return null;
        }
        finally
        {
            if (!started)
            {
                run.Dispose();
                if (options.AutoRemove) RemoveQuietly(id);
            }
        }

        CancellationToken ct = CancelToken;
        HijackedStream stream = run.Stream!;
        // Ctrl+C while the pipeline still feeds input (EndProcessing never runs): close the connection, which ends
        // the container's standard input (StdinOnce); -AutoRemove is the engine's to honour when it exits.
        run.StopRegistration = ct.Register(run.Dispose);
        run.Pump = run.Input is null
            ? Task.CompletedTask
            : HijackPump.CopyInputAsync(stream, Chunks(run.Input.Reader, ct), ct);
        run.Reader = Task.Run(async () =>
        {
            try
            {
                await foreach (PSDocker.ContainerLogLine line in OutputDecoder.ReadLinesAsync(stream.Stream, options.Tty, false, id, run.Display, ct).ConfigureAwait(false))
                    await run.Output.Writer.WriteAsync(line, ct).ConfigureAwait(false);
            }
            finally
            {
                run.Output.Writer.TryComplete();
            }
        }, ct);
        if (_stdinFromPipeline is false) run.Input?.Writer.TryComplete();
        return run;
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(ChannelReader<byte[]> reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (byte[] chunk in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return chunk;
    }

    /// <summary>Writes the lines that arrived; with <paramref name="block"/>, until the output ends.</summary>
    private void DrainOutput(AttachedRun run, bool block)
    {
        ChannelReader<PSDocker.ContainerLogLine> reader = run.Output.Reader;
        while (true)
        {
            while (reader.TryRead(out PSDocker.ContainerLogLine? line))
            {
                if (line.Stream == ContainerStream.StdErr)
                {
                    var err = new InvalidOperationException(line.Text);
                    WriteError(DockerErrors.Record(err, "ContainerStandardError", ErrorCategory.NotSpecified, run.Display, line.Text, null));
                }
                else
                {
                    WriteObject(line.Text);
                }
            }
            if (!block || reader.Completion.IsCompleted) return;
            WaitStream(ct => reader.WaitToReadAsync(ct).AsTask());
        }
    }

    /// <summary>Ends the input, writes the rest of the output, and reports the exit code.</summary>
    private void Finish(AttachedRun run)
    {
        try
        {
            run.Input?.Writer.TryComplete();
            DrainOutput(run, block: true);
            WaitStream(ct => run.Reader!.WaitAsync(ct));
            int code = WaitStream(ct => run.Exit!.WaitAsync(ct));
            run.Finished = true;
            if (code != 0)
            {
                var ex = new ContainerExitException(run.Display, code);
                WriteError(DockerErrors.Record(ex, "ContainerExitedWithError", ErrorCategory.NotSpecified, run.Display, ex.Message,
                    run.AutoRemove ? null : $"See its output with Get-ContainerLog {run.Display}."));
            }
        }
        finally
        {
            run.StopRegistration.Dispose();
            run.Dispose();
            if (!run.Finished && run.AutoRemove)
            {
                // Ctrl+C or a failure before it ended: -AutoRemove leaves nothing behind.
                RemoveQuietly(run.Id);
            }
        }
    }

    /// <summary>One attached container run: its connection, exit wait, input and output.</summary>
    private sealed class AttachedRun : IDisposable
    {
        public AttachedRun(string id, string display, bool autoRemove, bool interactive)
        {
            Id = id;
            Display = display;
            AutoRemove = autoRemove;
            if (interactive) Input = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        }

        public string Id { get; }
        public string Display { get; }
        public bool AutoRemove { get; }
        public HijackedStream? Stream { get; set; }
        public Task<int>? Exit { get; set; }
        public Channel<byte[]>? Input { get; }
        public Channel<PSDocker.ContainerLogLine> Output { get; } = OutputBuffer.Create();
        public Task? Pump { get; set; }
        public Task? Reader { get; set; }
        public bool Finished { get; set; }
        public CancellationTokenRegistration StopRegistration { get; set; }

        public void Dispose()
        {
            Stream?.Dispose();
            // A reader waiting for room in the buffer stops too.
            Output.Writer.TryComplete();
        }
    }
}
