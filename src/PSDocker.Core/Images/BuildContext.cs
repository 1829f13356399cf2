using System.Formats.Tar;
using System.Net;
using PSDocker.Core.Archives;

namespace PSDocker.Core.Images;

/// <summary>
/// A build context: the files of a directory that <c>.dockerignore</c> lets through, sent to the engine as a
/// tar stream written while it is sent (never buffered whole). Counters tell how far the upload is.
/// </summary>
public sealed class BuildContext : HttpContent
{
    private readonly List<(string FullPath, string Name)> _entries;
    private readonly string? _extraDockerfile;
    private long _bytesSent;
    private int _filesSent;

    private BuildContext(string directory, List<(string, string)> entries, long totalBytes, string dockerfileName, string? extraDockerfile)
    {
        Directory = directory;
        _entries = entries;
        TotalBytes = totalBytes;
        DockerfileName = dockerfileName;
        _extraDockerfile = extraDockerfile;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
    }

    /// <summary>The context directory.</summary>
    public string Directory { get; }

    /// <summary>The Dockerfile's path inside the context, as the <c>dockerfile</c> query parameter takes it.</summary>
    public string DockerfileName { get; }

    /// <summary>The Dockerfile's path on disk.</summary>
    public string DockerfileSource { get; private init; } = "";

    /// <summary>How many entries (files, directories, links) the context holds.</summary>
    public int EntryCount => _entries.Count + (_extraDockerfile is null ? 0 : 1);

    /// <summary>The sum of the files' sizes.</summary>
    public long TotalBytes { get; }

    /// <summary>Bytes of the tar stream (headers and padding included) written so far.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Entries written so far.</summary>
    public int FilesSent => Volatile.Read(ref _filesSent);

    /// <summary>Walks a context directory, applying its <c>.dockerignore</c>. A Dockerfile outside the context is added under a generated name, as the docker CLI does.</summary>
    /// <param name="directory">The context directory.</param>
    /// <param name="dockerfile">The Dockerfile: null for <c>Dockerfile</c> in the context; a path relative to the context, or absolute.</param>
    /// <exception cref="DirectoryNotFoundException">The context does not exist.</exception>
    /// <exception cref="FileNotFoundException">The Dockerfile does not exist.</exception>
    public static BuildContext Create(string directory, string? dockerfile)
    {
        string root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root)) throw new DirectoryNotFoundException($"The build context '{root}' does not exist.");
        string dockerfilePath = Path.GetFullPath(string.IsNullOrEmpty(dockerfile) ? "Dockerfile" : dockerfile, root);
        if (!File.Exists(dockerfilePath)) throw new FileNotFoundException($"The Dockerfile '{dockerfilePath}' does not exist.", dockerfilePath);

        DockerIgnore ignore = DockerIgnore.Load(root);
        string relDockerfile = Path.GetRelativePath(root, dockerfilePath).Replace('\\', '/');
        bool outside = relDockerfile.StartsWith("../", StringComparison.Ordinal) || relDockerfile == ".." || Path.IsPathRooted(relDockerfile);

        var entries = new List<(string, string)>();
        long total = 0;
        Walk(root, "", ignore, entries, ref total, outside ? null : relDockerfile);

        string? extra = null;
        string name = relDockerfile;
        if (outside)
        {
            name = ".dockerfile." + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10)).ToLowerInvariant();
            extra = dockerfilePath;
            total += new FileInfo(dockerfilePath).Length;
        }
        return new BuildContext(root, entries, total, name, extra) { DockerfileSource = dockerfilePath };
    }

    private static void Walk(string root, string prefix, DockerIgnore ignore, List<(string, string)> entries, ref long total, string? relDockerfile)
    {
        string dir = prefix.Length == 0 ? root : Path.Combine(root, prefix);
        var children = new DirectoryInfo(dir).EnumerateFileSystemInfos().OrderBy(f => f.Name, StringComparer.Ordinal);
        foreach (FileSystemInfo info in children)
        {
            string rel = prefix.Length == 0 ? info.Name : prefix + "/" + info.Name;
            // The Dockerfile and .dockerignore always go, as with the docker CLI.
            bool always = rel == relDockerfile || rel == ".dockerignore";
            bool excluded = !always && ignore.IsExcluded(rel);
            bool isDir = info is DirectoryInfo && info.LinkTarget is null;
            bool leadsToDockerfile = relDockerfile is not null && relDockerfile.StartsWith(rel + "/", StringComparison.Ordinal);
            if (excluded && !(isDir && (ignore.HasExceptions || leadsToDockerfile))) continue;
            if (!excluded) entries.Add((info.FullName, rel));
            if (isDir) Walk(root, rel, ignore, entries, ref total, relDockerfile);
            else if (!excluded && info is FileInfo fi && info.LinkTarget is null) total += fi.Length;
        }
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // Large writes to the connection, counted on their way.
        var counting = new CountingStream(new BufferedStream(stream, 64 * 1024), n => Interlocked.Exchange(ref _bytesSent, n), leaveOpen: true);
        await using (var writer = new TarWriter(counting, TarEntryFormat.Gnu, leaveOpen: true))
        {
            foreach ((string fullPath, string name) in _entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteEntryAsync(fullPath, name, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _filesSent);
            }
            if (_extraDockerfile is not null)
            {
                await writer.WriteEntryAsync(_extraDockerfile, DockerfileName, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _filesSent);
            }
        }
        await counting.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false; // chunked: the tar is made as it is sent
    }
}
