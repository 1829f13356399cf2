using System.Runtime.CompilerServices;
using PSDocker.Core.Json;
using PSDocker.Core.Transport;

namespace PSDocker.Core.Containers;

public sealed partial class ContainerOperations
{
    /// <summary>How long apart the two readings of a Podman one-shot sample are (Podman's one-shot carries no earlier reading).</summary>
    internal static TimeSpan PodmanCpuInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A container's resource use: one sample, or with <see cref="ContainerStatsOptions.Stream"/> a sample each time the engine
    /// reads one, until cancelled or the container is removed.
    /// </summary>
    /// <remarks>
    /// GET /containers/{id}/stats?stream= (CLI: <c>docker stats</c>, <c>docker stats --no-stream</c>). Docker's
    /// <c>stream=false</c> waits for its next reading (up to about 2 s) and sends it with the one before, so the CPU percent has
    /// a delta; <c>one-shot=true</c> would answer sooner but without the earlier reading, so it is not used. Podman answers
    /// <c>stream=false</c> at once without an earlier reading: a second reading is taken <see cref="PodmanCpuInterval"/> later.
    /// </remarks>
    /// <exception cref="DockerApiException">404 if no such container.</exception>
    public async IAsyncEnumerable<ContainerStatistic> StatsAsync(string idOrName, ContainerStatsOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = new Query(Path(idOrName, "/stats")).Bool("stream", options.Stream);
        if (!options.Stream)
        {
            EngineHandshake engine = await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
            StatsDto? first = await ReadOneStatsAsync(path, cancellationToken).ConfigureAwait(false);
            if (first is null)
            {
                // Podman answers a container that is not running with an empty body; Docker with a sample of zeros.
                Container stopped = await InspectAsync(idOrName, new(), cancellationToken).ConfigureAwait(false);
                yield return new ContainerStatistic { Id = stopped.Id, Name = stopped.Name, Endpoint = EndpointText };
                yield break;
            }
            StatsDto sample = first;
            CpuStatsDto? previous = null;
            if (engine.IsPodman && sample.Read is { Year: > 1 } && StatsCalculator.LacksPreviousCpu(sample))
            {
                await Task.Delay(PodmanCpuInterval, cancellationToken).ConfigureAwait(false);
                previous = sample.CpuStats;
                sample = await ReadOneStatsAsync(path, cancellationToken).ConfigureAwait(false) ?? sample;
            }
            yield return StatsCalculator.ToStatistic(sample, previous, EndpointText);
            yield break;
        }

        using HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Get, path, cancellationToken).ConfigureAwait(false);
        using HttpResponseMessage response = await _transport.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await using Stream stream = await _transport.ReadBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
        CpuStatsDto? last = null;
        await foreach (StatsDto sample in _transport.GuardAsync(JsonMessageReader.ReadAllAsync(stream, StatsJsonContext.Default.StatsDto, cancellationToken), request, cancellationToken).ConfigureAwait(false))
        {
            // The engine's precpu_stats is its previous reading in this stream; Podman's may be milliseconds old, so prefer our own.
            yield return StatsCalculator.ToStatistic(sample, last, EndpointText);
            last = sample.CpuStats;
        }
    }

    // One sample; null for an empty answer (Podman, for a container that is not running).
    private async Task<StatsDto?> ReadOneStatsAsync(string path, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = await _transport.CreateRequestAsync(HttpMethod.Get, path, cancellationToken).ConfigureAwait(false);
        using HttpResponseMessage response = await _transport.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        // The body is buffered (ResponseContentRead): reading it here leaves it readable again below.
        if ((await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)).Length == 0) return null;
        return await _transport.ReadJsonAsync(request, response, StatsJsonContext.Default.StatsDto, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes a running or stopped container's resource limits and restart policy; returns the engine's warnings.</summary>
    /// <remarks>POST /containers/{id}/update (CLI: <c>docker update</c>). Podman 4 does not serve it: <see cref="EngineNotSupportedException"/> before sending.</remarks>
    /// <exception cref="DockerApiException">404 if no such container; 400/500 when the engine refuses a value (memory below the current usage, swap below memory).</exception>
    public async Task<IReadOnlyList<string>> UpdateAsync(string idOrName, ContainerUpdateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(idOrName);
        await _transport.ThrowIfPodmanAsync("changing a container's limits and restart policy (docker update)",
            "Recreate the container with the new settings (New-Container -Memory, -Cpus, -RestartPolicy).", cancellationToken).ConfigureAwait(false);
        var body = new ContainerUpdateBody
        {
            Memory = options.Memory,
            MemorySwap = options.MemorySwap,
            NanoCpus = options.Cpus is double cpus ? (long)Math.Round(cpus * 1e9) : null,
            CpuShares = options.CpuShares,
            CpusetCpus = options.CpusetCpus,
            PidsLimit = options.PidsLimit,
            RestartPolicy = options.RestartPolicy is { } r ? new RestartPolicyDto { Name = r.Name, MaximumRetryCount = r.MaximumRetryCount } : null,
        };
        ContainerUpdateResponseDto dto = await _transport.SendJsonAsync(HttpMethod.Post, Path(idOrName, "/update"), ContainerUpdateJsonContext.Default.ContainerUpdateResponseDto,
            cancellationToken, DockerTransport.JsonContent(body, ContainerUpdateJsonContext.Default.ContainerUpdateBody)).ConfigureAwait(false);
        return dto.Warnings?.Where(w => !string.IsNullOrWhiteSpace(w)).ToArray() ?? Array.Empty<string>();
    }
}

/// <summary>Options of <see cref="ContainerOperations.UpdateAsync"/> (<c>docker update</c>); null leaves a setting as it is.</summary>
public sealed record ContainerUpdateOptions
{
    /// <summary>Memory limit in bytes (<c>-m</c>).</summary>
    public long? Memory { get; init; }

    /// <summary>Memory plus swap in bytes; -1 for unlimited swap (<c>--memory-swap</c>).</summary>
    public long? MemorySwap { get; init; }

    /// <summary>How many CPUs (<c>--cpus</c>).</summary>
    public double? Cpus { get; init; }

    /// <summary>Relative CPU weight (<c>--cpu-shares</c>).</summary>
    public long? CpuShares { get; init; }

    /// <summary>CPUs the container may run on: <c>0-3</c>, <c>0,1</c> (<c>--cpuset-cpus</c>).</summary>
    public string? CpusetCpus { get; init; }

    /// <summary>Process limit; -1 for unlimited (<c>--pids-limit</c>).</summary>
    public long? PidsLimit { get; init; }

    /// <summary>The restart policy (<c>--restart</c>).</summary>
    public RestartPolicySpec? RestartPolicy { get; init; }

    /// <summary>True when nothing would change.</summary>
    public bool IsEmpty => this == new ContainerUpdateOptions();
}
