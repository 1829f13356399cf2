namespace PSDocker.Core.Compose.Runtime;

/// <summary>What a <see cref="ComposeEvent"/> tells.</summary>
public enum ComposeEventKind
{
    /// <summary>A step on a service or resource ("Creating", "Waiting for db (healthy)").</summary>
    Progress,
    /// <summary>Something the user should know that is not a failure (orphan containers, a network kept because it is in use).</summary>
    Warning,
    /// <summary>A service is done: <see cref="ComposeEvent.Result"/> holds what was done.</summary>
    ServiceDone,
    /// <summary>A service (or resource) failed: <see cref="ComposeEvent.Error"/> says why.</summary>
    Failed,
    /// <summary>A container, network or volume was removed or stopped (down, stop).</summary>
    Removed,
}

/// <summary>One step of a compose operation, streamed in the order things happen.</summary>
public sealed record ComposeEvent
{
    public ComposeEventKind Kind { get; init; }

    /// <summary>The service it is about; null for networks, volumes and the project.</summary>
    public string? Service { get; init; }

    /// <summary>The container, network or volume it is about.</summary>
    public string? Resource { get; init; }

    /// <summary>What happened, in words ("Created", "Waiting for db to be healthy").</summary>
    public string Text { get; init; } = "";

    /// <summary>With <see cref="ComposeEventKind.ServiceDone"/>: the service's result.</summary>
    public ComposeServiceResult? Result { get; init; }

    /// <summary>With <see cref="ComposeEventKind.Failed"/>.</summary>
    public ComposeServiceException? Error { get; init; }
}

/// <summary>A service (or a resource of the project) failed during a compose operation. The message names it and says why.</summary>
public sealed class ComposeServiceException : Exception
{
    public ComposeServiceException(string project, string? service, string? resource, string message, Exception? inner = null, ComposeFailure failure = ComposeFailure.Engine)
        : base(message, inner)
    {
        Project = project;
        Service = service;
        Resource = resource;
        Failure = failure;
    }

    public string Project { get; }
    public string? Service { get; }
    public string? Resource { get; }
    public ComposeFailure Failure { get; }
}

/// <summary>Why a service failed (maps to the error id).</summary>
public enum ComposeFailure
{
    /// <summary>The engine refused a call (see the inner <see cref="DockerApiException"/>).</summary>
    Engine,
    /// <summary>Its image is missing and could not be pulled or built.</summary>
    Image,
    /// <summary>A one-shot dependency exited with a non-zero code.</summary>
    DependencyExited,
    /// <summary>A dependency became unhealthy or has no health check.</summary>
    DependencyUnhealthy,
    /// <summary>A dependency failed, so this service was not started.</summary>
    DependencyFailed,
    /// <summary>A container exited or became unhealthy during -Wait.</summary>
    NotReady,
    /// <summary>A wait ran past its timeout.</summary>
    Timeout,
    /// <summary>An external network or volume does not exist.</summary>
    ExternalMissing,
}
