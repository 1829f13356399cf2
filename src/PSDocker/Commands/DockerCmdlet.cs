using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Concurrency;
using PSDocker.Core.Contexts;
using PSDocker.Core.Transport;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>The base of every PSDocker cmdlet: the engine(s) to use, the client, and Ctrl+C.</summary>
public abstract partial class DockerCmdlet : PSCmdlet, IDisposable
{
    /// <summary>The type-name suffix of objects written while several engines are in play (their view shows the engine).</summary>
    public const string MultiEngineTypeSuffix = "#MultiEngine";

    /// <summary>The type name suffix of what -Detailed writes: PSDocker.Format.ps1xml selects the list view for it.</summary>
    public const string DetailedTypeSuffix = "#Detailed";

    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<(string Endpoint, string? Context), DockerClient> _objectClients = new();
    private readonly List<IDisposable> _owned = new();
    private IReadOnlyList<DockerEndpoint>? _endpoints;

    /// <summary>The engine's address (several on Get-Container and Get-Image). Defaults to the current docker context: $env:DOCKER_HOST, $env:DOCKER_CONTEXT, currentContext in config.json, then the platform's socket or pipe.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EndpointCompleter))]
    public string[]? Endpoint { get; set; }

    /// <summary>The docker context(s) to use (several on Get-Container and Get-Image); "default" is -Endpoint/DOCKER_HOST. Cannot be combined with -Endpoint.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextCompleter))]
    public string[]? Context { get; set; }

    /// <summary>A folder with ca.pem, cert.pem and key.pem: TLS to the engine with verification (as DOCKER_CERT_PATH with DOCKER_TLS_VERIFY=1).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TlsCertificatePath { get; set; }

    /// <summary>TLS without checking the engine's certificate (as docker's --tls without --tlsverify). Not recommended.</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>
    /// Seconds a call that is not a stream may take before it ends in an EngineTimeout error (default: $env:PSDOCKER_TIMEOUT,
    /// else 100). 0 waits without a limit. Seconds as an int, like Invoke-RestMethod -TimeoutSec and Wait-Job -Timeout;
    /// not -Timeout, which Stop-Container and Restart-Container already use for docker's stop grace period.
    /// Streams (logs -Follow, waits, attach sessions, pull/push/build progress) are never cut: while silent for this long
    /// (at most 30 s) they check that the engine still answers /_ping, and end in EngineConnectionLost when it does not.
    /// </summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? TimeoutSec { get; set; }

    private TimeSpan? _callTimeout;

    /// <summary>The time limit of one call that is not a stream (infinite when -TimeoutSec 0).</summary>
    protected TimeSpan CallTimeout => _callTimeout ??= ResolveCallTimeout();

    /// <summary>Time a call of this cmdlet may take beyond <see cref="CallTimeout"/> because it waits on purpose (a stop's grace period).</summary>
    protected virtual TimeSpan CallAllowance => TimeSpan.Zero;

    private TimeSpan CallLimit => CallTimeout <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : CallTimeout + CallAllowance;

    private TimeSpan ResolveCallTimeout()
    {
        if (TimeoutSec is int seconds) return seconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds);
        try
        {
            return EngineCallTimeout.Default;
        }
        catch (FormatException ex)
        {
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "InvalidTimeout", Environment.GetEnvironmentVariable(EngineCallTimeout.EnvironmentVariable)));
            throw; // unreachable
        }
    }

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken CancelToken => _stop.Token;

    /// <summary>True for cmdlets that fan out over several engines (-Context a,b or several -Endpoint values).</summary>
    protected virtual bool SupportsMultipleEngines => false;

    /// <summary>True when the engine was chosen on the command line (-Endpoint, -Context, or a TLS parameter).</summary>
    protected bool EngineGiven
        => Endpoint is { Length: > 0 } || Context is { Length: > 0 } || TlsCertificatePath is not null || SkipCertificateCheck.IsPresent;

    /// <summary>Every engine this cmdlet talks to, in the order given (one unless the cmdlet fans out).</summary>
    protected IReadOnlyList<DockerEndpoint> ResolvedEndpoints => _endpoints ??= ResolveEngines();

    /// <summary>The engine this cmdlet talks to (from -Endpoint/-Context, DOCKER_HOST, DOCKER_CONTEXT, currentContext, or the default).</summary>
    protected DockerEndpoint ResolvedEndpoint => ResolvedEndpoints[0];

    /// <summary>The cached client of <see cref="ResolvedEndpoint"/>.</summary>
    protected DockerClient Client => GetClient(ResolvedEndpoint);

    /// <summary>The clients of every engine in <see cref="ResolvedEndpoints"/>.</summary>
    protected IReadOnlyList<DockerClient> Clients => ResolvedEndpoints.Select(GetClient).ToArray();

    /// <summary>True when this call lists from more than one engine (objects then show which engine they came from).</summary>
    protected bool IsMultiEngine => ResolvedEndpoints.Count > 1;

    /// <summary>
    /// The client for an object that came from an engine: the engine given on the command line, else the object's own engine
    /// (the very client that listed it, TLS and context included; else its context, else its address resolved afresh).
    /// </summary>
    protected DockerClient ClientFor(string? objectEndpoint, string? objectContext = null)
    {
        if (EngineGiven || string.IsNullOrEmpty(objectEndpoint)) return Client;
        if (_objectClients.TryGetValue((objectEndpoint, objectContext), out DockerClient? known)) return known;

        DockerClient client = DockerClient.Find(objectEndpoint, objectContext) ?? GetClient(ResolveObjectEngine(objectEndpoint, objectContext));
        _objectClients[(objectEndpoint, objectContext)] = client;
        return client;
    }

    /// <summary>The client for a container target (its object's engine, or the command line's).</summary>
    protected DockerClient ClientFor(ContainerTarget target) => ClientFor(target.ObjectEndpoint, target.ObjectContext);

    private DockerEndpoint ResolveObjectEngine(string endpoint, string? context)
    {
        try
        {
            if (context is not null && context != ContextStore.DefaultContextName)
            {
                DockerEndpoint fromContext = EngineResolver.ResolveContext(context);
                if (fromContext.ToString() == endpoint) return fromContext;
            }
            return EngineResolver.Resolve(new EngineRequest { Endpoints = new[] { endpoint } })[0];
        }
        catch (FormatException ex)
        {
            ThrowTerminatingError(DockerErrors.EngineConfiguration(ex, endpoint));
            throw; // unreachable
        }
    }

    private IReadOnlyList<DockerEndpoint> ResolveEngines()
    {
        IReadOnlyList<DockerEndpoint> endpoints;
        try
        {
            endpoints = EngineResolver.Resolve(new EngineRequest
            {
                Endpoints = Endpoint ?? Array.Empty<string>(),
                Contexts = Context ?? Array.Empty<string>(),
                TlsCertificatePath = TlsCertificatePath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(TlsCertificatePath),
                SkipCertificateCheck = SkipCertificateCheck.IsPresent,
            });
        }
        catch (FormatException ex)
        {
            ThrowTerminatingError(DockerErrors.EngineConfiguration(ex, string.Join(",", (IEnumerable<string>?)Endpoint ?? Context ?? Array.Empty<string>())));
            throw; // unreachable
        }
        if (endpoints.Count > 1 && !SupportsMultipleEngines)
        {
            var ex = new ArgumentException(
                $"{MyInvocation.MyCommand.Name} works on one engine at a time, and {endpoints.Count} were given ({string.Join(", ", endpoints.Select(Describe))}). " +
                "Several engines work with Get-Container and Get-Image; pipe their output on (Get-Container -Context a,b | Stop-Container) and each object is acted on at its own engine.");
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "SeveralEnginesNotSupported", string.Join(",", endpoints)));
        }
        return endpoints;
    }

    /// <summary>An engine as users name it: its context when it has a stored one, else its address.</summary>
    protected static string Describe(DockerEndpoint endpoint)
        => endpoint.ContextName is { } c && c != ContextStore.DefaultContextName ? $"context '{c}' ({endpoint})" : endpoint.ToString();

    private DockerClient GetClient(DockerEndpoint endpoint)
    {
        try
        {
            return DockerClient.Get(endpoint);
        }
        catch (FormatException ex)
        {
            ThrowTerminatingError(DockerErrors.EngineConfiguration(ex, endpoint.ToString()));
            throw; // unreachable
        }
    }

    /// <summary>
    /// For cmdlets that take a command after an image or container: the remaining-arguments parameter holding it
    /// and the positional parameter(s) before it (see <see cref="DockerStyleCommand"/>).
    /// </summary>
    private protected virtual (string Command, string[] Leading)? DockerStyleCommandParameters => null;

    protected override void BeginProcessing()
    {
        if (DockerStyleCommandParameters is { } docker) ReclaimCommand(docker.Command, docker.Leading);
        // Resolve early so a malformed -Endpoint, an unknown context, missing TLS files or a bad PSDOCKER_TIMEOUT fail before any input is processed.
        foreach (DockerEndpoint endpoint in ResolvedEndpoints) GetClient(endpoint);
        _ = CallTimeout;
        RejectNulCharacters();
    }

    // Gives '-d' in 'ls -d /' back to the command, unbinding the parameter PowerShell had given it to.
    private void ReclaimCommand(string commandParameter, string[] leading)
    {
        if (DockerStyleCommand.Reclaim(this, commandParameter, leading) is not { } reclaimed) return;
        Type type = GetType();
        foreach (string name in reclaimed.Stolen)
        {
            if (type.GetProperty(name) is not { CanWrite: true } property)
            {
                // A common parameter ('-d' is -Debug for cmdlets without -Detach): PowerShell's command runtime holds it and
                // has no public way to unbind it, so say how to write the command instead of running it half-understood.
                ThrowTerminatingError(DockerErrors.CommandArgumentTakenAsParameter(name, MyInvocation.InvocationName));
                return;
            }
            MyInvocation.BoundParameters.Remove(name);
            object? empty = property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null
                ? Activator.CreateInstance(property.PropertyType) : null;
            property.SetValue(this, empty);
        }
        type.GetProperty(commandParameter)!.SetValue(this, reclaimed.Command);
        MyInvocation.BoundParameters[commandParameter] = reclaimed.Command;
        WriteVerbose($"Given back to the command, as docker does: the words PowerShell had bound to -{string.Join(", -", reclaimed.Stolen)}. Command: {string.Join(' ', reclaimed.Command)}");
    }

    /// <summary>
    /// One check for every cmdlet: a NUL character in any parameter given on the command line (names, ports, paths,
    /// environment, labels, commands, image references) is a terminating error before anything is sent. Values bound from
    /// the pipeline later are caught where requests are built (<see cref="NulCharacterException"/>). -InputObject is
    /// standard input for a container, where any byte may go.
    /// </summary>
    private void RejectNulCharacters()
    {
        foreach (KeyValuePair<string, object> parameter in MyInvocation.BoundParameters)
        {
            if (parameter.Key == "InputObject" || !HoldsNul(parameter.Value, 0)) continue;
            var ex = new NulCharacterException($"value of -{parameter.Key}");
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "NulCharacterInInput", parameter.Key));
        }
    }

    private static bool HoldsNul(object? value, int depth) => value switch
    {
        null => false,
        string s => s.Contains('\0'),
        PSObject o => HoldsNul(o.BaseObject, depth),
        System.Collections.IDictionary d when depth < 4 => d.Keys.Cast<object?>().Concat(d.Values.Cast<object?>()).Any(v => HoldsNul(v, depth + 1)),
        System.Collections.IEnumerable e when depth < 4 => e.Cast<object?>().Any(v => HoldsNul(v, depth + 1)),
        _ => false,
    };

    // StopProcessing runs on another thread: signal, nothing else.
    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>
    /// Blocks the pipeline thread on a Core call that is not a stream, within the call time limit (-TimeoutSec);
    /// Ctrl+C ends it at once. An unreachable, unreadable, lost or stalled engine is a terminating error.
    /// Calls that wait on purpose, or return something that lives on (a stream, an attach session, a task), go
    /// through <see cref="WaitStream{T}"/>.
    /// </summary>
    protected T Wait<T>(Func<CancellationToken, Task<T>> operation) => WaitMapped(ct => Timed(operation, ct));

    /// <summary>
    /// Blocks the pipeline thread on Core work with no time limit: opening or reading a stream, a wait for a container,
    /// a session. A stream opened here checks the engine with /_ping when silent (see <see cref="TimeoutSec"/>).
    /// </summary>
    protected T WaitStream<T>(Func<CancellationToken, Task<T>> operation)
        => WaitMapped(ct => Streamed(operation, ct));

    /// <summary><see cref="WaitStream{T}"/> for work without a result.</summary>
    protected void WaitStream(Func<CancellationToken, Task> operation)
        => WaitStream<bool>(async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        });

    /// <summary>Work without a time limit (a wait, a session) run off the pipeline thread: its requests check the engine with /_ping when unanswered for long.</summary>
    protected Task<T> Streamed<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
        => EngineCallTimeout.RunStreamStepAsync(operation, CallTimeout, cancellationToken);

    /// <summary>A call that is not a stream, with this cmdlet's time limit, for work run off the pipeline thread (OrderedWork).</summary>
    protected Task<T> Timed<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
        => EngineCallTimeout.RunAsync(operation, CallLimit, EngineNames, cancellationToken);

    private T WaitMapped<T>(Func<CancellationToken, Task<T>> operation)
    {
        try
        {
            return WaitCore(operation);
        }
        catch (DockerEndpointException ex)
        {
            ThrowTerminatingError(DockerErrors.Unreachable(ex));
            throw; // unreachable
        }
        catch (Exception ex) when (ex is EngineProtocolException or EngineConnectionLostException or EngineTimeoutException)
        {
            ThrowTerminatingError(DockerErrors.Protocol(ex));
            throw; // unreachable
        }
        catch (NulCharacterException ex)
        {
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "NulCharacterInInput", ex.Where));
            throw; // unreachable
        }
    }

    /// <summary>
    /// Blocks on Core work with Ctrl+C handling only; engine failures reach the caller. The safety net: a raw JSON or
    /// HTTP exception that Core let through becomes <see cref="EngineProtocolException"/> or
    /// <see cref="EngineConnectionLostException"/> naming the engine, so no .NET exception ID reaches the user.
    /// </summary>
    private T WaitCore<T>(Func<CancellationToken, Task<T>> operation)
    {
        try
        {
            return operation(_stop.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new EngineProtocolException(EngineNames, null, $"the answer is not the JSON the API describes ({ex.Message.TrimEnd('.')})", ex);
        }
        catch (HttpIOException ex)
        {
            throw new EngineConnectionLostException(EngineNames, null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new EngineConnectionLostException(EngineNames, null, ex);
        }
    }

    /// <summary>The engines in play, for an error that cannot tell which one failed.</summary>
    private string EngineNames => _endpoints is { Count: > 0 } e ? string.Join(", ", e.Select(Describe)) : "(unknown engine)";

    /// <summary>Blocks the pipeline thread on Core work; Ctrl+C ends it at once.</summary>
    protected void Wait(Func<CancellationToken, Task> operation)
        => Wait<bool>(async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        });

    /// <summary>
    /// Blocks on Core work that reports progress through <paramref name="progress"/>, writing it on the pipeline thread
    /// about four times a second until the work ends (then the activity is completed, however it ended). Ctrl+C ends it at once.
    /// A transfer is a stream: no call time limit, but a silent one checks the engine with /_ping (see <see cref="TimeoutSec"/>).
    /// </summary>
    protected T WaitWithProgress<T>(Func<CancellationToken, Task<T>> operation, Progress.TransferProgressWriter? progress)
    {
        if (progress is null) return WaitStream(operation);
        try
        {
            Task<T> work = Streamed(operation, _stop.Token);
            while (!work.IsCompleted)
            {
                WaitStream(ct => Task.WhenAny(work, Task.Delay(250, ct)));
                if (progress.Next() is { } record) WriteProgress(record);
            }
            return WaitStream(_ => work);
        }
        finally
        {
            if (!_stop.IsCancellationRequested) WriteProgress(progress.Completed());
        }
    }

    /// <summary>
    /// Runs one call on every engine at once and returns the answers in engine order. With one engine an unreachable
    /// engine is the usual terminating error; with several it is a non-terminating error naming it, and the others still answer.
    /// </summary>
    protected IReadOnlyList<(DockerClient Client, T Result)> FanOut<T>(Func<DockerClient, CancellationToken, Task<T>> call)
    {
        IReadOnlyList<DockerClient> clients = Clients;
        if (clients.Count == 1)
            return new[] { (clients[0], Wait(ct => call(clients[0], ct))) };

        using var work = new OrderedWork<DockerClient, T>(clients.Count, _stop.Token);
        foreach (DockerClient client in clients) work.Add(client, (c, ct) => Timed(t => call(c, t), ct));
        var results = new List<(DockerClient, T)>(clients.Count);
        foreach ((DockerClient client, Task<T> done) in TakeInOrder(work))
        {
            try
            {
                results.Add((client, WaitCore(_ => done)));
            }
            catch (DockerEndpointException ex)
            {
                WriteError(DockerErrors.Unreachable(ex));
            }
            catch (Exception ex) when (ex is EngineProtocolException or EngineConnectionLostException or EngineTimeoutException)
            {
                WriteError(DockerErrors.Protocol(ex));
            }
        }
        return results;
    }

    /// <summary>
    /// The items of concurrent work, in the order they were added, each once its work is done: the pipeline thread waits
    /// here (Ctrl+C stops the wait), so the caller's Write* calls stay on it. Read each item's outcome from its
    /// completed task inside the caller's own error handling (<c>WaitCore(_ =&gt; task)</c> or <c>task.GetAwaiter().GetResult()</c>).
    /// </summary>
    protected IEnumerable<(TState State, Task<TResult> Task)> TakeInOrder<TState, TResult>(OrderedWork<TState, TResult> work)
    {
        while (work.Count > 0)
            yield return WaitCore(ct => work.TakeAsync(ct));
    }

    /// <summary>
    /// Writes an object; while several engines are in play, its view gains the engine it came from. With
    /// <paramref name="detailed"/> (what -Detailed asked for) its default view is the type's list view, which shows it all.
    /// </summary>
    protected void WriteEngineObject(object item, bool detailed = false)
    {
        if (!IsMultiEngine && !detailed)
        {
            WriteObject(item);
            return;
        }
        PSObject wrapped = PSObject.AsPSObject(item);
        if (IsMultiEngine) wrapped.TypeNames.Insert(0, item.GetType().FullName + MultiEngineTypeSuffix);
        if (detailed) wrapped.TypeNames.Insert(0, item.GetType().FullName + DetailedTypeSuffix);
        WriteObject(wrapped);
    }

    /// <summary>Runs an async enumeration on the pipeline thread, item by item.</summary>
    protected IEnumerable<T> Enumerate<T>(IAsyncEnumerable<T> source)
    {
        IAsyncEnumerator<T> e = source.GetAsyncEnumerator(_stop.Token);
        try
        {
            while (WaitStream(_ => e.MoveNextAsync().AsTask()))
                yield return e.Current;
        }
        finally
        {
            try
            {
                e.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // A stream torn down by Ctrl+C may throw on disposal; nothing is left to clean.
            }
        }
    }

    /// <summary>Writes an engine error for one container as a non-terminating error.</summary>
    private protected void WriteContainerError(DockerApiException ex, object target, DockerClient client, ApiOperation action = ApiOperation.Any)
        => WriteError(DockerErrors.FromContainer(ex, target, client.Endpoint.ToString(), action));

    /// <summary>
    /// Ordered concurrent work for this cmdlet run (see <see cref="OrderedWork{TState, TResult}"/>): cancelled by Ctrl+C,
    /// and disposed with the cmdlet even when EndProcessing never runs.
    /// </summary>
    protected OrderedWork<TState, TResult> CreateOrderedWork<TState, TResult>(int throttleLimit)
    {
        var work = new OrderedWork<TState, TResult>(throttleLimit, _stop.Token);
        _owned.Add(work);
        return work;
    }

    public void Dispose()
    {
        foreach (IDisposable owned in _owned) owned.Dispose();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
