using System.Net;
using System.Text;
using PSDocker.Core.Containers;
using PSDocker.Core.Images;

namespace PSDocker.Core.Tests;

/// <summary>Where Podman's Docker-compatible API differs, the core says so before sending, or evens the difference out.</summary>
public class PodmanDifferencesTests
{
    private static (FakeDockerHandler Handler, DockerClient Client) Podman()
    {
        var handler = new FakeDockerHandler();
        handler.PingHeaders["Libpod-Api-Version"] = "4.3.1";
        return (handler, DockerClient.Create(new Uri("http://docker.test/"), handler));
    }

    [Fact]
    public async Task AllTagsPull_OnPodman_IsNotSupported_AndSendsNothing()
    {
        (FakeDockerHandler handler, DockerClient client) = Podman();
        using (client)
        {
            var ex = await Assert.ThrowsAsync<EngineNotSupportedException>(async () =>
            {
                await foreach (var _ in client.Images.PullAsync(ImageReference.Parse("127.0.0.1:5310/app"), new ImagePullOptions { AllTags = true })) { }
            });

            Assert.Empty(handler.Requests);
            Assert.Equal(EngineKind.Podman, ex.Engine);
            Assert.Equal(HttpStatusCode.NotImplemented, ex.StatusCode);
            Assert.StartsWith("Podman 4.3.1 at tcp://docker.test:2375 does not support pulling every tag", ex.Message, StringComparison.Ordinal);
            Assert.EndsWith("Pull each tag by name.", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AllTagsPull_OnDocker_LeavesTheTagOut()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, "");
        using DockerClient client = DockerClient.Create(new Uri("http://docker.test/"), handler);

        await foreach (var _ in client.Images.PullAsync(ImageReference.Parse("127.0.0.1:5310/app"), new ImagePullOptions { AllTags = true })) { }

        Assert.Equal("images/create?fromImage=127.0.0.1%3A5310%2Fapp", Assert.Single(handler.PathsAndQueries));
    }

    [Fact]
    public async Task ForcedRemoval_OnPodman_OfAnImageAContainerUses_IsNotSupported_AndDeletesNothing()
    {
        (FakeDockerHandler handler, DockerClient client) = Podman();
        using (client)
        {
            handler.Respond(HttpStatusCode.OK, """{"Id":"sha256:aaaa000000000000000000000000000000000000000000000000000000000000","RepoTags":["docker.io/library/app:1"]}""");
            handler.Respond(HttpStatusCode.OK, """[{"Id":"c1","ImageID":"aaaa000000000000000000000000000000000000000000000000000000000000","Names":["/web"]}]""");

            var ex = await Assert.ThrowsAsync<EngineNotSupportedException>(() => client.Images.RemoveAsync("app:1", new ImageRemoveOptions { Force = true }));

            Assert.Equal(new[] { "images/app:1/json", "containers/json?all=1" }, handler.PathsAndQueries);
            Assert.DoesNotContain(handler.Requests, r => r.Method == HttpMethod.Delete);
            Assert.Contains("removing an image that containers use (-Force)", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ForcedRemoval_OnPodman_OfAnUnusedImage_Deletes_AndReportsNamesAsDockerDoes()
    {
        (FakeDockerHandler handler, DockerClient client) = Podman();
        using (client)
        {
            handler.Respond(HttpStatusCode.OK, """{"Id":"sha256:aaaa000000000000000000000000000000000000000000000000000000000000"}""");
            handler.Respond(HttpStatusCode.OK, """[{"Id":"c1","ImageID":"sha256:bbbb000000000000000000000000000000000000000000000000000000000000"}]""");
            handler.Respond(HttpStatusCode.OK, """[{"Untagged":"docker.io/library/app:1"},{"Deleted":"aaaa000000000000000000000000000000000000000000000000000000000000"}]""");

            IReadOnlyList<ImageDeleteResult> results = await client.Images.RemoveAsync("app:1", new ImageRemoveOptions { Force = true });

            Assert.Equal("images/app:1?force=1&noprune=0", handler.PathsAndQueries.Last());
            Assert.Equal("app:1", results[0].Untagged);
            Assert.Equal("sha256:aaaa000000000000000000000000000000000000000000000000000000000000", results[1].Deleted);
        }
    }

    [Fact]
    public async Task ForcedRemoval_OnDocker_SendsOnlyTheDelete()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """[{"Untagged":"app:1"}]""");
        using DockerClient client = DockerClient.Create(new Uri("http://docker.test/"), handler);

        await client.Images.RemoveAsync("app:1", new ImageRemoveOptions { Force = true });

        Assert.Equal("images/app:1?force=1&noprune=0", Assert.Single(handler.PathsAndQueries));
    }

    [Fact]
    public async Task RemovedWait_OnPodman_TakesTheExitCodeFromANextExitWait()
    {
        (FakeDockerHandler handler, DockerClient client) = Podman();
        using (client)
        {
            // Podman answers the removed wait with 0 whatever the exit code; the next-exit wait has it.
            for (int i = 0; i < 2; i++)
            {
                handler.Respond((request, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(request.RequestUri!.Query.Contains("next-exit", StringComparison.Ordinal)
                        ? """{"StatusCode":2,"Error":null}""" : """{"StatusCode":0,"Error":null}""", Encoding.UTF8, "application/json"),
                }));
            }

            int code = await client.Containers.WaitAsync("web", new ContainerWaitOptions { Condition = WaitCondition.Removed });

            Assert.Equal(2, code);
            Assert.Equal(new[] { "containers/web/wait?condition=next-exit", "containers/web/wait?condition=removed" }, handler.PathsAndQueries.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task RemovedWait_OnDocker_IsOneWait()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"StatusCode":3}""");
        using DockerClient client = DockerClient.Create(new Uri("http://docker.test/"), handler);

        Assert.Equal(3, await client.Containers.WaitAsync("web", new ContainerWaitOptions { Condition = WaitCondition.Removed }));
        Assert.Equal("containers/web/wait?condition=removed", Assert.Single(handler.PathsAndQueries));
    }
}
