using PSDocker.Core.Images;

namespace PSDocker.Core.Tests;

/// <summary>The .dockerignore rules, as the docker CLI applies them to a build context.</summary>
public class DockerIgnoreTests
{
    private static DockerIgnore Rules(params string[] lines) => DockerIgnore.Parse(string.Join('\n', lines));

    private static void AssertExcluded(DockerIgnore ignore, params string[] paths)
    {
        foreach (string path in paths) Assert.True(ignore.IsExcluded(path), $"expected '{path}' to be excluded");
    }

    private static void AssertIncluded(DockerIgnore ignore, params string[] paths)
    {
        foreach (string path in paths) Assert.False(ignore.IsExcluded(path), $"expected '{path}' to be included");
    }

    // ---- Parsing: comments, blank lines, cleaning ----

    [Fact]
    public void CommentsAndBlankLines_AreSkipped()
    {
        DockerIgnore ignore = Rules("# a comment", "", "   ", "\t", "#*.go", "*.log", "");

        Assert.Equal(new[] { "*.log" }, ignore.Patterns);
        AssertExcluded(ignore, "app.log");
        AssertIncluded(ignore, "main.go", "# a comment");
    }

    [Fact]
    public void CrLfLineEndings_AndSurroundingSpaces_AreTrimmed()
    {
        DockerIgnore ignore = DockerIgnore.Parse("*.log\r\n  tmp  \r\n!keep.log\r\n");

        Assert.Equal(new[] { "*.log", "tmp", "!keep.log" }, ignore.Patterns);
        AssertExcluded(ignore, "a.log", "tmp", "tmp/x");
        AssertIncluded(ignore, "keep.log");
    }

    [Fact]
    public void EmptyText_ExcludesNothing()
    {
        DockerIgnore ignore = DockerIgnore.Parse("");
        Assert.Empty(ignore.Patterns);
        Assert.False(ignore.HasExceptions);
        AssertIncluded(ignore, "a", "a/b", ".git");
        AssertIncluded(DockerIgnore.Empty, "anything");
    }

    [Theory]
    [InlineData("/foo", "foo")]
    [InlineData("./foo", "foo")]
    [InlineData("foo/", "foo")]
    [InlineData("foo/./bar", "foo/bar")]
    [InlineData("foo//bar", "foo/bar")]
    [InlineData("foo/../bar", "bar")]
    [InlineData("a/b/../../c", "c")]
    [InlineData("/./a/", "a")]
    public void Patterns_AreCleaned(string line, string cleaned)
    {
        Assert.Equal(new[] { cleaned }, Rules(line).Patterns);
        Assert.Equal(new[] { "!" + cleaned }, Rules("!" + line).Patterns);
    }

    [Fact]
    public void LeadingSlash_AnchorsAtTheContextRoot()
    {
        DockerIgnore ignore = Rules("/secret.txt");
        AssertExcluded(ignore, "secret.txt");
        AssertIncluded(ignore, "sub/secret.txt");
    }

    [Fact]
    public void PatternsAreAnchored_NotMatchedInSubdirectories()
    {
        // Unlike .gitignore, a bare name matches only at the root.
        DockerIgnore ignore = Rules("*.log");
        AssertExcluded(ignore, "a.log");
        AssertIncluded(ignore, "sub/a.log", "a.log.txt");
    }

    [Fact]
    public void PathsWithBackslashesOrSlashesAroundThem_AreNormalized()
    {
        DockerIgnore ignore = Rules("sub/file.txt");
        AssertExcluded(ignore, "sub/file.txt", "sub\\file.txt", "/sub/file.txt", "sub/file.txt/");
        Assert.False(ignore.IsExcluded(""));
        Assert.False(ignore.IsExcluded("/"));
    }

    // ---- Wildcards ----

    [Fact]
    public void Star_DoesNotCrossSlash()
    {
        DockerIgnore ignore = Rules("*/temp*");
        AssertExcluded(ignore, "a/temp", "a/temporary", "b/temp.txt");
        AssertIncluded(ignore, "temp", "a/b/temp", "a/xtemp");
    }

    [Fact]
    public void Star_MatchesEmpty()
    {
        DockerIgnore ignore = Rules("a*b");
        AssertExcluded(ignore, "ab", "axxb");
        AssertIncluded(ignore, "a/b", "abc");
    }

    [Fact]
    public void QuestionMark_MatchesOneCharacterButNotSlash()
    {
        DockerIgnore ignore = Rules("temp?");
        AssertExcluded(ignore, "temp1", "tempx");
        AssertIncluded(ignore, "temp", "temp12", "temp/");
        AssertIncluded(Rules("a?b"), "a/b");
    }

    [Fact]
    public void CharacterClass_Range()
    {
        DockerIgnore ignore = Rules("file[a-c].txt");
        AssertExcluded(ignore, "filea.txt", "fileb.txt", "filec.txt");
        AssertIncluded(ignore, "filed.txt", "file.txt", "fileab.txt");
    }

    [Theory]
    [InlineData("file[!a].txt")]
    [InlineData("file[^a].txt")]
    public void CharacterClass_Negated(string pattern)
    {
        DockerIgnore ignore = Rules(pattern);
        AssertExcluded(ignore, "fileb.txt", "filez.txt");
        AssertIncluded(ignore, "filea.txt", "file.txt");
    }

    [Fact]
    public void CharacterClass_Set()
    {
        DockerIgnore ignore = Rules("[xy]*.bin");
        AssertExcluded(ignore, "x.bin", "y1.bin");
        AssertIncluded(ignore, "z.bin");
    }

    [Fact]
    public void RegexMetacharacters_AreLiteral()
    {
        DockerIgnore ignore = Rules("a.b", "c+d", "(e)", "f$", "g{1}", "h|i");
        AssertExcluded(ignore, "a.b", "c+d", "(e)", "f$", "g{1}", "h|i");
        AssertIncluded(ignore, "axb", "ccd", "e", "f", "g", "h", "i");
    }

    [Fact]
    public void Escape_MakesAWildcardLiteral()
    {
        DockerIgnore ignore = Rules(@"a\*b", @"q\?");
        AssertExcluded(ignore, "a*b", "q?");
        AssertIncluded(ignore, "ab", "axb", "qx");
    }

    // ---- ** ----

    [Fact]
    public void DoubleStarSlash_MatchesAnyNumberOfDirectories_IncludingNone()
    {
        DockerIgnore ignore = Rules("**/*.go");
        AssertExcluded(ignore, "main.go", "a/main.go", "a/b/c/main.go");
        AssertIncluded(ignore, "main.go.txt", "a/main.c");
    }

    [Fact]
    public void DoubleStarInTheMiddle_MatchesZeroOrMoreDirectories()
    {
        DockerIgnore ignore = Rules("a/**/b");
        AssertExcluded(ignore, "a/b", "a/x/b", "a/x/y/z/b", "a/b/c");
        AssertIncluded(ignore, "a/xb", "b", "x/a/b", "ab");
    }

    [Fact]
    public void TrailingDoubleStar_MatchesEverythingBelow()
    {
        DockerIgnore ignore = Rules("logs/**");
        AssertExcluded(ignore, "logs/a", "logs/a/b/c.txt");
        AssertIncluded(ignore, "logs", "logsx/a");
    }

    [Fact]
    public void LoneDoubleStar_MatchesEverything()
    {
        DockerIgnore ignore = Rules("**");
        AssertExcluded(ignore, "a", "a/b/c", ".dockerignore");
    }

    [Fact]
    public void DoubleStarPrefixedName_MatchesTheNameAtAnyDepth()
    {
        DockerIgnore ignore = Rules("**/node_modules");
        AssertExcluded(ignore, "node_modules", "node_modules/x/y.js", "web/node_modules", "web/app/node_modules/z");
        AssertIncluded(ignore, "web/node_modulesx", "web/my_node_modules");
    }

    // ---- Parent directories ----

    [Fact]
    public void PatternMatchingAParentDirectory_ExcludesEverythingBelow()
    {
        DockerIgnore ignore = Rules("build", "*/obj");
        AssertExcluded(ignore, "build", "build/a", "build/a/b/c.o", "src/obj", "src/obj/x/y");
        AssertIncluded(ignore, "builder", "src/build", "obj", "a/b/obj");
    }

    // ---- Exceptions ----

    [Fact]
    public void Exception_ReincludesAfterAWildcard()
    {
        DockerIgnore ignore = Rules("*.md", "!README.md");
        Assert.True(ignore.HasExceptions);
        AssertExcluded(ignore, "CHANGES.md", "notes.md");
        AssertIncluded(ignore, "README.md", "main.go");
    }

    [Fact]
    public void LastMatchWins()
    {
        DockerIgnore ignore = Rules("*.md", "!README.md", "README*");
        AssertExcluded(ignore, "README.md", "CHANGES.md", "README");

        DockerIgnore reversed = Rules("README*", "*.md", "!README.md");
        AssertIncluded(reversed, "README.md");
        AssertExcluded(reversed, "README", "CHANGES.md");
    }

    [Fact]
    public void Exception_InsideAnExcludedDirectory()
    {
        DockerIgnore ignore = Rules("docs", "!docs/keep.txt");
        AssertExcluded(ignore, "docs", "docs/other.txt", "docs/sub/x.txt");
        AssertIncluded(ignore, "docs/keep.txt", "docs2");
    }

    [Fact]
    public void Exception_OfADirectory_ReincludesItsContents()
    {
        DockerIgnore ignore = Rules("*", "!src", "src/*.tmp");
        AssertIncluded(ignore, "src", "src/main.go", "src/deep/a.tmp");
        AssertExcluded(ignore, "README.md", "bin", "bin/x", "src/a.tmp");
    }

    [Fact]
    public void Exception_WithoutPrecedingExclusion_ChangesNothing()
    {
        DockerIgnore ignore = Rules("!keep");
        Assert.True(ignore.HasExceptions);
        AssertIncluded(ignore, "keep", "other");
    }

    [Fact]
    public void HasExceptions_IsFalseWithoutBang()
    {
        Assert.False(Rules("*.md", "docs", "# !not an exception").HasExceptions);
    }

    [Fact]
    public void SpaceAfterBang_IsTrimmed()
    {
        DockerIgnore ignore = Rules("*.md", "!  README.md");
        Assert.Equal(new[] { "*.md", "!README.md" }, ignore.Patterns);
        AssertIncluded(ignore, "README.md");
    }

    // ---- Malformed ----

    [Fact]
    public void UnclosedBracket_ThrowsNamingTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => Rules("# comment", "*.log", "[abc"));
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("[abc", ex.Message);
    }

    [Fact]
    public void TrailingBackslash_ThrowsNamingTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => Rules("ok", @"bad\"));
        Assert.Contains("line 2", ex.Message);
    }

    [Fact]
    public void LoneBang_ThrowsNamingTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => Rules("a", "b", "c", "!"));
        Assert.Contains("line 4", ex.Message);
        Assert.Contains("'!'", ex.Message);
    }

    [Fact]
    public void LineNumbers_CountCommentsAndBlankLines()
    {
        var ex = Assert.Throws<FormatException>(() => DockerIgnore.Parse("\n\n# c\r\n\r\nx[\n"));
        Assert.Contains("line 5", ex.Message);
    }

    // ---- Load ----

    [Fact]
    public void Load_ReadsTheFileFromTheContext_OrReturnsNoRules()
    {
        string dir = Path.Combine(Path.GetTempPath(), "psd-ignore-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            Assert.Empty(DockerIgnore.Load(dir).Patterns);

            File.WriteAllText(Path.Combine(dir, ".dockerignore"), "\uFEFF*.tmp\n!keep.tmp\n");
            DockerIgnore ignore = DockerIgnore.Load(dir);
            Assert.Equal(new[] { "*.tmp", "!keep.tmp" }, ignore.Patterns);
            AssertExcluded(ignore, "x.tmp");
            AssertIncluded(ignore, "keep.tmp");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
