using System.Management.Automation;
using System.Net;
using PSDocker.Core;

namespace PSDocker.Errors;

/// <summary>What a failed network or volume call was doing, so one engine error maps to the right ID and advice.</summary>
internal enum ResourceAction
{
    Other,
    Create,
    Remove,
    Connect,
    Disconnect,
}

/// <summary>Maps engine failures on networks and volumes to ErrorRecords (Docker and Podman word them differently).</summary>
internal static class NetworkVolumeErrors
{
    /// <summary>An error record for a failed call on one network (and, for connect/disconnect, one container).</summary>
    public static ErrorRecord FromNetwork(DockerApiException ex, object target, string endpoint, ResourceAction action, string? container = null)
    {
        string name = target?.ToString() ?? "";
        string text = ex.Message;
        (string id, ErrorCategory category, string message, string? advice) = (ex.StatusCode, action) switch
        {
            (_, _) when ex is EngineNotSupportedException => ("NotSupportedByEngine", ErrorCategory.NotImplemented, ex.Message, null),
            (_, ResourceAction.Connect or ResourceAction.Disconnect) when container is not null && IsNoSuchContainer(text)
                => ("ContainerNotFound", ErrorCategory.ObjectNotFound, $"No container named or with ID '{container}' on {endpoint}.", "Check the name or ID with Get-Container."),
            (_, _) when ex.StatusCode == HttpStatusCode.NotFound || IsNoSuchNetwork(text)
                => ("NetworkNotFound", ErrorCategory.ObjectNotFound, $"No network named or with ID '{name}' on {endpoint}.", "Check the name with Get-ContainerNetwork."),
            (_, ResourceAction.Remove) when Has(text, "pre-defined") || Has(text, "default network")
                => ("NetworkIsBuiltIn", ErrorCategory.InvalidOperation, $"'{name}' is one of the engine's own networks and cannot be removed.", null),
            (_, ResourceAction.Remove) when Has(text, "active endpoints") || Has(text, "in use") || Has(text, "being used") || Has(text, "associated containers")
                => ("NetworkInUse", ErrorCategory.ResourceBusy, $"Network '{name}' has containers attached, so it was not removed.",
                    $"Disconnect them first (Disconnect-ContainerNetwork {name} -Container …) or remove them; see (Get-ContainerNetwork {name}).Containers."),
            (_, ResourceAction.Create) when ex.StatusCode == HttpStatusCode.Conflict || Has(text, "already exists")
                => ("NetworkNameInUse", ErrorCategory.ResourceExists, $"Cannot create network '{name}': {text}.", "Choose another name, or remove the other network with Remove-ContainerNetwork."),
            (_, ResourceAction.Create) when Has(text, "overlap") || Has(text, "pool")
                => ("NetworkSubnetConflict", ErrorCategory.InvalidArgument, $"Cannot create network '{name}': {text}.", "Choose a -Subnet no other network uses, or leave it out to let the engine pick one."),
            (_, ResourceAction.Connect) when Has(text, "already exists") || Has(text, "already connected") || Has(text, "already attached")
                => ("ContainerAlreadyConnected", ErrorCategory.ResourceExists, $"Container '{container}' is already connected to network '{name}'.", null),
            (_, ResourceAction.Disconnect) when Has(text, "not connected")
                => ("ContainerNotConnected", ErrorCategory.InvalidOperation, $"Container '{container}' is not connected to network '{name}'.", null),
            (HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, _) => ("NetworkInvalidRequest", ErrorCategory.InvalidArgument,
                $"The engine refused the request for network '{name}'{(container is null ? "" : $" and container '{container}'")}: {text}.", null),
            (HttpStatusCode.Conflict, _) => ("NetworkStateConflict", ErrorCategory.InvalidOperation, $"Network '{name}': {text}.", null),
            _ => ("NetworkApiError", ErrorCategory.NotSpecified, $"The engine failed on network '{name}': {text}.", null),
        };
        return DockerErrors.Record(ex, id, category, target, message, advice);
    }

    /// <summary>An error record for a failed call on one volume.</summary>
    public static ErrorRecord FromVolume(DockerApiException ex, object target, string endpoint, ResourceAction action)
    {
        string name = target?.ToString() ?? "";
        string text = ex.Message;
        (string id, ErrorCategory category, string message, string? advice) = (ex.StatusCode, action) switch
        {
            (_, _) when ex is EngineNotSupportedException => ("NotSupportedByEngine", ErrorCategory.NotImplemented, ex.Message, null),
            (_, _) when ex.StatusCode == HttpStatusCode.NotFound || Has(text, "no such volume")
                => ("VolumeNotFound", ErrorCategory.ObjectNotFound, $"No volume named '{name}' on {endpoint}.", "Check the name with Get-ContainerVolume."),
            (_, ResourceAction.Remove) when ex.StatusCode == HttpStatusCode.Conflict || Has(text, "in use") || Has(text, "being used")
                => ("VolumeInUse", ErrorCategory.ResourceBusy, $"Volume '{name}' is used by a container, so it was not removed.",
                    $"Remove the containers that use it first; see (Get-ContainerVolume {name}).UsedBy."),
            (HttpStatusCode.BadRequest, _) => ("VolumeInvalidRequest", ErrorCategory.InvalidArgument, $"The engine refused the request for volume '{name}': {text}.", null),
            (HttpStatusCode.Conflict, _) => ("VolumeStateConflict", ErrorCategory.InvalidOperation, $"Volume '{name}': {text}.", null),
            _ => ("VolumeApiError", ErrorCategory.NotSpecified, $"The engine failed on volume '{name}': {text}.", null),
        };
        return DockerErrors.Record(ex, id, category, target, message, advice);
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);

    private static bool IsNoSuchNetwork(string text)
        => Has(text, "network") && (Has(text, "not found") || Has(text, "no such network") || Has(text, "unable to find network"));

    private static bool IsNoSuchContainer(string text)
        => Has(text, "no such container") || (Has(text, "container") && Has(text, "not found") && !Has(text, "network"));
}
