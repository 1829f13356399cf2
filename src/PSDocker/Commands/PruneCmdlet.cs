using System.Management.Automation;

namespace PSDocker.Commands;

/// <summary>The filters the engine's prune calls share (<c>--filter label=…</c>, <c>--filter until=…</c>) and the confirmation text.</summary>
public abstract class PruneCmdlet : DockerCmdlet
{
    /// <summary>Only objects with these labels (<c>key</c> or <c>key=value</c>); a leading '!' excludes instead.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Only objects created before this time (a DateTime, a TimeSpan, or '10m', '2h', …).</summary>
    [Parameter]
    [PointInTimeTransformation]
    public DateTime? Until { get; set; }

    /// <summary>The label filters for the options record.</summary>
    protected IReadOnlyList<string> Labels => Label ?? Array.Empty<string>();

    /// <summary>The until filter for the options record.</summary>
    protected DateTimeOffset? UntilTime => Until is { } until ? new DateTimeOffset(until) : null;

    /// <summary>Asks ShouldProcess for "Remove" on "<paramref name="what"/> [with label …] [created before …] on the engine".</summary>
    protected bool ShouldPrune(string what)
    {
        string scope = (Label is { Length: > 0 } ? " with label " + string.Join(", ", Label) : "") + (Until is { } u ? $" created before {u:u}" : "");
        return ShouldProcess($"{what}{scope} on {ResolvedEndpoint}", "Remove");
    }
}
