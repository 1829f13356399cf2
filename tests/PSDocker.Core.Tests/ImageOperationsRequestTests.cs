using System.Formats.Tar;
using System.Net;
using System.Text;
using System.Text.Json;
using PSDocker.Core.Images;
using PSDocker.Core.Json;

namespace PSDocker.Core.Tests;

/// <summary>The exact requests the image operations send, and how answers and errors map back.</summary>
public class ImageOperationsRequestTests
{
    private const string Hex = "4abcf20661432fb2d719aaf90656f55c287f8ca915dc1c92ec14ff61e67fbaf8";
    private const string Digest = "sha256:" + Hex;
    private const string OtherDigest = "sha256:0000000000000000000000000000000000000000000000000000000000000001";

    private static DockerClient Client(FakeDockerHandler handler) => DockerClient.Create(new Uri("http://docker.test/"), handler);

    /// <summary>The decoded query parameters, in order.</summary>
    private static List<KeyValuePair<string, string>> Query(HttpRequestMessage request)
    {
        string query = request.RequestUri!.Query.TrimStart('?');
        if (query.Length == 0) return new();
        return query.Split('&').Select(p =>
        {
            int eq = p.IndexOf('=');
            return eq < 0
                ? new KeyValuePair<string, string>(Uri.UnescapeDataString(p), "")
                : new KeyValuePair<string, string>(Uri.UnescapeDataString(p[..eq]), Uri.UnescapeDataString(p[(eq + 1)..]));
        }).ToList();
    }

    private static KeyValuePair<string, string> Q(string key, string value) => new(key, value);

    private static void AssertRequest(HttpRequestMessage request, HttpMethod method, string path, params KeyValuePair<string, string>[] query)
    {
        Assert.Equal(method, request.Method);
        Assert.Equal(path, request.RequestUri!.AbsolutePath);
        Assert.Equal(query, Query(request));
    }

    private static string Header(HttpRequestMessage request, string name)
        => Assert.Single(request.Headers.GetValues(name));

    private static async Task<List<JsonMessage>> ToListAsync(IAsyncEnumerable<JsonMessage> messages)
    {
        var list = new List<JsonMessage>();
        await foreach (JsonMessage m in messages) list.Add(m);
        return list;
    }

    private static FakeDockerHandler RespondProgress(FakeDockerHandler handler, string body)
        => handler.RespondStream(HttpStatusCode.OK, new MemoryStream(Encoding.UTF8.GetBytes(body)), "application/json");

    // ---- List ----

    [Fact]
    public async Task List_Default_SendsAll0AndNoFilters()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, "[]");
        using DockerClient client = Client(handler);

        IReadOnlyList<Image> images = await client.Images.ListAsync(new ImageListOptions());

        Assert.Empty(images);
        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Get, "/v1.41/images/json", Q("all", "0"));
        Assert.Null(Assert.Single(handler.Bodies));
    }

    [Fact]
    public async Task List_AllAndFilters()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, "[]");
        using DockerClient client = Client(handler);
        var filters = new Dictionary<string, IReadOnlyList<string>>
        {
            ["dangling"] = new[] { "false" },
            ["reference"] = new[] { "nginx:*", "busybox" },
            ["label"] = new[] { "com.example=1" },
        };

        await client.Images.ListAsync(new ImageListOptions { All = true, Filters = filters });

        HttpRequestMessage request = Assert.Single(handler.Requests);
        AssertRequest(request, HttpMethod.Get, "/v1.41/images/json",
            Q("all", "1"),
            Q("filters", """{"dangling":["false"],"reference":["nginx:*","busybox"],"label":["com.example=1"]}"""));
        Assert.DoesNotContain("{", request.RequestUri!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_OneRowPerRepoTag_WithTheDigestOfItsRepository()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, $$"""
            [
              {"Id": "sha256:{{Hex}}", "ParentId": "", "Created": 1704164645, "Size": 187000000, "SharedSize": -1, "Containers": 2,
               "RepoTags": ["nginx:latest", "nginx:1.25", "localhost:5000/nginx:mine"],
               "RepoDigests": ["localhost:5000/nginx@{{OtherDigest}}", "nginx@{{Digest}}"],
               "Labels": {"maintainer": "NGINX"} }
            ]
            """);
        using DockerClient client = Client(handler);

        IReadOnlyList<Image> images = await client.Images.ListAsync(new ImageListOptions());

        Assert.Equal(new[] { "nginx:latest", "nginx:1.25", "localhost:5000/nginx:mine" }, images.Select(i => i.Name));
        Assert.Equal(new[] { "nginx", "nginx", "localhost:5000/nginx" }, images.Select(i => i.Repository));
        Assert.Equal(new[] { "latest", "1.25", "mine" }, images.Select(i => i.Tag));
        Assert.Equal(new[] { Digest, Digest, OtherDigest }, images.Select(i => i.Digest));
        Assert.All(images, i =>
        {
            Assert.Equal("sha256:" + Hex, i.Id);
            Assert.Equal(Hex[..12], i.ShortId);
            Assert.Equal(187000000, i.Size);
            Assert.Equal(2, i.Containers);
            Assert.Equal("NGINX", i.Labels["maintainer"]);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1704164645).LocalDateTime, i.Created);
            Assert.Equal(3, i.RepoTags.Count);
            Assert.Equal(2, i.RepoDigests.Count);
            Assert.Equal("tcp://docker.test:2375", i.Endpoint);
            Assert.False(i.IsDetailed);
        });
    }

    [Fact]
    public async Task List_TagWithoutADigestOfItsRepository_HasNoDigest()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, $$"""
            [{"Id": "sha256:{{Hex}}", "Created": 0, "RepoTags": ["myapp:dev"], "RepoDigests": ["nginx@{{Digest}}"]}]
            """);
        using DockerClient client = Client(handler);

        IReadOnlyList<Image> images = await client.Images.ListAsync(new ImageListOptions());

        Assert.Equal(2, images.Count);
        Assert.Equal("myapp", images[0].Repository);
        Assert.Equal("dev", images[0].Tag);
        Assert.Null(images[0].Digest);
        // The repository it has only a digest in is a row of its own, as docker images shows it.
        Assert.Equal(("nginx", "<none>", Digest), (images[1].Repository, images[1].Tag, images[1].Digest));
    }

    [Fact]
    public async Task List_DigestOnlyRepositories_AreOneRowEach_BesideTheTaggedOnes()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, $$"""
            [{"Id": "sha256:{{Hex}}", "Created": 0, "RepoTags": ["busybox:1.35"],
              "RepoDigests": ["busybox@{{Digest}}", "localhost:5000/app@{{OtherDigest}}", "localhost:5000/app@{{Digest}}"]},
             {"Id": "sha256:{{Hex}}", "Created": 0, "RepoTags": [], "RepoDigests": ["localhost:5000/only@{{Digest}}"]}]
            """);
        using DockerClient client = Client(handler);

        IReadOnlyList<Image> images = await client.Images.ListAsync(new ImageListOptions());

        Assert.Equal(new[] { "busybox:1.35", "localhost:5000/app@" + OtherDigest, "localhost:5000/only@" + Digest }, images.Select(i => i.Name));
        Assert.Equal(new[] { "1.35", "<none>", "<none>" }, images.Select(i => i.Tag));
        Assert.Equal(new[] { Digest, OtherDigest, Digest }, images.Select(i => i.Digest));
    }

    [Theory]
    [InlineData("[]", "[]")]
    [InlineData("null", "null")]
    [InlineData("[\"<none>:<none>\"]", "[\"<none>@<none>\"]")]
    public async Task List_UntaggedImage_IsOneNoneRow(string repoTags, string repoDigests)
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, $$"""
            [{"Id": "sha256:{{Hex}}", "Created": 1704164645, "Size": 5, "RepoTags": {{repoTags}}, "RepoDigests": {{repoDigests}}, "Labels": null}]
            """);
        using DockerClient client = Client(handler);

        Image image = Assert.Single(await client.Images.ListAsync(new ImageListOptions()));

        Assert.Equal("<none>", image.Repository);
        Assert.Equal("<none>", image.Tag);
        Assert.Null(image.Digest);
        Assert.Empty(image.RepoTags);
        Assert.Empty(image.RepoDigests);
        Assert.Empty(image.Labels);
        Assert.Equal(Hex[..12], image.Name); // an untagged image goes by its short ID
    }

    [Fact]
    public async Task List_DigestOnlyImage_IsOneRowPerDigest()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, $$"""
            [{"Id": "sha256:{{Hex}}", "Created": 1, "RepoTags": [], "RepoDigests": ["nginx@{{Digest}}", "ghcr.io/o/nginx@{{OtherDigest}}"]}]
            """);
        using DockerClient client = Client(handler);

        IReadOnlyList<Image> images = await client.Images.ListAsync(new ImageListOptions());

        Assert.Equal(2, images.Count);
        Assert.Equal(new[] { "nginx", "ghcr.io/o/nginx" }, images.Select(i => i.Repository));
        Assert.All(images, i => Assert.Equal("<none>", i.Tag));
        Assert.Equal(new[] { Digest, OtherDigest }, images.Select(i => i.Digest));
        Assert.Equal("nginx@" + Digest, images[0].Name);
    }

    [Fact]
    public async Task List_SeveralImages_KeepTheEnginesOrder()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, $$"""
            [
              {"Id": "sha256:aaaaaaaaaaaaaaaa", "Created": 1, "RepoTags": ["b:1", "a:2"]},
              {"Id": "sha256:bbbbbbbbbbbbbbbb", "Created": 2, "RepoTags": null},
              {"Id": "sha256:cccccccccccccccc", "Created": 3, "RepoTags": ["localhost:5000/c:3"]}
            ]
            """);
        using DockerClient client = Client(handler);

        IReadOnlyList<Image> images = await client.Images.ListAsync(new ImageListOptions());

        Assert.Equal(new[] { "b:1", "a:2", "bbbbbbbbbbbb", "localhost:5000/c:3" }, images.Select(i => i.Name));
    }

    [Theory]
    [InlineData("nginx:latest", "nginx", "latest")]
    [InlineData("localhost:5000/app:1.0", "localhost:5000/app", "1.0")]
    [InlineData("localhost:5000/app", "localhost:5000/app", "<none>")]
    [InlineData("app", "app", "<none>")]
    public void SplitTag(string repoTag, string repo, string tag)
    {
        Assert.Equal((repo, tag), ImageMapper.SplitTag(repoTag));
    }

    [Theory]
    [InlineData("nginx@" + Digest, "nginx", Digest)]
    [InlineData("localhost:5000/app@" + Digest, "localhost:5000/app", Digest)]
    public void SplitDigest(string repoDigest, string repo, string digest)
    {
        Assert.Equal((repo, digest), ImageMapper.SplitDigest(repoDigest));
    }

    // ---- Inspect ----

    private const string InspectJson = $$"""
        {
          "Id": "sha256:{{Hex}}",
          "RepoTags": ["nginx:latest", "nginx:1.25"],
          "RepoDigests": ["nginx@{{Digest}}"],
          "Created": "2024-01-02T03:04:05.123456789Z",
          "Size": 187000000,
          "Author": "",
          "Architecture": "arm64",
          "Variant": "v8",
          "Os": "linux",
          "Config": {
            "User": "nginx",
            "Env": ["PATH=/usr/bin", "NGINX_VERSION=1.25.3"],
            "Cmd": ["nginx", "-g", "daemon off;"],
            "Entrypoint": ["/docker-entrypoint.sh"],
            "WorkingDir": "/srv",
            "Labels": {"maintainer": "NGINX"},
            "ExposedPorts": {"80/tcp": {}, "443/tcp": {}, "1935/tcp": {} }
          },
          "RootFS": {"Type": "layers", "Layers": ["sha256:l1", "sha256:l2"]}
        }
        """;

    [Fact]
    public async Task Inspect_GetsImagesNameJson_AndMapsTheDetails()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, InspectJson);
        using DockerClient client = Client(handler);

        Image image = await client.Images.InspectAsync("nginx:1.25", new());

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Get, "/v1.41/images/nginx:1.25/json");
        Assert.True(image.IsDetailed);
        Assert.Equal("nginx", image.Repository);
        Assert.Equal("1.25", image.Tag); // the tag asked for, not the first one
        Assert.Equal(Digest, image.Digest);
        // RFC3339Nano has more digits than a DateTime holds: equal to the tick.
        DateTime expected = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567).ToLocalTime();
        Assert.InRange((image.Created - expected).Ticks, -1, 1);
        Assert.Equal(DateTimeKind.Local, image.Created.Kind);
        Assert.Equal("arm64", image.Architecture);
        Assert.Equal("v8", image.Variant);
        Assert.Equal("linux", image.Os);
        Assert.Null(image.Author);
        Assert.Equal("nginx", image.User);
        Assert.Equal("/srv", image.WorkingDirectory);
        Assert.Equal(new[] { "PATH=/usr/bin", "NGINX_VERSION=1.25.3" }, image.Environment);
        Assert.Equal(new[] { "nginx", "-g", "daemon off;" }, image.Command);
        Assert.Equal(new[] { "/docker-entrypoint.sh" }, image.Entrypoint);
        Assert.Equal(new[] { "1935/tcp", "443/tcp", "80/tcp" }, image.ExposedPorts);
        Assert.Equal(new[] { "sha256:l1", "sha256:l2" }, image.Layers);
        Assert.Equal("NGINX", image.Labels["maintainer"]);
    }

    [Theory]
    [InlineData("nginx", "latest")]
    [InlineData("docker.io/library/nginx:1.25", "1.25")]
    [InlineData("sha256:" + Hex, "latest")]
    [InlineData(Hex, "latest")]
    public async Task Inspect_PicksTheRowOfTheNameAskedFor_ElseTheFirstTag(string name, string tag)
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, InspectJson);
        using DockerClient client = Client(handler);

        Image image = await client.Images.InspectAsync(name, new());

        Assert.Equal("/v1.41/images/" + name + "/json", Assert.Single(handler.Requests).RequestUri!.AbsolutePath);
        Assert.Equal(tag, image.Tag);
    }

    [Fact]
    public async Task Inspect_ByDigestReference_KeepsTheNameInThePath()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, InspectJson);
        using DockerClient client = Client(handler);

        Image image = await client.Images.InspectAsync("nginx@" + Digest, new());

        Assert.Equal("/v1.41/images/nginx@" + Digest + "/json", Assert.Single(handler.Requests).RequestUri!.AbsolutePath);
        Assert.Equal(Digest, image.Digest);
    }

    [Fact]
    public async Task Inspect_UntaggedImageWithADigest()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, $$"""
            {"Id": "sha256:{{Hex}}", "RepoTags": [], "RepoDigests": ["ghcr.io/o/app@{{Digest}}"], "Created": "2024-01-02T03:04:05Z", "Config": null}
            """);
        using DockerClient client = Client(handler);

        Image image = await client.Images.InspectAsync(Hex[..12], new());

        Assert.Equal("ghcr.io/o/app", image.Repository);
        Assert.Equal("<none>", image.Tag);
        Assert.Equal(Digest, image.Digest);
        Assert.Empty(image.Environment!);
        Assert.Empty(image.ExposedPorts!);
        Assert.Equal("", image.WorkingDirectory);
    }

    [Fact]
    public async Task Inspect_NotFound_ThrowsWithTheEnginesMessage()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NotFound, """{"message":"No such image: nope:latest"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Images.InspectAsync("nope", new()));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("No such image: nope:latest", ex.Message);
    }

    [Fact]
    public async Task Inspect_EmptyName_Throws()
    {
        var handler = new FakeDockerHandler();
        using DockerClient client = Client(handler);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.Images.InspectAsync("", new()));
        Assert.Empty(handler.Requests);
    }

    // ---- Pull ----

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx", "latest")]
    [InlineData("bitnami/python:3.9.15", "docker.io/bitnami/python", "3.9.15")]
    [InlineData("index.docker.io/library/busybox:1.36", "docker.io/library/busybox", "1.36")]
    [InlineData("localhost:5000/app", "localhost:5000/app", "latest")]
    [InlineData("ghcr.io/o/r:v1", "ghcr.io/o/r", "v1")]
    [InlineData("nginx@" + Digest, "docker.io/library/nginx", Digest)]
    [InlineData("nginx:1.25@" + Digest, "docker.io/library/nginx", Digest)]
    public async Task Pull_SendsTheNormalizedNameAndATagOrDigest(string name, string fromImage, string tag)
    {
        var handler = RespondProgress(new FakeDockerHandler(), "{\"status\":\"done\"}\n");
        using DockerClient client = Client(handler);

        await ToListAsync(client.Images.PullAsync(ImageReference.Parse(name), new ImagePullOptions()));

        HttpRequestMessage request = Assert.Single(handler.Requests);
        AssertRequest(request, HttpMethod.Post, "/v1.41/images/create", Q("fromImage", fromImage), Q("tag", tag));
        Assert.Null(Assert.Single(handler.Bodies));
    }

    [Fact]
    public async Task Pull_AllTags_LeavesTheTagOut()
    {
        var handler = RespondProgress(new FakeDockerHandler(), "");
        using DockerClient client = Client(handler);

        await ToListAsync(client.Images.PullAsync(ImageReference.Parse("busybox"), new ImagePullOptions { AllTags = true }));

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.41/images/create", Q("fromImage", "docker.io/library/busybox"));
    }

    [Fact]
    public async Task Pull_Platform()
    {
        var handler = RespondProgress(new FakeDockerHandler(), "");
        using DockerClient client = Client(handler);

        await ToListAsync(client.Images.PullAsync(ImageReference.Parse("alpine:3.19"), new ImagePullOptions { Platform = "linux/arm64/v8" }));

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.41/images/create",
            Q("fromImage", "docker.io/library/alpine"), Q("tag", "3.19"), Q("platform", "linux/arm64/v8"));
    }

    [Fact]
    public async Task Pull_Anonymous_SendsAnEmptyRegistryAuth()
    {
        var handler = RespondProgress(new FakeDockerHandler(), "");
        using DockerClient client = Client(handler);

        await ToListAsync(client.Images.PullAsync(ImageReference.Parse("alpine"), new ImagePullOptions()));

        string value = Header(Assert.Single(handler.Requests), "X-Registry-Auth");
        Assert.Equal("e30=", value);
        Assert.Empty(RegistryAuthTests.DecodeHeader(value).EnumerateObject());
    }

    [Fact]
    public async Task Pull_WithCredential_SendsItBase64UrlEncoded()
    {
        var handler = RespondProgress(new FakeDockerHandler(), "");
        using DockerClient client = Client(handler);
        var auth = new RegistryAuth("alice", "p@ss/w+rd?>", "ghcr.io");

        await ToListAsync(client.Images.PullAsync(ImageReference.Parse("ghcr.io/alice/app:1"), new ImagePullOptions { Auth = auth }));

        JsonElement json = RegistryAuthTests.DecodeHeader(Header(Assert.Single(handler.Requests), "X-Registry-Auth"));
        Assert.Equal("alice", json.GetProperty("username").GetString());
        Assert.Equal("p@ss/w+rd?>", json.GetProperty("password").GetString());
        Assert.Equal("ghcr.io", json.GetProperty("serveraddress").GetString());
    }

    [Fact]
    public async Task Pull_StreamsTheProgressMessages()
    {
        const string body =
            "{\"status\":\"Pulling from library/alpine\",\"id\":\"3.19\"}\r\n" +
            "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":100,\"total\":200},\"id\":\"abc\"}\r\n" +
            "{\"status\":\"Download complete\",\"id\":\"abc\"}\r\n" +
            "{\"status\":\"Status: Downloaded newer image for alpine:3.19\"}\r\n";
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, ChunkedStream.Fixed(Encoding.UTF8.GetBytes(body), 1), "application/json");
        using DockerClient client = Client(handler);

        List<JsonMessage> messages = await ToListAsync(client.Images.PullAsync(ImageReference.Parse("alpine:3.19"), new ImagePullOptions()));

        Assert.Equal(4, messages.Count);
        Assert.Equal(100, messages[1].ProgressDetail!.Current);
        Assert.Equal(200, messages[1].ProgressDetail!.Total);
        Assert.Equal("abc", messages[2].Id);
        Assert.All(messages, m => Assert.Null(m.ErrorMessage));
    }

    [Fact]
    public async Task Pull_InBandErrorInA200Stream_IsAMessageWithErrorMessage()
    {
        var handler = RespondProgress(new FakeDockerHandler(),
            "{\"status\":\"Pulling from library/nginx\",\"id\":\"nope\"}\n" +
            "{\"errorDetail\":{\"message\":\"manifest for nginx:nope not found: manifest unknown\"},\"error\":\"manifest for nginx:nope not found: manifest unknown\"}\n");
        using DockerClient client = Client(handler);

        List<JsonMessage> messages = await ToListAsync(client.Images.PullAsync(ImageReference.Parse("nginx:nope"), new ImagePullOptions()));

        Assert.Equal(2, messages.Count);
        Assert.Null(messages[0].ErrorMessage);
        Assert.Equal("manifest for nginx:nope not found: manifest unknown", messages[1].ErrorMessage);
    }

    [Fact]
    public async Task Pull_ErrorStatus_ThrowsDockerApiException()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NotFound, """{"message":"pull access denied for nope, repository does not exist"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => ToListAsync(client.Images.PullAsync(ImageReference.Parse("nope"), new ImagePullOptions())));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("pull access denied", ex.Message);
    }

    [Fact]
    public async Task Pull_CancelledMidStream_Stops()
    {
        var stream = new BlockingStream(Encoding.UTF8.GetBytes("{\"status\":\"Pulling fs layer\",\"id\":\"a\"}\n"));
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, stream, "application/json");
        using DockerClient client = Client(handler);
        using var cts = new CancellationTokenSource();
        var seen = new List<JsonMessage>();

        Task pulling = Task.Run(async () =>
        {
            await foreach (JsonMessage m in client.Images.PullAsync(ImageReference.Parse("alpine"), new ImagePullOptions(), cts.Token)) seen.Add(m);
        });
        await stream.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pulling.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("Pulling fs layer", Assert.Single(seen).Status);
    }

    // ---- Push ----

    [Theory]
    [InlineData("localhost:5000/app:1.0", "/v1.41/images/localhost:5000/app/push", "1.0")]
    [InlineData("bitnami/python:3", "/v1.41/images/docker.io/bitnami/python/push", "3")]
    [InlineData("nginx:latest", "/v1.41/images/docker.io/library/nginx/push", "latest")]
    public async Task Push_PostsToTheNamePath_WithTheTag(string name, string path, string tag)
    {
        var handler = RespondProgress(new FakeDockerHandler(), "{\"status\":\"The push refers to repository\"}\n");
        using DockerClient client = Client(handler);

        await ToListAsync(client.Images.PushAsync(ImageReference.Parse(name), new ImagePushOptions()));

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, path, Q("tag", tag));
    }

    [Fact]
    public async Task Push_WithoutATag_SendsNoTag()
    {
        // The engine then pushes every tag; the cmdlet adds :latest first, as 'docker push' does.
        var handler = RespondProgress(new FakeDockerHandler(), "");
        using DockerClient client = Client(handler);

        await ToListAsync(client.Images.PushAsync(ImageReference.Parse("localhost:5000/app"), new ImagePushOptions()));

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.41/images/localhost:5000/app/push");
    }

    [Fact]
    public async Task Push_Anonymous_StillSendsRegistryAuth()
    {
        var handler = RespondProgress(new FakeDockerHandler(), "");
        using DockerClient client = Client(handler);

        await ToListAsync(client.Images.PushAsync(ImageReference.Parse("localhost:5000/app:1"), new ImagePushOptions()));

        Assert.Equal("e30=", Header(Assert.Single(handler.Requests), "X-Registry-Auth"));
    }

    [Fact]
    public async Task Push_WithIdentityToken()
    {
        var handler = RespondProgress(new FakeDockerHandler(), "");
        using DockerClient client = Client(handler);

        await ToListAsync(client.Images.PushAsync(ImageReference.Parse("ghcr.io/o/app:1"),
            new ImagePushOptions { Auth = new RegistryAuth(null, null, "ghcr.io", "tok") }));

        JsonElement json = RegistryAuthTests.DecodeHeader(Header(Assert.Single(handler.Requests), "X-Registry-Auth"));
        Assert.Equal("tok", json.GetProperty("identitytoken").GetString());
        Assert.False(json.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Push_AuxAndInBandError()
    {
        var handler = RespondProgress(new FakeDockerHandler(),
            "{\"status\":\"Pushed\",\"id\":\"l1\"}\n" +
            "{\"status\":\"1: digest: " + Digest + " size: 528\"}\n" +
            "{\"progressDetail\":{},\"aux\":{\"Tag\":\"1\",\"Digest\":\"" + Digest + "\",\"Size\":528}}\n" +
            "{\"errorDetail\":{\"message\":\"denied: requested access to the resource is denied\"},\"error\":\"denied\"}\n");
        using DockerClient client = Client(handler);

        List<JsonMessage> messages = await ToListAsync(client.Images.PushAsync(ImageReference.Parse("localhost:5000/app:1"), new ImagePushOptions()));

        Assert.Equal(4, messages.Count);
        Assert.Equal(Digest, messages[2].Aux!.Value.GetProperty("Digest").GetString());
        Assert.Equal("denied: requested access to the resource is denied", messages[3].ErrorMessage);
    }

    // ---- Tag ----

    [Fact]
    public async Task Tag_PostsRepoAndTag()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Created);
        using DockerClient client = Client(handler);

        await client.Images.TagAsync("sha256:" + Hex, new() { Target = ImageReference.Parse("localhost:5000/app:v2") });

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.41/images/sha256:" + Hex + "/tag",
            Q("repo", "localhost:5000/app"), Q("tag", "v2"));
    }

    [Fact]
    public async Task Tag_WithoutATag_UsesLatest()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Created);
        using DockerClient client = Client(handler);

        await client.Images.TagAsync("busybox:1.36", new() { Target = ImageReference.Parse("mybox") });

        AssertRequest(Assert.Single(handler.Requests), HttpMethod.Post, "/v1.41/images/busybox:1.36/tag",
            Q("repo", "docker.io/library/mybox"), Q("tag", "latest"));
    }

    [Fact]
    public async Task Tag_MissingSource_Throws404()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.NotFound, """{"message":"No such image: ghost:latest"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Images.TagAsync("ghost", new() { Target = ImageReference.Parse("x:1") }));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("No such image: ghost:latest", ex.Message);
    }

    // ---- Remove ----

    [Fact]
    public async Task Remove_SendsForceAndNoprune_AndMapsTheResults()
    {
        var handler = new FakeDockerHandler()
            .Respond(HttpStatusCode.OK, $$"""[{"Untagged":"nginx:latest"},{"Untagged":"nginx@{{Digest}}"},{"Deleted":"sha256:{{Hex}}"}]""")
            .Respond(HttpStatusCode.OK, "[]");
        using DockerClient client = Client(handler);

        IReadOnlyList<ImageDeleteResult> results = await client.Images.RemoveAsync("nginx:latest", new ImageRemoveOptions());
        await client.Images.RemoveAsync("sha256:" + Hex, new ImageRemoveOptions { Force = true, NoPrune = true });

        AssertRequest(handler.Requests[0], HttpMethod.Delete, "/v1.41/images/nginx:latest", Q("force", "0"), Q("noprune", "0"));
        AssertRequest(handler.Requests[1], HttpMethod.Delete, "/v1.41/images/sha256:" + Hex, Q("force", "1"), Q("noprune", "1"));
        Assert.Equal(3, results.Count);
        Assert.Equal("Untagged: nginx:latest", results[0].ToString());
        Assert.Equal("nginx@" + Digest, results[1].Untagged);
        Assert.Equal("sha256:" + Hex, results[2].Deleted);
        Assert.Null(results[2].Untagged);
    }

    [Fact]
    public async Task Remove_InUse_Throws409()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.Conflict,
            """{"message":"conflict: unable to remove repository reference \"nginx\" (must force) - container 1 is using its referenced image 2"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => client.Images.RemoveAsync("nginx", new ImageRemoveOptions()));

        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Contains("must force", ex.Message);
    }

    // ---- Prune ----

    private static Dictionary<string, string[]> PruneFilters(HttpRequestMessage request)
    {
        var query = Query(request);
        Assert.Equal("filters", Assert.Single(query).Key);
        return JsonSerializer.Deserialize<Dictionary<string, string[]>>(query[0].Value)!;
    }

    [Fact]
    public async Task Prune_Default_OnlyDangling()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"ImagesDeleted":null,"SpaceReclaimed":0}""");
        using DockerClient client = Client(handler);

        ImagePruneResult result = await client.Images.PruneAsync(new ImagePruneOptions());

        HttpRequestMessage request = Assert.Single(handler.Requests);
        AssertRequest(request, HttpMethod.Post, "/v1.41/images/prune", Q("filters", """{"dangling":["true"]}"""));
        Assert.Empty(result.ImagesDeleted);
        Assert.Equal(0, result.SpaceReclaimed);
        Assert.Equal("tcp://docker.test:2375", result.Endpoint);
    }

    [Fact]
    public async Task Prune_All_SendsDanglingFalse()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, "{}");
        using DockerClient client = Client(handler);

        await client.Images.PruneAsync(new ImagePruneOptions { All = true });

        Dictionary<string, string[]> filters = PruneFilters(Assert.Single(handler.Requests));
        Assert.Equal(new[] { "false" }, Assert.Single(filters).Value);
        Assert.Equal("dangling", filters.Keys.Single());
    }

    [Fact]
    public async Task Prune_LabelsAndUntil()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, $$"""
            {"ImagesDeleted":[{"Untagged":"old:1"},{"Deleted":"sha256:{{Hex}}"}],"SpaceReclaimed":123456}
            """);
        using DockerClient client = Client(handler);
        var until = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567);

        ImagePruneResult result = await client.Images.PruneAsync(new ImagePruneOptions
        {
            Labels = new[] { "env=test", "!keep", "team", "!pinned=yes" },
            Until = until,
        });

        Dictionary<string, string[]> filters = PruneFilters(Assert.Single(handler.Requests));
        Assert.Equal(new[] { "dangling", "label", "label!", "until" }, filters.Keys);
        Assert.Equal(new[] { "true" }, filters["dangling"]);
        Assert.Equal(new[] { "env=test", "team" }, filters["label"]);
        Assert.Equal(new[] { "keep", "pinned=yes" }, filters["label!"]);
        Assert.Equal(new[] { until.ToUnixTimeSeconds() + ".123456700" }, filters["until"]);

        Assert.Equal(2, result.ImagesDeleted.Count);
        Assert.Equal("old:1", result.ImagesDeleted[0].Untagged);
        Assert.Equal("sha256:" + Hex, result.ImagesDeleted[1].Deleted);
        Assert.Equal(123456, result.SpaceReclaimed);
    }

    // ---- Build ----

    private static string NewContext(TempTree tree)
    {
        tree.File("Dockerfile", "FROM scratch\nCOPY a.txt /\n");
        tree.File("a.txt", "hello");
        tree.File(".dockerignore", "*.log\n");
        tree.File("junk.log", "x");
        return tree.Root;
    }

    [Fact]
    public async Task Build_MinimalOptions_SendsTheClassicBuilderQuery_AndATarBody()
    {
        using var tree = new TempTree();
        BuildContext context = BuildContext.Create(NewContext(tree), null);
        byte[]? body = null;
        var handler = new FakeDockerHandler().Respond(async (request, ct) =>
        {
            body = await request.Content!.ReadAsByteArrayAsync(ct);
            var content = new StringContent("{\"stream\":\"Step 1/2 : FROM scratch\\n\"}\r\n{\"aux\":{\"ID\":\"sha256:" + Hex + "\"}}\r\n{\"stream\":\"Successfully built 4abcf2066143\\n\"}\r\n");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using DockerClient client = Client(handler);

        List<JsonMessage> messages = await ToListAsync(client.Images.BuildAsync(context, new ImageBuildOptions()));

        HttpRequestMessage request = Assert.Single(handler.Requests);
        AssertRequest(request, HttpMethod.Post, "/v1.41/build", Q("dockerfile", "Dockerfile"), Q("rm", "1"), Q("forcerm", "1"), Q("version", "1"));
        Assert.Equal("application/x-tar", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("e30=", Header(request, "X-Registry-Config"));

        Assert.NotNull(body);
        var names = new List<string>();
        using (var reader = new TarReader(new MemoryStream(body!)))
        {
            while (reader.GetNextEntry() is { } entry) names.Add(entry.Name);
        }
        Assert.Equal(new[] { ".dockerignore", "Dockerfile", "a.txt" }, names);
        Assert.Equal(context.EntryCount, context.FilesSent);

        Assert.Equal(3, messages.Count);
        Assert.Equal("sha256:" + Hex, messages[1].Aux!.Value.GetProperty("ID").GetString());
        Assert.Equal("Successfully built 4abcf2066143\n", messages[2].Stream);
    }

    [Fact]
    public async Task Build_AllOptions()
    {
        using var tree = new TempTree();
        tree.File("docker/Dockerfile.prod", "FROM scratch\n");
        BuildContext context = BuildContext.Create(tree.Root, "docker/Dockerfile.prod");
        var handler = RespondProgress(new FakeDockerHandler(), "");
        using DockerClient client = Client(handler);
        var options = new ImageBuildOptions
        {
            Tags = new[] { ImageReference.Parse("docker.io/library/myapp:dev"), ImageReference.Parse("localhost:5000/team/app:1.0") },
            BuildArgs = new Dictionary<string, string?> { ["HTTP_PROXY"] = "http://p:3128", ["EMPTY"] = null },
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "my app & more" },
            Target = "final",
            NoCache = true,
            Pull = true,
            Platform = "linux/amd64",
            RegistryConfig = new Dictionary<string, RegistryAuth>
            {
                ["https://index.docker.io/v1/"] = new("hub", "hubpw", null),
                ["localhost:5000"] = new("local", "localpw", "localhost:5000"),
            },
        };

        await ToListAsync(client.Images.BuildAsync(context, options));

        HttpRequestMessage request = Assert.Single(handler.Requests);
        AssertRequest(request, HttpMethod.Post, "/v1.41/build",
            Q("dockerfile", "docker/Dockerfile.prod"),
            Q("rm", "1"),
            Q("forcerm", "1"),
            Q("version", "1"),
            Q("t", "myapp:dev"),
            Q("t", "localhost:5000/team/app:1.0"),
            Q("buildargs", """{"HTTP_PROXY":"http://p:3128","EMPTY":null}"""),
            Q("labels", """{"org.opencontainers.image.title":"my app \u0026 more"}"""),
            Q("target", "final"),
            Q("nocache", "1"),
            Q("pull", "1"),
            Q("platform", "linux/amd64"));
        Assert.DoesNotContain(" ", request.RequestUri!.Query, StringComparison.Ordinal);

        using JsonDocument labels = JsonDocument.Parse(Query(request).Single(kv => kv.Key == "labels").Value);
        Assert.Equal("my app & more", labels.RootElement.GetProperty("org.opencontainers.image.title").GetString());

        JsonElement config = RegistryAuthTests.DecodeHeader(Header(request, "X-Registry-Config"));
        Assert.Equal("hub", config.GetProperty("https://index.docker.io/v1/").GetProperty("username").GetString());
        Assert.Equal("hubpw", config.GetProperty("https://index.docker.io/v1/").GetProperty("password").GetString());
        Assert.Equal("localpw", config.GetProperty("localhost:5000").GetProperty("password").GetString());
    }

    [Fact]
    public async Task Build_InBandError_IsAMessage()
    {
        using var tree = new TempTree();
        BuildContext context = BuildContext.Create(NewContext(tree), null);
        var handler = RespondProgress(new FakeDockerHandler(),
            "{\"stream\":\"Step 1/2 : FROM scratch\\n\"}\n" +
            "{\"errorDetail\":{\"code\":1,\"message\":\"The command '/bin/sh -c false' returned a non-zero code: 1\"},\"error\":\"The command '/bin/sh -c false' returned a non-zero code: 1\"}\n");
        using DockerClient client = Client(handler);

        List<JsonMessage> messages = await ToListAsync(client.Images.BuildAsync(context, new ImageBuildOptions()));

        Assert.Equal(2, messages.Count);
        Assert.Equal(1, messages[1].ErrorDetail!.Code);
        Assert.Equal("The command '/bin/sh -c false' returned a non-zero code: 1", messages[1].ErrorMessage);
    }

    [Fact]
    public async Task Build_ErrorStatus_Throws()
    {
        using var tree = new TempTree();
        BuildContext context = BuildContext.Create(NewContext(tree), null);
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.InternalServerError, """{"message":"Cannot locate specified Dockerfile: Dockerfile"}""");
        using DockerClient client = Client(handler);

        var ex = await Assert.ThrowsAsync<DockerApiException>(() => ToListAsync(client.Images.BuildAsync(context, new ImageBuildOptions())));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Contains("Cannot locate specified Dockerfile", ex.Message);
    }
}
