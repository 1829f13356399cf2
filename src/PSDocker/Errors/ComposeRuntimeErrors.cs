using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Compose.Runtime;

namespace PSDocker.Errors;

/// <summary>Maps compose runtime failures to ErrorRecords (the compose half of the one error map).</summary>
internal static class ComposeRuntimeErrors
{
    /// <summary>A service (or a network/volume of the project) failed; the target is <c>project/service</c> or the resource.</summary>
    public static ErrorRecord FromService(ComposeServiceException ex)
    {
        (string id, ErrorCategory category) = ex.Failure switch
        {
            ComposeFailure.Image => ("ComposeImageUnavailable", ErrorCategory.ObjectNotFound),
            ComposeFailure.DependencyExited => ("ComposeDependencyExited", ErrorCategory.InvalidResult),
            ComposeFailure.DependencyUnhealthy => ("ComposeDependencyUnhealthy", ErrorCategory.InvalidResult),
            ComposeFailure.DependencyFailed => ("ComposeDependencyFailed", ErrorCategory.InvalidResult),
            ComposeFailure.NotReady => ("ComposeServiceNotReady", ErrorCategory.InvalidResult),
            ComposeFailure.Timeout => ("ComposeWaitTimeout", ErrorCategory.OperationTimeout),
            ComposeFailure.ExternalMissing => ("ComposeExternalResourceNotFound", ErrorCategory.ObjectNotFound),
            _ when ex.InnerException is EngineNotSupportedException => ("NotSupportedByEngine", ErrorCategory.NotImplemented),
            _ => ("ComposeServiceFailed", ErrorCategory.InvalidOperation),
        };
        object target = ex.Service is not null ? ex.Project + "/" + ex.Service : ex.Resource ?? ex.Project;
        return DockerErrors.Record(ex, id, category, target, ex.Message, null);
    }

    /// <summary>The project's files cannot be run as they are (found before anything is sent).</summary>
    public static ErrorRecord InvalidProject(Exception ex, string project)
        => DockerErrors.Record(ex, "InvalidComposeProject", ErrorCategory.InvalidData, project, ex.Message, null);

    /// <summary>No container, network or volume of that project on the engine.</summary>
    public static ErrorRecord ProjectNotFound(string project, string endpoint)
        => DockerErrors.Record(new ItemNotFoundException($"No compose project named '{project}' on {endpoint}."), "ComposeProjectNotFound",
            ErrorCategory.ObjectNotFound, project, $"No compose project named '{project}' on {endpoint}.", "List the projects with Get-ComposeProject.");
}
