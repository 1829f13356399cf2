using System.Net;
using PSDocker.Core.Containers;
using PSDocker.Core.Networks;
using PSDocker.Core.Volumes;

namespace PSDocker.Core.Compose.Runtime;

public sealed partial class ComposeRuntime
{
    private static Dictionary<string, IReadOnlyList<string>> LabelFilter(string filter)
        => new() { ["label"] = new[] { filter } };

    private async Task<IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels)>> ListNetworksAsync(string labelFilter, CancellationToken ct)
    {
        IReadOnlyList<Network> list = await _client.Networks.ListAsync(new NetworkListOptions { Filters = LabelFilter(labelFilter), IncludeContainers = false }, ct).ConfigureAwait(false);
        return list.Select(n => (n.Name, n.Labels)).ToList();
    }

    private async Task<IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels)>> ListVolumesAsync(string labelFilter, CancellationToken ct)
    {
        IReadOnlyList<Volume> list = await _client.Volumes.ListAsync(new VolumeListOptions { Filters = LabelFilter(labelFilter), IncludeUsage = false }, ct).ConfigureAwait(false);
        return list.Select(v => (v.Name, v.Labels)).ToList();
    }

    /// <summary>The names of every network on the engine (one call per run of up).</summary>
    private async Task<HashSet<string>> NetworkNamesAsync(CancellationToken ct)
    {
        IReadOnlyList<Network> list = await _client.Networks.ListAsync(new NetworkListOptions { IncludeContainers = false }, ct).ConfigureAwait(false);
        return new HashSet<string>(list.Select(n => n.Name), StringComparer.Ordinal);
    }

    /// <summary>The names of every volume on the engine.</summary>
    private async Task<HashSet<string>> VolumeNamesAsync(CancellationToken ct)
    {
        IReadOnlyList<Volume> list = await _client.Volumes.ListAsync(new VolumeListOptions { IncludeUsage = false }, ct).ConfigureAwait(false);
        return new HashSet<string>(list.Select(v => v.Name), StringComparer.Ordinal);
    }

    private async Task CreateNetworkAsync(NetworkPlan n, IReadOnlyDictionary<string, string> labels, CancellationToken ct)
    {
        try
        {
            await _client.Networks.CreateAsync(new NetworkCreateOptions
            {
                Name = n.Name,
                Driver = n.Driver,
                Internal = n.Internal,
                Attachable = n.Attachable,
                EnableIPv6 = n.EnableIPv6 ? true : null,
                Options = n.DriverOptions,
                Labels = labels,
                Ipam = n.Subnets.Select(s => new IpamPool(s)).ToList(),
            }, ct).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.NameInUse)
        {
            // Made meanwhile by someone else: use it.
        }
    }

    private Task CreateVolumeAsync(VolumePlan v, IReadOnlyDictionary<string, string> labels, CancellationToken ct)
        => _client.Volumes.CreateAsync(new VolumeCreateOptions { Name = v.Name, Driver = v.Driver, DriverOptions = v.DriverOptions, Labels = labels }, ct);

    private Task RemoveNetworkAsync(string name, CancellationToken ct) => _client.Networks.RemoveAsync(name, new NetworkRemoveOptions(), ct);

    private Task RemoveVolumeAsync(string name, CancellationToken ct) => _client.Volumes.RemoveAsync(name, new VolumeRemoveOptions(), ct);

    /// <summary>
    /// Waits until a container reports healthy. Returns null when it does, else what is wrong ("is unhealthy",
    /// "has no health check", "exited with code 1"). On Podman, whose service runs health checks only under systemd,
    /// the check is run on demand (libpod's healthcheck endpoint) while waiting.
    /// </summary>
    private async Task<string?> WaitHealthyAsync(string id, CancellationToken ct)
    {
        bool podman = (await _client.Transport.GetHandshakeAsync(ct).ConfigureAwait(false)).IsPodman;
        while (true)
        {
            Container c = await _client.Containers.InspectAsync(id, new ContainerInspectOptions(), ct).ConfigureAwait(false);
            if (c.State is ContainerState.Stopped or ContainerState.Dead)
                return $"exited with code {c.ExitCode} before it was healthy";
            switch (c.Health)
            {
                case ContainerHealth.Healthy:
                    return null;
                case ContainerHealth.Unhealthy:
                    return $"is unhealthy ({(c.HealthOutput ?? "").Trim()})";
                case ContainerHealth.None when c.State == ContainerState.Running && !podman:
                    return "has no health check, so it cannot become healthy (add a healthcheck to it, or depend on it with condition service_started)";
            }
            if (podman && c.State == ContainerState.Running) await RunPodmanHealthcheckAsync(id, ct).ConfigureAwait(false);
            await Task.Delay(HealthPollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until a container runs (healthy when it has a health check), or for a one-shot, exited 0. Null when ready.</summary>
    private async Task<string?> WaitReadyAsync(string id, bool oneShot, CancellationToken ct)
    {
        bool podman = (await _client.Transport.GetHandshakeAsync(ct).ConfigureAwait(false)).IsPodman;
        while (true)
        {
            Container c = await _client.Containers.InspectAsync(id, new ContainerInspectOptions(), ct).ConfigureAwait(false);
            if (c.State is ContainerState.Stopped or ContainerState.Dead)
                return oneShot && c.ExitCode == 0 ? null : $"exited with code {c.ExitCode}";
            if (c.State == ContainerState.Running && !oneShot)
            {
                if (c.Health is ContainerHealth.None or ContainerHealth.Healthy) return null;
                if (c.Health == ContainerHealth.Unhealthy) return $"is unhealthy ({(c.HealthOutput ?? "").Trim()})";
                if (podman) await RunPodmanHealthcheckAsync(id, ct).ConfigureAwait(false);
            }
            await Task.Delay(HealthPollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Podman: runs the container's health check now (GET /libpod/containers/{id}/healthcheck); failures are left to the next look.</summary>
    private async Task RunPodmanHealthcheckAsync(string id, CancellationToken ct)
    {
        try
        {
            using HttpRequestMessage request = await _client.Transport.CreateRequestAsync(HttpMethod.Get, "libpod/containers/" + Uri.EscapeDataString(id) + "/healthcheck", ct).ConfigureAwait(false);
            using HttpResponseMessage response = await _client.Transport.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (DockerApiException)
        {
        }
    }
}
