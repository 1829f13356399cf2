namespace PSDocker.Core.Compose;

public static partial class ComposeLoader
{
    private static readonly string[] ImportedResources = { "services", "volumes", "networks", "secrets", "configs" };

    /// <summary>True for a build context or path compose leaves as it is (a URL, a git remote).</summary>
    internal static bool IsRemote(string path)
        => path.Contains("://", StringComparison.Ordinal) || path.StartsWith("git@", StringComparison.Ordinal) || path.StartsWith("github.com/", StringComparison.Ordinal);

    private sealed partial class LoadContext
    {
        private readonly Dictionary<string, YamlNode> _extendedFiles = new(StringComparer.Ordinal);

        // ---- include ----

        /// <summary>Loads each <c>include</c> entry as a project of its own (own directory, own env files) and adds its resources to <paramref name="doc"/>.</summary>
        private void ApplyInclude(YamlNode doc, string file, string projectDir, ComposeTemplate.Lookup lookup, List<string> chain)
        {
            if (doc["include"] is not { } include) return;
            doc.Remove("include");
            if (include.IsNull) return;
            if (!include.IsSeq) throw TypeError("include", include, "a list");
            for (int i = 0; i < include.Items!.Count; i++)
            {
                YamlNode entry = include.Items[i];
                string at = $"include[{i}]";
                List<string> paths;
                string? projectDirectory = null;
                List<string>? envFiles = null;
                if (entry.IsScalar && !entry.IsNull) paths = new() { entry.Text };
                else if (entry.IsMap)
                {
                    foreach (var (key, value) in entry.Entries)
                    {
                        if (key is not ("path" or "project_directory" or "env_file") && !key.StartsWith("x-", StringComparison.Ordinal))
                            throw ValueError($"{at}.{key}", value, "unknown key (allowed: path, project_directory, env_file)");
                    }
                    paths = StringOrList(entry["path"] ?? throw ValueError(at, entry, "'path' is required"), $"{at}.path");
                    projectDirectory = entry["project_directory"] is { IsNull: false } pdn ? pdn.Text : null;
                    envFiles = entry["env_file"] is { IsNull: false } ef ? StringOrList(ef, $"{at}.env_file") : null;
                }
                else throw TypeError(at, entry, "a path or a mapping with path, project_directory, env_file");
                if (paths.Count == 0) throw ValueError($"{at}.path", entry, "no file given");

                paths = paths.Select(p => Abs(p, projectDir)).ToList();
                foreach (string p in paths)
                    if (!File.Exists(p))
                        throw new ComposeException(ComposeErrorKind.FileNotFound, $"{at}: the included file {p} does not exist.", entry.File, entry.Line, entry.Column, at);
                if (chain.Contains(paths[0]))
                    throw new ComposeException(ComposeErrorKind.InvalidInclude,
                        $"Include cycle: {string.Join(" includes ", chain.Append(paths[0]))}.", entry.File, entry.Line, entry.Column, at);
                string includeDir = projectDirectory is null ? Path.GetDirectoryName(paths[0])! : Abs(projectDirectory, projectDir);

                List<string> envPaths;
                if (envFiles is null)
                {
                    string dotEnv = Path.Combine(includeDir, ".env");
                    envPaths = File.Exists(dotEnv) ? new() { dotEnv } : new();
                }
                else envPaths = envFiles.Where(f => f != "/dev/null").Select(f => Abs(f, projectDir)).ToList();
                Dictionary<string, string> includeEnv = DotEnv.ReadFiles(envPaths, lookup);
                ComposeTemplate.Lookup includeLookup = name => lookup(name) ?? (includeEnv.TryGetValue(name, out var v) ? v : null);

                YamlNode sub = YamlNode.Map();
                foreach (string p in paths)
                {
                    foreach (YamlNode d in ComposeYaml.ReadCached(ReadFile(p), p))
                    {
                        if (d.IsNull) continue;
                        if (!d.IsMap) throw new ComposeException(ComposeErrorKind.InvalidValue, "The top level of a compose file must be a mapping.", p, d.Line, d.Column);
                        CheckTopLevel(d);
                        Interpolate(d, "", includeLookup);
                        ApplyInclude(d, p, includeDir, includeLookup, new List<string>(chain) { paths[0] });
                        ApplyExtends(d, p, includeLookup);
                        d.Remove("version");
                        d.Remove("name");
                        sub = ComposeMerge.MergeMaps(sub, d, "");
                    }
                }
                ComposeMerge.Clean(sub);
                ResolveModelPaths(sub, includeDir);

                foreach (string resource in ImportedResources)
                {
                    if (sub[resource] is not { IsMap: true } imported) continue;
                    YamlNode target = doc[resource] is { IsMap: true } existing ? existing : YamlNode.Map(imported);
                    foreach (var (name, value) in imported.Entries)
                    {
                        if (target[name] is { } conflict)
                            throw new ComposeException(ComposeErrorKind.InvalidInclude,
                                $"{resource}.{name} is defined both here and in the included file {paths[0]}; rename one of them.",
                                conflict.File, conflict.Line, conflict.Column, $"{resource}.{name}");
                        target.Set(name, value);
                    }
                    doc.Set(resource, target);
                }
            }
        }

        private static List<string> StringOrList(YamlNode node, string path)
        {
            if (node.IsScalar && !node.IsNull) return new() { node.Text };
            if (!node.IsSeq) throw TypeError(path, node, "a string or a list of strings");
            var list = new List<string>();
            for (int i = 0; i < node.Items!.Count; i++)
            {
                if (!node.Items[i].IsScalar || node.Items[i].IsNull) throw TypeError($"{path}[{i}]", node.Items[i], "a string");
                list.Add(node.Items[i].Text);
            }
            return list;
        }

        // ---- extends ----

        private void ApplyExtends(YamlNode doc, string file, ComposeTemplate.Lookup lookup)
        {
            if (doc["services"] is not { IsMap: true } services) return;
            var done = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (string name in services.Keys.ToList())
                services.Set(name, ResolveExtends(name, services, file, lookup, new List<string>(), done));
        }

        private YamlNode ResolveExtends(string name, YamlNode services, string file, ComposeTemplate.Lookup lookup, List<string> chain, Dictionary<string, YamlNode> done)
        {
            YamlNode service = services[name]!;
            if (!service.IsMap || service["extends"] is not { } extends) return service;
            string key = file + "\n" + name;
            if (done.TryGetValue(key, out var cached)) return cached;
            string path = $"services.{name}.extends";
            string label = $"{name} ({file})";
            if (chain.Contains(label))
                throw new ComposeException(ComposeErrorKind.InvalidExtends,
                    $"Circular extends: {string.Join(" extends ", chain.Append(label))}.", extends.File, extends.Line, extends.Column, path);

            string reference;
            string? otherFile = null;
            if (extends.IsScalar && !extends.IsNull) reference = extends.Text;
            else if (extends.IsMap)
            {
                foreach (var (k, v) in extends.Entries)
                    if (k is not ("service" or "file")) throw ValueError($"{path}.{k}", v, "unknown key (allowed: service, file)");
                reference = extends["service"] is { IsScalar: true, IsNull: false } s ? s.Text : throw ValueError(path, extends, "'service' is required");
                otherFile = extends["file"] is { IsNull: false } f ? f.Text : null;
            }
            else throw TypeError(path, extends, "a service name or a mapping with service and file");

            var nextChain = new List<string>(chain) { label };
            YamlNode baseService;
            if (otherFile is not null)
            {
                string other = Abs(otherFile, Path.GetDirectoryName(file)!);
                if (!File.Exists(other))
                    throw new ComposeException(ComposeErrorKind.FileNotFound, $"{path}: the file {other} does not exist.", extends.File, extends.Line, extends.Column, path);
                if (!_extendedFiles.TryGetValue(other, out var otherModel))
                {
                    otherModel = YamlNode.Map();
                    foreach (YamlNode d in ComposeYaml.ReadCached(ReadFile(other), other))
                    {
                        if (!d.IsMap) continue;
                        Interpolate(d, "", lookup);
                        otherModel = ComposeMerge.MergeMaps(otherModel, d, "");
                    }
                    _extendedFiles[other] = otherModel;
                }
                if (otherModel["services"] is not { IsMap: true } otherServices || !otherServices.Has(reference))
                    throw new ComposeException(ComposeErrorKind.InvalidExtends,
                        $"Cannot extend service '{name}': service '{reference}' not found in {other}.", extends.File, extends.Line, extends.Column, path);
                baseService = ResolveExtends(reference, otherServices, other, lookup, nextChain, done).Clone();
                ResolveServicePaths(baseService, Path.GetDirectoryName(other)!);
            }
            else
            {
                if (!services.Has(reference))
                    throw new ComposeException(ComposeErrorKind.InvalidExtends,
                        $"Cannot extend service '{name}': service '{reference}' not found in {file}.", extends.File, extends.Line, extends.Column, path);
                baseService = ResolveExtends(reference, services, file, lookup, nextChain, done).Clone();
            }
            YamlNode own = service.Clone();
            own.Remove("extends");
            YamlNode merged = ComposeMerge.Merge(baseService, own, "services." + name);
            merged.Remove("extends");
            done[key] = merged;
            return merged;
        }

        // ---- relative paths of included and extended files ----

        private void ResolveModelPaths(YamlNode model, string dir)
        {
            if (model["services"] is { IsMap: true } services)
                foreach (var (_, service) in services.Entries)
                    if (service.IsMap) ResolveServicePaths(service, dir);
            foreach (string kind in new[] { "secrets", "configs" })
            {
                if (model[kind] is not { IsMap: true } items) continue;
                foreach (var (_, item) in items.Entries)
                    if (item.IsMap && item["file"] is { IsScalar: true, IsNull: false } f) f.Text = Abs(f.Text, dir);
            }
        }

        private void ResolveServicePaths(YamlNode service, string dir)
        {
            if (service["build"] is { } build)
            {
                if (build.IsScalar && !build.IsNull)
                {
                    if (!IsRemote(build.Text)) build.Text = Abs(build.Text, dir);
                }
                else if (build.IsMap)
                {
                    YamlNode context = build["context"] ?? YamlNode.Scalar(".", plain: false, build);
                    if (!IsRemote(context.Text)) context.Text = Abs(context.Text.Length == 0 ? "." : context.Text, dir);
                    build.Set("context", context);
                }
            }
            foreach (string key in new[] { "env_file", "label_file" })
            {
                if (service[key] is not { } node) continue;
                if (node.IsScalar && !node.IsNull) node.Text = Abs(node.Text, dir);
                else if (node.IsSeq)
                {
                    foreach (YamlNode item in node.Items!)
                    {
                        if (item.IsScalar && !item.IsNull) item.Text = Abs(item.Text, dir);
                        else if (item.IsMap && item["path"] is { IsScalar: true } p) p.Text = Abs(p.Text, dir);
                    }
                }
            }
            if (service["volumes"] is { IsSeq: true } volumes)
            {
                foreach (YamlNode v in volumes.Items!)
                {
                    if (v.IsScalar && (v.Text.StartsWith('.') || v.Text.StartsWith('~')))
                    {
                        int colon = v.Text.IndexOf(':');
                        if (colon > 0) v.Text = Abs(v.Text[..colon], dir) + v.Text[colon..];
                    }
                    else if (v.IsMap && v["source"] is { IsScalar: true } source
                             && (v["type"]?.Text == "bind" || source.Text.StartsWith('.') || source.Text.StartsWith('~')))
                    {
                        source.Text = Abs(source.Text, dir);
                    }
                }
            }
        }
    }
}
