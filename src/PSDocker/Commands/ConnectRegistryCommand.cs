using System.Management.Automation;
using System.Net;
using PSDocker.Core;
using PSDocker.Core.Images;
using PSDocker.Core.Engine;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Signs in to a registry: checks the credential through the engine, then stores it where the docker CLI would (<c>docker login</c>).</summary>
[Cmdlet(VerbsCommunications.Connect, "Registry", SupportsShouldProcess = true)]
[OutputType(typeof(RegistryLoginResult))]
public sealed class ConnectRegistryCommand : DockerCmdlet
{
    /// <summary>The registry host[:port]; docker.io for Docker Hub.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Registry { get; set; } = ImageReference.DockerHub;

    /// <summary>The user name and password (or token).</summary>
    [Parameter(Mandatory = true)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = null!;

    /// <summary>Return the registry's answer.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        string registry = DockerConfig.ConvertToHostname(Registry);
        string key = DockerConfig.KeyFor(registry);
        if (!ShouldProcess(registry, $"Sign in as {Credential.UserName}")) return;
        var auth = new RegistryAuth(Credential.UserName, Credential.GetNetworkCredential().Password, key);
        RegistryLoginResult result;
        try
        {
            result = Wait(ct => Client.System.AuthAsync(auth, ct));
        }
        catch (DockerApiException ex)
        {
            bool refused = ex.IsKind(ApiErrorKind.Forbidden) || ImageErrors.Classify(ex.Message).Suffix == "Unauthorized";
            var error = new RegistryOperationException($"Cannot sign in to {registry} as {Credential.UserName}: {ex.Message.Trim().TrimEnd('.')}.", registry);
            WriteError(DockerErrors.Record(error, refused ? "RegistryLoginUnauthorized" : "RegistryLoginFailed",
                refused ? ErrorCategory.SecurityError : ErrorCategory.ConnectionError, registry, error.Message,
                refused ? "Check the user name and password." : null));
            return;
        }
        RegistryAuth stored = result.IdentityToken is null ? auth : new RegistryAuth(Credential.UserName, null, key, result.IdentityToken);
        try
        {
            DockerConfig.Current().StoreAuth(registry, stored, CancelToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            WriteError(DockerErrors.Record(ex, "CredentialStoreFailed", ErrorCategory.WriteError, registry, ex.Message, null));
            return;
        }
        WriteVerbose($"{result.Status} ({registry}); credential stored for {key}.");
        if (PassThru) WriteObject(result);
    }
}
