using System.Management.Automation;
using System.Net;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Resumes paused containers (<c>docker unpause</c>).</summary>
[Cmdlet(VerbsLifecycle.Resume, "Container", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class ResumeContainerCommand : ContainerActionCmdlet
{
    /// <summary>Returns each container after it resumed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ActionName => "Resume container processes";

    private protected override ApiOperation ErrorAction => ApiOperation.Unpause;

    protected override async Task<object?> ActAsync(DockerClient client, ContainerTarget target, CancellationToken ct)
    {
        try
        {
            await client.Containers.UnpauseAsync(target.IdOrName, new(), ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.InternalServerError)
        {
            // Resuming a running container is not an error; resuming a stopped one is.
            // Docker 20.10 answers "is not paused" with 500 where newer engines answer 409: map it to 409,
            // so it is reported as ContainerNotRunning like the other engines' answer.
            Container now = await client.Containers.InspectAsync(target.IdOrName, new(), ct).ConfigureAwait(false);
            if (now.State == ContainerState.Running) return PassThru ? now : null;
            if (ex.StatusCode == HttpStatusCode.Conflict || now.State == ContainerState.Paused) throw;
            throw new DockerApiException(HttpStatusCode.Conflict, ex.Message, ex.Method, ex.Path);
        }
        return PassThru ? await client.Containers.InspectAsync(target.IdOrName, new(), ct).ConfigureAwait(false) : null;
    }
}
