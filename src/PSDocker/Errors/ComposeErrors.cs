using System.Management.Automation;
using PSDocker.Core.Compose;

namespace PSDocker.Errors;

/// <summary>The error records for compose projects that cannot be loaded (Import-ComposeProject and the cmdlets that load a project).</summary>
internal static class ComposeErrors
{
    /// <summary>The error id and category of each <see cref="ComposeErrorKind"/>.</summary>
    public static (string Id, ErrorCategory Category) Classify(ComposeErrorKind kind) => kind switch
    {
        ComposeErrorKind.FileNotFound => ("ComposeFileNotFound", ErrorCategory.ObjectNotFound),
        ComposeErrorKind.NoComposeFile => ("ComposeFileNotFound", ErrorCategory.ObjectNotFound),
        ComposeErrorKind.InvalidYaml => ("ComposeInvalidYaml", ErrorCategory.ParserError),
        ComposeErrorKind.InvalidValue => ("ComposeInvalidValue", ErrorCategory.InvalidData),
        ComposeErrorKind.InvalidTemplate => ("ComposeInvalidInterpolation", ErrorCategory.InvalidData),
        ComposeErrorKind.RequiredVariable => ("ComposeVariableRequired", ErrorCategory.InvalidData),
        ComposeErrorKind.InvalidEnvFile => ("ComposeInvalidEnvFile", ErrorCategory.ParserError),
        ComposeErrorKind.InvalidProjectName => ("ComposeInvalidProjectName", ErrorCategory.InvalidArgument),
        ComposeErrorKind.UnknownService => ("ComposeUnknownService", ErrorCategory.InvalidData),
        ComposeErrorKind.DependencyCycle => ("ComposeDependencyCycle", ErrorCategory.InvalidData),
        ComposeErrorKind.InvalidExtends => ("ComposeInvalidExtends", ErrorCategory.InvalidData),
        ComposeErrorKind.InvalidInclude => ("ComposeInvalidInclude", ErrorCategory.InvalidData),
        ComposeErrorKind.UnknownResource => ("ComposeUnknownResource", ErrorCategory.InvalidData),
        _ => ("ComposeInvalidValue", ErrorCategory.InvalidData),
    };

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
