using System.Net;
using System.Text.Json;
using PSDocker.Core.Images;
using PSDocker.Core.Engine;

namespace PSDocker.Core.Tests;

/// <summary>POST /auth: checking a credential with a registry through the engine (docker login).</summary>
public class SystemOperationsAuthTests
{
    private static DockerClient Client(FakeDockerHandler handler) => DockerClient.Create(new Uri("http://docker.test/"), handler);

    [Fact]
    public async Task Auth_PostsTheCredentialAsJson_AndReadsTheStatus()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"Status":"Login Succeeded","IdentityToken":""}""");
        using DockerClient client = Client(handler);

        RegistryLoginResult result = await client.System.AuthAsync(new RegistryAuth("alice", "pa\"ss", "registry.example.com:5000"));

        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/v1.41/auth", request.RequestUri!.AbsolutePath);
        Assert.Equal("", request.RequestUri.Query);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);

        using JsonDocument body = JsonDocument.Parse(Assert.Single(handler.Bodies)!);
        Assert.Equal(new[] { "username", "password", "serveraddress" }, body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("alice", body.RootElement.GetProperty("username").GetString());
        Assert.Equal("pa\"ss", body.RootElement.GetProperty("password").GetString());
        Assert.Equal("registry.example.com:5000", body.RootElement.GetProperty("serveraddress").GetString());

        Assert.Equal("Login Succeeded", result.Status);
        Assert.Null(result.IdentityToken); // an empty token is no token
    }

    [Fact]
    public async Task Auth_ReturnsTheIdentityToken()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"Status":"Login Succeeded","IdentityToken":"9cbaf023786cd7"}""");
        using DockerClient client = Client(handler);

        RegistryLoginResult result = await client.System.AuthAsync(new RegistryAuth("bob", "pw", "https://index.docker.io/v1/"));

        Assert.Equal("9cbaf023786cd7", result.IdentityToken);
        Assert.Equal("Login Succeeded", result.Status);
    }

    [Fact]
    public async Task Auth_MissingFields_AreEmpty()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, "{}");
        using DockerClient client = Client(handler);

        RegistryLoginResult result = await client.System.AuthAsync(new RegistryAuth("bob", "pw", "r"));

        Assert.Equal("", result.Status);
        Assert.Null(result.IdentityToken);
    }

    [Fact]
    public async Task Auth_Unauthorized_ThrowsDockerApiException()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Unauthorized,
            """{"message":"Get \"https://registry.example.com/v2/\": unauthorized: incorrect username or password"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.System.AuthAsync(new RegistryAuth("alice", "wrong", "registry.example.com")));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("incorrect username or password", ex.Message);
        Assert.DoesNotContain("wrong", ex.Message);
    }

    [Fact]
    public async Task Auth_RegistryUnreachable_ThrowsWith500()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.InternalServerError,
            """{"message":"Get \"https://nowhere.invalid/v2/\": dial tcp: lookup nowhere.invalid: no such host"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.System.AuthAsync(new RegistryAuth("a", "b", "nowhere.invalid")));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Contains("no such host", ex.Message);
    }

    [Fact]
    public async Task Auth_Cancelled_ThrowsOperationCanceled()
    {
        var handler = new FakeDockerHandler().RespondNever();
        using DockerClient client = Client(handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.System.AuthAsync(new RegistryAuth("a", "b", "r"), cts.Token));
    }
}
