using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>The base of every PSDocker cmdlet: the endpoint, the client, and Ctrl+C.</summary>
public abstract partial class DockerCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private DockerEndpoint? _endpoint;

    /// <summary>The engine's address. Defaults to $env:DOCKER_HOST, then the platform's socket or pipe.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EndpointCompleter))]
    public string? Endpoint { get; set; }

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken CancelToken => _stop.Token;

    /// <summary>The endpoint this cmdlet talks to (from -Endpoint, DOCKER_HOST, or the default).</summary>
    protected DockerEndpoint ResolvedEndpoint => _endpoint ??= ResolveEndpoint(Endpoint);

    /// <summary>The cached client of <see cref="ResolvedEndpoint"/>.</summary>
    protected DockerClient Client => DockerClient.Get(ResolvedEndpoint);

    /// <summary>The client for an object that came from an engine: -Endpoint when given, else the object's own.</summary>
    protected DockerClient ClientFor(string? objectEndpoint)
        => string.IsNullOrEmpty(Endpoint) && !string.IsNullOrEmpty(objectEndpoint)
            ? DockerClient.Get(ResolveEndpoint(objectEndpoint))
            : Client;

    private DockerEndpoint ResolveEndpoint(string? text)
    {
        try
        {
            return DockerEndpoint.Resolve(text);
        }
        catch (FormatException ex)
        {
            ThrowTerminatingError(DockerErrors.InvalidArgument(ex, "InvalidEndpoint", text));
            throw; // unreachable
        }
    }

    protected override void BeginProcessing()
    {
        // Resolve early so a malformed -Endpoint fails before any input is processed.
        _ = ResolvedEndpoint;
    }

    // StopProcessing runs on another thread: signal, nothing else.
    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>Blocks the pipeline thread on Core work; Ctrl+C ends it at once.</summary>
    protected T Wait<T>(Func<CancellationToken, Task<T>> operation)
    {
        try
        {
            return operation(_stop.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (DockerEndpointException ex)
        {
            ThrowTerminatingError(DockerErrors.Unreachable(ex));
            throw; // unreachable
        }
    }

    /// <summary>Blocks the pipeline thread on Core work; Ctrl+C ends it at once.</summary>
    protected void Wait(Func<CancellationToken, Task> operation)
        => Wait<bool>(async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        });

    /// <summary>Runs an async enumeration on the pipeline thread, item by item.</summary>
    protected IEnumerable<T> Enumerate<T>(IAsyncEnumerable<T> source)
    {
        IAsyncEnumerator<T> e = source.GetAsyncEnumerator(_stop.Token);
        try
        {
            while (Wait(_ => e.MoveNextAsync().AsTask()))
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
    private protected void WriteContainerError(DockerApiException ex, object target, DockerClient client, ContainerAction action = ContainerAction.Other)
        => WriteError(DockerErrors.FromContainer(ex, target, client.Endpoint.ToString(), action));

    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
