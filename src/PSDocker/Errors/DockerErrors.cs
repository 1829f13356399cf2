using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Contexts;

namespace PSDocker.Errors;

/// <summary>What kind of object a failed call was about: the first column of the error table.</summary>
internal enum ErrorNoun
{
    Container,
    Image,
    Network,
    Volume,
    Swarm,
    SwarmNode,
    SwarmService,
    SwarmTask,
    Secret,
    Config,
    Stack,
}

/// <summary>What a failed call was doing, so one engine error maps to the right ID and advice.</summary>
internal enum ApiOperation
{
    /// <summary>Any operation: a row for every call on the noun.</summary>
    Any,
    Create,
    Remove,
    Pause,
    Unpause,
    Exec,
    Connect,
    Disconnect,
    Rename,
    /// <summary>Reading a running container's processes or files (top).</summary>
    Inspect,
    /// <summary>Changing a container's limits or restart policy (update).</summary>
    Update,
    /// <summary>Taking an engine out of its swarm.</summary>
    Leave,
}

/// <summary>One row of the error table: an error ID, its category, the message and the way out.</summary>
/// <remarks>
/// Message and advice are templates: <c>{name}</c> (the item), <c>{endpoint}</c>, <c>{message}</c> (the engine's words),
/// <c>{call}</c> (method and path), <c>{noun}</c>/<c>{Noun}</c>. An ID may hold <c>{Noun}</c> (generic rows).
/// </remarks>
internal sealed record ErrorRow(string Id, ErrorCategory Category, string Message, string? Advice = null);

/// <summary>The one place that maps engine failures to ErrorRecords.</summary>
internal static class DockerErrors
{
    private static readonly ErrorRow SecretNameTaken = new("SecretNameInUse", ErrorCategory.ResourceExists,
        "Cannot create secret '{name}' on {endpoint}: {message}.", "Choose another name, or remove the other secret with Remove-SwarmSecret (secrets cannot be changed in place).");

    /// <summary>
    /// The (noun, kind, operation) → error table. A null noun is a row for every noun. The lookup takes the most specific
    /// row: the kind with the operation, its parent kind with the operation, the kind for any operation, the parent kind for
    /// any operation — first the noun's rows, then the generic ones. Adding a noun is adding rows.
    /// </summary>
    // Declared before the table, which uses it: the engine refused docker update's values (400, 409, or 500 on Docker 20.10).
    private static readonly ErrorRow UpdateRefused = new("ContainerUpdateRefused", ErrorCategory.InvalidArgument,
        "The engine refused the new settings for container '{name}': {message}.",
        "Memory cannot go below what the container uses, a container with a swap limit needs -MemorySwap with -Memory, and an auto-removed container keeps restart policy 'no'.");

    private static readonly Dictionary<(ErrorNoun? Noun, ApiErrorKind Kind, ApiOperation Operation), ErrorRow> Table = new()
    {
        // Every noun.
        [(null, ApiErrorKind.NotSupported, ApiOperation.Any)] = new("NotSupportedByEngine", ErrorCategory.NotImplemented,
            "The engine at {endpoint} does not offer this call ({call}): {message}.", "Use an engine that serves this part of the Docker API (Docker, or Podman 4 or later)."),
        [(null, ApiErrorKind.Ambiguous, ApiOperation.Any)] = new("{Noun}IdAmbiguous", ErrorCategory.InvalidArgument,
            "'{name}' is the start of more than one {noun} ID on {endpoint}.", "Give more characters of the ID, or the name."),
        [(null, ApiErrorKind.NotFound, ApiOperation.Any)] = new("{Noun}NotFound", ErrorCategory.ObjectNotFound,
            "No {noun} named or with ID '{name}' on {endpoint}."),
        [(null, ApiErrorKind.NameInUse, ApiOperation.Any)] = new("{Noun}NameInUse", ErrorCategory.ResourceExists,
            "Cannot create the {noun}: {message}."),
        [(null, ApiErrorKind.InUse, ApiOperation.Any)] = new("{Noun}InUse", ErrorCategory.ResourceBusy,
            "{Noun} '{name}' is in use: {message}."),
        [(null, ApiErrorKind.Conflict, ApiOperation.Any)] = new("{Noun}StateConflict", ErrorCategory.InvalidOperation,
            "{Noun} '{name}': {message}."),
        [(null, ApiErrorKind.InvalidRequest, ApiOperation.Any)] = new("{Noun}InvalidRequest", ErrorCategory.InvalidArgument,
            "The engine rejected the request for {noun} '{name}': {message}."),
        [(null, ApiErrorKind.Forbidden, ApiOperation.Any)] = new("{Noun}Forbidden", ErrorCategory.PermissionDenied,
            "The engine at {endpoint} refused the request for {noun} '{name}': {message}."),
        [(null, ApiErrorKind.Other, ApiOperation.Any)] = new("{Noun}ApiError", ErrorCategory.NotSpecified,
            "The engine failed on {noun} '{name}': {message}."),

        // Containers.
        [(ErrorNoun.Container, ApiErrorKind.NotFound, ApiOperation.Create)] = new("ImageNotFound", ErrorCategory.ObjectNotFound,
            "Cannot create the container: {message}.", "Pull or build the image on {endpoint} first, or check its name."),
        [(ErrorNoun.Container, ApiErrorKind.NotFound, ApiOperation.Any)] = new("ContainerNotFound", ErrorCategory.ObjectNotFound,
            "No container named or with ID '{name}' on {endpoint}.", "Check the name or ID with Get-Container."),
        [(ErrorNoun.Container, ApiErrorKind.Paused, ApiOperation.Exec)] = new("ContainerPaused", ErrorCategory.InvalidOperation,
            "Container '{name}' is paused, so the command did not run.", "Resume it with Resume-Container {name}."),
        [(ErrorNoun.Container, ApiErrorKind.Conflict, ApiOperation.Exec)] = new("ContainerNotRunning", ErrorCategory.InvalidOperation,
            "Container '{name}' is not running, so the command did not run.", "Start it first with Start-Container {name}."),
        [(ErrorNoun.Container, ApiErrorKind.Conflict, ApiOperation.Create)] = new("NameInUse", ErrorCategory.ResourceExists,
            "Cannot create the container: {message}.", "Choose another -Name, or remove the other container with Remove-Container."),
        [(ErrorNoun.Container, ApiErrorKind.NameInUse, ApiOperation.Any)] = new("NameInUse", ErrorCategory.ResourceExists,
            "Cannot create the container: {message}.", "Choose another -Name, or remove the other container with Remove-Container."),
        [(ErrorNoun.Container, ApiErrorKind.NameInUse, ApiOperation.Rename)] = new("NameInUse", ErrorCategory.ResourceExists,
            "Cannot rename container '{name}': {message}.", "Choose another -NewName, or rename or remove the other container first."),
        [(ErrorNoun.Container, ApiErrorKind.Conflict, ApiOperation.Rename)] = new("NameInUse", ErrorCategory.ResourceExists,
            "Cannot rename container '{name}': {message}.", "Choose another -NewName, or rename or remove the other container first."),
        [(ErrorNoun.Container, ApiErrorKind.Conflict, ApiOperation.Inspect)] = new("ContainerNotRunning", ErrorCategory.InvalidOperation,
            "Container '{name}' is not running, so it has no processes to list: {message}.", "Start it first with Start-Container {name}."),
        [(ErrorNoun.Container, ApiErrorKind.Conflict, ApiOperation.Remove)] = new("ContainerIsRunning", ErrorCategory.InvalidOperation,
            "Container '{name}' is running or paused, so it was not removed.", "Stop it first with Stop-Container, or use Remove-Container -Force."),
        [(ErrorNoun.Container, ApiErrorKind.Conflict, ApiOperation.Pause)] = new("ContainerNotRunning", ErrorCategory.InvalidOperation,
            "Container '{name}' is not running: {message}.", "Start it first with Start-Container."),
        [(ErrorNoun.Container, ApiErrorKind.Conflict, ApiOperation.Unpause)] = new("ContainerNotRunning", ErrorCategory.InvalidOperation,
            "Container '{name}' is not running: {message}.", "Start it first with Start-Container."),
        [(ErrorNoun.Container, ApiErrorKind.InvalidRequest, ApiOperation.Update)] = UpdateRefused,
        [(ErrorNoun.Container, ApiErrorKind.Conflict, ApiOperation.Update)] = UpdateRefused,
        [(ErrorNoun.Container, ApiErrorKind.ServerError, ApiOperation.Update)] = UpdateRefused,

        // Images (engine errors; registry errors in a stream go through ImageErrors.FromRegistry).
        [(ErrorNoun.Image, ApiErrorKind.NotFound, ApiOperation.Any)] = new("ImageNotFound", ErrorCategory.ObjectNotFound,
            "No image '{name}' on {endpoint}.", "List the images with Get-Image, or pull it with Invoke-ImagePull."),
        [(ErrorNoun.Image, ApiErrorKind.InUse, ApiOperation.Any)] = new("ImageInUse", ErrorCategory.ResourceBusy,
            "Image '{name}' is in use: {message}.", "Remove the containers that use it (Remove-Container), or use -Force."),
        [(ErrorNoun.Image, ApiErrorKind.Conflict, ApiOperation.Any)] = new("ImageConflict", ErrorCategory.InvalidOperation,
            "Image '{name}': {message}.", "Use -Force to remove an image tagged in several repositories."),
        [(ErrorNoun.Image, ApiErrorKind.Forbidden, ApiOperation.Any)] = new("ImageUnauthorized", ErrorCategory.SecurityError,
            "Image '{name}': {message}.", "Give a valid -Credential, or sign in with Connect-Registry first."),

        // Networks.
        [(ErrorNoun.Network, ApiErrorKind.NotFound, ApiOperation.Any)] = new("NetworkNotFound", ErrorCategory.ObjectNotFound,
            "No network named or with ID '{name}' on {endpoint}.", "List the networks with Get-ContainerNetwork."),
        [(ErrorNoun.Network, ApiErrorKind.InUse, ApiOperation.Any)] = new("NetworkInUse", ErrorCategory.ResourceBusy,
            "Network '{name}' has containers connected to it: {message}.", "Disconnect them with Disconnect-ContainerNetwork, or remove them, first."),
        [(ErrorNoun.Network, ApiErrorKind.NameInUse, ApiOperation.Any)] = new("NetworkNameInUse", ErrorCategory.ResourceExists,
            "Cannot create network '{name}' on {endpoint}: {message}.", "Choose another name, or remove the other network with Remove-ContainerNetwork."),
        [(ErrorNoun.Network, ApiErrorKind.NameInUse, ApiOperation.Connect)] = new("ContainerAlreadyConnected", ErrorCategory.ResourceExists,
            "Network '{name}': {message}.", "Disconnect the container first with Disconnect-ContainerNetwork to connect it again with other settings."),
        [(ErrorNoun.Network, ApiErrorKind.Conflict, ApiOperation.Disconnect)] = new("ContainerNotConnected", ErrorCategory.InvalidOperation,
            "Network '{name}': {message}.", "Check the container's networks with Get-Container."),
        [(ErrorNoun.Network, ApiErrorKind.Forbidden, ApiOperation.Create)] = new("NetworkCreateRefused", ErrorCategory.InvalidArgument,
            "Cannot create network '{name}' on {endpoint}: {message}.", "Choose a -Subnet no other network uses, or leave it out to let the engine pick one."),
        [(ErrorNoun.Network, ApiErrorKind.Forbidden, ApiOperation.Any)] = new("NetworkOperationForbidden", ErrorCategory.PermissionDenied,
            "The engine at {endpoint} refused the request for network '{name}': {message}.", "Predefined networks (bridge, host, none) cannot be changed or removed."),

        // Swarm: every swarm call on an engine that is not a manager, then each noun.
        [(null, ApiErrorKind.NotSwarmManager, ApiOperation.Any)] = new("NotSwarmManager", ErrorCategory.InvalidOperation,
            "The engine at {endpoint} is not a swarm manager: {message}.",
            "Make it a single-node swarm with Initialize-Swarm, or point -Endpoint or -Context at a manager of the swarm."),
        [(ErrorNoun.Swarm, ApiErrorKind.AlreadyInSwarm, ApiOperation.Any)] = new("SwarmAlreadyActive", ErrorCategory.ResourceExists,
            "The engine at {endpoint} is already part of a swarm: {message}.", "Use that swarm (Get-SwarmNode), or leave it first with Exit-Swarm -Force."),
        [(ErrorNoun.Swarm, ApiErrorKind.NotSwarmManager, ApiOperation.Leave)] = new("SwarmNotActive", ErrorCategory.InvalidOperation,
            "The engine at {endpoint} is not part of a swarm, so there is nothing to leave.", "Initialize-Swarm makes it a swarm; Join-Swarm joins an existing one."),
        [(ErrorNoun.Swarm, ApiErrorKind.Conflict, ApiOperation.Leave)] = new("SwarmLastManager", ErrorCategory.InvalidOperation,
            "The engine at {endpoint} is a manager of the swarm: {message}.", "Exit-Swarm -Force leaves anyway; as the last manager that ends the swarm and removes its services."),
        [(ErrorNoun.SwarmNode, ApiErrorKind.NotFound, ApiOperation.Any)] = new("SwarmNodeNotFound", ErrorCategory.ObjectNotFound,
            "No swarm node named or with ID '{name}' on {endpoint}.", "List the nodes with Get-SwarmNode."),
        [(ErrorNoun.SwarmService, ApiErrorKind.NotFound, ApiOperation.Any)] = new("SwarmServiceNotFound", ErrorCategory.ObjectNotFound,
            "No swarm service named or with ID '{name}' on {endpoint}.", "List the services with Get-SwarmService."),
        [(ErrorNoun.SwarmService, ApiErrorKind.NotFound, ApiOperation.Create)] = new("SwarmServiceReferenceNotFound", ErrorCategory.ObjectNotFound,
            "Cannot create service '{name}' on {endpoint}: {message}.", "Create the network, secret or config it names first, or check the name."),
        [(ErrorNoun.SwarmService, ApiErrorKind.NameInUse, ApiOperation.Any)] = new("SwarmServiceNameInUse", ErrorCategory.ResourceExists,
            "Cannot create service '{name}' on {endpoint}: {message}.", "Choose another -Name, or change the existing service with Set-SwarmService."),
        [(ErrorNoun.SwarmService, ApiErrorKind.Conflict, ApiOperation.Any)] = new("SwarmServiceConflict", ErrorCategory.InvalidOperation,
            "Service '{name}': {message}.", "Read it again with Get-SwarmService and repeat the change; -Rollback needs an earlier update to go back to."),
        [(ErrorNoun.SwarmTask, ApiErrorKind.NotFound, ApiOperation.Any)] = new("SwarmTaskNotFound", ErrorCategory.ObjectNotFound,
            "No swarm task with ID '{name}' on {endpoint}.", "List the tasks with Get-SwarmTask."),

        // Volumes.
        [(ErrorNoun.Volume, ApiErrorKind.NotFound, ApiOperation.Any)] = new("VolumeNotFound", ErrorCategory.ObjectNotFound,
            "No volume named '{name}' on {endpoint}.", "List the volumes with Get-ContainerVolume."),
        [(ErrorNoun.Volume, ApiErrorKind.InUse, ApiOperation.Any)] = new("VolumeInUse", ErrorCategory.ResourceBusy,
            "Volume '{name}' is in use: {message}.", "Remove the containers that mount it (Remove-Container) first."),
        [(ErrorNoun.Volume, ApiErrorKind.NameInUse, ApiOperation.Any)] = new("VolumeNameInUse", ErrorCategory.ResourceExists,
            "Cannot create volume '{name}' on {endpoint}: {message}.", "Choose another name, or remove the other volume with Remove-ContainerVolume."),

        // Swarm secrets and configs.
        [(ErrorNoun.Secret, ApiErrorKind.NotFound, ApiOperation.Any)] = new("SecretNotFound", ErrorCategory.ObjectNotFound,
            "No secret named or with ID '{name}' on {endpoint}.", "List the secrets with Get-SwarmSecret."),
        [(ErrorNoun.Secret, ApiErrorKind.InUse, ApiOperation.Any)] = new("SecretInUse", ErrorCategory.ResourceBusy,
            "Secret '{name}' was not removed: {message}.", "Remove those services (Remove-SwarmService) or update them without the secret, then remove it."),
        [(ErrorNoun.Secret, ApiErrorKind.NameInUse, ApiOperation.Any)] = SecretNameTaken,
        // Podman says "secret name in use" (classified InUse) where Docker says "already exists".
        [(ErrorNoun.Secret, ApiErrorKind.InUse, ApiOperation.Create)] = SecretNameTaken,
        [(ErrorNoun.Config, ApiErrorKind.NotFound, ApiOperation.Any)] = new("ConfigNotFound", ErrorCategory.ObjectNotFound,
            "No config named or with ID '{name}' on {endpoint}.", "List the configs with Get-SwarmConfig."),
        [(ErrorNoun.Config, ApiErrorKind.InUse, ApiOperation.Any)] = new("ConfigInUse", ErrorCategory.ResourceBusy,
            "Config '{name}' was not removed: {message}.", "Remove those services (Remove-SwarmService) or update them without the config, then remove it."),
        [(ErrorNoun.Config, ApiErrorKind.NameInUse, ApiOperation.Any)] = new("ConfigNameInUse", ErrorCategory.ResourceExists,
            "Cannot create config '{name}' on {endpoint}: {message}.", "Choose another name, or remove the other config with Remove-SwarmConfig (configs cannot be changed in place)."),
    };

    /// <summary>The table row for an error on a noun; never null (the generic Other row ends every search).</summary>
    internal static ErrorRow Lookup(ErrorNoun noun, ApiErrorKind kind, ApiOperation operation)
    {
        ApiErrorKind parent = ApiErrorClassifier.Parent(kind);
        foreach (ErrorNoun? n in new ErrorNoun?[] { noun, null })
        {
            foreach ((ApiErrorKind k, ApiOperation o) in new[] { (kind, operation), (parent, operation), (kind, ApiOperation.Any), (parent, ApiOperation.Any) })
            {
                if (Table.TryGetValue((n, k, o), out ErrorRow? row)) return row;
            }
        }
        return Table[(null, ApiErrorKind.Other, ApiOperation.Any)];
    }

    /// <summary>An error record for a failed engine call on one item (a container, image, network or volume).</summary>
    public static ErrorRecord From(DockerApiException ex, ErrorNoun noun, object target, string endpoint, ApiOperation operation = ApiOperation.Any)
    {
        if (ex is EngineNotSupportedException unsupported) return NotSupported(unsupported, target);
        ErrorRow row = Lookup(noun, ex.Kind, operation);
        string nounName = noun.ToString();
        string name = TargetName(target);
        string Fill(string template) => template
            .Replace("{Noun}", nounName, StringComparison.Ordinal)
            .Replace("{noun}", nounName.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{name}", name, StringComparison.Ordinal)
            .Replace("{endpoint}", endpoint, StringComparison.Ordinal)
            .Replace("{call}", $"{ex.Method} {ex.Path}".Trim(), StringComparison.Ordinal)
            .Replace("{message}", ex.Message.TrimEnd('.'), StringComparison.Ordinal);
        return Record(ex, Fill(row.Id), row.Category, target, Fill(row.Message), row.Advice is null ? null : Fill(row.Advice));
    }

    /// <summary>An error record for a failed call on one container.</summary>
    public static ErrorRecord FromContainer(DockerApiException ex, object target, string endpoint, ApiOperation operation = ApiOperation.Any)
        => From(ex, ErrorNoun.Container, target, endpoint, operation);

    /// <summary>
    /// A failed engine-wide call (events, disk usage, system prune): not about one object, so one error naming the call and
    /// the engine; a call the engine lacks is NotSupportedByEngine, a refused request EngineRequestRefused.
    /// </summary>
    public static ErrorRecord EngineCall(DockerApiException ex, string call, string endpoint)
    {
        if (ex is EngineNotSupportedException unsupported) return NotSupported(unsupported, endpoint);
        (string id, ErrorCategory category) = ex.Kind switch
        {
            ApiErrorKind.NotSupported => ("NotSupportedByEngine", ErrorCategory.NotImplemented),
            ApiErrorKind.InvalidRequest or ApiErrorKind.Ambiguous => ("EngineRequestRefused", ErrorCategory.InvalidArgument),
            _ => ("EngineCallFailed", ErrorCategory.NotSpecified),
        };
        return Record(ex, id, category, endpoint, $"The engine at {endpoint} failed on {call}: {ex.Message.TrimEnd('.')}.", null);
    }

    /// <summary>
    /// The engine's answer could not be read, the connection broke mid-call, or a call stalled past its time limit: one error naming the engine
    /// (terminating when it is the only engine), never the raw .NET exception.
    /// </summary>
    public static ErrorRecord Protocol(Exception ex) => ex switch
    {
        EngineConnectionLostException lost => Record(lost, "EngineConnectionLost", ErrorCategory.ConnectionError, lost.Endpoint, lost.Message, null),
        EngineProtocolException bad => Record(bad, "EngineProtocolError", ErrorCategory.ProtocolError, bad.Endpoint, bad.Message, null),
        EngineTimeoutException slow => Record(slow, "EngineTimeout", ErrorCategory.OperationTimeout, slow.Endpoint, slow.Message, null),
        _ => throw new ArgumentException("Not an engine protocol failure.", nameof(ex)),
    };

    /// <summary>
    /// A short word after a docker-style command (<c>ls -d /</c>) that PowerShell bound to one of its common parameters
    /// (<c>-d</c> is -Debug where the cmdlet has no -Detach): the way out is <c>--</c> before the command.
    /// </summary>
    public static ErrorRecord CommandArgumentTakenAsParameter(string parameter, string cmdlet)
    {
        var ex = new ArgumentException($"PowerShell took a word of the command as its own -{parameter} parameter. Put -- before the command so every word reaches the container, as in: {cmdlet} <container> -- ls -d /");
        return Record(ex, "CommandArgumentTakenAsParameter", ErrorCategory.InvalidArgument, parameter, ex.Message, null);
    }

    /// <summary>The engine (Podman) lacks what the cmdlet needs; the message names the engine, the feature and the way out.</summary>
    public static ErrorRecord NotSupported(EngineNotSupportedException ex, object? target)
        => Record(ex, "NotSupportedByEngine", ErrorCategory.NotImplemented, target, ex.Message, null);

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
