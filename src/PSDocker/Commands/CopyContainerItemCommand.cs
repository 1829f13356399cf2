using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Archives;
using PSDocker.Core.Containers;
using PSDocker.Errors;
using PSDocker.Progress;

namespace PSDocker.Commands;

/// <summary>
/// Copies files and directory trees between the local file system and a container (<c>docker cp</c>), both ways,
/// as a tar stream that is written and read while it moves.
/// </summary>
[Cmdlet(VerbsCommon.Copy, "ContainerItem", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(FileInfo), typeof(DirectoryInfo), typeof(ContainerPathInfo))]
public sealed class CopyContainerItemCommand : DockerCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralSet = "LiteralPath";
    private static readonly char[] ContainerSeparators = { '/' };
    private static readonly char[] LocalSeparators = OperatingSystem.IsWindows() ? new[] { '\\', '/' } : new[] { '/' };

    /// <summary>
    /// What to copy: local paths (wildcards allowed) or, with a container, paths in it (<c>web:/etc/hosts</c>, or
    /// <c>/etc/hosts</c> with -Container). A directory is copied with everything in it; <c>dir/.</c> copies only what is in it.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Like -Path, with no wildcard expansion.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>
    /// Where to copy to: a local path, or a path in a container (<c>web:/srv</c>, or <c>/srv</c> with -Container -ToContainer).
    /// An existing directory receives the source under its own name; a path that does not exist becomes the copy's name.
    /// </summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Destination { get; set; } = "";

    /// <summary>
    /// The container (name or ID) when the paths do not name it: -Path is then in the container, or -Destination with
    /// -ToContainer. Binds from piped containers.
    /// </summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerCompleter))]
    public string? Container { get; set; }

    /// <summary>With -Container: -Destination is in the container (copy into it); without, -Path is (copy out of it).</summary>
    [Parameter]
    public SwitchParameter ToContainer { get; set; }

    /// <summary>When the source itself is a symbolic link, copy what it points to (docker cp -L). Links inside a tree stay links.</summary>
    [Parameter]
    [Alias("L")]
    public SwitchParameter FollowLink { get; set; }

    /// <summary>Into a container: keep the files' owners (user and group IDs), as docker cp -a; otherwise they belong to the container's root.</summary>
    [Parameter]
    public SwitchParameter Archive { get; set; }

    /// <summary>Replace a file that is already at the destination.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Return what was made: FileInfo or DirectoryInfo locally, a ContainerPathInfo in a container.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private string[] Sources => ParameterSetName == LiteralSet ? LiteralPath : Path;

    /// <summary>Splits <c>container:path</c>; a rooted or relative local path (<c>/x</c>, <c>./a:b</c>, <c>C:\x</c>) is not one.</summary>
    internal static bool TrySplitContainerPath(string text, out string container, out string path)
    {
        container = path = "";
        if (text.StartsWith('.') || text.StartsWith('~') || System.IO.Path.IsPathRooted(text)) return false;
        int colon = text.IndexOf(':');
        if (colon <= 0) return false;
        string name = text[..colon];
        if (ContainerNames.Check(name) is not null) return false;
        container = name;
        path = text[(colon + 1)..];
        return true;
    }

    private static string Absolute(string containerPath) => containerPath.StartsWith('/') ? containerPath : "/" + containerPath;

    protected override void ProcessRecord()
    {
        if (Container is not null)
        {
            if (Sources.Any(s => TrySplitContainerPath(s, out _, out _)) || TrySplitContainerPath(Destination, out _, out _))
                ThrowTerminatingError(ArchiveErrors.Usage("ContainerGivenTwice", "Name the container once: either with -Container, or as container:path, not both.", Container));
            if (ToContainer) Upload(Container, Sources, Absolute(Destination));
            else Download(Container, Sources.Select(Absolute).ToArray(), Destination);
            return;
        }

        bool toContainer = TrySplitContainerPath(Destination, out string dstContainer, out string dstPath);
        var fromContainers = Sources.Select(s => TrySplitContainerPath(s, out string c, out string p) ? (Container: c, Path: p) : (Container: (string?)null, Path: s)).ToArray();
        bool fromContainer = fromContainers.Any(s => s.Container is not null);
        if (toContainer && fromContainer)
            ThrowTerminatingError(ArchiveErrors.Usage("CopyBetweenContainers", "Copying from one container to another is not supported (nor by docker cp): copy to a local directory first.", Destination));
        if (!toContainer && !fromContainer)
            ThrowTerminatingError(ArchiveErrors.Usage("NoContainerPath", "Neither -Path nor -Destination names a container: write one as container:path (web:/srv), or use -Container. Copy-Item copies local files.", Destination));
        if (toContainer)
        {
            Upload(dstContainer, Sources, Absolute(dstPath));
            return;
        }
        if (fromContainers.Any(s => s.Container is null) || fromContainers.Select(s => s.Container).Distinct(StringComparer.Ordinal).Count() > 1)
            ThrowTerminatingError(ArchiveErrors.Usage("MixedSources", "Copy from one container at a time: every -Path must be container:path with the same container.", string.Join(",", Sources)));
        Download(fromContainers[0].Container!, fromContainers.Select(s => Absolute(s.Path)).ToArray(), Destination);
    }

    // ---- Local → container ----

    private void Upload(string container, string[] sources, string destination)
    {
        // Every local source is checked before anything is sent.
        var locals = new List<(string Given, string Full)>();
        foreach (string source in sources)
        {
            IEnumerable<string> resolved;
            try
            {
                resolved = ParameterSetName == LiteralSet
                    ? new[] { SessionState.Path.GetUnresolvedProviderPathFromPSPath(source) }
                    : SessionState.Path.GetResolvedProviderPathFromPSPath(source, out _);
            }
            catch (ItemNotFoundException)
            {
                WriteError(ArchiveErrors.LocalPathNotFound(source));
                continue;
            }
            foreach (string full in resolved)
            {
                if (!File.Exists(full) && !Directory.Exists(full) && new FileInfo(full).LinkTarget is null)
                {
                    WriteError(ArchiveErrors.LocalPathNotFound(source));
                    continue;
                }
                // Keep a trailing /. of the source as given: it means "the contents".
                string given = CopyPlan.IsContentsPath(source) && !CopyPlan.IsContentsPath(full) ? full.TrimEnd(LocalSeparators) + "/." : full;
                locals.Add((given, full));
            }
        }
        // -WhatIf asks before anything reaches the engine (even the destination's stat).
        locals = locals.Where(l => ShouldProcess($"{container}:{destination}", $"Copy '{l.Full}'")).ToList();
        if (locals.Count == 0) return;

        DockerClient client = Client;
        string endpoint = client.Endpoint.ToString();
        ContainerPathInfo? dstStat;
        try
        {
            dstStat = StatFollowingLink(client, container, destination);
        }
        catch (DockerApiException ex)
        {
            WriteContainerError(ex, container, client);
            return;
        }
        var facts = new DestinationFacts(dstStat is not null, dstStat?.IsDirectory == true);
        if (locals.Count > 1 && !facts.IsDirectory)
        {
            WriteError(ArchiveErrors.Refused(CopyRefusal.DestinationDirectoryMissing, string.Join(", ", locals.Select(l => l.Given)), $"{container}:{destination}"));
            return;
        }
        string realDestination = dstStat?.Path ?? destination;

        foreach ((string given, string full) in locals)
        {
            bool isDir = FollowLink ? Directory.Exists(full) : IsLocalDirectory(full);
            CopyTarget target = CopyPlan.Plan(given, isDir, realDestination, facts, ContainerSeparators);
            string shown = $"{container}:{CopyPlan.Join(target.Directory, target.Name)}";
            if (target.Refusal is { } refusal)
            {
                WriteError(ArchiveErrors.Refused(refusal, given, $"{container}:{destination}"));
                continue;
            }
            if (!Force && target.Name.Length > 0)
            {
                try
                {
                    string item = CopyPlan.Join(target.Directory, target.Name);
                    if (Wait(ct => client.Containers.StatPathAsync(container, new ContainerStatPathOptions { Path = item }, ct)) is { IsDirectory: false })
                    {
                        WriteError(ArchiveErrors.DestinationExists(shown));
                        continue;
                    }
                }
                catch (DockerApiException ex)
                {
                    WriteContainerError(ex, container, client);
                    return;
                }
            }
            var progress = new TransferProgressWriter(1, $"Copying {full} to {shown}");
            var tar = new TarUpload(progress);
            try
            {
                tar.Add(full, target.Name, FollowLink);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(ArchiveErrors.LocalIOFailed(ex, full, "Reading the local files"));
                continue;
            }
            try
            {
                WaitWithProgress(async ct =>
                {
                    await client.Containers.PutArchiveAsync(container, new ContainerPutArchiveOptions { Path = target.Directory, CopyUidGid = Archive }, tar, ct).ConfigureAwait(false);
                    return true;
                }, progress);
            }
            catch (DockerApiException ex)
            {
                WriteError(ArchiveErrors.FromCopy(ex, container, target.Directory, endpoint));
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(ArchiveErrors.LocalIOFailed(ex, full, "Reading the local files"));
                continue;
            }
            if (PassThru)
            {
                string made = CopyPlan.Join(target.Directory, target.Name);
                if (Wait(ct => client.Containers.StatPathAsync(container, new ContainerStatPathOptions { Path = made }, ct)) is { } info)
                    WriteObject(info);
            }
        }
    }

    private static bool IsLocalDirectory(string full) => Directory.Exists(full) && (new DirectoryInfo(full).LinkTarget is null);

    /// <summary>The stat of a container path; a link at it is followed once (docker cp copies into the directory a link names).</summary>
    private ContainerPathInfo? StatFollowingLink(DockerClient client, string container, string path)
    {
        ContainerPathInfo? stat = Wait(ct => client.Containers.StatPathAsync(container, new ContainerStatPathOptions { Path = path }, ct));
        if (stat is not { IsSymbolicLink: true, LinkTarget: { } link }) return stat;
        string target = link.StartsWith('/') ? link : CopyPlan.Join(CopyPlan.ParentOf(path, ContainerSeparators), link);
        ContainerPathInfo? linked = Wait(ct => client.Containers.StatPathAsync(container, new ContainerStatPathOptions { Path = target }, ct));
        return linked is null ? null : new ContainerPathInfo
        {
            Container = linked.Container, Path = target, Name = linked.Name, Size = linked.Size, Mode = linked.Mode, IsDirectory = linked.IsDirectory,
            IsSymbolicLink = false, LastWriteTime = linked.LastWriteTime, Endpoint = linked.Endpoint,
        };
    }

    // ---- Container → local ----

    private void Download(string container, string[] sources, string destination)
    {
        string local = SessionState.Path.GetUnresolvedProviderPathFromPSPath(destination);
        // Keep a trailing separator as given: it says "this must be a directory".
        if (destination.Length > 0 && LocalSeparators.Contains(destination[^1]) && !LocalSeparators.Contains(local[^1])) local += System.IO.Path.DirectorySeparatorChar;
        var facts = new DestinationFacts(File.Exists(local.TrimEnd(LocalSeparators)) || Directory.Exists(local), Directory.Exists(local));
        if (sources.Length > 1 && !facts.IsDirectory)
        {
            WriteError(ArchiveErrors.Refused(CopyRefusal.DestinationDirectoryMissing, string.Join(", ", sources), destination));
            return;
        }

        DockerClient client = Client;
        string endpoint = client.Endpoint.ToString();
        foreach (string source in sources)
        {
            if (!ShouldProcess(destination, $"Copy '{container}:{source}'")) continue;
            ContainerPathInfo? stat;
            try
            {
                stat = Wait(ct => client.Containers.StatPathAsync(container, new ContainerStatPathOptions { Path = source }, ct));
            }
            catch (DockerApiException ex)
            {
                WriteContainerError(ex, container, client);
                return;
            }
            if (stat is null)
            {
                WriteError(ArchiveErrors.ContainerPathNotFound(container, source, endpoint));
                continue;
            }
            string read = source;
            if (FollowLink && stat is { IsSymbolicLink: true, LinkTarget: { } link })
            {
                read = link.StartsWith('/') ? link : CopyPlan.Join(CopyPlan.ParentOf(source, ContainerSeparators), link);
                stat = Wait(ct => client.Containers.StatPathAsync(container, new ContainerStatPathOptions { Path = read }, ct));
                if (stat is null)
                {
                    WriteError(ArchiveErrors.ContainerPathNotFound(container, read, endpoint));
                    continue;
                }
            }

            CopyTarget target = CopyPlan.Plan(source, stat.IsDirectory, local, facts, LocalSeparators);
            if (target.Refusal is { } refusal)
            {
                WriteError(ArchiveErrors.Refused(refusal, $"{container}:{source}", destination));
                continue;
            }
            if (!Directory.Exists(target.Directory))
            {
                WriteError(ArchiveErrors.DestinationParentMissing(target.Directory));
                continue;
            }
            string made = target.Name.Length == 0 ? target.Directory : System.IO.Path.Combine(target.Directory, target.Name);
            if (!Force && target.Name.Length > 0 && File.Exists(made))
            {
                WriteError(ArchiveErrors.DestinationExists(made));
                continue;
            }
            if (stat is { IsSymbolicLink: true, LinkTarget: { } linkTarget } && Wait(ct => client.Transport.GetHandshakeAsync(ct)).IsPodman)
            {
                // Podman's archive of a link holds what it points to: make the link itself, as docker cp does without -L.
                try
                {
                    if (File.Exists(made) || new FileInfo(made).LinkTarget is not null) File.Delete(made);
                    File.CreateSymbolicLink(made, linkTarget);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    WriteError(ArchiveErrors.LocalIOFailed(ex, made, $"Copying {container}:{source}"));
                    continue;
                }
                if (PassThru) WriteLocalItem(made);
                continue;
            }

            var progress = new TransferProgressWriter(1, $"Copying {container}:{source} to {made}");
            try
            {
                WaitWithProgress(async ct =>
                {
                    await using EngineTarStream tar = await client.Containers.GetArchiveAsync(container, new ContainerGetArchiveOptions { Path = read }, ct).ConfigureAwait(false);
                    var options = new TarExtractOptions
                    {
                        Destination = target.Directory,
                        RootName = target.Name,
                        ContentsOnly = stat.IsDirectory && CopyPlan.IsContentsPath(source),
                        TotalBytes = stat.IsDirectory ? null : stat.Size,
                    };
                    return await TarExtractor.ExtractAsync(tar.Content, options, progress, ct).ConfigureAwait(false);
                }, progress);
            }
            catch (DockerApiException ex)
            {
                WriteError(ArchiveErrors.FromCopy(ex, container, read, endpoint));
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                WriteError(ArchiveErrors.LocalIOFailed(ex, made, $"Copying {container}:{source}"));
                continue;
            }
            if (PassThru)
                WriteLocalItem(made);
        }
    }
}
