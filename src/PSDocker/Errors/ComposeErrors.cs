using System.Management.Automation;
using PSDocker.Core.Compose;

namespace PSDocker.Errors;

/// <summary>The error records for compose projects that cannot be loaded (Import-ComposeProject and the cmdlets that load a project).</summary>
internal static class ComposeErrors
{
    /// <summary>The error id (<c>Compose</c> + the kind: ComposeFileNotFound, ComposeInvalidYaml, …) and category of each <see cref="ComposeErrorKind"/>.</summary>
    public static (string Id, ErrorCategory Category) Classify(ComposeErrorKind kind) => ("Compose" + kind, kind switch
    {
        ComposeErrorKind.FileNotFound or ComposeErrorKind.NoComposeFile => ErrorCategory.ObjectNotFound,
        ComposeErrorKind.InvalidYaml or ComposeErrorKind.InvalidEnvFile => ErrorCategory.ParserError,
        ComposeErrorKind.InvalidProjectName => ErrorCategory.InvalidArgument,
        _ => ErrorCategory.InvalidData,
    });

    /// <summary>The error record for a project that cannot be loaded; <paramref name="target"/> is what the user gave (the paths).</summary>
    public static ErrorRecord From(ComposeException ex, object? target)
    {
        (string id, ErrorCategory category) = Classify(ex.Kind);
        string? advice = ex.Kind switch
        {
            ComposeErrorKind.NoComposeFile => null,
            ComposeErrorKind.RequiredVariable => "Set the variable in the environment or in the .env file (or give one with -EnvFile).",
            ComposeErrorKind.DependencyCycle => "Remove one of the depends_on entries of the cycle.",
            _ => null,
        };
        return DockerErrors.Record(ex, id, category, target, ex.Message, advice);
    }
}
