using System.Formats.Tar;
using System.Net;

namespace PSDocker.Core.Archives;

/// <summary>
/// Local files and directories sent to the engine as a tar stream written while it is sent (chunked, never buffered
/// whole): the body of <c>PUT /containers/{id}/archive</c>. Each source becomes one tree in the tar under the name given.
/// </summary>
public sealed class TarUpload : HttpContent
{
    private readonly List<(string FullPath, string Name)> _entries = new();
    private readonly IProgress<TransferProgress>? _progress;
    private int _entriesSent;

    /// <param name="progress">Told the bytes sent so far (about every 256 KiB and at each entry), from the sending thread.</param>
    public TarUpload(IProgress<TransferProgress>? progress = null)
    {
        _progress = progress;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
    }

    /// <summary>The sum of the sizes of the regular files to send.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>How many entries (files, directories, links) the tar holds.</summary>
    public int EntryCount => _entries.Count;

    /// <summary>
    /// Adds a file, link or directory tree. A directory's own entry is named <paramref name="name"/> and its contents go
    /// below it; with an empty <paramref name="name"/> only the contents go, at the top of the tar (docker cp's <c>dir/.</c>).
    /// Symbolic links inside a tree are sent as links.
    /// </summary>
    /// <param name="path">The local path. With <paramref name="followLink"/>, a link given here is replaced by what it points to.</param>
    /// <param name="name">The name in the tar (forward slashes).</param>
    /// <param name="followLink">Send what a link at <paramref name="path"/> points to, under <paramref name="name"/> (docker cp -L).</param>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    public void Add(string path, string name, bool followLink)
    {
        var entry = new FileInfo(path);
        bool isLink = entry.LinkTarget is not null;
        if (isLink && followLink)
        {
            FileSystemInfo? target = entry.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !(File.Exists(target.FullName) || Directory.Exists(target.FullName)))
                throw new FileNotFoundException($"The link '{path}' points to '{entry.LinkTarget}', which does not exist.", path);
            path = target.FullName;
            isLink = false;
        }
        else if (!isLink && !File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"Cannot find path '{path}' because it does not exist.", path);
        }

        if (!isLink && Directory.Exists(path))
        {
            var dir = new DirectoryInfo(path);
            if (name.Length > 0) _entries.Add((dir.FullName, name));
            Walk(dir, name);
            return;
        }
        if (name.Length == 0) throw new ArgumentException("A file needs a name in the tar.", nameof(name));
        _entries.Add((Path.GetFullPath(path), name));
        if (!isLink) TotalBytes += new FileInfo(path).Length;
    }

    private void Walk(DirectoryInfo dir, string prefix)
    {
        foreach (FileSystemInfo child in dir.EnumerateFileSystemInfos().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            string name = prefix.Length == 0 ? child.Name : prefix + "/" + child.Name;
            _entries.Add((child.FullName, name));
            if (child.LinkTarget is not null) continue;
            if (child is DirectoryInfo sub) Walk(sub, name);
            else if (child is FileInfo file) TotalBytes += file.Length;
        }
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        long lastReport = 0;
        string? current = null;
        void OnCount(long total)
        {
            if (_progress is null || total - lastReport < 256 * 1024) return;
            lastReport = total;
            _progress.Report(new TransferProgress(total, TotalBytes, Volatile.Read(ref _entriesSent), current));
        }

        // Large writes to the connection: the tar writer's 512-byte headers and padding would otherwise go one by one.
        var buffered = new BufferedStream(stream, 256 * 1024);
        var counting = new CountingStream(buffered, OnCount, leaveOpen: true);
        await using (var writer = new TarWriter(counting, TarEntryFormat.Gnu, leaveOpen: true))
        {
            foreach ((string fullPath, string name) in _entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                current = name;
                await writer.WriteEntryAsync(fullPath, name, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _entriesSent);
            }
        }
        await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
        _progress?.Report(new TransferProgress(counting.Count, TotalBytes, _entriesSent, null));
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false; // chunked: the tar is made as it is sent
    }
}
