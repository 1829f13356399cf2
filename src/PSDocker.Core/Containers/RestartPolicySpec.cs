using System.Globalization;

namespace PSDocker.Core.Containers;

/// <summary>A restart policy in docker's <c>--restart</c> syntax: <c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure[:max-retries]</c>.</summary>
public sealed record RestartPolicySpec(string Name, int MaximumRetryCount)
{
    /// <summary>Parses the <c>--restart</c> value.</summary>
    /// <exception cref="FormatException">The value is not a restart policy.</exception>
    public static RestartPolicySpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string value = text.Trim().ToLowerInvariant();
        int colon = value.IndexOf(':');
        string name = colon < 0 ? value : value[..colon];
        string? count = colon < 0 ? null : value[(colon + 1)..];
        switch (name)
        {
            case "no" or "always" or "unless-stopped" when count is null:
                return new RestartPolicySpec(name, 0);
            case "on-failure":
                int retries = 0;
                if (count is not null && (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out retries)))
                    throw new FormatException($"Invalid restart policy '{text}': the retry count '{count}' is not a whole number.");
                return new RestartPolicySpec(name, retries);
            case "no" or "always" or "unless-stopped":
                throw new FormatException($"Invalid restart policy '{text}': only on-failure takes a retry count.");
            default:
                throw new FormatException($"Invalid restart policy '{text}': use no, always, unless-stopped or on-failure[:max-retries].");
        }
    }

    /// <summary>The <c>--restart</c> form.</summary>
    public override string ToString() => Name == "on-failure" && MaximumRetryCount > 0 ? $"on-failure:{MaximumRetryCount.ToString(CultureInfo.InvariantCulture)}" : Name;
}
