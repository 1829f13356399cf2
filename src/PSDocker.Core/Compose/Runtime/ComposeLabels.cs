using System.Globalization;

namespace PSDocker.Core.Compose.Runtime;

/// <summary>
/// The labels docker compose v2 puts on what it makes, and the names it gives it. PSDocker writes the same ones, so
/// <c>docker compose ls/ps/down</c> (and Debian's docker-compose 1.29) see a project Start-ComposeProject made, and the
/// other way round.
/// </summary>
public static class ComposeLabels
{
    public const string Project = "com.docker.compose.project";
    public const string Service = "com.docker.compose.service";
    public const string ContainerNumber = "com.docker.compose.container-number";
    public const string OneOff = "com.docker.compose.oneoff";
    public const string ConfigHash = "com.docker.compose.config-hash";
    public const string WorkingDir = "com.docker.compose.project.working_dir";
    public const string ConfigFiles = "com.docker.compose.project.config_files";
    public const string EnvironmentFile = "com.docker.compose.project.environment_file";
    public const string Version = "com.docker.compose.version";
    public const string DependsOn = "com.docker.compose.depends_on";
    public const string Image = "com.docker.compose.image";
    public const string Network = "com.docker.compose.network";
    public const string Volume = "com.docker.compose.volume";

    /// <summary>
    /// The value of <see cref="Version"/>: the docker compose v2 release whose behaviour PSDocker follows. docker-compose
    /// 1.x compares it with 1.21.0 (older containers had other project-name rules), so it must parse as a version.
    /// </summary>
    public const string VersionValue = "2.24.6";

    /// <summary>The default network's key (<c>&lt;project&gt;_default</c> on the engine).</summary>
    public const string DefaultNetwork = "default";

    /// <summary>A container's name: <c>&lt;project&gt;-&lt;service&gt;-&lt;n&gt;</c>.</summary>
    public static string ContainerName(string project, string service, int number)
        => project + "-" + service + "-" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>A project-scoped resource's engine name: <c>&lt;project&gt;_&lt;key&gt;</c>.</summary>
    public static string ScopedName(string project, string key) => project + "_" + key;

    /// <summary>The engine's label filter for everything of one project.</summary>
    public static string ProjectFilter(string project) => Project + "=" + project;

    /// <summary>A container's number from its label; 0 when missing or not a number.</summary>
    public static int NumberOf(IReadOnlyDictionary<string, string> labels)
        => labels.TryGetValue(ContainerNumber, out string? n) && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : 0;

    /// <summary>True for a one-off container (<c>docker compose run</c>), which up/down/ps leave alone.</summary>
    public static bool IsOneOff(IReadOnlyDictionary<string, string> labels)
        => labels.TryGetValue(OneOff, out string? v) && string.Equals(v, "True", StringComparison.OrdinalIgnoreCase);
}
