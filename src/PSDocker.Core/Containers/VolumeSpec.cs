using System.Text.RegularExpressions;

namespace PSDocker.Core.Containers;

/// <summary>How a <see cref="VolumeSpec"/> mounts.</summary>
public enum VolumeKind
{
    /// <summary>A host path.</summary>
    Bind,
    /// <summary>A named volume (created by the engine when missing).</summary>
    Named,
    /// <summary>An anonymous volume: only a container path.</summary>
    Anonymous,
}

/// <summary>
/// One volume, parsed from docker's <c>-v</c> syntax: <c>hostPath:containerPath[:options]</c>,
/// <c>volumeName:containerPath[:options]</c> or <c>containerPath</c>.
/// </summary>
public sealed partial record VolumeSpec(VolumeKind Kind, string? Source, string Target, IReadOnlyList<string> Options)
{
    private static readonly HashSet<string> KnownOptions = new(StringComparer.Ordinal)
    {
        "ro", "rw", "z", "Z", "nocopy", "consistent", "cached", "delegated",
        "shared", "rshared", "slave", "rslave", "private", "rprivate",
    };

    /// <summary>True when the mount is read-only.</summary>
    public bool ReadOnly => Options.Contains("ro");

    /// <summary>The <c>HostConfig.Binds</c> entry for bind and named mounts; null for anonymous volumes.</summary>
    public string? ToBind() => Kind == VolumeKind.Anonymous ? null
        : Options.Count == 0 ? $"{Source}:{Target}" : $"{Source}:{Target}:{string.Join(',', Options)}";

    /// <summary>Parses one <c>-v</c> value. Host paths must be absolute; resolve relative ones before calling.</summary>
    /// <exception cref="FormatException">The value is malformed; the message says what is wrong.</exception>
    public static VolumeSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string value = text.Trim();
        if (value.Length == 0) throw Bad(text, "it is empty");

        // A Windows host path (C:\data:/data) keeps its drive colon.
        string? drive = null;
        if (value.Length > 2 && char.IsAsciiLetter(value[0]) && value[1] == ':' && (value[2] == '\\' || value[2] == '/'))
        {
            drive = value[..2];
            value = value[2..];
        }

        string[] parts = value.Split(':');
        if (drive is not null) parts[0] = drive + parts[0];
        if (parts.Any(p => p.Length == 0)) throw Bad(text, "a part between colons is empty");

        switch (parts.Length)
        {
            case 1:
                return new VolumeSpec(VolumeKind.Anonymous, null, CheckTarget(text, parts[0]), Array.Empty<string>());
            case 2:
            case 3:
                string source = parts[0];
                string target = CheckTarget(text, parts[1]);
                IReadOnlyList<string> options = parts.Length == 3 ? ParseOptions(text, parts[2]) : Array.Empty<string>();
                VolumeKind kind;
                if (IsHostPath(source))
                {
                    kind = VolumeKind.Bind;
                }
                else if (VolumeName().IsMatch(source))
                {
                    kind = VolumeKind.Named;
                }
                else if (source.StartsWith('.') || source.StartsWith('~'))
                {
                    throw Bad(text, $"the host path '{source}' is relative; give an absolute path");
                }
                else
                {
                    throw Bad(text, $"'{source}' is neither an absolute host path nor a valid volume name ([a-zA-Z0-9][a-zA-Z0-9_.-]+)");
                }
                return new VolumeSpec(kind, source, target, options);
            default:
                throw Bad(text, "it has too many colons");
        }
    }

    private static bool IsHostPath(string source)
        => source.StartsWith('/') || (source.Length > 2 && char.IsAsciiLetter(source[0]) && source[1] == ':' && (source[2] == '\\' || source[2] == '/')) || source.StartsWith(@"\\", StringComparison.Ordinal);

    private static string CheckTarget(string text, string target)
    {
        if (!target.StartsWith('/')) throw Bad(text, $"the container path '{target}' is not absolute");
        if (target == "/") throw Bad(text, "the container path cannot be '/'");
        return target;
    }

    private static IReadOnlyList<string> ParseOptions(string text, string options)
    {
        string[] list = options.Split(',');
        foreach (string option in list)
        {
            if (!KnownOptions.Contains(option))
                throw Bad(text, $"the option '{option}' is unknown (use ro, rw, z, Z, nocopy or a propagation mode)");
        }
        if (list.Contains("ro") && list.Contains("rw")) throw Bad(text, "it is both ro and rw");
        if (list.Length != list.Distinct(StringComparer.Ordinal).Count()) throw Bad(text, "an option is repeated");
        return list;
    }

    [GeneratedRegex(@"\A[a-zA-Z0-9][a-zA-Z0-9_.-]+\z")]
    private static partial Regex VolumeName();

    private static FormatException Bad(string text, string why)
        => new($"Invalid volume specification '{text}': {why}. Use hostPath:containerPath[:ro], volumeName:containerPath[:ro] or containerPath.");
}
