using System.Net;

namespace PSDocker.Core.Tests;

/// <summary>Engine errors are classified once in Core, from status and message, with Docker's and Podman's words.</summary>
public class ApiErrorClassifierTests
{
    [Theory]
    [InlineData(HttpStatusCode.NotFound, "No such container: web", ApiErrorKind.NotFound)]
    [InlineData(HttpStatusCode.NotFound, "network missing not found", ApiErrorKind.NotFound)]
    [InlineData(HttpStatusCode.NotFound, "get vol: no such volume", ApiErrorKind.NotFound)]
    [InlineData(HttpStatusCode.InternalServerError, "Could not attach to network nonet: rpc error: code = NotFound desc = network nonet not found", ApiErrorKind.NotFound)]
    [InlineData(HttpStatusCode.NotFound, "page not found", ApiErrorKind.NotSupported)]
    [InlineData(HttpStatusCode.NotImplemented, "", ApiErrorKind.NotSupported)]
    [InlineData(HttpStatusCode.BadRequest, "multiple IDs found with provided prefix: 4a", ApiErrorKind.Ambiguous)]
    [InlineData(HttpStatusCode.NotFound, "more than one result for container ID 4a", ApiErrorKind.Ambiguous)]
    [InlineData(HttpStatusCode.BadRequest, "invalid reference format", ApiErrorKind.InvalidRequest)]
    [InlineData(HttpStatusCode.Conflict, "Conflict. The container name \"/web\" is already in use by container \"4abc\".", ApiErrorKind.NameInUse)]
    [InlineData(HttpStatusCode.Conflict, "network with name front already exists", ApiErrorKind.NameInUse)]
    [InlineData(HttpStatusCode.Forbidden, "endpoint with name web already exists in network front", ApiErrorKind.NameInUse)]
    [InlineData(HttpStatusCode.Conflict, "remove data: volume is in use - [4abc]", ApiErrorKind.InUse)]
    [InlineData(HttpStatusCode.Forbidden, "error while removing network: network front id 9f has active endpoints", ApiErrorKind.InUse)]
    [InlineData(HttpStatusCode.Conflict, "conflict: unable to delete 4abc (cannot be forced) - image is being used by running container 9f", ApiErrorKind.InUse)]
    [InlineData(HttpStatusCode.Conflict, "conflict: unable to remove repository reference \"busybox\" (must force) - container 9f is using its referenced image 4a", ApiErrorKind.InUse)]
    [InlineData(HttpStatusCode.Conflict, "conflict: unable to delete 4abc (must be forced) - image is referenced in multiple repositories", ApiErrorKind.Conflict)]
    [InlineData(HttpStatusCode.Conflict, "Container 4abc is paused, unpause the container before exec", ApiErrorKind.Paused)]
    [InlineData(HttpStatusCode.Conflict, "Container 4abc is already paused", ApiErrorKind.Conflict)]
    [InlineData(HttpStatusCode.Conflict, "Container 4abc is not paused", ApiErrorKind.Conflict)]
    [InlineData(HttpStatusCode.Conflict, "You cannot remove a paused container 4abc. Unpause and then stop the container before attempting removal or force remove", ApiErrorKind.Conflict)]
    [InlineData(HttpStatusCode.Conflict, "Container 4abc is not running", ApiErrorKind.NotRunning)]
    [InlineData(HttpStatusCode.Conflict, "can only create exec sessions on running containers: container state improper", ApiErrorKind.NotRunning)]
    [InlineData(HttpStatusCode.Conflict, "cannot remove container 4abc as it is running - running or paused containers cannot be removed without force: container state improper", ApiErrorKind.Conflict)]
    [InlineData(HttpStatusCode.InternalServerError, "container 4abc is not connected to network front", ApiErrorKind.Conflict)]
    [InlineData(HttpStatusCode.Forbidden, "bridge is a pre-defined network and cannot be removed", ApiErrorKind.Forbidden)]
    [InlineData(HttpStatusCode.Unauthorized, "authentication required", ApiErrorKind.Unauthorized)]
    [InlineData(HttpStatusCode.InternalServerError, "something broke", ApiErrorKind.ServerError)]
    [InlineData(HttpStatusCode.TooManyRequests, "slow down", ApiErrorKind.Other)]
    public void Classify(HttpStatusCode status, string message, ApiErrorKind expected)
    {
        Assert.Equal(expected, ApiErrorClassifier.Classify(status, message));
        Assert.Equal(expected, new DockerApiException(status, message).Kind);
    }

    [Fact]
    public void EngineNotSupported_IsNotSupported()
        => Assert.Equal(ApiErrorKind.NotSupported, new EngineNotSupportedException(EngineKind.Podman, "4.3.1", "unix:///run/podman.sock", "x", "y").Kind);

    [Theory]
    [InlineData(ApiErrorKind.Paused, ApiErrorKind.Conflict)]
    [InlineData(ApiErrorKind.NotRunning, ApiErrorKind.Conflict)]
    [InlineData(ApiErrorKind.NameInUse, ApiErrorKind.Conflict)]
    [InlineData(ApiErrorKind.InUse, ApiErrorKind.Conflict)]
    [InlineData(ApiErrorKind.Unauthorized, ApiErrorKind.Forbidden)]
    [InlineData(ApiErrorKind.Ambiguous, ApiErrorKind.InvalidRequest)]
    public void Parent(ApiErrorKind kind, ApiErrorKind parent) => Assert.Equal(parent, ApiErrorClassifier.Parent(kind));
}

public class DockerApiExceptionKindTests
{
    [Fact]
    public void IsKind_MatchesTheKindAndItsParent()
    {
        var notRunning = new DockerApiException(HttpStatusCode.Conflict, "Container 4abc is not running");
        Assert.True(notRunning.IsKind(ApiErrorKind.NotRunning));
        Assert.True(notRunning.IsKind(ApiErrorKind.Conflict));
        Assert.False(notRunning.IsKind(ApiErrorKind.NotFound));
        Assert.True(new DockerApiException(HttpStatusCode.Unauthorized, "authentication required").IsKind(ApiErrorKind.Forbidden));
    }
}
