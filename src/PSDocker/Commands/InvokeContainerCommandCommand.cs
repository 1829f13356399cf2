using System.Collections;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Concurrency;
using PSDocker.Core.Containers;
using PSDocker.Core.Transport;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Runs a command in running containers (<c>docker exec</c>, without a terminal).
/// </summary>
/// <remarks>
/// Containers come from -Name/-Id, or from the pipeline (Container objects, or objects with a Name or Id property);
/// those run concurrently (-ThrottleLimit). With -Name/-Id on the command line, pipeline input is the command's
/// standard input instead: each item one line, ended (half-closed) when the input ends.
/// Output lines are written as they arrive, one container after another in input order (a later container's lines
/// wait until the earlier ones are done); each line is a string with a ContainerName note property.
/// </remarks>
[Cmdlet(VerbsLifecycle.Invoke, "ContainerCommand", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(string), typeof(ExecResult))]
public sealed class InvokeContainerCommandCommand : DockerCmdlet
{
    private const string ByName = "Name";
    private const string ById = "Id";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly List<Session> _inputSessions = new();
    private OrderedWork<Session, ExecInfo>? _work;
    private ExecCreateOptions? _options;
    private bool _targetsOnCommandLine;
    private bool _stdinFromPipeline;

    /// <summary>Container names, full IDs or unique ID prefixes.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
    [Alias("ContainerName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Container IDs or unique ID prefixes.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [Alias("ContainerId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string[] Id { get; set; } = Array.Empty<string>();

    /// <summary>The command and its arguments (the rest of the command line; put <c>--</c> before arguments that start with '-').</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByName, ValueFromRemainingArguments = true)]
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ById, ValueFromRemainingArguments = true)]
    [Alias("Cmd")]
    [ValidateNotNullOrEmpty]
    public string[] Command { get; set; } = Array.Empty<string>();

    private protected override (string Command, string[] Leading)? DockerStyleCommandParameters => (nameof(Command), new[] { nameof(Name), nameof(Id) });

    /// <summary>
    /// Pipeline input. Container objects (Get-Container) say where to run; anything else, when -Name or -Id is on
    /// the command line, is the command's standard input, one line per item.
    /// </summary>
    [Parameter(ValueFromPipeline = true, ParameterSetName = ByName)]
    [Parameter(ValueFromPipeline = true, ParameterSetName = ById)]
    [AllowNull]
    [AllowEmptyString]
    public PSObject? InputObject { get; set; }

    /// <summary>The user (name or UID, optionally :group) the command runs as.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>The working directory inside the container.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>Environment variables for the command: @{ NAME = 'value' }.</summary>
    [Parameter]
    [Alias("Env")]
    public Hashtable? Environment { get; set; }

    /// <summary>Runs the command with extended privileges.</summary>
    [Parameter]
    public SwitchParameter Privileged { get; set; }

    /// <summary>Writes standard error lines to the output (as strings) instead of as error records.</summary>
    [Parameter]
    [Alias("MergeError")]
    public SwitchParameter MergeStandardError { get; set; }

    /// <summary>Returns one ExecResult per container (exit code, output lines) instead of the lines.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>How many containers run the command at once.</summary>
    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = 32;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        _options = BuildOptions();
        _work = CreateOrderedWork<Session, ExecInfo>(ThrottleLimit);
        _targetsOnCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(Name)) || MyInvocation.BoundParameters.ContainsKey(nameof(Id));
        if (!_targetsOnCommandLine) return;

        // Targets on the command line: pipeline input, if any, is standard input.
        _stdinFromPipeline = MyInvocation.ExpectingInput;
        foreach (ContainerTarget target in CommandLineTargets())
        {
            Session? session = Begin(target, withInput: _stdinFromPipeline);
            if (session is not null && _stdinFromPipeline) _inputSessions.Add(session);
        }
    }

    protected override void ProcessRecord()
    {
        if (_targetsOnCommandLine)
        {
            if (_stdinFromPipeline && InputObject is not null && InputObject.BaseObject is not null)
            {
                byte[] line = Utf8.GetBytes(LineOf(InputObject) + "\n");
                foreach (Session session in _inputSessions) session.Input!.Writer.TryWrite(line);
            }
        }
        else
        {
            foreach (ContainerTarget target in PipelineTargets()) Begin(target, withInput: false);
        }
        Drain(block: false);
    }

    protected override void EndProcessing()
    {
        foreach (Session session in _inputSessions) session.Input!.Writer.TryComplete();
        Drain(block: true);
    }

    private static string LineOf(PSObject item)
        => item.BaseObject is string s ? s : LanguagePrimitives.ConvertTo<string>(item) ?? "";

    private IEnumerable<ContainerTarget> CommandLineTargets()
    {
        if (ParameterSetName == ById)
            foreach (string id in Id) yield return new ContainerTarget(id.Trim(), id.Trim(), null);
        else
            foreach (string name in Name) yield return new ContainerTarget(name.Trim().TrimStart('/'), name.Trim().TrimStart('/'), null);
    }

    private IEnumerable<ContainerTarget> PipelineTargets()
    {
        if (InputObject?.BaseObject is Container c)
        {
            yield return new ContainerTarget(c.Id.Length > 0 ? c.Id : c.Name, c, c.Endpoint, c.Context);
            yield break;
        }
        foreach (ContainerTarget t in CommandLineTargets()) yield return t;
    }

    private ExecCreateOptions BuildOptions()
    {
        var env = new List<KeyValuePair<string, string?>>();
        foreach (DictionaryEntry e in Environment ?? new Hashtable())
        {
            string key = e.Key?.ToString() ?? "";
            if (key.Length == 0 || key.Contains('='))
            {
                var ex = new ArgumentException($"Invalid environment variable name '{key}': it must be non-empty and contain no '='.");
                ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "InvalidEnvironment", key));
            }
            env.Add(new(key, e.Value is null ? null : LanguagePrimitives.ConvertTo<string>(e.Value)));
        }
        env.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new ExecCreateOptions
        {
            Command = Command,
            User = User,
            WorkingDirectory = WorkingDirectory,
            Environment = env,
            Privileged = Privileged,
            AttachStdout = true,
            AttachStderr = true,
        };
    }

    private static string DisplayName(ContainerTarget target) => target.Display switch
    {
        Container c => c.Name.Length > 0 ? c.Name : c.ShortId,
        _ => target.IdOrName,
    };

    private Session? Begin(ContainerTarget target, bool withInput)
    {
        string display = DisplayName(target);
        if (!ShouldProcess(target.Display is Container c ? $"{c.Name} ({c.ShortId})" : display, $"Run '{string.Join(' ', Command)}'")) return null;
        DockerClient client = ClientFor(target);
        var session = new Session(target, display, client, withInput);
        ExecCreateOptions options = _options! with { AttachStdin = withInput };
        // The exec is a session (no time limit; its requests check the engine when unanswered); its create and inspect are calls.
        _work!.Add(session, (s, ct) => Streamed(t => RunAsync(s, options, t), ct));
        return session;
    }

    /// <summary>One exec, off the pipeline thread (the ordered work throttles it): output lines go to the session's channel; no Write* here.</summary>
    private async Task<ExecInfo> RunAsync(Session session, ExecCreateOptions options, CancellationToken cancellationToken)
    {
        try
        {
            string execId = await Timed(ct => session.Client.Exec.CreateAsync(session.Target.IdOrName, options, ct), cancellationToken).ConfigureAwait(false);
            HijackedStream hijacked = await session.Client.Exec.StartAsync(execId, new ExecStartOptions { Tty = false }, cancellationToken).ConfigureAwait(false);
            await using (hijacked.ConfigureAwait(false))
            using (cancellationToken.Register(hijacked.Dispose))
            {
                using var inputStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                Task input = session.Input is null
                    ? Task.CompletedTask
                    : HijackPump.CopyInputAsync(hijacked, Chunks(session.Input.Reader, inputStop.Token), inputStop.Token);
                await foreach (ContainerLogLine line in OutputDecoder.ReadLinesAsync(hijacked.Stream, tty: false, timestamps: false, "", session.Display, cancellationToken).ConfigureAwait(false))
                    await session.Output.Writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                // The process ended: input not read by then is dropped (as docker exec does).
                inputStop.Cancel();
                try
                {
                    await input.ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }
            ExecInfo info = await Timed(ct => session.Client.Exec.InspectAsync(execId, new(), ct), cancellationToken).ConfigureAwait(false);
            // The stream can end a moment before the engine records the exit code.
            for (int i = 0; i < 40 && info.Running; i++)
            {
                await Task.Delay(25, cancellationToken).ConfigureAwait(false);
                info = await Timed(ct => session.Client.Exec.InspectAsync(execId, new(), ct), cancellationToken).ConfigureAwait(false);
            }
            return info;
        }
        finally
        {
            session.Output.Writer.TryComplete();
        }
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Chunks(ChannelReader<byte[]> reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (byte[] chunk in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return chunk;
    }

    /// <summary>Writes what the sessions produced, in input order; with <paramref name="block"/>, until all are done.</summary>
    private void Drain(bool block)
    {
        while (_work!.TryPeek(out Session session, out Task<ExecInfo> run))
        {
            ChannelReader<ContainerLogLine> reader = session.Output.Reader;
            while (reader.TryRead(out ContainerLogLine? line)) WriteLine(session, line);
            if (!reader.Completion.IsCompleted)
            {
                if (!block) return;
                WaitStream(ct => reader.WaitToReadAsync(ct).AsTask());
                continue;
            }
            if (!_work.TryTake(out _, out _))
            {
                // The output is complete; the exit code is a moment away.
                if (!block) return;
                WaitStream(ct => run.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).WaitAsync(ct));
                continue;
            }
            Finish(session, run);
        }
    }

    private void WriteLine(Session session, ContainerLogLine line)
    {
        bool stderr = line.Stream == ContainerStream.StdErr;
        if (PassThru)
        {
            (stderr && !MergeStandardError ? session.Errors : session.Lines).Add(line.Text);
            return;
        }
        if (stderr && !MergeStandardError)
        {
            var ex = new InvalidOperationException(line.Text);
            WriteError(DockerErrors.Record(ex, "ContainerCommandStandardError", ErrorCategory.NotSpecified, session.Display, line.Text, null));
            return;
        }
        var output = new PSObject(line.Text);
        output.Properties.Add(new PSNoteProperty("ContainerName", session.Display));
        output.Properties.Add(new PSNoteProperty("Stream", line.Stream));
        WriteObject(output);
    }

    private void Finish(Session session, Task<ExecInfo> run)
    {
        ExecInfo info;
        try
        {
            info = WaitStream(_ => run);
        }
        catch (DockerApiException ex)
        {
            WriteContainerError(ex, session.Target.Display, session.Client, ApiOperation.Exec);
            return;
        }
        catch (InvalidDataException ex)
        {
            WriteError(DockerErrors.Record(ex, "ContainerCommandStreamError", ErrorCategory.ProtocolError, session.Display,
                $"The output of the command in container '{session.Display}' could not be read: {ex.Message}", null));
            return;
        }

        int code = info.ExitCode ?? -1;
        if (PassThru)
        {
            WriteObject(new ExecResult
            {
                ContainerName = session.Display,
                ContainerId = info.ContainerId,
                Command = Command,
                ExitCode = code,
                Output = session.Lines,
                StandardError = session.Errors,
                Endpoint = session.Client.Endpoint.ToString(),
            });
        }
        if (code != 0)
        {
            var ex = new ContainerCommandExitException(session.Display, Command, code);
            WriteError(DockerErrors.Record(ex, "ContainerCommandFailed", ErrorCategory.NotSpecified, session.Display, ex.Message, null));
        }
    }

    private sealed class Session
    {
        public Session(ContainerTarget target, string display, DockerClient client, bool withInput)
        {
            Target = target;
            Display = display;
            Client = client;
            if (withInput) Input = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        }

        public ContainerTarget Target { get; }
        public string Display { get; }
        public DockerClient Client { get; }
        public Channel<byte[]>? Input { get; }
        public Channel<ContainerLogLine> Output { get; } = OutputBuffer.Create();
        public List<string> Lines { get; } = new();
        public List<string> Errors { get; } = new();
    }
}
