namespace PSDocker.Core.Containers;

/// <summary>
/// A container's health check (<c>--health-cmd</c>, compose <c>healthcheck:</c>). <see cref="Test"/> is the engine's form:
/// <c>["CMD-SHELL", "curl -f localhost"]</c>, <c>["CMD", "curl", "-f", "localhost"]</c>, <c>["NONE"]</c>, or empty to keep the image's command
/// while changing its timings.
/// </summary>
public sealed record HealthcheckSpec
{
    /// <summary>The smallest interval, timeout or start period the engine accepts (zero means the default).</summary>
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromMilliseconds(1);

    /// <summary>The test in the engine's form (see the type's summary).</summary>
    public IReadOnlyList<string> Test { get; init; } = Array.Empty<string>();

    /// <summary>Time between checks; null for the engine's default (30s).</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>How long one check may run; null for the default (30s).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Failures in a row that make it unhealthy; null for the default (3).</summary>
    public int? Retries { get; init; }

    /// <summary>Start-up time during which failures do not count; null for the default (0s).</summary>
    public TimeSpan? StartPeriod { get; init; }

    /// <summary>No health check at all, not even the image's (<c>--no-healthcheck</c>, compose <c>disable: true</c>).</summary>
    public static HealthcheckSpec Disabled { get; } = new() { Test = new[] { "NONE" } };

    /// <summary>True when this turns health checks off.</summary>
    public bool IsDisabled => Test.Count > 0 && Test[0] == "NONE";

    /// <summary>A check run by the container's shell (<c>CMD-SHELL</c>), as <c>--health-cmd</c> makes.</summary>
    public static HealthcheckSpec Shell(string command)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        return new HealthcheckSpec { Test = new[] { "CMD-SHELL", command } };
    }

    /// <summary>A check run directly, without a shell (<c>CMD</c>).</summary>
    public static HealthcheckSpec Exec(IEnumerable<string> command)
    {
        string[] argv = command.ToArray();
        if (argv.Length == 0) throw new ArgumentException("The command is empty.", nameof(command));
        return new HealthcheckSpec { Test = new[] { "CMD" }.Concat(argv).ToArray() };
    }

    /// <summary>
    /// The health check docker's <c>--health-cmd</c>, <c>--health-interval</c>, <c>--health-timeout</c>, <c>--health-retries</c>,
    /// <c>--health-start-period</c> and <c>--no-healthcheck</c> describe, checked; null when none of them is given.
    /// </summary>
    /// <exception cref="ArgumentException">Turned off and given a command or timings at once.</exception>
    /// <exception cref="FormatException">A value the engine would refuse.</exception>
    public static HealthcheckSpec? FromFlags(string? shellCommand, TimeSpan? interval, TimeSpan? timeout, int? retries, TimeSpan? startPeriod, bool disabled)
    {
        bool timings = interval is not null || timeout is not null || retries is not null || startPeriod is not null;
        if (disabled)
        {
            if (shellCommand is not null || timings)
                throw new ArgumentException("-NoHealthcheck cannot be combined with -HealthCommand or the other -Health* parameters.");
            return Disabled;
        }
        if (shellCommand is null && !timings) return null;
        return new HealthcheckSpec
        {
            Test = shellCommand is null ? Array.Empty<string>() : new[] { "CMD-SHELL", shellCommand },
            Interval = interval,
            Timeout = timeout,
            Retries = retries,
            StartPeriod = startPeriod,
        }.Validate();
    }

    /// <summary>Checks the spec as the engine would; the message says what is wrong.</summary>
    /// <exception cref="FormatException">The health check is not valid.</exception>
    public HealthcheckSpec Validate()
    {
        if (Test.Count > 0)
        {
            switch (Test[0])
            {
                case "NONE" when Test.Count > 1:
                    throw new FormatException("Invalid health check: NONE takes no command.");
                case "NONE":
                    break;
                case "CMD" or "CMD-SHELL" when Test.Count < 2 || Test.Skip(1).All(string.IsNullOrWhiteSpace):
                    throw new FormatException($"Invalid health check: {Test[0]} needs a command.");
                case "CMD-SHELL" when Test.Count > 2:
                    throw new FormatException("Invalid health check: CMD-SHELL takes one command string.");
                case "CMD" or "CMD-SHELL":
                    break;
                default:
                    throw new FormatException($"Invalid health check test '{Test[0]}': the first element must be CMD, CMD-SHELL or NONE.");
            }
        }
        CheckDuration(Interval, "interval");
        CheckDuration(Timeout, "timeout");
        CheckDuration(StartPeriod, "start period");
        if (Retries is < 0) throw new FormatException($"Invalid health check: retries must be 0 or more, not {Retries}.");
        return this;
    }

    private static void CheckDuration(TimeSpan? value, string what)
    {
        if (value is not { } v) return;
        if (v < TimeSpan.Zero) throw new FormatException($"Invalid health check: the {what} is negative.");
        if (v != TimeSpan.Zero && v < MinimumDuration) throw new FormatException($"Invalid health check: the {what} must be at least 1ms (or 0 for the default).");
    }
}
