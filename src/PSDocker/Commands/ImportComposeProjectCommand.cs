using System.Management.Automation;
using PSDocker.Completion;
using PSDocker.Core.Compose;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Reads a compose project (<c>docker compose config</c>): the files merged in order, variables interpolated, profiles,
/// <c>extends</c> and <c>include</c> resolved, everything checked. Returns the typed project, or with -AsYaml its normalized YAML.
/// </summary>
/// <remarks>Reads files only; no engine is contacted.</remarks>
[Cmdlet(VerbsData.Import, "ComposeProject")]
[OutputType(typeof(ComposeProject))]
[OutputType(typeof(string))]
public sealed class ImportComposeProjectCommand : PSCmdlet
{
    /// <summary>The compose files, merged in order. None: COMPOSE_FILE, else compose.yaml (and its override) here or in a parent directory.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName", "ConfigFiles")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>The project name; else COMPOSE_PROJECT_NAME, the top-level name:, or the directory's name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProjectName { get; set; }

    /// <summary>Env files for interpolation, in order; else .env in the project directory.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? EnvFile { get; set; }

    /// <summary>Profiles to activate; else COMPOSE_PROFILES. '*' activates all.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ComposeProfileCompleter))]
    public string[]? Profile { get; set; }

    /// <summary>The project directory; else the first file's directory.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("WorkingDirectory")]
    [ValidateNotNullOrEmpty]
    public string? ProjectDirectory { get; set; }

    /// <summary>Writes the normalized YAML (one string) instead of the project object.</summary>
    [Parameter]
    public SwitchParameter AsYaml { get; set; }

    protected override void ProcessRecord()
    {
        string cwd = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        var options = new ComposeLoadOptions
        {
            Paths = Path?.Select(Resolve).ToArray() ?? Array.Empty<string>(),
            ProjectName = ProjectName,
            ProjectDirectory = ProjectDirectory is null ? null : Resolve(ProjectDirectory),
            EnvFiles = EnvFile?.Select(Resolve).ToArray() ?? Array.Empty<string>(),
            Profiles = Profile,
            CurrentDirectory = cwd,
        };
        ComposeProject project;
        try
        {
            project = ComposeLoader.Load(options, WriteWarning);
        }
        catch (ComposeException ex)
        {
            WriteError(ComposeErrors.From(ex, Path is null ? cwd : string.Join(", ", Path)));
            return;
        }
        if (AsYaml) WriteObject(ComposeYamlWriter.ToYaml(project));
        else WriteObject(project);
    }

    private string Resolve(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
}
