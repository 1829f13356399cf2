using System.Collections;

namespace PSDocker.Core.Compose;

/// <summary>
/// Loads a compose project (CLI: <c>docker compose config</c>): finds and reads the files, reads the env files, interpolates,
/// resolves <c>include</c> and <c>extends</c>, merges the files in order, applies profiles, and checks the result —
/// every error is found here, before anything is sent to an engine.
/// </summary>
public static partial class ComposeLoader
{
    /// <summary>The file names searched for, in order of preference.</summary>
    public static readonly IReadOnlyList<string> DefaultFileNames = new[] { "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml" };

    /// <summary>The override file names looked for next to the file found, in order of preference.</summary>
    public static readonly IReadOnlyList<string> DefaultOverrideFileNames = new[] { "compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml" };

    private static readonly HashSet<string> TopLevelKeys = new(StringComparer.Ordinal)
    {
        "version", "name", "services", "networks", "volumes", "secrets", "configs", "include", "models",
    };

    /// <summary>Loads the project <paramref name="options"/> describe.</summary>
    /// <param name="options">Files, name, directories, env files, profiles.</param>
    /// <param name="warn">Receives warnings (unset variables, obsolete <c>version</c>, YAML 1.1 booleans).</param>
    /// <exception cref="ComposeException">Anything wrong with the files; the message says what and where.</exception>
    public static ComposeProject Load(ComposeLoadOptions options, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var context = new LoadContext(options, warn);
        return context.Run();
    }

    /// <summary>Normalizes a name as compose does for directory names and <c>name:</c>: lowercase, only a-z 0-9 _ -, no leading _ or -.</summary>
    public static string NormalizeProjectName(string name)
    {
        var chars = name.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-').ToArray();
        return new string(chars).TrimStart('_', '-');
    }

    internal static ComposeException TypeError(string path, YamlNode node, string expected)
        => new(ComposeErrorKind.InvalidValue, $"{path} must be {expected}, not {node.Describe()}.", node.File, node.Line, node.Column, path);

    internal static ComposeException ValueError(string path, YamlNode node, string why)
        => new(ComposeErrorKind.InvalidValue, $"{path}: {why}.", node.File, node.Line, node.Column, path);

    private sealed partial class LoadContext
    {
        private readonly ComposeLoadOptions _options;
        private readonly Action<string>? _warn;
        private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
        private readonly string _cwd;
        private readonly IReadOnlyDictionary<string, string> _os;
        private Dictionary<string, string> _dotEnv = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, string> _used = new(StringComparer.Ordinal);
        private string _workingDir = "";
        private string _projectName = "";

        public LoadContext(ComposeLoadOptions options, Action<string>? warn)
        {
            _options = options;
            _warn = warn;
            _cwd = Path.GetFullPath(options.CurrentDirectory ?? Directory.GetCurrentDirectory());
            _os = options.Environment ?? ProcessEnvironment();
        }

        public void Warn(string message)
        {
            if (_warned.Add(message)) _warn?.Invoke(message);
        }

        private static Dictionary<string, string> ProcessEnvironment()
        {
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
                env[(string)e.Key] = (string?)e.Value ?? "";
            return env;
        }

        /// <summary>The project environment: the OS environment, then the env files.</summary>
        public string? Lookup(string name)
        {
            // ${COMPOSE_PROJECT_NAME} is the name in use, whatever the environment says.
            string? value = name == "COMPOSE_PROJECT_NAME" && _projectName.Length > 0 ? _projectName
                : _os.TryGetValue(name, out var v) ? v : _dotEnv.TryGetValue(name, out var d) ? d : null;
            if (value is not null) _used[name] = value;
            return value;
        }

        private string? OsLookup(string name) => _os.TryGetValue(name, out var v) ? v : null;

        public string AbsPath(string path, string baseDir) => Abs(path, baseDir);

        private string Abs(string path, string baseDir)
        {
            if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
                path = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "");
            return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDir, path));
        }

        public ComposeProject Run()
        {
            List<string> files = ConfigFiles();
            _workingDir = _options.ProjectDirectory is { Length: > 0 } pd ? Abs(pd, _cwd) : Path.GetDirectoryName(files[0])!;
            if (!Directory.Exists(_workingDir))
                throw new ComposeException(ComposeErrorKind.FileNotFound, $"The project directory {_workingDir} does not exist.");

            List<string> envFiles = EnvFiles();
            _dotEnv = DotEnv.ReadFiles(envFiles, OsLookup);
            foreach (var (k, v) in _dotEnv) _used[k] = _os.TryGetValue(k, out var o) ? o : v;

            var documents = new List<(string File, YamlNode Root)>();
            foreach (string file in files)
            {
                foreach (YamlNode doc in ComposeYaml.ReadCached(ReadFile(file), file))
                {
                    if (doc.IsNull) continue;
                    if (!doc.IsMap) throw new ComposeException(ComposeErrorKind.InvalidValue, "The top level of a compose file must be a mapping.", file, doc.Line, doc.Column);
                    documents.Add((file, doc));
                }
            }

            _projectName = ProjectName(documents);

            YamlNode model = YamlNode.Map();
            foreach (var (file, doc) in documents)
            {
                CheckTopLevel(doc);
                Interpolate(doc, "", Lookup);
                ApplyInclude(doc, file, _workingDir, Lookup, new List<string> { file });
                ApplyExtends(doc, file, Lookup);
                if (doc.Has("version"))
                {
                    Warn($"{file}: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion");
                    doc.Remove("version");
                }
                doc.Remove("name");
                model = ComposeMerge.MergeMaps(model, doc, "");
            }
            ComposeMerge.Clean(model);
            if (!model.Has("services") && !model.Has("include"))
                throw new ComposeException(ComposeErrorKind.InvalidValue, $"The compose files define no services: {string.Join(", ", files)}.", files[0]);

            var reader = new ComposeModelReader(this, _workingDir, _projectName);
            return reader.Read(model, files, envFiles, Profiles());
        }

        private static string ReadFile(string file)
        {
            try
            {
                return File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ComposeException(ComposeErrorKind.FileNotFound, $"Cannot read {file}: {ex.Message}", file, inner: ex);
            }
        }

        private List<string> ConfigFiles()
        {
            var files = _options.Paths.Where(p => !string.IsNullOrEmpty(p)).Select(p => Abs(p, _cwd)).ToList();
            if (files.Count == 0 && _os.TryGetValue("COMPOSE_FILE", out var fromEnv) && fromEnv.Length > 0)
            {
                string sep = _os.TryGetValue("COMPOSE_PATH_SEPARATOR", out var s) && s.Length > 0 ? s : Path.PathSeparator.ToString();
                files = fromEnv.Split(sep, StringSplitOptions.RemoveEmptyEntries).Select(p => Abs(p, _cwd)).ToList();
            }
            if (files.Count == 0)
            {
                string start = _options.ProjectDirectory is { Length: > 0 } pd ? Abs(pd, _cwd) : _cwd;
                for (string? dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
                {
                    var found = DefaultFileNames.Select(n => Path.Combine(dir, n)).Where(File.Exists).ToList();
                    if (found.Count == 0) continue;
                    if (found.Count > 1) Warn($"Found multiple config files with supported names: {string.Join(", ", found)}. Using {found[0]}.");
                    files.Add(found[0]);
                    var overrides = DefaultOverrideFileNames.Select(n => Path.Combine(dir, n)).Where(File.Exists).ToList();
                    if (overrides.Count > 1) Warn($"Found multiple override files with supported names: {string.Join(", ", overrides)}. Using {overrides[0]}.");
                    if (overrides.Count > 0) files.Add(overrides[0]);
                    break;
                }
                if (files.Count == 0)
                    throw new ComposeException(ComposeErrorKind.NoComposeFile,
                        $"No compose file found in {start} or any parent directory (looked for {string.Join(", ", DefaultFileNames)}). Give one with -Path.");
            }
            foreach (string file in files)
            {
                if (Directory.Exists(file))
                    throw new ComposeException(ComposeErrorKind.FileNotFound, $"{file} is a directory, not a compose file.", file);
                if (!File.Exists(file))
                    throw new ComposeException(ComposeErrorKind.FileNotFound, $"The compose file {file} does not exist.", file);
            }
            return files;
        }

        private List<string> EnvFiles()
        {
            if (_options.EnvFiles.Count > 0) return _options.EnvFiles.Select(f => Abs(f, _cwd)).ToList();
            if (_os.TryGetValue("COMPOSE_DISABLE_ENV_FILE", out var disable) && disable.Trim().ToLowerInvariant() is "1" or "true" or "t") return new();
            string dotEnv = Path.Combine(_workingDir, ".env");
            return File.Exists(dotEnv) ? new List<string> { dotEnv } : new();
        }

        private IReadOnlyList<string> Profiles()
        {
            IEnumerable<string> profiles = _options.Profiles
                ?? (Lookup("COMPOSE_PROFILES") is { } env ? env.Split(',') : Array.Empty<string>());
            return profiles.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        }

        private string ProjectName(List<(string File, YamlNode Root)> documents)
        {
            if (_options.ProjectName is { Length: > 0 } given)
                return CheckName(given, "-ProjectName");
            if (Lookup("COMPOSE_PROJECT_NAME") is { Length: > 0 } fromEnv)
                return CheckName(fromEnv, "COMPOSE_PROJECT_NAME");
            string? fromFile = null;
            foreach (var (_, doc) in documents)
            {
                if (doc["name"] is { } n && n.IsScalar && !n.IsNull)
                {
                    string value = InterpolateScalar(n, "name", Lookup);
                    if (value.Length > 0) fromFile = value;
                }
            }
            string name = NormalizeProjectName(fromFile ?? Path.GetFileName(_workingDir.TrimEnd(Path.DirectorySeparatorChar)));
            if (name.Length == 0)
                throw new ComposeException(ComposeErrorKind.InvalidProjectName,
                    $"The project name is empty: '{fromFile ?? Path.GetFileName(_workingDir)}' has no letters or digits. Give a name with -ProjectName or 'name:' in the file.");
            return name;
        }

        private static string CheckName(string name, string source)
        {
            if (name != NormalizeProjectName(name) || name.Length == 0)
                throw new ComposeException(ComposeErrorKind.InvalidProjectName,
                    $"Invalid project name '{name}' ({source}): it must consist only of lowercase letters, digits, '-' and '_', and start with a letter or digit.");
            return name;
        }

        private static void CheckTopLevel(YamlNode doc)
        {
            foreach (var (key, value) in doc.Entries)
            {
                if (key.StartsWith("x-", StringComparison.Ordinal)) continue;
                if (!TopLevelKeys.Contains(key))
                    throw new ComposeException(ComposeErrorKind.InvalidValue,
                        $"Unknown top-level key '{key}' (allowed: {string.Join(", ", TopLevelKeys.Order())}, or x-… extensions).", value.File, value.Line, value.Column, key);
                if (key is "services" or "networks" or "volumes" or "secrets" or "configs" or "models" && !value.IsMap && !value.IsNull)
                    throw TypeError(key, value, "a mapping");
            }
        }

        // ---- Interpolation ----

        public void Interpolate(YamlNode node, string path, ComposeTemplate.Lookup lookup)
        {
            switch (node.Kind)
            {
                case YamlKind.Scalar:
                    if (node.Text.Contains('$'))
                    {
                        node.Text = InterpolateScalar(node, path, lookup);
                        node.Plain = false;
                    }
                    break;
                case YamlKind.Map:
                    foreach (var (key, value) in node.Entries) Interpolate(value, path.Length == 0 ? key : path + "." + key, lookup);
                    break;
                case YamlKind.Seq:
                    for (int i = 0; i < node.Items!.Count; i++) Interpolate(node.Items[i], $"{path}[{i}]", lookup);
                    break;
            }
        }

        private string InterpolateScalar(YamlNode node, string path, ComposeTemplate.Lookup lookup)
        {
            try
            {
                return ComposeTemplate.Substitute(node.Text, lookup,
                    name => Warn($"The \"{name}\" variable is not set. Defaulting to a blank string."));
            }
            catch (ComposeTemplateException ex)
            {
                throw new ComposeException(ex.Variable is null ? ComposeErrorKind.InvalidTemplate : ComposeErrorKind.RequiredVariable,
                    ex.Variable is null ? $"{path}: invalid interpolation format \"{ex.Template}\"; use $VAR, ${{VAR}}, ${{VAR:-default}} or $$ for a literal $." : $"{path}: {ex.Message}.",
                    node.File, node.Line, node.Column, path);
            }
        }

        public IReadOnlyDictionary<string, string> UsedEnvironment => _used;
    }
}
