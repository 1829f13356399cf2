using System.Management.Automation;
using System.Net;
using PSDocker.Core;
using PSDocker.Core.Contexts;

namespace PSDocker.Errors;

/// <summary>What a failed call was doing, so one engine error maps to the right ID and advice.</summary>
internal enum ContainerAction
{
    Other,
    Create,
    Remove,
    Pause,
    Unpause,
    Exec,
}

/// <summary>The one place that maps engine failures to ErrorRecords.</summary>
internal static class DockerErrors
{
    /// <summary>An error record for a failed call on one container.</summary>
    public static ErrorRecord FromContainer(DockerApiException ex, object target, string endpoint, ContainerAction action = ContainerAction.Other)
    {
        string name = TargetName(target);
        (string id, ErrorCategory category, string message, string? advice) = (ex.StatusCode, action) switch
        {
            (HttpStatusCode.NotFound, ContainerAction.Create) => ("ImageNotFound", ErrorCategory.ObjectNotFound,
                $"Cannot create the container: {ex.Message}.", $"Pull or build the image on {endpoint} first, or check its name."),
            (_, _) when ex.Message.Contains("multiple IDs found", StringComparison.OrdinalIgnoreCase) => ("ContainerIdAmbiguous", ErrorCategory.InvalidArgument,
                $"'{name}' is the start of more than one container ID on {endpoint}.", "Give more characters of the ID, or the name."),
            (HttpStatusCode.NotImplemented, _) or (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, _) when IsMissingEndpoint(ex)
                => ("NotSupportedByEngine", ErrorCategory.NotImplemented,
                $"The engine at {endpoint} does not offer this call ({ex.Method} {ex.Path}): {ex.Message}.", "Use an engine that serves this part of the Docker API (Docker, or Podman 4 or later)."),
            (HttpStatusCode.Conflict or HttpStatusCode.InternalServerError, ContainerAction.Exec) when ex.Message.Contains("paused", StringComparison.OrdinalIgnoreCase)
                => ("ContainerPaused", ErrorCategory.InvalidOperation,
                $"Container '{name}' is paused, so the command did not run.", $"Resume it with Resume-Container {name}."),
            (HttpStatusCode.Conflict, ContainerAction.Exec) or (HttpStatusCode.InternalServerError, ContainerAction.Exec) when IsNotRunning(ex)
                => ("ContainerNotRunning", ErrorCategory.InvalidOperation,
                $"Container '{name}' is not running, so the command did not run.", $"Start it first with Start-Container {name}."),
            (HttpStatusCode.NotFound, _) => ("ContainerNotFound", ErrorCategory.ObjectNotFound,
                $"No container named or with ID '{name}' on {endpoint}.", "Check the name or ID with Get-Container."),
            (HttpStatusCode.Conflict, ContainerAction.Create) => ("NameInUse", ErrorCategory.ResourceExists,
                $"Cannot create the container: {ex.Message}.", "Choose another -Name, or remove the other container with Remove-Container."),
            (HttpStatusCode.Conflict, ContainerAction.Remove) => ("ContainerIsRunning", ErrorCategory.InvalidOperation,
                $"Container '{name}' is running or paused, so it was not removed.", "Stop it first with Stop-Container, or use Remove-Container -Force."),
            (HttpStatusCode.Conflict, ContainerAction.Pause or ContainerAction.Unpause) => ("ContainerNotRunning", ErrorCategory.InvalidOperation,
                $"Container '{name}' is not running: {ex.Message}.", "Start it first with Start-Container."),
            (HttpStatusCode.Conflict, _) => ("ContainerStateConflict", ErrorCategory.InvalidOperation,
                $"Container '{name}': {ex.Message}.", null),
            (HttpStatusCode.BadRequest, _) => ("ContainerInvalidRequest", ErrorCategory.InvalidArgument,
                $"The engine rejected the request for container '{name}': {ex.Message}.", null),
            _ => ("ContainerApiError", ErrorCategory.NotSpecified,
                $"The engine failed on container '{name}': {ex.Message}.", null),
        };
        return Record(ex, id, category, target, message, advice);
    }

    /// <summary>
    /// The error for an engine that cannot be reached (terminating when it is the only engine). TLS failures — an engine
    /// certificate no trusted CA signed, a missing or refused client certificate — are security errors of their own.
    /// </summary>
    public static ErrorRecord Unreachable(DockerEndpointException ex)
    {
        (string id, ErrorCategory category) = ex.Failure switch
        {
            EndpointFailure.CertificateUntrusted => ("EngineCertificateUntrusted", ErrorCategory.SecurityError),
            EndpointFailure.ClientCertificateRejected => ("EngineClientCertificateRejected", ErrorCategory.SecurityError),
            EndpointFailure.TlsHandshakeFailed => ("EngineTlsHandshakeFailed", ErrorCategory.SecurityError),
            _ => ("EngineUnreachable", ErrorCategory.ConnectionError),
        };
        return Record(ex, id, category, ex.Endpoint.ToString(), ex.Message, null);
    }

    /// <summary>An unusable engine selection (endpoint text, context, TLS files), found before anything is sent.</summary>
    public static ErrorRecord EngineConfiguration(FormatException ex, object? target)
    {
        if (ex is not EngineConfigurationException config)
            return Record(ex, "InvalidEndpoint", ErrorCategory.InvalidArgument, target, ex.Message, null);
        (string id, ErrorCategory category) = config.Error switch
        {
            EngineConfigurationError.Conflict => ("ConflictingEngineParameters", ErrorCategory.InvalidArgument),
            EngineConfigurationError.ContextNotFound => ("ContextNotFound", ErrorCategory.ObjectNotFound),
            EngineConfigurationError.InvalidContext => ("InvalidContext", ErrorCategory.InvalidData),
            EngineConfigurationError.TlsFiles => ("InvalidTlsConfiguration", ErrorCategory.SecurityError),
            _ => ("InvalidEndpoint", ErrorCategory.InvalidArgument),
        };
        return Record(ex, id, category, config.Target, ex.Message, null);
    }

    /// <summary>Bad input caught before anything is sent to the engine.</summary>
    public static ErrorRecord InvalidArgument(Exception ex, string id, object? target)
        => Record(ex, id, ErrorCategory.InvalidArgument, target, ex.Message, null);

    public static ErrorRecord Record(Exception ex, string id, ErrorCategory category, object? target, string message, string? advice)
    {
        // The advice goes into the message itself: PowerShell's error views would print a
        // RecommendedAction a second time, and the message is what users and logs see.
        string text = advice is null || message.Contains(advice, StringComparison.Ordinal) ? message : message + " " + advice;
        return new ErrorRecord(ex, id, category, target) { ErrorDetails = new ErrorDetails(text) };
    }

    private static bool IsMissingEndpoint(DockerApiException ex)
        => ex.StatusCode == HttpStatusCode.NotImplemented
        || ex.Message.Contains("page not found", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("not implemented", StringComparison.OrdinalIgnoreCase);

    private static bool IsNotRunning(DockerApiException ex)
        => ex.StatusCode == HttpStatusCode.Conflict
        || ex.Message.Contains("not running", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("state improper", StringComparison.OrdinalIgnoreCase);

    private static string TargetName(object target) => target switch
    {
        Container c => c.Name.Length > 0 ? c.Name : c.Id,
        _ => target?.ToString() ?? "",
    };
}

/// <summary>A container exited with a non-zero code (Invoke-Container).</summary>
public sealed class ContainerExitException : Exception
{
    public ContainerExitException(string container, int exitCode)
        : base($"Container '{container}' exited with code {exitCode}.")
    {
        Container = container;
        ExitCode = exitCode;
    }

    /// <summary>The container's name or ID.</summary>
    public string Container { get; }

    /// <summary>Its exit code.</summary>
    public int ExitCode { get; }
}

/// <summary>A command run in a container (Invoke-ContainerCommand) exited with a non-zero code.</summary>
public sealed class ContainerCommandExitException : Exception
{
    public ContainerCommandExitException(string container, IReadOnlyList<string> command, int exitCode)
        : base($"The command '{string.Join(' ', command)}' in container '{container}' exited with code {exitCode}.")
    {
        Container = container;
        Command = command;
        ExitCode = exitCode;
    }

    /// <summary>The container's name or ID.</summary>
    public string Container { get; }

    /// <summary>The command and its arguments.</summary>
    public IReadOnlyList<string> Command { get; }

    /// <summary>Its exit code.</summary>
    public int ExitCode { get; }
}
