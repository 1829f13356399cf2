using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// The base of Get-SwarmSecret and Get-SwarmConfig: one list call, then -Name (wildcards, or an ID or ID prefix) filtered
/// here; a literal name that matches nothing is a not-found error naming it.
/// </summary>
public abstract class SwarmObjectListCmdlet<T> : DockerCmdlet
{
    private readonly List<string> _names = new();

    /// <summary>Names (wildcards allowed), IDs or ID prefixes.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SwarmObjectCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only objects with these labels: <c>key</c> or <c>key=value</c>; all must match.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>The list call.</summary>
    private protected abstract Task<IReadOnlyList<T>> ListAsync(DockerClient client, IReadOnlyList<string> labels, CancellationToken cancellationToken);

    /// <summary>The object's name and ID.</summary>
    private protected abstract (string Name, string Id) Identity(T item);

    /// <summary>The noun in messages ("secret") and the error ID of a literal name that matched nothing.</summary>
    private protected abstract (string Noun, string NotFoundId, string ListCmdlet) Words { get; }

    protected override void ProcessRecord()
    {
        if (Name is not null) _names.AddRange(Name);
    }

    protected override void EndProcessing()
    {
        IReadOnlyList<T> items;
        try
        {
            items = Wait(ct => ListAsync(Client, Label ?? Array.Empty<string>(), ct));
        }
        catch (DockerApiException ex)
        {
            ThrowTerminatingError(DockerErrors.From(ex, Noun, string.Join(",", _names), ResolvedEndpoint.ToString()));
            return;
        }
        var names = NameFilter.Wildcards(_names);
        string[] literals = _names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).ToArray();
        var ids = NameFilter.Prefixes(literals);
        foreach (T item in items)
        {
            (string name, string id) = Identity(item);
            bool byName = names.Match(name);
            bool byId = literals.Length > 0 && ids.Match(id);
            if (byName || byId) WriteObject(item);
        }
        var unmatchedIds = new HashSet<string>(ids.Unmatched(), StringComparer.Ordinal);
        foreach (string name in names.Unmatched().Where(unmatchedIds.Contains))
        {
            var ex = new ItemNotFoundException($"No {Words.Noun} named or with ID '{name}' on {Describe(ResolvedEndpoint)}.");
            WriteError(DockerErrors.Record(ex, Words.NotFoundId, ErrorCategory.ObjectNotFound, name, ex.Message,
                $"List them with {Words.ListCmdlet}, or use a wildcard."));
        }
    }

    private protected abstract ErrorNoun Noun { get; }
}
