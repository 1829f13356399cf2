using System.Management.Automation;
using PSDocker.Core;
using PSDocker.Core.Compose;
using PSDocker.Core.Swarm.Stack;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Deploys a compose file as a swarm stack (<c>docker stack deploy -c compose.yaml NAME</c>): networks, secrets and configs
/// created as needed, services created or updated in place, all named and labelled in the stack's namespace.
/// </summary>
[Cmdlet("Deploy", "SwarmStack", SupportsShouldProcess = true)]
[OutputType(typeof(SwarmStackChange))]
public sealed class DeploySwarmStackCommand : DockerCmdlet
{
    /// <summary>The compose files, merged in order (<c>-c</c>). Without it: COMPOSE_FILE, else compose.yaml (or docker-compose.yml) here or in a folder above.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The stack's name: the prefix of every object (<c>NAME_web</c>) and its <c>com.docker.stack.namespace</c> label.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Stack")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>Env files for interpolation; else .env in the project folder.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] EnvFile { get; set; } = Array.Empty<string>();

    /// <summary>Profiles to enable; else COMPOSE_PROFILES.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Profile { get; set; }

    /// <summary>Remove the stack's services the file no longer has (<c>--prune</c>).</summary>
    [Parameter]
    public SwitchParameter Prune { get; set; }

    protected override void ProcessRecord()
    {
        if (Name.Length == 0 || ComposeLoader.NormalizeProjectName(Name) != Name)
            ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException(
                $"Invalid stack name '{Name}': use lower-case letters, digits, '_' and '-', starting with a letter or digit."), "InvalidStackName", Name));

        StackPlan? plan = LoadPlan();
        if (plan is null) return;
        foreach (string warning in plan.Warnings) WriteWarning(warning);

        StackDeployment deployment;
        try
        {
            deployment = Wait(ct => Client.Stacks.PlanDeployAsync(plan, new StackDeployOptions { Prune = Prune }, ct));
        }
        catch (StackExternalMissingException ex)
        {
            ThrowTerminatingError(DockerErrors.Record(ex, "StackExternalNotFound", ErrorCategory.ObjectNotFound, ex.Name, ex.Message,
                $"Create it first (New-{(ex.Kind == SwarmStackObjectKind.Network ? "ContainerNetwork -Driver overlay" : "Swarm" + ex.Kind)}), or drop external: true so the stack makes it."));
            return;
        }
        catch (DockerApiException ex)
        {
            ThrowTerminatingError(DockerErrors.From(ex, ErrorNoun.Stack, Name, ResolvedEndpoint.ToString()));
            return;
        }

        foreach (SwarmStackChange change in deployment.Changes)
        {
            if (change.Action == SwarmStackAction.Unchanged)
            {
                WriteVerbose($"{change.Kind} {change.Name} exists: kept as it is.");
                WriteObject(change);
                continue;
            }
            string verb = change.Action switch { SwarmStackAction.Created => "Create", SwarmStackAction.Updated => "Update", _ => "Remove" };
            if (!ShouldProcess(change.Name, $"{verb} {change.Kind.ToString().ToLowerInvariant()} of stack {Name}")) continue;
            try
            {
                (SwarmStackChange done, IReadOnlyList<string> warnings) = Wait(ct => Client.Stacks.ApplyAsync(deployment, change, ct));
                foreach (string w in warnings) WriteWarning($"{change.Name}: {w}");
                WriteObject(done);
            }
            catch (DockerApiException ex)
            {
                // What was made stays, labelled with the stack: Remove-SwarmStack cleans it, a second deploy goes on from it.
                WriteError(DockerErrors.From(ex, Noun(change.Kind), change.Name, ResolvedEndpoint.ToString(),
                    change.Action == SwarmStackAction.Created ? ApiOperation.Create : ApiOperation.Any));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                WriteError(DockerErrors.Record(ex, "StackObjectNotCreated", ErrorCategory.InvalidData, change.Name,
                    $"{change.Kind} '{change.Name}' of stack {Name} was not made: {ex.Message}", "Fix the compose file (or the file it names) and deploy again."));
            }
        }
    }

    private static ErrorNoun Noun(SwarmStackObjectKind kind) => kind switch
    {
        SwarmStackObjectKind.Network => ErrorNoun.Network,
        SwarmStackObjectKind.Secret => ErrorNoun.Secret,
        SwarmStackObjectKind.Config => ErrorNoun.Config,
        _ => ErrorNoun.SwarmService,
    };

    /// <summary>Loads the compose file with the stack's name as its project name and converts it; a bad file is one error and nothing is sent.</summary>
    private StackPlan? LoadPlan()
    {
        string here = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        string Full(string p) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(p);
        try
        {
            ComposeProject project = ComposeLoader.Load(new ComposeLoadOptions
            {
                Paths = Path.Select(Full).ToArray(),
                ProjectName = Name,
                EnvFiles = EnvFile.Select(Full).ToArray(),
                Profiles = Profile,
                CurrentDirectory = here,
            }, WriteWarning);
            return StackConverter.Convert(project, Name);
        }
        catch (ComposeException ex)
        {
            WriteError(ComposeErrors.From(ex, Path.Length == 0 ? here : string.Join(", ", Path)));
        }
        catch (StackConversionException ex)
        {
            WriteError(DockerErrors.Record(ex, "InvalidStackFile", ErrorCategory.InvalidData, ex.Subject, ex.Message,
                "Nothing was sent to the engine; fix the compose file and deploy again."));
        }
        return null;
    }
}
