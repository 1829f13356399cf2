using System.Formats.Tar;
using System.Text;
using System.Text.RegularExpressions;
using PSDocker.Core.Images;

namespace PSDocker.Core.Tests;

/// <summary>A temporary directory tree, deleted on dispose.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree(string prefix = "psd-ctx-")
    {
        Root = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes a file (creating its directories) and returns its full path.</summary>
    public string File(string relative, string content = "")
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string Dir(string relative)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The build context: what .dockerignore lets through, and the tar stream sent to the engine.</summary>
public class BuildContextTests
{
    private sealed record Entry(string Name, TarEntryType Type, string? Content, string LinkName);

    private static async Task<(List<Entry> Entries, long Length)> ReadTarAsync(BuildContext context)
    {
        var ms = new MemoryStream();
        await context.CopyToAsync(ms);
        long length = ms.Length;
        ms.Position = 0;
        var entries = new List<Entry>();
        using var reader = new TarReader(ms);
        while (reader.GetNextEntry() is { } entry)
        {
            string? content = null;
            if (entry.DataStream is not null)
            {
                using var sr = new StreamReader(entry.DataStream, Encoding.UTF8);
                content = sr.ReadToEnd();
            }
            entries.Add(new Entry(entry.Name, entry.EntryType, content, entry.LinkName));
        }
        return (entries, length);
    }

    private static string[] Names(IEnumerable<Entry> entries) => entries.Select(e => e.Name.TrimEnd('/')).ToArray();

    [Fact]
    public async Task NoDockerIgnore_SendsEverything_DepthFirstInOrdinalOrder()
    {
        using var tree = new TempTree();
        tree.File("Dockerfile", "FROM scratch\n");
        tree.File("b.txt", "b");
        tree.File("a.txt", "a");
        tree.File("src/z.go", "package z");
        tree.File("src/lib/y.go", "package y");

        BuildContext context = BuildContext.Create(tree.Root, null);

        Assert.Equal(Path.GetFullPath(tree.Root), context.Directory);
        Assert.Equal("Dockerfile", context.DockerfileName);
        (List<Entry> entries, _) = await ReadTarAsync(context);
        Assert.Equal(new[] { "Dockerfile", "a.txt", "b.txt", "src", "src/lib", "src/lib/y.go", "src/z.go" }, Names(entries));
        Assert.Equal(7, context.EntryCount);
        Assert.Equal(TarEntryType.Directory, entries.Single(e => e.Name.TrimEnd('/') == "src").Type);
        Assert.Equal("FROM scratch\n", entries.Single(e => e.Name == "Dockerfile").Content);
        Assert.Equal("package y", entries.Single(e => e.Name == "src/lib/y.go").Content);
    }

    [Fact]
    public async Task DockerIgnore_IsApplied()
    {
        using var tree = new TempTree();
        tree.File("Dockerfile", "FROM scratch\n");
        tree.File(".dockerignore", "# build junk\n*.log\nsecret\n**/*.tmp\n");
        tree.File("app.txt", "app");
        tree.File("debug.log", "noise");
        tree.File("secret/key", "hunter2");
        tree.File("src/main.go", "package main");
        tree.File("src/sub/x.log", "kept: *.log is anchored at the root");
        tree.File("src/sub/y.tmp", "gone");
        tree.File("z.tmp", "gone");

        BuildContext context = BuildContext.Create(tree.Root, null);
        (List<Entry> entries, _) = await ReadTarAsync(context);

        Assert.Equal(new[] { ".dockerignore", "Dockerfile", "app.txt", "src", "src/main.go", "src/sub", "src/sub/x.log" }, Names(entries));
        Assert.Equal(entries.Count, context.EntryCount);
        Assert.DoesNotContain(entries, e => e.Content == "hunter2");
    }

    [Fact]
    public async Task DockerfileAndDockerIgnore_AreAlwaysSent_EvenWhenExcluded()
    {
        using var tree = new TempTree();
        tree.File("Dockerfile", "FROM scratch\n");
        tree.File(".dockerignore", "*\nDockerfile\n.dockerignore\n");
        tree.File("other.txt", "x");
        tree.File("dir/file", "y");

        BuildContext context = BuildContext.Create(tree.Root, null);
        (List<Entry> entries, _) = await ReadTarAsync(context);

        Assert.Equal(new[] { ".dockerignore", "Dockerfile" }, Names(entries));
        Assert.Equal(2, context.EntryCount);
    }

    [Fact]
    public async Task DockerfileInAnExcludedDirectory_IsStillSent()
    {
        using var tree = new TempTree();
        tree.File("build/Dockerfile.dev", "FROM alpine\n");
        tree.File("build/notes.txt", "excluded");
        tree.File(".dockerignore", "build\n");
        tree.File("main.c", "int main;");

        BuildContext context = BuildContext.Create(tree.Root, "build/Dockerfile.dev");
        (List<Entry> entries, _) = await ReadTarAsync(context);

        Assert.Equal("build/Dockerfile.dev", context.DockerfileName);
        Assert.Equal(new[] { ".dockerignore", "build/Dockerfile.dev", "main.c" }, Names(entries));
        Assert.Equal("FROM alpine\n", entries.Single(e => e.Name == "build/Dockerfile.dev").Content);
    }

    [Fact]
    public void DockerfileInsideTheContext_GivenAbsoluteOrUnclean_IsNamedRelative()
    {
        using var tree = new TempTree();
        string path = tree.File("docker/app.Dockerfile", "FROM scratch\n");

        Assert.Equal("docker/app.Dockerfile", BuildContext.Create(tree.Root, path).DockerfileName);
        Assert.Equal("docker/app.Dockerfile", BuildContext.Create(tree.Root, "./docker/../docker/app.Dockerfile").DockerfileName);
    }

    [Fact]
    public async Task DockerfileOutsideTheContext_IsAddedUnderAGeneratedName()
    {
        using var tree = new TempTree();
        using var elsewhere = new TempTree("psd-df-");
        tree.File("app.txt", "app");
        string dockerfile = elsewhere.File("Dockerfile.prod", "FROM busybox\nCOPY app.txt /\n");

        BuildContext context = BuildContext.Create(tree.Root, dockerfile);

        Assert.Matches(new Regex(@"\A\.dockerfile\.[0-9a-f]{20}\z"), context.DockerfileName);
        Assert.Equal(2, context.EntryCount);
        Assert.Equal(3 + new FileInfo(dockerfile).Length, context.TotalBytes);

        (List<Entry> entries, _) = await ReadTarAsync(context);
        Assert.Equal(new[] { "app.txt", context.DockerfileName }, Names(entries));
        Assert.Equal("FROM busybox\nCOPY app.txt /\n", entries[^1].Content);
        Assert.Equal(TarEntryType.RegularFile, entries[^1].Type);
    }

    [Fact]
    public void DockerfileOutsideTheContext_ByRelativePath_IsAlsoGenerated()
    {
        using var tree = new TempTree();
        string context = tree.Dir("ctx");
        tree.File("ctx/a", "a");
        tree.File("Dockerfile", "FROM scratch\n");

        BuildContext built = BuildContext.Create(context, "../Dockerfile");

        Assert.StartsWith(".dockerfile.", built.DockerfileName);
        Assert.Equal(2, built.EntryCount);
    }

    [Fact]
    public void GeneratedDockerfileNames_AreRandom()
    {
        using var tree = new TempTree();
        using var elsewhere = new TempTree("psd-df-");
        string dockerfile = elsewhere.File("Dockerfile", "FROM scratch\n");

        Assert.NotEqual(BuildContext.Create(tree.Root, dockerfile).DockerfileName, BuildContext.Create(tree.Root, dockerfile).DockerfileName);
    }

    [Fact]
    public async Task ExcludedDirectory_WithAnExceptionInside_IsWalked()
    {
        using var tree = new TempTree();
        tree.File("Dockerfile", "FROM scratch\n");
        tree.File(".dockerignore", "docs\n!docs/keep.txt\n!docs/deep/also.txt\n");
        tree.File("docs/keep.txt", "keep");
        tree.File("docs/drop.txt", "drop");
        tree.File("docs/deep/also.txt", "also");
        tree.File("docs/deep/not.txt", "not");

        BuildContext context = BuildContext.Create(tree.Root, null);
        (List<Entry> entries, _) = await ReadTarAsync(context);

        Assert.Equal(new[] { ".dockerignore", "Dockerfile", "docs/deep/also.txt", "docs/keep.txt" }, Names(entries));
        Assert.Equal("keep", entries.Single(e => e.Name == "docs/keep.txt").Content);
    }

    [Fact]
    public async Task Exception_ReincludesAFileMatchedByAWildcard()
    {
        using var tree = new TempTree();
        tree.File("Dockerfile", "FROM scratch\n");
        tree.File(".dockerignore", "*.md\n!README.md\n");
        tree.File("README.md", "read me");
        tree.File("CHANGES.md", "changes");

        (List<Entry> entries, _) = await ReadTarAsync(BuildContext.Create(tree.Root, null));

        Assert.Equal(new[] { ".dockerignore", "Dockerfile", "README.md" }, Names(entries));
    }

    [Fact]
    public async Task Counters_AreZeroBeforeSending_AndCompleteAfter()
    {
        using var tree = new TempTree();
        tree.File("Dockerfile", "FROM scratch\n");                // 13 bytes
        tree.File("data/big.bin", new string('x', 200_000));      // more than the 64 KiB write buffer
        tree.File("data/small.txt", "12345");

        BuildContext context = BuildContext.Create(tree.Root, null);

        Assert.Equal(0, context.FilesSent);
        Assert.Equal(0, context.BytesSent);
        Assert.Equal(4, context.EntryCount);
        Assert.Equal(13 + 200_000 + 5, context.TotalBytes);

        (List<Entry> entries, long length) = await ReadTarAsync(context);

        Assert.Equal(context.EntryCount, context.FilesSent);
        Assert.Equal(length, context.BytesSent);
        Assert.True(context.BytesSent >= context.TotalBytes);
        Assert.Equal(200_000, entries.Single(e => e.Name == "data/big.bin").Content!.Length);
    }

    [Fact]
    public void Content_IsATarOfUnknownLength()
    {
        using var tree = new TempTree();
        tree.File("Dockerfile", "FROM scratch\n");

        BuildContext context = BuildContext.Create(tree.Root, null);

        Assert.Equal("application/x-tar", context.Headers.ContentType?.MediaType);
        Assert.Null(context.Headers.ContentLength); // sent chunked: the tar is written while it is sent
    }

    [Fact]
    public async Task Symlinks_AreSentAsLinks_NotFollowed()
    {
        using var tree = new TempTree();
        using var outside = new TempTree("psd-out-");
        tree.File("Dockerfile", "FROM scratch\n");
        tree.File("real.txt", "real");
        outside.File("private/secret.txt", "secret");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "link.txt"), "real.txt");
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "linkdir"), Path.Combine(outside.Root, "private"));

        (List<Entry> entries, _) = await ReadTarAsync(BuildContext.Create(tree.Root, null));

        Assert.Equal(new[] { "Dockerfile", "link.txt", "linkdir", "real.txt" }, Names(entries));
        Entry link = entries.Single(e => e.Name == "link.txt");
        Assert.Equal(TarEntryType.SymbolicLink, link.Type);
        Assert.Equal("real.txt", link.LinkName);
        Assert.Equal(TarEntryType.SymbolicLink, entries.Single(e => e.Name.TrimEnd('/') == "linkdir").Type);
        Assert.DoesNotContain(entries, e => e.Content == "secret");
    }

    [Fact]
    public async Task CancelledToken_StopsSerialization()
    {
        using var tree = new TempTree();
        tree.File("Dockerfile", "FROM scratch\n");
        BuildContext context = BuildContext.Create(tree.Root, null);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => context.CopyToAsync(new MemoryStream(), cts.Token));
        Assert.Equal(0, context.FilesSent);
    }

    [Fact]
    public void MissingContext_ThrowsDirectoryNotFound()
    {
        string missing = Path.Combine(Path.GetTempPath(), "psd-missing-" + Guid.NewGuid().ToString("N"));
        var ex = Assert.Throws<DirectoryNotFoundException>(() => BuildContext.Create(missing, null));
        Assert.Contains(missing, ex.Message);
    }

    [Fact]
    public void MissingDockerfile_ThrowsFileNotFound()
    {
        using var tree = new TempTree();
        tree.File("app.txt", "app");

        var ex = Assert.Throws<FileNotFoundException>(() => BuildContext.Create(tree.Root, null));
        Assert.Equal(Path.Combine(Path.GetFullPath(tree.Root), "Dockerfile"), ex.FileName);
        Assert.Contains("Dockerfile", ex.Message);

        var named = Assert.Throws<FileNotFoundException>(() => BuildContext.Create(tree.Root, "nope/Other.Dockerfile"));
        Assert.EndsWith(Path.Combine("nope", "Other.Dockerfile"), named.FileName);
    }

    [Fact]
    public void MalformedDockerIgnore_ThrowsFormatException()
    {
        using var tree = new TempTree();
        tree.File("Dockerfile", "FROM scratch\n");
        tree.File(".dockerignore", "ok\n[broken\n");

        var ex = Assert.Throws<FormatException>(() => BuildContext.Create(tree.Root, null));
        Assert.Contains("line 2", ex.Message);
    }
}
