using System.Text.RegularExpressions;

namespace PSDocker;

/// <summary>
/// An image name, parsed and normalized the way the engine does it (distribution's reference grammar):
/// <c>[registry/]repository[:tag][@digest]</c>. No registry means <c>docker.io</c>; a single-component
/// Docker Hub name gets <c>library/</c>; <c>index.docker.io</c> is <c>docker.io</c>.
/// </summary>
public sealed partial class ImageReference : IEquatable<ImageReference>
{
    /// <summary>Docker Hub's registry name.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>The longest name (registry and repository) the grammar allows.</summary>
    public const int NameTotalLengthMax = 255;

    private ImageReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host (and port): <c>docker.io</c>, <c>localhost:5000</c>, <c>ghcr.io</c>.</summary>
    public string Registry { get; }

    /// <summary>The repository path in the registry: <c>library/nginx</c>, <c>bitnami/python</c>.</summary>
    public string Repository { get; }

    /// <summary>The tag, or null when none was given.</summary>
    public string? Tag { get; }

    /// <summary>The digest (<c>sha256:…</c>), or null when none was given.</summary>
    public string? Digest { get; }

    /// <summary>The registry and repository: <c>docker.io/library/nginx</c>.</summary>
    public string Name => Registry + "/" + Repository;

    /// <summary>What a pull resolves to: <c>:latest</c> added when neither tag nor digest is given; the tag dropped when a digest is.</summary>
    public string FullName => Digest is not null ? Name + "@" + Digest : Name + ":" + (Tag ?? "latest");

    /// <summary>The short form users type: <c>nginx</c>, <c>bitnami/python:3.9</c>, <c>localhost:5000/app:1</c>.</summary>
    public string FamiliarName => FamiliarRepository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>The repository as users type it: without <c>docker.io/</c> and <c>library/</c> on Docker Hub.</summary>
    public string FamiliarRepository
    {
        get
        {
            if (Registry != DockerHub) return Name;
            const string library = "library/";
            return Repository.StartsWith(library, StringComparison.Ordinal) && Repository.IndexOf('/', library.Length) < 0
                ? Repository[library.Length..]
                : Repository;
        }
    }

    /// <summary>The tag a pull uses: the given tag, or <c>latest</c> when neither tag nor digest is given (null with a digest).</summary>
    public string? EffectiveTag => Digest is not null ? null : Tag ?? "latest";

    /// <summary>A copy with another tag (and no digest).</summary>
    public ImageReference WithTag(string tag)
    {
        if (!TagPattern().IsMatch(tag))
            throw new FormatException($"Invalid tag '{tag}': a tag is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'.");
        return new ImageReference(Registry, Repository, tag, null);
    }

    /// <summary>Parses and normalizes an image name.</summary>
    /// <exception cref="FormatException">The name is not a valid reference; the message says what is wrong.</exception>
    public static ImageReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out ImageReference? reference, out string? error)) return reference!;
        throw new FormatException(error);
    }

    /// <summary>Parses an image name without throwing.</summary>
    public static bool TryParse(string? text, out ImageReference? reference) => TryParse(text, out reference, out _);

    private static bool TryParse(string? text, out ImageReference? reference, out string? error)
    {
        reference = null;
        error = null;
        string input = text ?? "";
        string Bad(string why) => $"Invalid image name '{input}': {why}.";

        if (input.Length == 0)
        {
            error = Bad("it is empty");
            return false;
        }
        if (input.Any(char.IsWhiteSpace))
        {
            error = Bad("it contains white space");
            return false;
        }
        if (AnchoredHex64().IsMatch(input))
        {
            error = Bad("a 64-character hexadecimal string is an image ID, not a name; use it as an ID");
            return false;
        }

        string rest = input;
        string? digest = null;
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                error = Bad($"the digest '{digest}' is not algorithm:hex (for example sha256: and 64 hexadecimal digits)");
                return false;
            }
            // As go-digest validates it: exactly 64 digits, lowercase only.
            if (digest.StartsWith("sha256:", StringComparison.Ordinal) && (digest.Length != 7 + 64 || digest.AsSpan(7).ContainsAnyExcept("0123456789abcdef")))
            {
                error = Bad("a sha256 digest has exactly 64 lowercase hexadecimal digits");
                return false;
            }
        }

        string? tag = null;
        int lastColon = rest.LastIndexOf(':');
        if (lastColon >= 0 && rest.IndexOf('/', lastColon) < 0)
        {
            tag = rest[(lastColon + 1)..];
            rest = rest[..lastColon];
            if (!TagPattern().IsMatch(tag))
            {
                error = Bad(tag.Length == 0 ? "the tag after ':' is empty"
                    : tag.Length > 128 ? "the tag is longer than 128 characters"
                    : $"the tag '{tag}' may hold only letters, digits, '_', '.' and '-', and may not start with '.' or '-'");
                return false;
            }
        }

        if (rest.Length == 0)
        {
            error = Bad("the repository name is missing");
            return false;
        }

        // Split off a registry: the first component is a registry if it has '.' or ':' or is 'localhost', as Docker 20.10's
        // engine splits it. (Newer clients also take a first component with upper case for a registry host; the engine takes
        // 'UPPER/case' for a Docker Hub repository and rejects its upper case, so it is rejected here, before sending.)
        string registry;
        string path;
        int slash = rest.IndexOf('/');
        string first = slash < 0 ? rest : rest[..slash];
        if (slash < 0 || (first.IndexOfAny(new[] { '.', ':' }) < 0 && first != "localhost"))
        {
            registry = DockerHub;
            path = rest;
        }
        else
        {
            registry = first;
            path = rest[(slash + 1)..];
            if (!DomainPattern().IsMatch(registry))
            {
                error = Bad($"'{registry}' is not a valid registry host[:port]");
                return false;
            }
        }
        if (registry == "index.docker.io") registry = DockerHub;

        if (path.Length == 0)
        {
            error = Bad("the repository name is missing");
            return false;
        }
        if (path.Any(char.IsAsciiLetterUpper))
        {
            error = Bad("repository names must be lowercase");
            return false;
        }
        foreach (string component in path.Split('/'))
        {
            if (!PathComponentPattern().IsMatch(component))
            {
                error = Bad(component.Length == 0
                    ? "a repository path component is empty (check for '//' or a trailing '/')"
                    : $"'{component}' is not a valid repository component (lowercase letters and digits, separated by '.', '_', '__' or '-')");
                return false;
            }
        }
        if (registry == DockerHub && !path.Contains('/')) path = "library/" + path;

        // As distribution does, the limit applies to the normalized name (docker.io/library/… included).
        int nameLength = registry.Length + 1 + path.Length;
        if (nameLength > NameTotalLengthMax)
        {
            error = Bad($"the repository name is longer than {NameTotalLengthMax} characters");
            return false;
        }

        reference = new ImageReference(registry, path, tag, digest);
        return true;
    }

    [GeneratedRegex(@"\A[a-f0-9]{64}\z")]
    private static partial Regex AnchoredHex64();

    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}\z")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"\A[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}\z")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\A(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?\z")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"\A[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*\z")]
    private static partial Regex PathComponentPattern();

    /// <summary>The cast <c>[PSDocker.ImageReference]'nginx'</c>.</summary>
    public static explicit operator ImageReference(string text) => Parse(text);

    /// <summary>The normalized name, without adding a tag: <c>docker.io/library/nginx</c>, <c>docker.io/bitnami/python:3.9.15</c>.</summary>
    public override string ToString() => Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    public bool Equals(ImageReference? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ImageReference);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
