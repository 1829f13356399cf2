using System.Globalization;
using System.Text;

namespace PSDocker.Core.Containers;

/// <summary>What a <see cref="MountSpec"/> mounts.</summary>
public enum MountType
{
    /// <summary>A named or anonymous volume (docker's default type).</summary>
    Volume,
    /// <summary>A host path.</summary>
    Bind,
    /// <summary>A memory file system.</summary>
    Tmpfs,
}

/// <summary>
/// One mount in docker's <c>--mount</c> form (<c>HostConfig.Mounts</c>):
/// <c>type=volume,source=data,target=/data,readonly</c>, <c>type=bind,src=/host,dst=/c</c>, <c>type=tmpfs,target=/run,tmpfs-size=64m</c>.
/// </summary>
public sealed record MountSpec
{
    private static readonly HashSet<string> Propagations = new(StringComparer.Ordinal) { "private", "rprivate", "shared", "rshared", "slave", "rslave" };
    private static readonly HashSet<string> Consistencies = new(StringComparer.Ordinal) { "default", "consistent", "cached", "delegated" };

    /// <summary>bind, volume (default) or tmpfs.</summary>
    public MountType Type { get; init; } = MountType.Volume;

    /// <summary>The host path (bind) or volume name (volume; null for an anonymous volume). Must be null for tmpfs.</summary>
    public string? Source { get; init; }

    /// <summary>The absolute path inside the container.</summary>
    public string Target { get; init; } = "";

    /// <summary>Mount read-only.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>default, consistent, cached or delegated (Docker Desktop only).</summary>
    public string? Consistency { get; init; }

    /// <summary>Bind propagation: private, rprivate, shared, rshared, slave, rslave.</summary>
    public string? BindPropagation { get; init; }

    /// <summary>Do not bind-mount submounts recursively.</summary>
    public bool BindNonRecursive { get; init; }

    /// <summary>Do not copy the image's files at the target into a new, empty volume.</summary>
    public bool VolumeNoCopy { get; init; }

    /// <summary>The driver of a volume made by this mount.</summary>
    public string? VolumeDriver { get; init; }

    /// <summary>Driver options of a volume made by this mount.</summary>
    public IReadOnlyDictionary<string, string> VolumeDriverOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels of a volume made by this mount.</summary>
    public IReadOnlyDictionary<string, string> VolumeLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>tmpfs size in bytes; null for unlimited (half the host's memory).</summary>
    public long? TmpfsSize { get; init; }

    /// <summary>tmpfs permission bits (octal 1777 is 1023); null for the default.</summary>
    public int? TmpfsMode { get; init; }

    /// <summary>Checks the mount; the message says what is wrong.</summary>
    /// <exception cref="FormatException">The mount is not valid.</exception>
    public MountSpec Validate() => Validate(ToString());

    private MountSpec Validate(string text)
    {
        string type = TypeName(Type);
        if (string.IsNullOrEmpty(Target)) throw Bad(text, "the target is missing (target=/path)");
        if (!Target.StartsWith('/')) throw Bad(text, $"the target '{Target}' is not an absolute path");
        if (Target == "/") throw Bad(text, "the target cannot be '/'");
        if (Type == MountType.Bind && string.IsNullOrEmpty(Source)) throw Bad(text, "a bind mount needs a source (source=/host/path)");
        if (Type == MountType.Bind && !IsAbsoluteHostPath(Source!)) throw Bad(text, $"the bind source '{Source}' is not an absolute path");
        if (Type == MountType.Tmpfs && !string.IsNullOrEmpty(Source)) throw Bad(text, "a tmpfs mount takes no source");
        bool volumeOptions = VolumeNoCopy || VolumeDriver is not null || VolumeDriverOptions.Count > 0 || VolumeLabels.Count > 0;
        bool bindOptions = BindPropagation is not null || BindNonRecursive;
        bool tmpfsOptions = TmpfsSize is not null || TmpfsMode is not null;
        if (volumeOptions && Type != MountType.Volume) throw Bad(text, $"volume-* options cannot be used with type={type}");
        if (bindOptions && Type != MountType.Bind) throw Bad(text, $"bind-* options cannot be used with type={type}");
        if (tmpfsOptions && Type != MountType.Tmpfs) throw Bad(text, $"tmpfs-* options cannot be used with type={type}");
        if (BindPropagation is not null && !Propagations.Contains(BindPropagation))
            throw Bad(text, $"bind-propagation '{BindPropagation}' is unknown (use private, rprivate, shared, rshared, slave or rslave)");
        if (Consistency is not null && !Consistencies.Contains(Consistency))
            throw Bad(text, $"consistency '{Consistency}' is unknown (use default, consistent, cached or delegated)");
        if (TmpfsSize is < 0) throw Bad(text, "tmpfs-size is negative");
        if (TmpfsMode is < 0 or > 4095) throw Bad(text, "tmpfs-mode must be an octal mode from 0 to 7777");
        if (Type == MountType.Volume && Source is not null && !Source.Contains('/') && !VolumeNames.IsValid(Source))
            throw Bad(text, $"'{Source}' is not a valid volume name ([a-zA-Z0-9][a-zA-Z0-9_.-]+)");
        return this;
    }

    /// <summary>Parses docker's <c>--mount</c> value (comma-separated <c>key=value</c> fields, CSV quoting allowed).</summary>
    /// <exception cref="FormatException">The value is malformed; the message says what is wrong.</exception>
    public static MountSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Length == 0) throw Bad(text, "it is empty");
        MountType type = MountType.Volume;
        string? source = null, target = null, consistency = null, propagation = null, driver = null;
        bool readOnly = false, nonRecursive = false, noCopy = false;
        long? tmpfsSize = null;
        int? tmpfsMode = null;
        var driverOptions = new Dictionary<string, string>(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (string field in SplitCsv(text))
        {
            int eq = field.IndexOf('=');
            string key = (eq < 0 ? field : field[..eq]).Trim().ToLowerInvariant();
            string? value = eq < 0 ? null : field[(eq + 1)..];
            if (value is null)
            {
                switch (key)
                {
                    case "readonly" or "ro": readOnly = true; continue;
                    case "volume-nocopy": noCopy = true; continue;
                    case "bind-nonrecursive": nonRecursive = true; continue;
                    case "": throw Bad(text, "a field is empty");
                    default: throw Bad(text, $"the field '{field}' must be a key=value pair");
                }
            }
            switch (key)
            {
                case "type":
                    type = value.ToLowerInvariant() switch
                    {
                        "volume" => MountType.Volume,
                        "bind" => MountType.Bind,
                        "tmpfs" => MountType.Tmpfs,
                        _ => throw Bad(text, $"the type '{value}' is not supported (use bind, volume or tmpfs)"),
                    };
                    break;
                case "source" or "src": source = value; break;
                case "target" or "dst" or "destination": target = value; break;
                case "readonly" or "ro": readOnly = ParseBool(text, key, value); break;
                case "consistency": consistency = value; break;
                case "bind-propagation": propagation = value; break;
                case "bind-nonrecursive": nonRecursive = ParseBool(text, key, value); break;
                case "volume-nocopy": noCopy = ParseBool(text, key, value); break;
                case "volume-driver": driver = value; break;
                case "volume-label": AddPair(text, key, value, labels); break;
                case "volume-opt": AddPair(text, key, value, driverOptions); break;
                case "tmpfs-size":
                    try { tmpfsSize = ByteSize.Parse(value); }
                    catch (FormatException ex) { throw Bad(text, "tmpfs-size: " + ex.Message); }
                    break;
                case "tmpfs-mode":
                    try { tmpfsMode = Convert.ToInt32(value, 8); }
                    catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
                    {
                        throw Bad(text, $"tmpfs-mode '{value}' is not an octal number");
                    }
                    break;
                default:
                    throw Bad(text, $"the key '{key}' is unknown");
            }
        }
        var spec = new MountSpec
        {
            Type = type,
            Source = string.IsNullOrEmpty(source) ? null : source,
            Target = target ?? "",
            ReadOnly = readOnly,
            Consistency = consistency,
            BindPropagation = propagation,
            BindNonRecursive = nonRecursive,
            VolumeNoCopy = noCopy,
            VolumeDriver = driver,
            VolumeDriverOptions = driverOptions,
            VolumeLabels = labels,
            TmpfsSize = tmpfsSize,
            TmpfsMode = tmpfsMode,
        };
        return spec.Validate(text);
    }

    /// <summary>The <c>--mount</c> form.</summary>
    public override string ToString()
    {
        var parts = new List<string> { "type=" + TypeName(Type) };
        if (Source is not null) parts.Add("source=" + Source);
        parts.Add("target=" + Target);
        if (ReadOnly) parts.Add("readonly");
        if (Consistency is not null) parts.Add("consistency=" + Consistency);
        if (BindPropagation is not null) parts.Add("bind-propagation=" + BindPropagation);
        if (BindNonRecursive) parts.Add("bind-nonrecursive");
        if (VolumeNoCopy) parts.Add("volume-nocopy");
        if (VolumeDriver is not null) parts.Add("volume-driver=" + VolumeDriver);
        parts.AddRange(VolumeLabels.Select(kv => "volume-label=" + kv.Key + "=" + kv.Value));
        parts.AddRange(VolumeDriverOptions.Select(kv => "volume-opt=" + kv.Key + "=" + kv.Value));
        if (TmpfsSize is long size) parts.Add("tmpfs-size=" + size.ToString(CultureInfo.InvariantCulture));
        if (TmpfsMode is int mode) parts.Add("tmpfs-mode=" + Convert.ToString(mode, 8));
        return string.Join(',', parts.Select(p => p.Contains(',') || p.Contains('"') ? "\"" + p.Replace("\"", "\"\"") + "\"" : p));
    }

    internal static string TypeName(MountType type) => type switch
    {
        MountType.Bind => "bind",
        MountType.Tmpfs => "tmpfs",
        _ => "volume",
    };

    internal static bool IsAbsoluteHostPath(string path)
        => path.StartsWith('/') || path.StartsWith(@"\\", StringComparison.Ordinal)
        || (path.Length > 2 && char.IsAsciiLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/'));

    private static bool ParseBool(string text, string key, string value) => value.ToLowerInvariant() switch
    {
        "1" or "t" or "true" => true,
        "0" or "f" or "false" => false,
        _ => throw Bad(text, $"{key}='{value}' is not a boolean (true or false)"),
    };

    private static void AddPair(string text, string key, string value, Dictionary<string, string> into)
    {
        int eq = value.IndexOf('=');
        if (eq <= 0) throw Bad(text, $"{key} needs name=value, not '{value}'");
        into[value[..eq]] = value[(eq + 1)..];
    }

    /// <summary>Splits one CSV record: commas separate fields; a double-quoted field may hold commas and doubled quotes.</summary>
    private static IEnumerable<string> SplitCsv(string text)
    {
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { yield return field.ToString(); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) throw Bad(text, "a quote is not closed");
        yield return field.ToString();
    }

    private static FormatException Bad(string text, string why)
        => new($"Invalid mount '{text}': {why}. Use type=bind|volume|tmpfs,source=…,target=/path[,readonly].");
}

/// <summary>The engine's rule for volume names.</summary>
public static class VolumeNames
{
    /// <summary>True when the engine accepts the name for a local volume: <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c>.</summary>
    public static bool IsValid(string name)
        => name.Length >= 2 && char.IsAsciiLetterOrDigit(name[0]) && name.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
