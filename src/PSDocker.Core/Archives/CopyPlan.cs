namespace PSDocker.Core.Archives;

/// <summary>Why a copy cannot be made as asked, found before any data moves.</summary>
public enum CopyRefusal
{
    /// <summary>A directory cannot replace a file.</summary>
    DirectoryOntoFile,
    /// <summary>The destination ends with a slash, so it must be an existing directory, and it is not there.</summary>
    DestinationDirectoryMissing,
}

/// <summary>Where a copy's tar lands and how its root entry is renamed.</summary>
/// <param name="Directory">The existing directory the entries are written into.</param>
/// <param name="Name">The name of the copy's root in that directory: the source's name, the destination's, or empty for a <c>dir/.</c> source's contents.</param>
/// <param name="Refusal">Set instead when the copy cannot be made.</param>
public readonly record struct CopyTarget(string Directory, string Name, CopyRefusal? Refusal = null);

/// <summary>What is known of a copy's destination before it starts.</summary>
/// <param name="Exists">Something is there.</param>
/// <param name="IsDirectory">It is a directory.</param>
public readonly record struct DestinationFacts(bool Exists, bool IsDirectory);

/// <summary>
/// docker cp's rules, the same both ways: a source copied into an existing directory keeps its name; a <c>dir/.</c>
/// source gives only its contents; a destination that does not exist (or an existing file, for a file) is the new
/// name; a destination ending with a slash must be an existing directory; a directory never replaces a file.
/// </summary>
public static class CopyPlan
{
    /// <summary>The target of a copy.</summary>
    /// <param name="sourcePath">The source as given (its trailing <c>/.</c> matters).</param>
    /// <param name="sourceIsDirectory">The source is a directory (after following a link when asked).</param>
    /// <param name="destinationPath">The destination as given (its trailing slash matters).</param>
    /// <param name="destination">What is at the destination.</param>
    /// <param name="separators">The path separators of the destination's side (<c>/</c> in a container; also <c>\</c> on Windows).</param>
    public static CopyTarget Plan(string sourcePath, bool sourceIsDirectory, string destinationPath, DestinationFacts destination, char[] separators)
    {
        bool contentsOnly = sourceIsDirectory && IsContentsPath(sourcePath);
        string sourceName = BaseName(sourcePath);
        if (destination.Exists && destination.IsDirectory)
            return new CopyTarget(destinationPath, contentsOnly ? "" : sourceName);

        string parent = ParentOf(destinationPath, separators);
        string name = BaseName(destinationPath.TrimEnd(separators));
        if (destination.Exists)
        {
            return sourceIsDirectory
                ? new CopyTarget(parent, name, CopyRefusal.DirectoryOntoFile)
                : new CopyTarget(parent, name);
        }
        if (destinationPath.Length > 1 && separators.Contains(destinationPath[^1]) && !sourceIsDirectory)
            return new CopyTarget(parent, name, CopyRefusal.DestinationDirectoryMissing);
        return new CopyTarget(parent, name);
    }

    /// <summary>True for <c>dir/.</c> (docker cp: copy what is in dir, not dir itself).</summary>
    public static bool IsContentsPath(string path) => path == "." || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("\\.", StringComparison.Ordinal);

    /// <summary>The last part of a path, trailing separators and <c>/.</c> ignored (<c>/a/b/.</c> and <c>/a/b/</c> give <c>b</c>).</summary>
    public static string BaseName(string path)
    {
        string p = path.Replace('\\', '/');
        while (p.EndsWith("/.", StringComparison.Ordinal)) p = p[..^2];
        p = p.TrimEnd('/');
        if (p.Length == 0) return "/";
        int slash = p.LastIndexOf('/');
        return slash < 0 ? p : p[(slash + 1)..];
    }

    /// <summary>The directory holding a path (<c>/a/b</c> → <c>/a</c>, <c>/b</c> → <c>/</c>, <c>b</c> → <c>.</c>).</summary>
    public static string ParentOf(string path, char[] separators)
    {
        string p = path.TrimEnd(separators);
        int at = p.LastIndexOfAny(separators);
        if (at < 0) return ".";
        return at == 0 ? p[..1] : p[..at];
    }

    /// <summary>A container path joined to a name with one slash.</summary>
    public static string Join(string directory, string name) => name.Length == 0 ? directory : directory.TrimEnd('/') + "/" + name;
}
