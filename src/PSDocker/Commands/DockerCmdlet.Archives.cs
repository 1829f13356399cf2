using System.Management.Automation;
using PSDocker.Core.Archives;
using PSDocker.Core.Containers;
using PSDocker.Errors;
using PSDocker.Progress;

namespace PSDocker.Commands;

public abstract partial class DockerCmdlet
{
    /// <summary>
    /// The local file a tar goes to, checked before anything is sent: null (after a non-terminating error) when it exists
    /// and <paramref name="force"/> is off, or when its directory is missing.
    /// </summary>
    private protected string? ResolveTarFile(string path, bool force)
    {
        string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        if (Directory.Exists(full))
        {
            WriteError(ArchiveErrors.Usage("DestinationIsDirectory", $"'{full}' is a directory; give the path of the tar file to write.", full));
            return null;
        }
        if (File.Exists(full) && !force)
        {
            WriteError(ArchiveErrors.DestinationExists(full));
            return null;
        }
        string? parent = Path.GetDirectoryName(full);
        if (parent is not null && !Directory.Exists(parent))
        {
            WriteError(ArchiveErrors.DestinationParentMissing(parent));
            return null;
        }
        return full;
    }

    /// <summary>A local file or directory as the FileSystem provider gives it (Get-Item's object, with its views).</summary>
    private protected void WriteLocalItem(string path)
        => WriteObject(SessionState.InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true), enumerateCollection: true);

    /// <summary>
    /// Writes a tar the engine sends to a local file as it arrives, with progress: into a temporary file beside it, moved
    /// into place only when the whole tar arrived (nothing half-written is left behind). Engine errors reach the caller.
    /// </summary>
    private protected FileInfo? WriteTarFile(Func<CancellationToken, Task<EngineTarStream>> open, string file, string activity, long? expectedBytes = null)
    {
        string temp = Path.Combine(Path.GetDirectoryName(file) ?? ".", "." + Path.GetFileName(file) + ".partial-" + Guid.NewGuid().ToString("N")[..8]);
        var progress = new TransferProgressWriter(1, activity);
        bool done = false;
        try
        {
            WaitWithProgress(async ct =>
            {
                await using EngineTarStream tar = await open(ct).ConfigureAwait(false);
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0, Options = FileOptions.Asynchronous };
                await using var output = new FileStream(temp, options);
                long last = 0;
                await using var counting = new CountingStream(output, n =>
                {
                    if (n - last < 256 * 1024) return;
                    last = n;
                    ((IProgress<TransferProgress>)progress).Report(new TransferProgress(n, expectedBytes, 0, null));
                }, leaveOpen: true);
                await tar.Content.CopyToAsync(counting, 1024 * 1024, ct).ConfigureAwait(false);
                return true;
            }, progress);
            File.Move(temp, file, overwrite: true);
            done = true;
            return new FileInfo(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(ArchiveErrors.LocalIOFailed(ex, file, $"Writing '{file}'"));
            return null;
        }
        finally
        {
            if (!done)
            {
                try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }
}
