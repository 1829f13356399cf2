using System.Net;
using System.Text;
using System.Text.Json;
using PSDocker.Core.Concurrency;
using PSDocker.Core.Containers;
using PSDocker.Core.Engine;
using PSDocker.Core.Json;

namespace PSDocker.Core.Tests;

/// <summary>
/// docker stats, docker events, docker system df and docker update: the arithmetic against samples captured from Docker
/// 20.10 (cgroup v1) and Podman 4.3.1 on this project's test machine (Fixtures/), and the requests.
/// </summary>
public class SystemMonitoringTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static StatsDto Sample(string name) => JsonSerializer.Deserialize(Fixture(name), StatsJsonContext.Default.StatsDto)!;

    /// <summary>The same sample, its CPU counters moved on by the given nanoseconds (the next reading of a stream).</summary>
    private static string Later(string sample, long cpuNanos, long systemNanos)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(sample)!;
        var cpu = node["cpu_stats"]!;
        cpu["cpu_usage"]!["total_usage"] = cpu["cpu_usage"]!["total_usage"]!.GetValue<long>() + cpuNanos;
        cpu["system_cpu_usage"] = cpu["system_cpu_usage"]!.GetValue<long>() + systemNanos;
        return node.ToJsonString();
    }

    private static DockerClient Client(FakeDockerHandler handler) => DockerClient.Create(new Uri("http://docker.test/"), handler);

    [Fact]
    public void Stats_CpuPercent_IsTheContainersShareOfTheHostDelta_TimesOnlineCpus()
    {
        // A busy loop: 467603290 ns of CPU over 2010000000 ns of host CPU time on 2 CPUs.
        ContainerStatistic s = StatsCalculator.ToStatistic(Sample("stats-docker-cgroup1-busy.json"), null, "e");

        Assert.Equal(467603290.0 / 2010000000.0 * 2 * 100, s.CpuPercent, 6);
        Assert.Equal(2, s.OnlineCpus);
        Assert.Equal("st1", s.Name);
        Assert.Equal("617421bdc0ae", s.ShortId);
        Assert.Equal(new DateTime(2026, 12, 3, 16, 17, 30, DateTimeKind.Utc).AddTicks(6788804), s.Read);
        Assert.Equal((736L, 0L), (s.NetworkReceived, s.NetworkSent));
        Assert.Equal(1, s.Pids);
    }

    [Fact]
    public void Stats_Memory_LeavesOutTheInactivePageCache_OnCgroupV1()
    {
        // docker stats printed 892KiB for this container after it wrote 20 MiB to a file: 21884928 - 20971520.
        ContainerStatistic s = StatsCalculator.ToStatistic(Sample("stats-docker-cgroup1-pagecache.json"), null, "e");
        Assert.Equal(913408, s.MemoryUsage);
        Assert.Equal("892KiB", SizeText.Binary(s.MemoryUsage));
    }

    [Fact]
    public void Stats_MemoryPercent_IsOfTheContainersLimit()
    {
        // docker stats: "572KiB / 64MiB  0.87%".
        ContainerStatistic s = StatsCalculator.ToStatistic(Sample("stats-docker-cgroup1-limit.json"), null, "e");
        Assert.Equal(585728, s.MemoryUsage);
        Assert.Equal(64L * 1024 * 1024, s.MemoryLimit);
        Assert.Equal("0.87", s.MemoryPercent.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("572KiB / 64MiB", SizeText.Binary(s.MemoryUsage) + " / " + SizeText.Binary(s.MemoryLimit));
    }

    [Fact]
    public void Stats_Memory_OnCgroupV2_SubtractsInactiveFile()
    {
        // cgroup v2 names the counter inactive_file and has no total_* keys.
        StatsDto sample = Sample("stats-docker-cgroup1-pagecache.json");
        sample.MemoryStats!.Stats = new Dictionary<string, ulong> { ["anon"] = 61440, ["file"] = 20975616, ["inactive_file"] = 20971520 };
        Assert.Equal(913408, StatsCalculator.MemoryUsage(sample.MemoryStats));
    }

    [Fact]
    public void Stats_OneShotSample_HasNoCpuDelta()
    {
        // What one-shot=true answers: no earlier reading, so no CPU percent can be computed from it.
        StatsDto sample = Sample("stats-docker-oneshot.json");
        Assert.True(StatsCalculator.LacksPreviousCpu(sample));
        Assert.Equal(0, StatsCalculator.ToStatistic(sample, null, "e").CpuPercent);
    }

    [Fact]
    public void Stats_Podman_UsageAsIs_NameWithoutSlash_AndCpuAgainstAnEarlierReading()
    {
        StatsDto sample = Sample("stats-podman.json");
        Assert.True(StatsCalculator.LacksPreviousCpu(sample));
        var earlier = new CpuStatsDto
        {
            CpuUsage = new CpuUsageDto { TotalUsage = sample.CpuStats!.CpuUsage!.TotalUsage - 250_000_000 },
            SystemCpuUsage = sample.CpuStats.SystemCpuUsage - 1_000_000_000,
        };
        ContainerStatistic s = StatsCalculator.ToStatistic(sample, earlier, "e");
        Assert.Equal("pst1", s.Name);
        Assert.Equal("7d6febf3aa046a7d83278e163bb52dec4f3da94ecf4ae8d821f591c86c5210c0", s.Id);
        Assert.Equal(253952, s.MemoryUsage);
        Assert.Equal(50.0, s.CpuPercent, 6);
        Assert.Equal((936L, 2060L), (s.NetworkReceived, s.NetworkSent));
    }

    [Fact]
    public void Stats_BlockIo_SumsReadAndWriteRows_OverDevices()
    {
        StatsDto sample = Sample("stats-docker-cgroup1-busy.json");
        sample.BlkioStats = new BlkioStatsDto
        {
            IoServiceBytesRecursive = new()
            {
                new() { Op = "Read", Value = 4096 }, new() { Op = "Write", Value = 8192 }, new() { Op = "Sync", Value = 8192 },
                new() { Op = "Total", Value = 12288 }, new() { Op = "read", Value = 100 }, new() { Op = "write", Value = 200 },
            },
        };
        ContainerStatistic s = StatsCalculator.ToStatistic(sample, null, "e");
        Assert.Equal((4196L, 8392L), (s.BlockRead, s.BlockWritten));
    }

    [Fact]
    public async Task StatsAsync_NoStream_AsksForOneSample()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, Fixture("stats-docker-cgroup1-busy.json"));
        using DockerClient client = Client(handler);

        var samples = new List<ContainerStatistic>();
        await foreach (ContainerStatistic s in client.Containers.StatsAsync("st1", new ContainerStatsOptions())) samples.Add(s);

        Assert.Equal("containers/st1/stats?stream=false", Assert.Single(handler.PathsAndQueries));
        Assert.True(Assert.Single(samples).CpuPercent > 46);
    }

    [Fact]
    public async Task StatsAsync_Podman_TakesASecondReading_ForTheCpuDelta()
    {
        var handler = new FakeDockerHandler();
        handler.PingHeaders["Libpod-Api-Version"] = "4.3.1";
        string first = Fixture("stats-podman.json");
        string second = Later(first, cpuNanos: 250_000_000, systemNanos: 1_000_000_000);
        handler.Respond(HttpStatusCode.OK, first).Respond(HttpStatusCode.OK, second);
        using DockerClient client = Client(handler);
        ContainerOperations.PodmanCpuInterval = TimeSpan.FromMilliseconds(1);

        var samples = new List<ContainerStatistic>();
        await foreach (ContainerStatistic s in client.Containers.StatsAsync("pst1", new ContainerStatsOptions())) samples.Add(s);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(50.0, Assert.Single(samples).CpuPercent, 6);
    }

    [Fact]
    public async Task StatsAsync_Stream_YieldsEachSampleAsItArrives_WithTheDeltaToThePreviousOne()
    {
        string one = Fixture("stats-docker-cgroup1-busy.json").ReplaceLineEndings("");
        string two = Later(one, cpuNanos: 1_000_000_000, systemNanos: 2_000_000_000);
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, ChunkedStream.Fixed(Encoding.UTF8.GetBytes(one + "\n" + two + "\n"), 5), "application/json");
        using DockerClient client = Client(handler);

        var samples = new List<ContainerStatistic>();
        await foreach (ContainerStatistic s in client.Containers.StatsAsync("st1", new ContainerStatsOptions { Stream = true })) samples.Add(s);

        Assert.Equal("containers/st1/stats?stream=true", Assert.Single(handler.PathsAndQueries));
        Assert.Equal(2, samples.Count);
        Assert.Equal(1_000_000_000.0 / 2_000_000_000.0 * 2 * 100, samples[1].CpuPercent, 6);
    }

    [Fact]
    public void Events_MapTypeActionActorAndNanosecondTime()
    {
        var events = Fixture("events-docker.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => SystemOperations.ToEvent(JsonSerializer.Deserialize(l, EventJsonContext.Default.EventDto)!, "e")).ToList();

        ContainerEvent create = events.First(e => e.Type == "container" && e.Action == "create");
        Assert.Equal("617421bdc0aead5ffe59d2222ca23387ea0842c35a59c2216aa6226e1f690849", create.Id);
        Assert.Equal("st1", create.Name);
        Assert.Equal("psdocker-test/busybox:1.35", create.Attributes["image"]);
        Assert.Equal(1796314646940861669, create.TimeNano);
        Assert.Equal(DateTime.UnixEpoch.AddTicks(17963146469408616), create.Time);
        Assert.Equal(DateTimeKind.Utc, create.Time.Kind);
        Assert.Equal("local", create.Scope);

        ContainerEvent connect = events.First(e => e.Type == "network");
        Assert.Equal(("connect", "bridge"), (connect.Action, connect.Name));
        Assert.Equal("617421bdc0aead5ffe59d2222ca23387ea0842c35a59c2216aa6226e1f690849", connect.Attributes["container"]);
    }

    [Fact]
    public void Events_Podman_MapTheSameWay()
    {
        var events = Fixture("events-podman.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => SystemOperations.ToEvent(JsonSerializer.Deserialize(l, EventJsonContext.Default.EventDto)!, "e")).ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.Action)));
        Assert.Contains(events, e => e.Type == "container" && e.Name == "pst1");
    }

    [Fact]
    public async Task EventsAsync_SendsTimesAndFilters_AndReadsObjectsSplitAcrossReads()
    {
        byte[] body = Encoding.UTF8.GetBytes(Fixture("events-docker.jsonl"));
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, ChunkedStream.Fixed(body, 1), "application/json");
        using DockerClient client = Client(handler);
        var options = new EngineEventsOptions
        {
            Since = DateTimeOffset.FromUnixTimeSeconds(1796314600),
            Until = DateTimeOffset.FromUnixTimeMilliseconds(1796314700500),
            Filters = new Dictionary<string, IReadOnlyList<string>> { ["type"] = new[] { "container" }, ["event"] = new[] { "start", "die" } },
        };

        var events = new List<ContainerEvent>();
        await foreach (ContainerEvent e in client.System.EventsAsync(options)) events.Add(e);

        Assert.Equal(8, events.Count);
        Assert.Equal(new[] { "tag", "import", "create", "connect", "start", "create", "connect", "start" }, events.Select(e => e.Action));
        string query = Uri.UnescapeDataString(Assert.Single(handler.PathsAndQueries));
        Assert.Equal("events?since=1796314600.000000000&until=1796314700.500000000&filters={\"type\":[\"container\"],\"event\":[\"start\",\"die\"]}", query);
    }

    [Fact]
    public async Task EventsAsync_HandsOnAnEvent_BeforeTheStreamEnds()
    {
        // The follow stream never ends: the first event must come out while the connection is still open.
        var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        var reader = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, pipe.ClientSafePipeHandle);
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, reader, "application/json");
        using DockerClient client = Client(handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        IAsyncEnumerator<ContainerEvent> e = client.System.EventsAsync(new EngineEventsOptions(), cts.Token).GetAsyncEnumerator(cts.Token);
        Task<bool> next = e.MoveNextAsync().AsTask();
        byte[] line = Encoding.UTF8.GetBytes(Fixture("events-docker.jsonl").Split('\n')[2] + "\n");
        await pipe.WriteAsync(line);
        await pipe.FlushAsync();

        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("create", e.Current.Action);
        cts.Cancel();
        await pipe.DisposeAsync();
        try { await e.DisposeAsync(); } catch (OperationCanceledException) { }
    }

    [Fact]
    public async Task EventsAsync_Podman_SendsNoUntil_AndEndsTheStreamThereItself()
    {
        // Podman 4.3 answers nothing when until is sent: the window is kept on this side.
        var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        var reader = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, pipe.ClientSafePipeHandle);
        var handler = new FakeDockerHandler().RespondStream(HttpStatusCode.OK, reader, "application/json");
        handler.PingHeaders["Libpod-Api-Version"] = "4.3.1";
        using DockerClient client = Client(handler);
        SystemOperations.PodmanUntilGrace = TimeSpan.FromMilliseconds(200);
        string[] lines = Fixture("events-podman.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        long lastNano = JsonSerializer.Deserialize(lines[^1], EventJsonContext.Default.EventDto)!.TimeNano;
        DateTimeOffset until = DateTimeOffset.UnixEpoch.AddTicks(lastNano / 100 - 1);   // just before the last event
        await pipe.WriteAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        await pipe.FlushAsync();

        var events = new List<ContainerEvent>();
        await foreach (ContainerEvent e in client.System.EventsAsync(new EngineEventsOptions { Since = DateTimeOffset.FromUnixTimeSeconds(1), Until = until }).WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
            events.Add(e);

        Assert.DoesNotContain("until", Uri.UnescapeDataString(Assert.Single(handler.PathsAndQueries)));
        Assert.Equal(lines.Length - 1, events.Count);
        await pipe.DisposeAsync();
    }

    [Fact]
    public void DiskUsage_MatchesDockerSystemDf()
    {
        // docker system df printed, for this answer:
        //   Images 1 1 1.983MB 0B (0%) / Containers 5 4 34.6MB 0B (0%) / Local Volumes 2 1 409.6kB 307.2kB (75%) / Build Cache 0 0 0B 0B
        DiskUsageDto dto = JsonSerializer.Deserialize(Fixture("df-docker.json"), DiskUsageJsonContext.Default.DiskUsageDto)!;
        IReadOnlyList<DiskUsage> rows = DiskUsageCalculator.ToRows(dto, "e");

        Assert.Equal(new[] { "Images", "Containers", "Local Volumes", "Build Cache" }, rows.Select(r => r.Type));
        string Text(DiskUsage r) => $"{r.Type} {r.Total} {r.Active} {SizeText.Decimal(r.Size)} {SizeText.Decimal(r.Reclaimable)} ({r.ReclaimablePercent}%)";
        Assert.Equal(new[]
        {
            "Images 1 1 1.983MB 0B (0%)",
            "Containers 5 4 34.6MB 0B (0%)",
            "Local Volumes 2 1 409.6kB 307.2kB (75%)",
            "Build Cache 0 0 0B 0B (0%)",
        }, rows.Select(Text));
        DiskUsageItem idle = rows[2].Items.Single(i => i.Name == "dfidle");
        Assert.False(idle.Active);
        Assert.Equal(307200, idle.Size);
        Assert.Equal("psdocker-test/busybox:1.35", Assert.Single(rows[0].Items).Name);
    }

    [Fact]
    public void DiskUsage_Podman_SumsImageSizes_ForItsZeroLayersSize()
    {
        DiskUsageDto dto = JsonSerializer.Deserialize(Fixture("df-podman.json"), DiskUsageJsonContext.Default.DiskUsageDto)!;
        DiskUsage images = DiskUsageCalculator.ToRows(dto, "e")[0];
        Assert.Equal((1, 1, 2008228L), (images.Total, images.Active, images.Size));
    }

    [Fact]
    public async Task UpdateAsync_PostsOnlyTheGivenSettings_AndReturnsWarnings()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"Warnings":["Your kernel does not support swap limit capabilities"]}""");
        using DockerClient client = Client(handler);

        IReadOnlyList<string> warnings = await client.Containers.UpdateAsync("web", new ContainerUpdateOptions
        {
            Memory = 64L * 1024 * 1024,
            Cpus = 1.5,
            RestartPolicy = RestartPolicySpec.Parse("on-failure:3"),
        });

        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("containers/web/update", Assert.Single(handler.PathsAndQueries));
        Assert.Equal("""{"Memory":67108864,"NanoCpus":1500000000,"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":3}}""", handler.Bodies[0]);
        Assert.Equal("Your kernel does not support swap limit capabilities", Assert.Single(warnings));
    }

    [Fact]
    public async Task UpdateAsync_Podman_IsNotSupported_BeforeSending()
    {
        var handler = new FakeDockerHandler();
        handler.PingHeaders["Libpod-Api-Version"] = "4.3.1";
        using DockerClient client = Client(handler);

        await Assert.ThrowsAsync<EngineNotSupportedException>(() => client.Containers.UpdateAsync("web", new ContainerUpdateOptions { Memory = 64L * 1024 * 1024 }));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task BuildCachePrune_SendsUntilAsADuration()
    {
        var handler = new FakeDockerHandler().Respond(HttpStatusCode.OK, """{"CachesDeleted":["a"],"SpaceReclaimed":10}""");
        using DockerClient client = Client(handler);

        BuildCachePruneResult result = await client.System.BuildCachePruneAsync(new BuildCachePruneOptions { All = true, Until = DateTimeOffset.UtcNow.AddHours(-2) });

        string query = Uri.UnescapeDataString(Assert.Single(handler.PathsAndQueries));
        Assert.Matches(@"^build/prune\?all=1&filters=\{""until"":\[""(7199|7200)s""\]\}$", query);
        Assert.Equal(10, result.SpaceReclaimed);
    }

    [Fact]
    public void ResourceLimits_CheckWhatDockerChecks()
    {
        Assert.NotNull(ResourceLimits.CheckMemory(1024 * 1024));
        Assert.Null(ResourceLimits.CheckMemory(ResourceLimits.MinimumMemory));
        Assert.NotNull(ResourceLimits.CheckMemorySwap(32L * 1024 * 1024, 64L * 1024 * 1024));
        Assert.Null(ResourceLimits.CheckMemorySwap(-1, 64L * 1024 * 1024));
        Assert.NotNull(ResourceLimits.CheckCpus(0));
        Assert.Null(ResourceLimits.CheckCpus(0.5));
        Assert.Null(ResourceLimits.CheckCpuset("0-1,3"));
        Assert.NotNull(ResourceLimits.CheckCpuset("0-"));
    }

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(586, "586B")]
    [InlineData(409600, "409.6kB")]
    [InlineData(34602752, "34.6MB")]
    public void SizeText_Decimal_AsTheCliPrintsIt(long bytes, string text) => Assert.Equal(text, SizeText.Decimal(bytes));

    [Fact]
    public async Task StreamMerge_YieldsEveryItem_AndASourcesFailure_WithoutStoppingTheOthers()
    {
        static async IAsyncEnumerable<int> Source(int n, bool fail, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
        {
            for (int i = 0; i < n; i++)
            {
                await Task.Yield();
                yield return i;
            }
            if (fail) throw new InvalidOperationException("gone");
        }

        var items = new List<MergedItem<string, int>>();
        await foreach (MergedItem<string, int> item in StreamMerge.MergeAsync(new[] { "a", "b" }, (s, ct) => Source(s == "a" ? 3 : 2, s == "b", ct)))
            items.Add(item);

        Assert.Equal(3, items.Count(i => i.Source == "a" && i.Error is null));
        Assert.Equal(2, items.Count(i => i.Source == "b" && i.Error is null));
        Assert.IsType<InvalidOperationException>(items.Single(i => i.Error is not null).Error);
    }
}
