using System.Management.Automation;
using System.Text;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Core.Concurrency;
using PSDocker.Core.Containers;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>Lists containers, running or not (<c>docker ps -a</c>), in one call to the engine.</summary>
[Cmdlet(VerbsCommon.Get, "Container", DefaultParameterSetName = ByName)]
[OutputType(typeof(Container))]
public sealed class GetContainerCommand : DockerCmdlet
{
    private const string ByName = "Name";
    private const string ById = "Id";
    private readonly List<string> _names = new();
    private readonly List<string> _ids = new();

    /// <summary>Container names; wildcards are allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = ByName, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Container IDs or ID prefixes.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [Alias("ContainerId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string[]? Id { get; set; }

    /// <summary>Only containers in these states (<c>-State Running</c> is <c>docker ps</c>); docker's words work too (<c>Exited</c> is <c>Stopped</c>).</summary>
    [Parameter]
    [ContainerStateTransformation]
    [ValidateSet("Created", "Running", "Paused", "Restarting", "Removing", "Stopped", "Dead")]
    public ContainerState[]? State { get; set; }

    /// <summary>Only containers with these labels: <c>key</c> or <c>key=value</c>; all must match.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Fill in everything <c>docker inspect</c> knows (one more call per container).</summary>
    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <summary>-Context a,b and several -Endpoint values list from every engine at once.</summary>
    protected override bool SupportsMultipleEngines => true;

    protected override void ProcessRecord()
    {
        if (Name is not null) _names.AddRange(Name);
        if (Id is not null) _ids.AddRange(Id);
    }

    protected override void EndProcessing()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        if (State is { Length: > 0 }) filters["status"] = State.Distinct().Select(ContainerStateMapper.ToEngine).ToArray();
        if (Label is { Length: > 0 }) filters["label"] = Label;

        var patterns = _names.Select(n => new WildcardPattern(n.TrimStart('/'), WildcardOptions.IgnoreCase)).ToArray();
        if (_names.Count > 0 && _names.All(n => ToEngineRegex(n) is not null))
            filters["name"] = _names.Select(n => ToEngineRegex(n)!).ToArray();
        // Docker's id filter looks an ID up as a unique prefix (not a regular expression: "^abc" matches nothing,
        // and a prefix several containers share matches none of them); Podman's is an unanchored expression.
        // So only full IDs go to the engine; prefixes are matched below, against the whole list.
        if (_ids.Count > 0 && _ids.All(i => i.Length == 64 && IsHex(i)))
            filters["id"] = _ids.Select(i => i.ToLowerInvariant()).ToArray();

        var options = new ContainerListOptions { All = true, Filters = filters };
        bool direct = State is null && Label is null && (_names.Count > 0 ? _names.All(IsExactName) : _ids.Count > 0 && _ids.All(IsHex));
        IReadOnlyList<(DockerClient Client, Lookup Result)> listed = FanOut((client, ct) => LookUpAsync(client, direct, options, ct));
        if (listed.Count == 0) return; // every engine was unreachable, each reported

        var matchedName = new bool[_names.Count];
        var matchedId = new bool[_ids.Count];
        foreach ((DockerClient client, Lookup lookup) in listed)
        {
            if (lookup.Inspected is not null)
            {
                // Every name or ID answered by its own inspect call: one object per container, detailed when asked.
                Array.Fill(matchedName, true);
                Array.Fill(matchedId, true);
                foreach (Container c in lookup.Inspected.DistinctBy(c => c.Id)) WriteEngineObject(Detailed ? c : c.WithoutDetails(), Detailed);
                continue;
            }
            IReadOnlyList<Container> containers = lookup.Listed!;
            var selected = new List<Container>(containers.Count);
            foreach (Container c in containers)
            {
                if (_names.Count > 0 && !Matches(patterns, c.Name, matchedName)) continue;
                if (_ids.Count > 0 && !MatchesId(c.Id, matchedId)) continue;
                selected.Add(c);
            }

            IEnumerable<Container> output = selected;
            if (Detailed && selected.Count > 0)
                output = Wait(ct => InspectAllAsync(client, selected, ct));
            foreach (Container c in output)
                WriteEngineObject(c, Detailed);
        }

        for (int i = 0; i < _names.Count; i++)
        {
            if (!matchedName[i] && !WildcardPattern.ContainsWildcardCharacters(_names[i]))
                WriteNotFound(_names[i], "name");
        }
        for (int i = 0; i < _ids.Count; i++)
        {
            if (!matchedId[i]) WriteNotFound(_ids[i], "ID");
        }
    }

    /// <summary>What one engine answered: the containers inspected one by one, or else the whole list to match here.</summary>
    private sealed record Lookup(IReadOnlyList<Container>? Inspected, IReadOnlyList<Container>? Listed);

    /// <summary>
    /// Exact names and hexadecimal IDs go to one inspect call each (<c>GET /containers/{name}/json</c>) instead of a list of every
    /// container. The engine resolves a name case-sensitively and also takes an ID prefix as a name, so an answer only counts when
    /// its name (or ID) is the one asked for; when any is missing, the engine's whole list is matched here as before (wildcards,
    /// case-insensitive names, ID prefixes several containers share), so what is found and what is not stays the same.
    /// </summary>
    private async Task<Lookup> LookUpAsync(DockerClient client, bool direct, ContainerListOptions options, CancellationToken ct)
    {
        if (direct)
        {
            bool byName = _names.Count > 0;
            IReadOnlyList<Container?> inspected = await OrderedWork.RunAsync(byName ? _names : _ids, 16, async (key, ct) =>
            {
                try
                {
                    Container c = await client.Containers.InspectAsync(byName ? key.TrimStart('/') : key, new(), ct).ConfigureAwait(false);
                    bool same = byName
                        ? string.Equals(c.Name, key.TrimStart('/'), StringComparison.OrdinalIgnoreCase)
                        : c.Id.StartsWith(key, StringComparison.OrdinalIgnoreCase) && !string.Equals(c.Name, key, StringComparison.OrdinalIgnoreCase);
                    return same ? c : null;
                }
                catch (DockerApiException)
                {
                    return null; // not found, or an ID prefix several containers share: the list decides
                }
            }, ct).ConfigureAwait(false);
            if (inspected.All(c => c is not null)) return new Lookup(inspected.OfType<Container>().ToArray(), null);
        }
        return new Lookup(null, await client.Containers.ListAsync(options, ct).ConfigureAwait(false));
    }

    /// <summary>A name the engine can look up as it is: no wildcard, only the characters container names are made of.</summary>
    private static bool IsExactName(string name)
    {
        string n = name.TrimStart('/');
        return n.Length is > 0 and <= 255 && n.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' or '-');
    }

    private static async Task<IEnumerable<Container>> InspectAllAsync(DockerClient client, List<Container> list, CancellationToken ct)
    {
        IReadOnlyList<Container?> inspected = await OrderedWork.RunAsync(list, 16, async (c, ct) =>
        {
            try
            {
                return await client.Containers.InspectAsync(c.Id, new(), ct).ConfigureAwait(false);
            }
            catch (DockerApiException ex) when (ex.Kind == ApiErrorKind.NotFound)
            {
                return null; // removed since it was listed
            }
        }, ct).ConfigureAwait(false);
        return inspected.OfType<Container>();
    }

    private static bool Matches(WildcardPattern[] patterns, string name, bool[] matched)
    {
        bool any = false;
        for (int i = 0; i < patterns.Length; i++)
        {
            if (patterns[i].IsMatch(name))
            {
                matched[i] = true;
                any = true;
            }
        }
        return any;
    }

    private bool MatchesId(string id, bool[] matched)
    {
        bool any = false;
        for (int i = 0; i < _ids.Count; i++)
        {
            if (id.StartsWith(_ids[i], StringComparison.OrdinalIgnoreCase))
            {
                matched[i] = true;
                any = true;
            }
        }
        return any;
    }

    private void WriteNotFound(string value, string what)
    {
        var ex = new ItemNotFoundException($"No container with {what} '{value}' on {string.Join(" or ", ResolvedEndpoints.Select(Describe))}.");
        WriteError(DockerErrors.Record(ex, "ContainerNotFound", ErrorCategory.ObjectNotFound, value, ex.Message,
            "List every container with Get-Container, or use a wildcard."));
    }

    private static bool IsHex(string s) => s.Length > 0 && s.All(Uri.IsHexDigit);

    /// <summary>The engine's name filter is an unanchored Go regular expression: anchor it and translate the wildcard.</summary>
    internal static string? ToEngineRegex(string pattern)
    {
        var sb = new StringBuilder("(?i)^/?");
        foreach (char ch in pattern.TrimStart('/'))
        {
            switch (ch)
            {
                case '*': sb.Append(".*"); break;
                case '?': sb.Append('.'); break;
                case '[' or ']' or '`': return null; // character classes and escapes: filter here instead
                default:
                    if ("\\.+()|{}^$".Contains(ch)) sb.Append('\\');
                    sb.Append(ch);
                    break;
            }
        }
        return sb.Append('$').ToString();
    }
}
