using System.Management.Automation;
using PSDocker.Core.Compose;
using PSDocker.Errors;

namespace PSDocker.Commands;

public sealed partial class StartComposeProjectCommand
{
    /// <summary>The compose files, merged in order (<c>-f</c>). Without it: COMPOSE_FILE, else compose.yaml (or docker-compose.yml) here or in a folder above.</summary>
    [Parameter(Position = 0, ParameterSetName = ByPath)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The project name (<c>-p</c>); else COMPOSE_PROJECT_NAME, the file's name:, then the folder's name.</summary>
    [Parameter(ParameterSetName = ByPath)]
    [ValidateNotNullOrEmpty]
    public string? ProjectName { get; set; }

    /// <summary>The project folder (<c>--project-directory</c>); else the first file's folder.</summary>
    [Parameter(ParameterSetName = ByPath)]
    [ValidateNotNullOrEmpty]
    public string? ProjectDirectory { get; set; }

    /// <summary>Env files for interpolation (<c>--env-file</c>); else .env in the project folder.</summary>
    [Parameter(ParameterSetName = ByPath)]
    [ValidateNotNullOrEmpty]
    public string[] EnvFile { get; set; } = Array.Empty<string>();

    /// <summary>Profiles to enable (<c>--profile</c>); else COMPOSE_PROFILES.</summary>
    [Parameter(ParameterSetName = ByPath)]
    [ValidateNotNullOrEmpty]
    public string[]? Profile { get; set; }

    /// <summary>Loads the project as Import-ComposeProject does; a bad project is one error naming the file, line and column, and nothing is sent to the engine.</summary>
    private ComposeProject? LoadProject()
    {
        string here = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        string Full(string p) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p);
        try
        {
            return ComposeLoader.Load(new ComposeLoadOptions
            {
                Paths = Path.Select(Full).ToArray(),
                ProjectName = ProjectName,
                ProjectDirectory = ProjectDirectory is null ? null : Full(ProjectDirectory),
                EnvFiles = EnvFile.Select(Full).ToArray(),
                Profiles = Profile,
                CurrentDirectory = here,
            }, WriteWarning);
        }
        catch (ComposeException ex)
        {
            WriteError(ComposeErrors.From(ex, Path.Length == 0 ? here : string.Join(", ", Path)));
            return null;
        }
    }
}
