using System.Management.Automation;

namespace PSDocker.Commands;

/// <summary>
/// The -Name (wildcards) or -Id (prefixes) filter of a Get-* cmdlet that lists everything in one call and filters here:
/// which objects pass, and which literal values matched nothing (to report as not found; a wildcard matching nothing is
/// not an error, as with Get-ChildItem).
/// </summary>
internal sealed class NameFilter
{
    private readonly string[] _values;
    private readonly Func<string, bool>[] _tests;
    private readonly bool[] _matched;

    private NameFilter(IReadOnlyList<string> values, Func<string, Func<string, bool>> test)
    {
        _values = values.ToArray();
        _tests = _values.Select(test).ToArray();
        _matched = new bool[_values.Length];
    }

    /// <summary>Case-insensitive wildcard patterns, as -Name takes them.</summary>
    public static NameFilter Wildcards(IReadOnlyList<string> names)
        => new(names, n => new WildcardPattern(n, WildcardOptions.IgnoreCase).IsMatch);

    /// <summary>ID prefixes, as -Id takes them.</summary>
    public static NameFilter Prefixes(IReadOnlyList<string> ids)
        => new(ids, id => candidate => candidate.StartsWith(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when no value was given or any value matches; marks every value that matches.</summary>
    public bool Match(string candidate)
    {
        if (_values.Length == 0) return true;
        bool any = false;
        for (int i = 0; i < _values.Length; i++)
        {
            if (!_tests[i](candidate)) continue;
            _matched[i] = true;
            any = true;
        }
        return any;
    }

    /// <summary>The values without wildcards that matched nothing, in the order given.</summary>
    public IEnumerable<string> Unmatched()
        => _values.Where((v, i) => !_matched[i] && !WildcardPattern.ContainsWildcardCharacters(v));
}
