using System.Formats.Tar;
using PSDocker.Core.Archives;

namespace PSDocker.Core.Tests;

public class CopyPlanTests
{
    private static readonly char[] Slash = { '/' };

    [Theory]
    // source, source is dir, destination, exists, is dir → directory, name
    [InlineData("/src/dir", true, "/srv", true, true, "/srv", "dir")]
    [InlineData("/src/dir/.", true, "/srv", true, true, "/srv", "")]
    [InlineData("/src/dir", true, "/srv/new", false, false, "/srv", "new")]
    [InlineData("/src/dir/.", true, "/srv/new", false, false, "/srv", "new")]
    [InlineData("/etc/hosts", false, "/tmp/x", false, false, "/tmp", "x")]
    [InlineData("/etc/hosts", false, "/tmp/x", true, false, "/tmp", "x")]
    [InlineData("/etc/hosts", false, "/tmp", true, true, "/tmp", "hosts")]
    [InlineData("hosts", false, "/x", false, false, "/", "x")]
    [InlineData("/etc/hosts", false, "x", false, false, ".", "x")]
    public void FollowsDockerCpRules(string source, bool isDir, string destination, bool exists, bool destIsDir, string directory, string name)
    {
        CopyTarget t = CopyPlan.Plan(source, isDir, destination, new DestinationFacts(exists, destIsDir), Slash);
        Assert.Null(t.Refusal);
        Assert.Equal(directory, t.Directory);
        Assert.Equal(name, t.Name);
    }

    [Fact]
    public void RefusesADirectoryOntoAFile()
        => Assert.Equal(CopyRefusal.DirectoryOntoFile, CopyPlan.Plan("/d", true, "/f", new DestinationFacts(true, false), Slash).Refusal);

    [Fact]
    public void ATrailingSlashNeedsAnExistingDirectoryForAFile()
    {
        Assert.Equal(CopyRefusal.DestinationDirectoryMissing, CopyPlan.Plan("/f", false, "/no/such/", new DestinationFacts(false, false), Slash).Refusal);
        // A directory may make it (docker cp does).
        Assert.Null(CopyPlan.Plan("/d", true, "/new/", new DestinationFacts(false, false), Slash).Refusal);
    }

    [Theory]
    [InlineData("/a/b", "b")]
    [InlineData("/a/b/", "b")]
    [InlineData("/a/b/.", "b")]
    [InlineData("b", "b")]
    [InlineData("/", "/")]
    public void BaseName(string path, string expected) => Assert.Equal(expected, CopyPlan.BaseName(path));
}

public class TarExtractorTests
{
    [Theory]
    [InlineData("dir/a/b", "new", "new/a/b")]
    [InlineData("dir", "new", "new")]
    [InlineData("./a", "", "a")]
    [InlineData(".", "", null)]
    [InlineData("./a", null, "a")]
    [InlineData("hosts", "x", "x")]
    public void RenamesTheRoot(string name, string? root, string? expected) => Assert.Equal(expected, TarExtractor.Rebase(name, root));

    [Theory]
    // Docker sends a dir/. source under a "." root; Podman sends its entries with no root.
    [InlineData("./a/b", "new", "new/a/b")]
    [InlineData("a/b", "new", "new/a/b")]
    [InlineData("a/b", "", "a/b")]
    [InlineData("./a", "", "a")]
    public void PutsRootlessContentsUnderTheNewName(string name, string root, string expected) => Assert.Equal(expected, TarExtractor.Rebase(name, root, contentsOnly: true));

    [Fact]
    public void RefusesEntriesThatClimbOut()
        => Assert.Throws<InvalidDataException>(() => TarExtractor.Within("/tmp/x", "a/../../etc/passwd", "a/../../etc/passwd"));

    [Fact]
    public async Task UploadThenExtractKeepsContentsModesAndLinks()
    {
        if (OperatingSystem.IsWindows()) return; // modes and links as tested here are Unix facts
        using var src = new TempTree("psd-tar-src-");
        using var dst = new TempTree("psd-tar-dst-");
        src.File("tree/a.txt", "hello");
        src.File("tree/sub/b.txt", new string('x', 100_000));
        File.SetUnixFileMode(Path.Combine(src.Root, "tree/sub"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        File.CreateSymbolicLink(Path.Combine(src.Root, "tree/link"), "a.txt");

        var reports = new List<TransferProgress>();
        var upload = new TarUpload(new SyncProgress(reports));
        upload.Add(Path.Combine(src.Root, "tree"), "renamed", followLink: false);
        Assert.Equal(100_005, upload.TotalBytes);
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer);
        Assert.NotEmpty(reports);
        Assert.Equal(buffer.Length, reports[^1].Bytes);

        buffer.Position = 0;
        IReadOnlyList<string> top = await TarExtractor.ExtractAsync(buffer, new TarExtractOptions { Destination = dst.Root, RootName = "out" }, null, CancellationToken.None);
        Assert.Equal(new[] { Path.Combine(dst.Root, "out") }, top);
        Assert.Equal("hello", File.ReadAllText(Path.Combine(dst.Root, "out/a.txt")));
        Assert.Equal(100_000, new FileInfo(Path.Combine(dst.Root, "out/sub/b.txt")).Length);
        Assert.Equal("a.txt", new FileInfo(Path.Combine(dst.Root, "out/link")).LinkTarget);
        Assert.Equal(File.GetUnixFileMode(Path.Combine(src.Root, "tree/sub")), File.GetUnixFileMode(Path.Combine(dst.Root, "out/sub")));
    }

    [Fact]
    public async Task ContentsOnlyUploadHasNoRootEntry()
    {
        using var src = new TempTree("psd-tar-src-");
        src.File("d/a.txt", "a");
        var upload = new TarUpload();
        upload.Add(Path.Combine(src.Root, "d"), "", followLink: false);
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer);
        buffer.Position = 0;
        using var reader = new TarReader(buffer);
        Assert.Equal("a.txt", reader.GetNextEntry()!.Name);
        Assert.Null(reader.GetNextEntry());
    }

    private sealed class SyncProgress : IProgress<TransferProgress>
    {
        private readonly List<TransferProgress> _list;
        public SyncProgress(List<TransferProgress> list) => _list = list;
        public void Report(TransferProgress value) => _list.Add(value);
    }
}
