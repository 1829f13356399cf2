using System.Globalization;
using System.Text.Json.Serialization;
using PSDocker.Core.Containers;
using PSDocker.Core.Images;
using PSDocker.Core.Networks;
using PSDocker.Core.Transport;
using PSDocker.Core.Volumes;

namespace PSDocker.Core.Engine;

/// <summary>Options of <see cref="SystemOperations.DiskUsageAsync"/> (<c>docker system df</c>).</summary>
public sealed record DiskUsageOptions;

/// <summary>Options of <see cref="SystemOperations.BuildCachePruneAsync"/> (<c>docker builder prune</c>).</summary>
public sealed record BuildCachePruneOptions
{
    /// <summary>Every unused record, not only dangling ones (<c>-a</c>).</summary>
    public bool All { get; init; }

    /// <summary>Label filters: <c>key</c>, <c>key=value</c>, or with a leading <c>!</c> to exclude.</summary>
    public IReadOnlyList<string> Labels { get; init; } = Array.Empty<string>();

    /// <summary>Only records last used before this time (sent as a duration back from now, as the engine wants).</summary>
    public DateTimeOffset? Until { get; init; }
}

/// <summary>Options of <see cref="SystemOperations.PruneAsync"/> (<c>docker system prune</c>).</summary>
public sealed record SystemPruneOptions
{
    /// <summary>Every unused image and build cache record, not only dangling ones (<c>-a</c>).</summary>
    public bool All { get; init; }

    /// <summary>Unused volumes too (<c>--volumes</c>).</summary>
    public bool Volumes { get; init; }

    /// <summary>Label filters: <c>key</c>, <c>key=value</c>, or with a leading <c>!</c> to exclude.</summary>
    public IReadOnlyList<string> Labels { get; init; } = Array.Empty<string>();

    /// <summary>Only objects created before this time (volumes take no time filter, so -Volumes with Until is refused).</summary>
    public DateTimeOffset? Until { get; init; }
}

public sealed partial class SystemOperations
{
    /// <summary>What images, containers, volumes and the build cache take on disk, and what a prune could free.</summary>
    /// <remarks>GET /system/df (CLI: <c>docker system df</c>, <c>-v</c> for the items).</remarks>
    public async Task<IReadOnlyList<DiskUsage>> DiskUsageAsync(DiskUsageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        DiskUsageDto dto = await _transport.SendJsonAsync(HttpMethod.Get, "system/df", DiskUsageJsonContext.Default.DiskUsageDto, cancellationToken).ConfigureAwait(false);
        return DiskUsageCalculator.ToRows(dto, _transport.Endpoint.ToString());
    }

    /// <summary>Removes build cache records; on Podman, which has no such endpoint, <see cref="EngineNotSupportedException"/> before sending.</summary>
    /// <remarks>POST /build/prune?all=&amp;filters= (CLI: <c>docker builder prune</c>). The engine reads <c>until</c> as a duration.</remarks>
    public async Task<BuildCachePruneResult> BuildCachePruneAsync(BuildCachePruneOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await _transport.ThrowIfPodmanAsync("pruning the build cache (docker builder prune)", "Podman keeps no build cache apart from its images: prune images instead.", cancellationToken).ConfigureAwait(false);
        Dictionary<string, IReadOnlyList<string>> filters = ContainerOperations.PruneFilters(options.Labels, until: null);
        if (options.Until is { } until)
        {
            long seconds = Math.Max(0, (long)(DateTimeOffset.UtcNow - until).TotalSeconds);
            filters["until"] = new[] { seconds.ToString(CultureInfo.InvariantCulture) + "s" };
        }
        string path = new Query("build/prune").FlagIfSet("all", options.All).Filters(filters);
        BuildCachePruneDto dto = await _transport.SendJsonAsync(HttpMethod.Post, path, DiskUsageJsonContext.Default.BuildCachePruneDto, cancellationToken).ConfigureAwait(false);
        return new BuildCachePruneResult(dto.CachesDeleted ?? new List<string>(), dto.SpaceReclaimed);
    }

    /// <summary>
    /// Removes stopped containers, unused networks, (with <see cref="SystemPruneOptions.Volumes"/>) unused volumes, dangling
    /// (or with <see cref="SystemPruneOptions.All"/> unused) images and the build cache, in that order, as docker does.
    /// </summary>
    /// <remarks>
    /// POST /containers/prune, /networks/prune, /volumes/prune, /images/prune, /build/prune (CLI: <c>docker system prune</c>).
    /// Podman has no build cache endpoint: that step is left out there.
    /// </remarks>
    public async Task<SystemPruneResult> PruneAsync(SystemPruneOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Volumes && options.Until is not null)
            throw new ArgumentException("Volumes cannot be pruned by creation time: leave out Until, or prune volumes separately.", nameof(options));
        EngineHandshake engine = await _transport.GetHandshakeAsync(cancellationToken).ConfigureAwait(false);
        ContainerPruneResult containers = await _owner.Containers.PruneAsync(new ContainerPruneOptions { Labels = options.Labels, Until = options.Until }, cancellationToken).ConfigureAwait(false);
        NetworkPruneResult networks = await _owner.Networks.PruneAsync(new NetworkPruneOptions { Labels = options.Labels, Until = options.Until }, cancellationToken).ConfigureAwait(false);
        VolumePruneResult? volumes = options.Volumes
            ? await _owner.Volumes.PruneAsync(new VolumePruneOptions { Labels = options.Labels }, cancellationToken).ConfigureAwait(false)
            : null;
        ImagePruneResult images = await _owner.Images.PruneAsync(new ImagePruneOptions { All = options.All, Labels = options.Labels, Until = options.Until }, cancellationToken).ConfigureAwait(false);
        BuildCachePruneResult? cache = engine.IsPodman ? null
            : await BuildCachePruneAsync(new BuildCachePruneOptions { All = options.All, Labels = options.Labels, Until = options.Until }, cancellationToken).ConfigureAwait(false);
        return new SystemPruneResult
        {
            ContainersDeleted = containers.ContainersDeleted,
            NetworksDeleted = networks.NetworksDeleted,
            VolumesDeleted = volumes?.VolumesDeleted ?? Array.Empty<string>(),
            ImagesDeleted = images.ImagesDeleted,
            BuildCacheDeleted = cache?.CachesDeleted ?? Array.Empty<string>(),
            SpaceReclaimed = containers.SpaceReclaimed + (volumes?.SpaceReclaimed ?? 0) + images.SpaceReclaimed + (cache?.SpaceReclaimed ?? 0),
            Endpoint = _transport.Endpoint.ToString(),
        };
    }
}

/// <summary>What a build cache prune removed.</summary>
public sealed record BuildCachePruneResult(IReadOnlyList<string> CachesDeleted, long SpaceReclaimed);

/// <summary>The sums of <c>docker system df</c>: totals, active counts, sizes and what is reclaimable, per kind.</summary>
public static class DiskUsageCalculator
{
    internal static IReadOnlyList<DiskUsage> ToRows(DiskUsageDto dto, string endpoint)
    {
        var images = (dto.Images ?? new()).Select(i => new DiskUsageItem
        {
            Type = "Images",
            Id = i.Id ?? "",
            Name = i.RepoTags is { Count: > 0 } tags && tags[0] != "<none>:<none>" ? tags[0] : "<none>",
            Size = i.Size,
            SharedSize = Math.Max(0, i.SharedSize),
            Active = i.Containers > 0,
            Containers = Math.Max(0, i.Containers),
        }).ToList();
        // Docker's total is the size of every layer once (LayersSize); Podman sends 0 there, so its images' sizes are summed.
        long imageTotal = dto.LayersSize > 0 ? dto.LayersSize : images.Sum(i => i.Size);
        long imageUsed = (dto.Images ?? new()).Where(i => i.Containers > 0 && i.Size >= 0 && i.SharedSize >= 0).Sum(i => i.Size - i.SharedSize);

        var containers = (dto.Containers ?? new()).Select(c => new DiskUsageItem
        {
            Type = "Containers",
            Id = c.Id ?? "",
            Name = c.Names is { Count: > 0 } names ? names[0].TrimStart('/') : "",
            Size = c.SizeRw,
            Active = c.State is "running" or "paused" or "restarting",
        }).ToList();

        var volumes = (dto.Volumes ?? new()).Select(v => new DiskUsageItem
        {
            Type = "Local Volumes",
            Id = v.Name ?? "",
            Name = v.Name ?? "",
            Size = Math.Max(0, v.UsageData?.Size ?? 0),
            Active = v.UsageData?.RefCount > 0,
            Containers = Math.Max(0, v.UsageData?.RefCount ?? 0),
        }).ToList();

        var cache = (dto.BuildCache ?? new()).Select(b => new DiskUsageItem
        {
            Type = "Build Cache",
            Id = b.ID ?? "",
            Name = string.IsNullOrEmpty(b.Description) ? b.Type ?? "" : b.Description,
            Size = b.Shared ? 0 : b.Size,
            SharedSize = b.Shared ? b.Size : 0,
            Active = b.InUse,
        }).ToList();

        return new[]
        {
            Row("Images", images, imageTotal, imageTotal - imageUsed, endpoint),
            Row("Containers", containers, containers.Sum(c => c.Size), containers.Where(c => !c.Active).Sum(c => c.Size), endpoint),
            Row("Local Volumes", volumes, volumes.Sum(v => v.Size), volumes.Where(v => !v.Active).Sum(v => v.Size), endpoint),
            Row("Build Cache", cache, cache.Sum(b => b.Size), cache.Where(b => !b.Active).Sum(b => b.Size), endpoint),
        };
    }

    private static DiskUsage Row(string type, List<DiskUsageItem> items, long size, long reclaimable, string endpoint) => new()
    {
        Type = type,
        Total = items.Count,
        Active = items.Count(i => i.Active),
        Size = size,
        Reclaimable = Math.Max(0, reclaimable),
        Items = items,
        Endpoint = endpoint,
    };
}

internal sealed class DiskUsageDto
{
    public long LayersSize { get; set; }
    public List<DiskUsageImageDto>? Images { get; set; }
    public List<DiskUsageContainerDto>? Containers { get; set; }
    public List<DiskUsageVolumeDto>? Volumes { get; set; }
    public List<DiskUsageBuildCacheDto>? BuildCache { get; set; }
}

internal sealed class DiskUsageImageDto
{
    public string? Id { get; set; }
    public List<string>? RepoTags { get; set; }
    public long Size { get; set; }
    public long SharedSize { get; set; }
    public long Containers { get; set; }
}

internal sealed class DiskUsageContainerDto
{
    public string? Id { get; set; }
    public List<string>? Names { get; set; }
    public long SizeRw { get; set; }
    public string? State { get; set; }
}

internal sealed class DiskUsageVolumeDto
{
    public string? Name { get; set; }
    public VolumeUsageDto? UsageData { get; set; }
}

internal sealed class VolumeUsageDto
{
    public long Size { get; set; }
    public long RefCount { get; set; }
}

internal sealed class DiskUsageBuildCacheDto
{
    public string? ID { get; set; }
    public string? Type { get; set; }
    public string? Description { get; set; }
    public long Size { get; set; }
    public bool InUse { get; set; }
    public bool Shared { get; set; }
}

internal sealed class BuildCachePruneDto
{
    public List<string>? CachesDeleted { get; set; }
    public long SpaceReclaimed { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(DiskUsageDto))]
[JsonSerializable(typeof(BuildCachePruneDto))]
internal sealed partial class DiskUsageJsonContext : JsonSerializerContext
{
}
