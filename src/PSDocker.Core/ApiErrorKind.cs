using System.Net;

namespace PSDocker.Core;

/// <summary>What an engine error means, whatever the engine (Docker or Podman) and the object (container, image, network, volume).</summary>
public enum ApiErrorKind
{
    /// <summary>Nothing more specific: an unexpected status.</summary>
    Other,
    /// <summary>404: no such object.</summary>
    NotFound,
    /// <summary>409: the object's state forbids the call (the general case of the kinds below).</summary>
    Conflict,
    /// <summary>The object is not running (exec, pause, kill on a stopped container).</summary>
    NotRunning,
    /// <summary>The object is paused.</summary>
    Paused,
    /// <summary>The name is taken by another object.</summary>
    NameInUse,
    /// <summary>Other objects use it (an image used by containers, a network with endpoints, a volume mounted).</summary>
    InUse,
    /// <summary>An ID prefix matches more than one object.</summary>
    Ambiguous,
    /// <summary>400: the engine rejected the request's content.</summary>
    InvalidRequest,
    /// <summary>401: authentication is missing or wrong.</summary>
    Unauthorized,
    /// <summary>403: the engine refuses the call (for example removing a predefined network).</summary>
    Forbidden,
    /// <summary>The engine does not offer the call (501, an unknown route, or a feature Podman lacks).</summary>
    NotSupported,
    /// <summary>5xx: the engine failed.</summary>
    ServerError,
    /// <summary>503: the engine is not a swarm manager (in no swarm, or a worker), so it has no swarm state to show or change.</summary>
    NotSwarmManager,
    /// <summary>503: the engine is already part of a swarm (init or join).</summary>
    AlreadyInSwarm,
}

/// <summary>Classifies engine errors once, from the status and the message, so the cmdlets map kinds, not strings.</summary>
public static class ApiErrorClassifier
{
    /// <summary>The more general kind a specific kind falls back to when a table has no row for it.</summary>
    public static ApiErrorKind Parent(ApiErrorKind kind) => kind switch
    {
        ApiErrorKind.NotRunning or ApiErrorKind.Paused or ApiErrorKind.NameInUse or ApiErrorKind.InUse => ApiErrorKind.Conflict,
        ApiErrorKind.Ambiguous => ApiErrorKind.InvalidRequest,
        ApiErrorKind.Unauthorized => ApiErrorKind.Forbidden,
        ApiErrorKind.ServerError => ApiErrorKind.Other,
        _ => ApiErrorKind.Other,
    };

    /// <summary>The kind of an error answer. <paramref name="status"/> is after the Podman 500→409 mapping of the transport.</summary>
    public static ApiErrorKind Classify(HttpStatusCode status, string? message)
    {
        string m = message ?? "";
        bool Has(string text) => m.Contains(text, StringComparison.OrdinalIgnoreCase);
        int code = (int)status;

        if (Has("multiple IDs found") || Has("more than one result") || Has("is ambiguous")) return ApiErrorKind.Ambiguous;
        if (status == HttpStatusCode.NotImplemented
            || (status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed && (Has("page not found") || Has("not implemented"))))
            return ApiErrorKind.NotSupported;
        if (status == HttpStatusCode.NotFound) return ApiErrorKind.NotFound;
        // A swarm manager looks a network up in the cluster too and passes its gRPC NotFound on as a 500:
        // "Could not attach to network x: rpc error: code = NotFound desc = network x not found".
        if (status == HttpStatusCode.InternalServerError && Has("code = NotFound")) return ApiErrorKind.NotFound;
        // Swarm calls on an engine outside a swarm, or on a worker: 503 "This node is not a swarm manager…" / "…not part of a swarm".
        if (status == HttpStatusCode.ServiceUnavailable)
        {
            if (Has("already part of a swarm")) return ApiErrorKind.AlreadyInSwarm;
            if (Has("not a swarm manager") || Has("not part of a swarm")) return ApiErrorKind.NotSwarmManager;
        }
        // A service changed between read and update, or has no previous spec to roll back to.
        if (Has("update out of sequence") || Has("does not have a previous spec")) return ApiErrorKind.Conflict;
        // Leaving a swarm as a manager without force: 503 "You are attempting to leave the swarm on a node that is participating as a manager…".
        if (Has("attempting to leave the swarm")) return ApiErrorKind.Conflict;
        // Swarm answers 400 (gRPC InvalidArgument) for a secret, config or network that services still use.
        if (status == HttpStatusCode.BadRequest) return Has("is in use by") ? ApiErrorKind.InUse : ApiErrorKind.InvalidRequest;

        bool stateLike = status is HttpStatusCode.Conflict or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError;
        if (stateLike)
        {
            if (Has("already in use") || Has("already exists") || Has("already connected")) return ApiErrorKind.NameInUse;
            if (Has("not connected")) return ApiErrorKind.Conflict;
            if (Has("in use") || Has("being used") || Has("is using") || Has("active endpoints") || Has("associated containers")) return ApiErrorKind.InUse;
            // Docker's pre-defined networks (403) and Podman's default network (500) cannot be removed.
            if (Has("network") && Has("cannot be removed")) return ApiErrorKind.Forbidden;
            if (Has("paused") && !Has("not paused") && !Has("already paused") && !Has("paused container")) return ApiErrorKind.Paused;
            if (Has("not running") || (Has("state improper") && !Has("running or paused")))
                return ApiErrorKind.NotRunning;
        }
        return status switch
        {
            HttpStatusCode.Conflict => ApiErrorKind.Conflict,
            HttpStatusCode.Unauthorized => ApiErrorKind.Unauthorized,
            HttpStatusCode.Forbidden => ApiErrorKind.Forbidden,
            _ when code >= 500 => ApiErrorKind.ServerError,
            _ => ApiErrorKind.Other,
        };
    }
}
