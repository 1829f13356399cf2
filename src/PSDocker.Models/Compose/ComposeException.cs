namespace PSDocker.Core.Compose;

/// <summary>What is wrong with a compose project; the cmdlet maps each kind to an error id.</summary>
[Newtonsoft.Json.JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter))]
public enum ComposeErrorKind
{
    /// <summary>A compose file, env file or extended/included file does not exist.</summary>
    FileNotFound,
    /// <summary>No compose file given and none found in the directory or above it.</summary>
    NoComposeFile,
    /// <summary>A file is not valid YAML.</summary>
    InvalidYaml,
    /// <summary>A key or value does not fit the compose specification (unknown key, wrong type, bad syntax).</summary>
    InvalidValue,
    /// <summary>A <c>${VAR}</c> template is malformed.</summary>
    InvalidTemplate,
    /// <summary><c>${VAR:?message}</c> or <c>${VAR?message}</c> with the variable unset (or empty).</summary>
    RequiredVariable,
    /// <summary>An env file is malformed.</summary>
    InvalidEnvFile,
    /// <summary>The project name is invalid or empty.</summary>
    InvalidProjectName,
    /// <summary><c>depends_on</c> (or links, volumes_from, network_mode) names a service that does not exist.</summary>
    UnknownService,
    /// <summary>Services depend on each other in a cycle.</summary>
    DependencyCycle,
    /// <summary><c>extends</c> refers to a missing service or extends in a cycle.</summary>
    InvalidExtends,
    /// <summary><c>include</c> is invalid, cyclic, or an included resource conflicts with one of the project.</summary>
    InvalidInclude,
    /// <summary>A service uses a network, volume, secret or config the project does not define.</summary>
    UnknownResource,
}

/// <summary>A compose project that cannot be loaded; says where (file, line, column, path in the model) when known.</summary>
public sealed class ComposeException : Exception
{
    public ComposeException(ComposeErrorKind kind, string message, string? file = null, int line = 0, int column = 0, string? path = null, Exception? inner = null)
        : base(Format(message, file, line, column), inner)
    {
        Kind = kind;
        File = file;
        Line = line;
        Column = column;
        ModelPath = path;
    }

    public ComposeErrorKind Kind { get; }

    /// <summary>The file the error is in, when known.</summary>
    public string? File { get; }

    /// <summary>1-based line, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column, 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>Where in the model: <c>services.web.ports[1]</c>.</summary>
    public string? ModelPath { get; }

    private static string Format(string message, string? file, int line, int column)
    {
        if (file is null) return message;
        string where = line > 0 ? $"{file}:{line}:{column}" : file;
        return $"{message} ({where})";
    }
}
