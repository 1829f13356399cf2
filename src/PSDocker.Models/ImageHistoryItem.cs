namespace PSDocker;

/// <summary>One layer of an image's history, newest first, as <c>docker history</c> lists it.</summary>
public sealed class ImageHistoryItem
{
    /// <summary>The ID of the image this step made, or <c>&lt;missing&gt;</c> when the engine has no image for it (layers pulled or imported).</summary>
    public string Id { get; init; } = "";

    /// <summary>The first 12 hex digits of the ID, or <c>&lt;missing&gt;</c>.</summary>
    public string ShortId
    {
        get
        {
            string hex = Id.StartsWith("sha256:", StringComparison.Ordinal) ? Id.Substring(7) : Id;
            return hex.Length > 12 && Id != "<missing>" ? hex.Substring(0, 12) : hex;
        }
    }

    /// <summary>When the step ran (local time).</summary>
    public DateTime Created { get; init; }

    /// <summary>The instruction or command that made the layer (<c>/bin/sh -c #(nop) CMD ["sh"]</c>).</summary>
    public string CreatedBy { get; init; } = "";

    /// <summary>The bytes the layer added.</summary>
    public long Size { get; init; }

    /// <summary>The step's comment (<c>Imported from -</c> for an imported tarball, a commit's message).</summary>
    public string Comment { get; init; } = "";

    /// <summary>The tags of the image this step made.</summary>
    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();

    /// <summary>The image asked about (its name or ID, as given).</summary>
    public string Image { get; init; } = "";

    /// <summary>The engine it is on.</summary>
    public string Endpoint { get; init; } = "";
}
