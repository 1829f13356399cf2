using System.Buffers;
using System.Formats.Tar;
using Microsoft.Win32.SafeHandles;

namespace PSDocker.Core.Archives;

/// <summary>Options of <see cref="TarExtractor.ExtractAsync"/>.</summary>
public sealed record TarExtractOptions
{
    /// <summary>The existing local directory the entries land in.</summary>
    public string Destination { get; init; } = "";

    /// <summary>
    /// The name the tar's root (the first part of every entry's name: a docker cp tar has one root, the source's name or
    /// <c>.</c>) gets: a new name, empty to drop it (the contents land in <see cref="Destination"/>), null to keep it.
    /// </summary>
    public string? RootName { get; init; }

    /// <summary>
    /// The tar holds a directory's contents (a <c>dir/.</c> source): under a <c>.</c> root (Docker), or with no root at
    /// all (Podman), when its entries are then put under <see cref="RootName"/> rather than renamed.
    /// </summary>
    public bool ContentsOnly { get; init; }

    /// <summary>The expected size for progress, when known.</summary>
    public long? TotalBytes { get; init; }
}

/// <summary>
/// Extracts a tar stream to a local directory entry by entry as it arrives (never buffered whole), as docker cp does:
/// files, directories, symbolic and hard links, with their permission bits and modification times; owners are not set.
/// An entry that would land outside the destination is refused.
/// </summary>
public static class TarExtractor
{
    private const int CopyBuffer = 1024 * 1024;

    /// <summary>Extracts every entry; returns the local paths of the top-level items made or replaced.</summary>
    /// <exception cref="InvalidDataException">The stream is not a tar, or an entry's name leaves the destination.</exception>
    /// <exception cref="IOException">A file could not be written (a directory in the way, a full disk).</exception>
    public static async Task<IReadOnlyList<string>> ExtractAsync(Stream tar, TarExtractOptions options, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentNullException.ThrowIfNull(options);
        string root = Path.GetFullPath(options.Destination);
        long lastReport = 0;
        int entries = 0;
        string? current = null;
        var counting = new CountingStream(tar, total =>
        {
            if (progress is null || total - lastReport < 256 * 1024) return;
            lastReport = total;
            progress.Report(new TransferProgress(total, options.TotalBytes, entries, current));
        }, leaveOpen: true);

        var top = new List<string>();
        var directories = new List<(string Path, UnixFileMode Mode, DateTimeOffset Modified)>();
        var created = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = new TarReader(counting, leaveOpen: true))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes) continue;
                string? relative = Rebase(entry.Name, options.RootName, options.ContentsOnly);
                if (relative is null) continue;
                current = relative;
                string target = Within(root, relative, entry.Name);
                string first = relative.Split('/')[0];
                string topPath = Path.Combine(root, first);
                if (!top.Contains(topPath)) top.Add(topPath);
                await WriteEntryAsync(entry, target, root, options, directories, created, cancellationToken).ConfigureAwait(false);
                entries++;
            }
        }
        // Directories last, deepest first: writing into a directory changes its time, and a read-only one could not be filled.
        for (int i = directories.Count - 1; i >= 0; i--)
        {
            (string path, UnixFileMode mode, DateTimeOffset modified) = directories[i];
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
            Directory.SetLastWriteTimeUtc(path, modified.UtcDateTime);
        }
        progress?.Report(new TransferProgress(counting.Count, options.TotalBytes, entries, null));
        return top;
    }

    private static async Task WriteEntryAsync(TarEntry entry, string target, string root, TarExtractOptions options, List<(string, UnixFileMode, DateTimeOffset)> directories, HashSet<string> created, CancellationToken cancellationToken)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (!Directory.Exists(target))
                {
                    if (File.Exists(target) || new FileInfo(target).LinkTarget is not null) File.Delete(target);
                    Directory.CreateDirectory(target);
                }
                created.Add(target);
                directories.Add((target, entry.Mode, entry.ModificationTime));
                return;

            case TarEntryType.SymbolicLink:
                EnsureDirectory(Path.GetDirectoryName(target)!, created);
                RemoveExisting(target);
                File.CreateSymbolicLink(target, entry.LinkName);
                return;

            case TarEntryType.HardLink:
                string? linked = Rebase(entry.LinkName, options.RootName, options.ContentsOnly);
                if (linked is null) return;
                EnsureDirectory(Path.GetDirectoryName(target)!, created);
                RemoveExisting(target);
                // A copy of the file it names (extracted earlier in the stream): the same bytes, mode and time.
                File.Copy(Within(root, linked, entry.LinkName), target, overwrite: true);
                return;

            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                EnsureDirectory(Path.GetDirectoryName(target)!, created);
                using (SafeFileHandle file = CreateFile(target, entry.Length))
                {
                    if (entry.DataStream is { } data) await CopyAsync(data, file, cancellationToken).ConfigureAwait(false);
                    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, entry.Mode);
                    File.SetLastWriteTimeUtc(file, entry.ModificationTime.UtcDateTime);
                }
                return;

            default:
                // Devices and FIFOs need privileges docker cp would not use either: skipped.
                return;
        }
    }

    /// <summary>
    /// A new file for writing: created exclusively (so a link already at the path is never written through); an existing
    /// file or link there is removed first, as tar does. Large files get their space reserved at once.
    /// </summary>
    private static SafeFileHandle CreateFile(string path, long length)
    {
        long reserve = length >= CopyBuffer ? length : 0;
        try
        {
            return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, reserve);
        }
        catch (IOException) when (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
            return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, reserve);
        }
    }

    /// <summary>Reads an entry's data as it arrives (async) and writes it at once to the file (local disk writes land in the page cache).</summary>
    private static async Task CopyAsync(Stream data, SafeFileHandle file, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBuffer);
        try
        {
            long offset = 0;
            int n;
            while ((n = await data.ReadAsync(buffer.AsMemory(0, CopyBuffer), cancellationToken).ConfigureAwait(false)) > 0)
            {
                RandomAccess.Write(file, buffer.AsSpan(0, n), offset);
                offset += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Creates a directory once per extraction (a tar names the same parent for many files).</summary>
    private static void EnsureDirectory(string path, HashSet<string> created)
    {
        if (created.Add(path)) Directory.CreateDirectory(path);
    }

    private static void RemoveExisting(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists) File.Delete(path);
        else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    /// <summary>An entry's name with its root renamed; null for an entry that names nothing (the root itself when dropped).</summary>
    internal static string? Rebase(string name, string? rootName, bool contentsOnly = false)
    {
        string[] parts = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return null;
        if (rootName is not null && contentsOnly && parts[0] != ".")
        {
            // Contents without a root: they go below the new name.
            if (rootName.Length > 0) parts = parts.Prepend(rootName).ToArray();
        }
        else if (rootName is not null)
        {
            parts[0] = rootName;
            if (rootName.Length == 0) parts = parts[1..];
        }
        parts = parts.Where(p => p != ".").ToArray();
        return parts.Length == 0 ? null : string.Join('/', parts);
    }

    /// <summary>The local path of a relative entry name, refusing names that climb out of the root.</summary>
    internal static string Within(string root, string relative, string original)
    {
        if (relative.Split('/').Any(p => p == "..") || Path.IsPathRooted(relative))
            throw new InvalidDataException($"The archive's entry '{original}' would be written outside '{root}'; nothing of it was written.");
        return Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
    }
}
