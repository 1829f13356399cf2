using System.Globalization;
using System.Net;
using PSDocker.Core.Concurrency;
using PSDocker.Core.Containers;
using PSDocker.Core.Images;
using PSDocker.Core.Json;

namespace PSDocker.Core.Compose.Runtime;

public sealed partial class ComposeRuntime
{
    /// <summary>How often a dependency's health is looked at while something waits for it.</summary>
    internal static TimeSpan HealthPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Converges the engine to a plan: networks and volumes first, then each service's containers once its dependencies
    /// meet their conditions. A service whose containers carry the plan's config hash is left as it is (started if stopped);
    /// one whose hash changed is recreated; the number of containers follows the scale (scaling down removes the highest numbers).
    /// Each service ends with a <see cref="ComposeEventKind.ServiceDone"/> or a <see cref="ComposeEventKind.Failed"/> event;
    /// what was made before a failure stays.
    /// </summary>
    /// <remarks>CLI: <c>docker compose up -d</c> (<c>--pull</c>, <c>--build</c>, <c>--scale</c>, <c>--force-recreate</c>, <c>--no-recreate</c>, <c>--wait</c>, <c>--remove-orphans</c>).</remarks>
    public IAsyncEnumerable<ComposeEvent> UpAsync(ComposePlan plan, ComposeUpOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        return Stream((emit, ct) => new UpRun(this, plan, options, emit).RunAsync(ct), cancellationToken);
    }

    /// <summary>One run of up: the state shared by the service tasks.</summary>
    private sealed class UpRun
    {
        private readonly ComposeRuntime _rt;
        private readonly ComposePlan _plan;
        private readonly ComposeUpOptions _options;
        private readonly Action<ComposeEvent> _emit;
        private readonly Dictionary<string, Task<ServiceOutcome>> _services = new(StringComparer.Ordinal);
        private readonly HashSet<string> _oneShots;
        private Dictionary<string, List<Container>> _existing = new();
        private readonly Dictionary<string, Task> _images = new(StringComparer.Ordinal);
        private SemaphoreSlim _gate = new(1);

        public UpRun(ComposeRuntime rt, ComposePlan plan, ComposeUpOptions options, Action<ComposeEvent> emit)
        {
            _rt = rt;
            _plan = plan;
            _options = options;
            _emit = emit;
            _oneShots = new HashSet<string>(plan.Services.SelectMany(s => s.DependsOn)
                .Where(d => d.Condition == DependencyCondition.ServiceCompletedSuccessfully).Select(d => d.Service), StringComparer.Ordinal);
        }

        private DockerClient Client => _rt._client;
        private string Project => _plan.ProjectName;

        public async Task RunAsync(CancellationToken ct)
        {
            _gate = new SemaphoreSlim(Math.Max(1, _options.ThrottleLimit));
            // The reads go out together: the project's containers, the engine's networks and volumes, and each service's
            // image (looked up, pulled or built while the rest goes on; a service awaits its own before it creates).
            Task<Dictionary<string, List<Container>>> existing = _rt.ProjectContainersAsync(Project, ct);
            Task<HashSet<string>> networkNames = _plan.Networks.Count > 0 ? _rt.NetworkNamesAsync(ct) : Task.FromResult(new HashSet<string>());
            Task<HashSet<string>> volumeNames = _plan.Volumes.Count > 0 ? _rt.VolumeNamesAsync(ct) : Task.FromResult(new HashSet<string>());
            foreach (ServicePlan s in _plan.Services) _images[s.Name] = EnsureImageAsync(s, ct);
            _existing = await existing.ConfigureAwait(false);
            await HandleOrphansAsync(ct).ConfigureAwait(false);

            // Networks and volumes before any container: a failure there stops the run before any container is made.
            HashSet<string> haveNetworks = await networkNames.ConfigureAwait(false);
            HashSet<string> haveVolumes = await volumeNames.ConfigureAwait(false);
            await Task.WhenAll(
                Task.WhenAll(_plan.Networks.Select(n => EnsureNetworkAsync(n, haveNetworks.Contains(n.Name), ct))),
                Task.WhenAll(_plan.Volumes.Select(v => EnsureVolumeAsync(v, haveVolumes.Contains(v.Name), ct)))).ConfigureAwait(false);

            var byName = _plan.Services.ToDictionary(s => s.Name, StringComparer.Ordinal);
            // Every service's task is made before any runs, so _services is only read once it is complete.
            var allKnown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task<ServiceOutcome> Get(string name)
            {
                if (_services.TryGetValue(name, out Task<ServiceOutcome>? t)) return t;
                ServicePlan s = byName[name];
                // Placeholder first, so a cycle (the loader refuses them) cannot recurse forever.
                var deps = new Dictionary<string, Task<ServiceOutcome>>(StringComparer.Ordinal);
                _services[name] = Task.FromResult(ServiceOutcome.Skipped);
                foreach (ServiceDependency d in s.DependsOn)
                    if (byName.ContainsKey(d.Service) && !deps.ContainsKey(d.Service)) deps[d.Service] = Get(d.Service);
                return _services[name] = Task.Run(async () =>
                {
                    await allKnown.Task.ConfigureAwait(false);
                    return await RunServiceAsync(s, deps, ct).ConfigureAwait(false);
                }, CancellationToken.None);
            }
            foreach (ServicePlan s in _plan.Services) _ = Get(s.Name);
            allKnown.SetResult();
            ServiceOutcome[] outcomes = await Task.WhenAll(_services.Values).ConfigureAwait(false);

            if (_options.Wait)
            {
                await Task.WhenAll(outcomes.Where(o => o.Ok).Select(o => WaitReadyAsync(o, ct))).ConfigureAwait(false);
            }
        }

        // ------------------------------------------------------------------ orphans, networks, volumes

        private async Task HandleOrphansAsync(CancellationToken ct)
        {
            var known = new HashSet<string>(_plan.Services.Select(s => s.Name), StringComparer.Ordinal);
            foreach ((string service, List<Container> list) in _existing.Where(kv => !known.Contains(kv.Key)).ToList())
            {
                if (!_options.RemoveOrphans)
                {
                    _emit(new ComposeEvent
                    {
                        Kind = ComposeEventKind.Warning,
                        Service = service,
                        Text = $"Found orphan containers ({string.Join(", ", list.Select(c => c.Name))}) for service '{service}', which project '{Project}' no longer has. Add -RemoveOrphans to remove them.",
                    });
                    continue;
                }
                await Task.WhenAll(list.Select(c => _rt.RemoveContainerAsync(c, _options.Timeout, false, service, _emit, ct))).ConfigureAwait(false);
                _existing.Remove(service);
            }
        }

        private Dictionary<string, string> ResourceLabels(string kindLabel, string key, IReadOnlyDictionary<string, string> own)
        {
            var labels = new Dictionary<string, string>(own, StringComparer.Ordinal)
            {
                [ComposeLabels.Project] = Project,
                [kindLabel] = key,
                [ComposeLabels.Version] = ComposeLabels.VersionValue,
            };
            return labels;
        }

        private async Task EnsureNetworkAsync(NetworkPlan n, bool exists, CancellationToken ct)
        {
            if (exists) return;
            if (n.External)
                throw new ComposeServiceException(Project, null, n.Name,
                    $"Network '{n.Name}' is declared external in project '{Project}', but the engine has no such network. Create it first (New-ContainerNetwork {n.Name}), or remove 'external: true'.",
                    null, ComposeFailure.ExternalMissing);
            _emit(Progress(null, n.Name, "Creating network"));
            await _rt.CreateNetworkAsync(n, ResourceLabels(ComposeLabels.Network, n.Key, n.Labels), ct).ConfigureAwait(false);
            _emit(Progress(null, n.Name, "Network created"));
        }

        private async Task EnsureVolumeAsync(VolumePlan v, bool exists, CancellationToken ct)
        {
            if (exists) return;
            if (v.External)
                throw new ComposeServiceException(Project, null, v.Name,
                    $"Volume '{v.Name}' is declared external in project '{Project}', but the engine has no such volume. Create it first (New-ContainerVolume {v.Name}), or remove 'external: true'.",
                    null, ComposeFailure.ExternalMissing);
            _emit(Progress(null, v.Name, "Creating volume"));
            await _rt.CreateVolumeAsync(v, ResourceLabels(ComposeLabels.Volume, v.Key, v.Labels), ct).ConfigureAwait(false);
            _emit(Progress(null, v.Name, "Volume created"));
        }

        // ------------------------------------------------------------------ one service

        private async Task<ServiceOutcome> RunServiceAsync(ServicePlan s, Dictionary<string, Task<ServiceOutcome>> deps, CancellationToken ct)
        {
            try
            {
                // The image is fetched while the dependencies come up.
                Task image = _images[s.Name];
                foreach (ServiceDependency d in s.DependsOn)
                {
                    if (!deps.TryGetValue(d.Service, out Task<ServiceOutcome>? depTask)) continue;
                    ServiceOutcome dep = await depTask.ConfigureAwait(false);
                    if (!dep.Ok)
                    {
                        if (!d.Required)
                        {
                            _emit(new ComposeEvent { Kind = ComposeEventKind.Warning, Service = s.Name, Text = $"Optional dependency '{d.Service}' failed; starting '{s.Name}' without it." });
                            continue;
                        }
                        throw new ComposeServiceException(Project, s.Name, null,
                            $"Service '{s.Name}' was not started because its dependency '{d.Service}' failed.", null, ComposeFailure.DependencyFailed);
                    }
                    await WaitConditionAsync(s, d, dep, ct).ConfigureAwait(false);
                }
                await image.ConfigureAwait(false);

                await _gate.WaitAsync(ct).ConfigureAwait(false);
                ServiceOutcome outcome;
                try
                {
                    outcome = await ConvergeAsync(s, ct).ConfigureAwait(false);
                }
                finally
                {
                    _gate.Release();
                }
                _emit(new ComposeEvent { Kind = ComposeEventKind.ServiceDone, Service = s.Name, Text = outcome.Result!.Action.ToString(), Result = outcome.Result });
                return outcome;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (ComposeServiceException ex)
            {
                _emit(new ComposeEvent { Kind = ComposeEventKind.Failed, Service = s.Name, Resource = ex.Resource, Text = ex.Message, Error = ex });
                return ServiceOutcome.Failed;
            }
            catch (DockerApiException ex)
            {
                string message = $"Service '{s.Name}' of project '{Project}' failed: {ex.Message}";
                _emit(Failure(Project, s.Name, null, message, ex));
                return ServiceOutcome.Failed;
            }
        }

        private async Task EnsureImageAsync(ServicePlan s, CancellationToken ct)
        {
            string image = s.Template.Image;
            ComposePullPolicy policy = _options.Pull ?? s.PullPolicy;
            bool canBuild = s.Build is not null;
            if (canBuild && (_options.Build || (policy == ComposePullPolicy.Build && !await ImageExistsAsync(image, ct).ConfigureAwait(false))))
            {
                await BuildAsync(s, ct).ConfigureAwait(false);
                return;
            }
            if (policy == ComposePullPolicy.Always && !canBuild)
            {
                await PullAsync(s, ct).ConfigureAwait(false);
                return;
            }
            if (await ImageExistsAsync(image, ct).ConfigureAwait(false)) return;
            if (canBuild) await BuildAsync(s, ct).ConfigureAwait(false);
            else if (policy == ComposePullPolicy.Never)
                throw new ComposeServiceException(Project, s.Name, image,
                    $"Service '{s.Name}' needs image '{image}', which the engine does not have, and its pull policy is 'never'. Pull or build it first.", null, ComposeFailure.Image);
            else await PullAsync(s, ct).ConfigureAwait(false);
        }

        private async Task<bool> ImageExistsAsync(string image, CancellationToken ct)
        {
            try
            {
                await Client.Images.InspectAsync(image, new ImageInspectOptions(), ct).ConfigureAwait(false);
                return true;
            }
            catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.NotFound)
            {
                return false;
            }
        }

        private async Task PullAsync(ServicePlan s, CancellationToken ct)
        {
            string image = s.Template.Image;
            ImageReference reference;
            try
            {
                reference = ImageReference.Parse(image);
            }
            catch (FormatException ex)
            {
                throw new ComposeServiceException(Project, s.Name, image, $"Service '{s.Name}' has an invalid image name '{image}': {ex.Message}", ex, ComposeFailure.Image);
            }
            _emit(Progress(s.Name, image, "Pulling " + reference.FamiliarName));
            RegistryAuth? auth = null;
            try
            {
                auth = DockerConfig.Current().GetAuth(reference.Registry, ct);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Text.Json.JsonException or FormatException)
            {
                _emit(new ComposeEvent { Kind = ComposeEventKind.Warning, Service = s.Name, Text = $"Could not read the stored credential for {reference.Registry}: {ex.Message} Pulling without one." });
            }
            string? error = null;
            try
            {
                await foreach (JsonMessage m in Client.Images.PullAsync(reference, new ImagePullOptions { Auth = auth }, ct).ConfigureAwait(false))
                    error ??= m.ErrorMessage;
            }
            catch (DockerApiException ex) when (ex is not EngineNotSupportedException)
            {
                error = ex.Message;
            }
            if (error is not null)
                throw new ComposeServiceException(Project, s.Name, image,
                    $"Service '{s.Name}' needs image '{reference.FamiliarName}', which could not be pulled: {error}", null, ComposeFailure.Image);
            _emit(Progress(s.Name, image, "Pulled"));
        }

        private async Task BuildAsync(ServicePlan s, CancellationToken ct)
        {
            ServiceBuildPlan b = s.Build!;
            _emit(Progress(s.Name, s.Template.Image, "Building"));
            string? error = null;
            try
            {
                using BuildContext context = BuildContext.Create(b.Context, b.Dockerfile);
                var options = new ImageBuildOptions
                {
                    Tags = new[] { ImageReference.Parse(s.Template.Image) },
                    BuildArgs = b.Args,
                    Labels = b.Labels,
                    Target = b.Target,
                };
                await foreach (JsonMessage m in Client.Images.BuildAsync(context, options, ct).ConfigureAwait(false))
                    error ??= m.ErrorMessage;
            }
            catch (Exception ex) when (ex is DockerApiException or IOException or FormatException or ArgumentException or UnauthorizedAccessException)
            {
                error = ex.Message;
            }
            if (error is not null)
                throw new ComposeServiceException(Project, s.Name, s.Template.Image, $"Service '{s.Name}': building its image failed: {error}", null, ComposeFailure.Image);
            _emit(Progress(s.Name, s.Template.Image, "Built"));
        }

        // ------------------------------------------------------------------ dependency conditions

        private async Task WaitConditionAsync(ServicePlan s, ServiceDependency d, ServiceOutcome dep, CancellationToken ct)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (_options.WaitTimeout is { } timeout) limit.CancelAfter(timeout);
            try
            {
                switch (d.Condition)
                {
                    case DependencyCondition.ServiceHealthy:
                        _emit(Progress(s.Name, null, $"Waiting for {d.Service} to be healthy"));
                        foreach (string id in dep.ContainerIds)
                        {
                            string? problem = await _rt.WaitHealthyAsync(id, limit.Token).ConfigureAwait(false);
                            if (problem is not null)
                                throw new ComposeServiceException(Project, s.Name, d.Service,
                                    $"Service '{s.Name}' was not started: its dependency '{d.Service}' {problem}.", null, ComposeFailure.DependencyUnhealthy);
                        }
                        break;
                    case DependencyCondition.ServiceCompletedSuccessfully:
                        _emit(Progress(s.Name, null, $"Waiting for {d.Service} to complete"));
                        foreach (string id in dep.ContainerIds)
                        {
                            int code = await Client.Containers.WaitAsync(id, new ContainerWaitOptions { Condition = WaitCondition.NotRunning }, limit.Token).ConfigureAwait(false);
                            if (code != 0)
                                throw new ComposeServiceException(Project, s.Name, d.Service,
                                    $"Service '{s.Name}' was not started: its dependency '{d.Service}' did not complete successfully (exit code {code}). See Get-ContainerLog {dep.Names[dep.ContainerIds.ToList().IndexOf(id)]}.",
                                    null, ComposeFailure.DependencyExited);
                        }
                        break;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new ComposeServiceException(Project, s.Name, d.Service,
                    $"Service '{s.Name}' was not started: waiting for its dependency '{d.Service}' took longer than {_options.WaitTimeout}.", null, ComposeFailure.Timeout);
            }
        }

        private async Task WaitReadyAsync(ServiceOutcome o, CancellationToken ct)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (_options.WaitTimeout is { } timeout) limit.CancelAfter(timeout);
            string service = o.Result!.Service;
            try
            {
                for (int i = 0; i < o.ContainerIds.Count; i++)
                {
                    _emit(Progress(service, o.Names[i], "Waiting"));
                    string? problem = await _rt.WaitReadyAsync(o.ContainerIds[i], _oneShots.Contains(service), limit.Token).ConfigureAwait(false);
                    if (problem is not null)
                    {
                        _emit(Failure(Project, service, o.Names[i], $"Service '{service}' is not ready: container '{o.Names[i]}' {problem}.", null, ComposeFailure.NotReady));
                        return;
                    }
                    _emit(Progress(service, o.Names[i], "Ready"));
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                _emit(Failure(Project, service, null, $"Service '{service}' was not ready within {_options.WaitTimeout}.", null, ComposeFailure.Timeout));
            }
        }

        // ------------------------------------------------------------------ containers

        private async Task<ServiceOutcome> ConvergeAsync(ServicePlan s, CancellationToken ct)
        {
            int want = _options.Scale.TryGetValue(s.Name, out int scale) ? scale : s.Scale;
            if (s.ContainerName is not null && want > 1)
                throw new ComposeServiceException(Project, s.Name, s.ContainerName,
                    $"Service '{s.Name}' sets container_name '{s.ContainerName}', so it cannot run {want} containers. Remove container_name to scale it.", null, ComposeFailure.Engine);

            List<Container> have = _existing.TryGetValue(s.Name, out List<Container>? list) ? list : new List<Container>();
            var excess = have.Where(c => ComposeLabels.NumberOf(c.Labels) > want || ComposeLabels.NumberOf(c.Labels) < 1).OrderByDescending(c => ComposeLabels.NumberOf(c.Labels)).ToList();
            var keep = have.Except(excess).GroupBy(c => ComposeLabels.NumberOf(c.Labels)).Select(g => g.First()).ToList();
            excess.AddRange(have.Except(excess).Except(keep)); // duplicates of a number

            // Scale down: highest numbers first.
            await OrderedWork.RunAsync(excess, ContainerThrottle, async (c, ct2) =>
            {
                await _rt.RemoveContainerAsync(c, _options.Timeout ?? s.StopTimeout, false, s.Name, _emit, ct2).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);

            var final = new SortedDictionary<int, (string Name, string Id)>();
            var kept = new List<ComposeServiceAction>();
            var work = new List<Task>();
            object sync = new();
            foreach (Container c in keep)
            {
                int n = ComposeLabels.NumberOf(c.Labels);
                bool stale = !string.Equals(c.Labels.GetValueOrDefault(ComposeLabels.ConfigHash), s.ConfigHash, StringComparison.Ordinal);
                if (_options.ForceRecreate || (stale && !_options.NoRecreate))
                {
                    lock (sync) kept.Add(ComposeServiceAction.Recreated);
                    work.Add(RecordAsync(n, RecreateAsync(s, c, n, ct)));
                    continue;
                }
                lock (sync) final[n] = (c.Name, c.Id);
                if (c.State == ContainerState.Running)
                {
                    kept.Add(ComposeServiceAction.Running);
                }
                else if (c.State == ContainerState.Stopped && c.ExitCode == 0 && _oneShots.Contains(s.Name) && !stale)
                {
                    kept.Add(ComposeServiceAction.Completed);
                }
                else
                {
                    kept.Add(ComposeServiceAction.Started);
                    work.Add(StartExistingAsync(s, c, ct));
                }
            }
            var missing = Enumerable.Range(1, Math.Max(0, want)).Where(n => !keep.Any(c => ComposeLabels.NumberOf(c.Labels) == n)).ToList();
            foreach (int n in missing)
                work.Add(RecordAsync(n, CreateAndStartAsync(s, n, ct)));
            await Task.WhenAll(work).ConfigureAwait(false);

            async Task RecordAsync(int n, Task<(string Name, string Id)> made)
            {
                (string Name, string Id) r = await made.ConfigureAwait(false);
                lock (sync) final[n] = r;
            }

            ComposeServiceAction action =
                kept.Contains(ComposeServiceAction.Recreated) ? ComposeServiceAction.Recreated
                : missing.Count > 0 && have.Count == 0 ? ComposeServiceAction.Created
                : missing.Count > 0 || excess.Count > 0 ? ComposeServiceAction.Scaled
                : kept.Contains(ComposeServiceAction.Started) ? ComposeServiceAction.Started
                : kept.Count > 0 && kept.All(k => k == ComposeServiceAction.Completed) ? ComposeServiceAction.Completed
                : ComposeServiceAction.Running;
            var result = new ComposeServiceResult
            {
                Project = Project,
                Service = s.Name,
                Action = action,
                Containers = final.Values.Select(v => v.Name).ToList(),
                ContainerIds = final.Values.Select(v => v.Id).ToList(),
                ConfigHash = s.ConfigHash,
                Endpoint = _rt.EndpointText,
            };
            return new ServiceOutcome(true, result);
        }

        private async Task StartExistingAsync(ServicePlan s, Container c, CancellationToken ct)
        {
            _emit(Progress(s.Name, c.Name, "Starting"));
            await StartOrFailAsync(s, c.Name, c.Id, ct).ConfigureAwait(false);
            _emit(Progress(s.Name, c.Name, "Started"));
        }

        private async Task<(string Name, string Id)> RecreateAsync(ServicePlan s, Container old, int number, CancellationToken ct)
        {
            _emit(Progress(s.Name, old.Name, "Recreating"));
            await _rt.RemoveContainerAsync(old, _options.Timeout ?? s.StopTimeout, false, s.Name, _ => { }, ct).ConfigureAwait(false);
            return await CreateAndStartAsync(s, number, ct).ConfigureAwait(false);
        }

        private async Task<(string Name, string Id)> CreateAndStartAsync(ServicePlan s, int number, CancellationToken ct)
        {
            string name = s.ContainerName ?? ComposeLabels.ContainerName(Project, s.Name, number);
            _emit(Progress(s.Name, name, "Creating"));
            ContainerCreateOptions options = await CreateOptionsAsync(s, name, number, ct).ConfigureAwait(false);
            string id;
            try
            {
                id = await Client.Containers.CreateAsync(options, ct).ConfigureAwait(false);
            }
            catch (DockerApiException ex) when (ex is not EngineNotSupportedException)
            {
                string why = ex.Kind is ApiErrorKind.NameInUse or ApiErrorKind.Conflict
                    ? $"the name '{name}' is taken by a container that is not part of project '{Project}' ({ex.Message}). Remove or rename it"
                    : ex.Message;
                throw new ComposeServiceException(Project, s.Name, name, $"Service '{s.Name}': container '{name}' could not be created: {why}.", ex, ComposeFailure.Engine);
            }
            _emit(Progress(s.Name, name, "Starting"));
            await StartOrFailAsync(s, name, id, ct).ConfigureAwait(false);
            _emit(Progress(s.Name, name, "Started"));
            return (name, id);
        }

        private async Task StartOrFailAsync(ServicePlan s, string name, string id, CancellationToken ct)
        {
            try
            {
                await Client.Containers.StartAsync(id, new ContainerStartOptions(), ct).ConfigureAwait(false);
            }
            catch (DockerApiException ex) when (ex is not EngineNotSupportedException)
            {
                throw new ComposeServiceException(Project, s.Name, name,
                    $"Service '{s.Name}': container '{name}' was created but did not start: {ex.Message}. It stays (Get-ComposeProject {Project}); fix the service and run Start-ComposeProject again, or remove the project with Remove-ComposeProject {Project}.",
                    ex, ComposeFailure.Engine);
            }
        }

        private async Task<ContainerCreateOptions> CreateOptionsAsync(ServicePlan s, string name, int number, CancellationToken ct)
        {
            var labels = new Dictionary<string, string>(s.Template.Labels, StringComparer.Ordinal)
            {
                [ComposeLabels.Project] = Project,
                [ComposeLabels.Service] = s.Name,
                [ComposeLabels.ContainerNumber] = number.ToString(CultureInfo.InvariantCulture),
                [ComposeLabels.OneOff] = "False",
                [ComposeLabels.ConfigHash] = s.ConfigHash,
                [ComposeLabels.WorkingDir] = _plan.WorkingDirectory,
                [ComposeLabels.ConfigFiles] = string.Join(",", _plan.ConfigFiles),
                [ComposeLabels.Version] = ComposeLabels.VersionValue,
                [ComposeLabels.DependsOn] = string.Join(",", s.DependsOn.Select(d => d.Service + ":" + ConditionText(d.Condition) + ":" + (d.Restart ? "true" : "false"))),
            };
            if (_plan.EnvironmentFiles.Count > 0) labels[ComposeLabels.EnvironmentFile] = string.Join(",", _plan.EnvironmentFiles);

            var networks = new List<NetworkAttachment>();
            foreach (ServiceNetworkPlan sn in s.Networks)
            {
                NetworkPlan? n = _plan.Networks.FirstOrDefault(x => x.Key == sn.Key);
                var aliases = new List<string> { name, s.Name };
                foreach (string a in sn.Aliases) if (!aliases.Contains(a)) aliases.Add(a);
                networks.Add(new NetworkAttachment(n?.Name ?? sn.Key) { Aliases = aliases, IPv4Address = sn.IPv4Address });
            }
            string? mode = await ResolveModeAsync(s, s.Template.NetworkMode, ct).ConfigureAwait(false);
            return s.Template with
            {
                Name = name,
                Labels = labels,
                Networks = mode is null ? networks : Array.Empty<NetworkAttachment>(),
                NetworkMode = mode,
                IpcMode = await ResolveModeAsync(s, s.Template.IpcMode, ct).ConfigureAwait(false),
                PidMode = await ResolveModeAsync(s, s.Template.PidMode, ct).ConfigureAwait(false),
            };
        }

        /// <summary><c>service:x</c> becomes <c>container:&lt;id of x's first container&gt;</c>.</summary>
        private async Task<string?> ResolveModeAsync(ServicePlan s, string? mode, CancellationToken ct)
        {
            if (mode is null || !mode.StartsWith("service:", StringComparison.Ordinal)) return mode;
            string other = mode[8..];
            if (_services.TryGetValue(other, out Task<ServiceOutcome>? t))
            {
                ServiceOutcome o = await t.ConfigureAwait(false);
                if (o.Ok && o.ContainerIds.Count > 0) return "container:" + o.ContainerIds[0];
            }
            throw new ComposeServiceException(Project, s.Name, other, $"Service '{s.Name}' shares a namespace with service '{other}', which has no container.", null, ComposeFailure.DependencyFailed);
        }
    }

    private static string ConditionText(DependencyCondition c) => c switch
    {
        DependencyCondition.ServiceHealthy => "service_healthy",
        DependencyCondition.ServiceCompletedSuccessfully => "service_completed_successfully",
        _ => "service_started",
    };

    /// <summary>How one service ended in a run of up.</summary>
    private sealed record ServiceOutcome(bool Ok, ComposeServiceResult? Result)
    {
        public static readonly ServiceOutcome Failed = new(false, null);
        public static readonly ServiceOutcome Skipped = new(false, null);
        public IReadOnlyList<string> ContainerIds => Result?.ContainerIds ?? Array.Empty<string>();
        public IReadOnlyList<string> Names => Result?.Containers ?? Array.Empty<string>();
    }
}
