using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Core.Engine;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Signs out of a registry: removes the stored credential (<c>docker logout</c>).</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Registry", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class DisconnectRegistryCommand : DockerCmdlet
{
    /// <summary>The registry host[:port]; docker.io for Docker Hub.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string Registry { get; set; } = ImageReference.DockerHub;

    protected override void BeginProcessing()
    {
        // No engine is involved: do not resolve the endpoint.
    }

    protected override void ProcessRecord()
    {
        string registry = DockerConfig.ConvertToHostname(Registry);
        if (!ShouldProcess(registry, "Remove the stored credential")) return;
        try
        {
            if (!DockerConfig.Current().RemoveAuth(registry, CancelToken))
                WriteWarning($"No credential was stored for {registry}.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            WriteError(DockerErrors.Record(ex, "CredentialStoreFailed", ErrorCategory.WriteError, registry, ex.Message, null));
        }
    }
}
