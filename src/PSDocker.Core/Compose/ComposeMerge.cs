namespace PSDocker.Core.Compose;

/// <summary>
/// Merges compose YAML trees as compose does for several -f files and for <c>extends</c>: mappings merge key by key,
/// scalars are replaced, sequences are appended; command, entrypoint and healthcheck.test are replaced; environment,
/// labels, annotations, sysctls, build args/labels merge by key (list or map form); depends_on and networks merge by name
/// (list or map form); build in string form is its context; logging options merge only for the same driver;
/// ipam pools merge by subnet. <c>!reset</c> removes what the base had, <c>!override</c> replaces it whole.
/// </summary>
internal static class ComposeMerge
{
    private enum Rule { Default, Replace, KeyValue, DependsOn, NameMap, Build, Logging, Ulimit, IpamConfig, StringList, ExtraHosts }

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["services.*.command"] = Rule.Replace,
        ["services.*.entrypoint"] = Rule.Replace,
        ["services.*.healthcheck.test"] = Rule.Replace,
        ["services.*.environment"] = Rule.KeyValue,
        ["services.*.labels"] = Rule.KeyValue,
        ["services.*.annotations"] = Rule.KeyValue,
        ["services.*.sysctls"] = Rule.KeyValue,
        ["services.*.build.args"] = Rule.KeyValue,
        ["services.*.build.labels"] = Rule.KeyValue,
        ["services.*.build.additional_contexts"] = Rule.KeyValue,
        ["services.*.deploy.labels"] = Rule.KeyValue,
        ["networks.*.labels"] = Rule.KeyValue,
        ["volumes.*.labels"] = Rule.KeyValue,
        ["secrets.*.labels"] = Rule.KeyValue,
        ["configs.*.labels"] = Rule.KeyValue,
        ["services.*.depends_on"] = Rule.DependsOn,
        ["services.*.networks"] = Rule.NameMap,
        ["services.*.build"] = Rule.Build,
        ["services.*.logging"] = Rule.Logging,
        ["services.*.ulimits.*"] = Rule.Ulimit,
        ["networks.*.ipam.config"] = Rule.IpamConfig,
        ["services.*.env_file"] = Rule.StringList,
        ["services.*.label_file"] = Rule.StringList,
        ["services.*.dns"] = Rule.StringList,
        ["services.*.dns_opt"] = Rule.StringList,
        ["services.*.dns_search"] = Rule.StringList,
        ["services.*.tmpfs"] = Rule.StringList,
        ["services.*.extra_hosts"] = Rule.ExtraHosts,
        ["services.*.build.extra_hosts"] = Rule.ExtraHosts,
    };

    /// <summary>Merges <paramref name="over"/> into a copy of <paramref name="baseNode"/> (neither is changed). <paramref name="path"/> is the dotted path of both.</summary>
    public static YamlNode Merge(YamlNode baseNode, YamlNode over, string path)
    {
        Rule rule = Rules.TryGetValue(RuleKey(path), out var r) ? r : Rule.Default;
        switch (rule)
        {
            case Rule.Replace:
                return over.Clone();
            case Rule.KeyValue:
                return MergeMaps(ToKeyValueMap(baseNode, path), ToKeyValueMap(over, path), path);
            case Rule.DependsOn:
                return MergeMaps(ToNameMap(baseNode, path, dependsOn: true), ToNameMap(over, path, dependsOn: true), path);
            case Rule.NameMap:
                return MergeMaps(ToNameMap(baseNode, path, dependsOn: false), ToNameMap(over, path, dependsOn: false), path);
            case Rule.Build:
                return MergeMaps(ToBuildMap(baseNode), ToBuildMap(over), path);
            case Rule.Logging:
            {
                if (!baseNode.IsMap || !over.IsMap) return over.Clone();
                YamlNode? d1 = baseNode["driver"], d2 = over["driver"];
                if (d1 is null || d2 is null || d1.Text == d2.Text) return MergeMaps(baseNode, over, path);
                return over.Clone();
            }
            case Rule.Ulimit:
                return baseNode.IsMap && over.IsMap ? MergeMaps(baseNode, over, path) : over.Clone();
            case Rule.IpamConfig:
                return MergeIpam(baseNode, over, path);
            case Rule.StringList:
                return Concat(ToList(baseNode), ToList(over), distinct: false);
            case Rule.ExtraHosts:
                return Concat(ToHostList(baseNode), ToHostList(over), distinct: true);
        }

        // A null in the later file keeps what the earlier one set (remove it with !reset).
        if (over.IsNull) return baseNode.Clone();
        if (baseNode.IsMap)
        {
            if (!over.IsMap) throw CannotOverride(path, baseNode, over);
            return MergeMaps(baseNode, over, path);
        }
        if (baseNode.IsSeq)
        {
            if (!over.IsSeq) throw CannotOverride(path, baseNode, over);
            return Concat(baseNode, over, distinct: false);
        }
        return over.Clone();
    }

    /// <summary>Merges two mappings key by key; <c>!reset</c> in <paramref name="over"/> drops the key, <c>!override</c> replaces the value.</summary>
    public static YamlNode MergeMaps(YamlNode baseNode, YamlNode over, string path)
    {
        YamlNode result = baseNode.IsMap ? baseNode.Clone() : YamlNode.Map(over);
        if (!over.IsMap) return result;
        foreach (var (key, value) in over.Entries)
        {
            string next = path.Length == 0 ? key : path + "." + key;
            if (value.Tag == "!reset")
            {
                result.Remove(key);
                continue;
            }
            if (value.Tag == "!override")
            {
                YamlNode copy = value.Clone();
                copy.Tag = null;
                result.Set(key, copy);
                continue;
            }
            YamlNode? existing = result[key];
            result.Set(key, existing is null ? value.Clone() : Merge(existing, value, next));
        }
        return result;
    }

    /// <summary>Removes what <c>!reset</c> marks (keys and list items) and drops the <c>!override</c> tags, in place.</summary>
    public static void Clean(YamlNode node)
    {
        if (node.IsMap)
        {
            foreach (string key in node.Keys.ToList())
            {
                YamlNode value = node[key]!;
                if (value.Tag == "!reset") { node.Remove(key); continue; }
                if (value.Tag == "!override") value.Tag = null;
                Clean(value);
            }
        }
        else if (node.IsSeq)
        {
            node.Items!.RemoveAll(i => i.Tag == "!reset");
            foreach (var item in node.Items!)
            {
                if (item.Tag == "!override") item.Tag = null;
                Clean(item);
            }
        }
    }

    /// <summary>The merge-rule key of a path: resource names and a few nested names become '*'.</summary>
    private static string RuleKey(string path)
    {
        string[] parts = path.Split('.');
        if (parts.Length >= 2 && parts[0] is "services" or "networks" or "volumes" or "secrets" or "configs") parts[1] = "*";
        if (parts.Length >= 4 && parts[0] == "services" && parts[2] is "ulimits") parts[3] = "*";
        return string.Join('.', parts);
    }

    /// <summary>"KEY=value" / "KEY" list items or a mapping, as a mapping (a bare KEY maps to null).</summary>
    internal static YamlNode ToKeyValueMap(YamlNode node, string path)
    {
        if (node.IsMap) return node;
        var map = YamlNode.Map(node);
        if (node.IsNull) return map;
        if (!node.IsSeq) throw ComposeLoader.TypeError(path, node, "a mapping or a list of KEY=value");
        for (int i = 0; i < node.Items!.Count; i++)
        {
            YamlNode item = node.Items[i];
            if (!item.IsScalar) throw ComposeLoader.TypeError($"{path}[{i}]", item, "a string KEY=value");
            int eq = item.Text.IndexOf('=');
            if (eq < 0) map.Set(item.Text, YamlNode.Null(item));
            else map.Set(item.Text[..eq], YamlNode.Scalar(item.Text[(eq + 1)..], plain: false, item));
        }
        return map;
    }

    /// <summary>A list of names or a mapping of name → settings, as a mapping (depends_on: defaults filled).</summary>
    internal static YamlNode ToNameMap(YamlNode node, string path, bool dependsOn)
    {
        if (node.IsMap) return node;
        var map = YamlNode.Map(node);
        if (node.IsNull) return map;
        if (!node.IsSeq) throw ComposeLoader.TypeError(path, node, "a list of names or a mapping");
        for (int i = 0; i < node.Items!.Count; i++)
        {
            YamlNode item = node.Items[i];
            if (!item.IsScalar || item.IsNull) throw ComposeLoader.TypeError($"{path}[{i}]", item, "a name");
            if (map.Has(item.Text)) throw new ComposeException(ComposeErrorKind.InvalidValue, $"{path} contains '{item.Text}' twice.", item.File, item.Line, item.Column, path);
            if (dependsOn)
            {
                var settings = YamlNode.Map(item);
                settings.Set("condition", YamlNode.Scalar(ComposeConditions.Started, plain: false, item));
                settings.Set("required", YamlNode.Scalar("true", plain: true, item));
                map.Set(item.Text, settings);
            }
            else map.Set(item.Text, YamlNode.Null(item));
        }
        return map;
    }

    private static YamlNode ToBuildMap(YamlNode node)
    {
        if (node.IsMap) return node;
        var map = YamlNode.Map(node);
        if (node.IsScalar && !node.IsNull) map.Set("context", node);
        return map;
    }

    private static YamlNode ToList(YamlNode node)
    {
        if (node.IsSeq) return node;
        var list = YamlNode.Seq(node);
        if (node.IsScalar && !node.IsNull) list.Items!.Add(node);
        else if (node.IsMap) list.Items!.Add(node);
        return list;
    }

    private static YamlNode ToHostList(YamlNode node)
    {
        if (!node.IsMap) return ToList(node);
        var list = YamlNode.Seq(node);
        foreach (var (host, ip) in node.Entries)
        {
            if (ip.IsSeq) foreach (var one in ip.Items!) list.Items!.Add(YamlNode.Scalar($"{host}={one.Text}", false, one));
            else list.Items!.Add(YamlNode.Scalar($"{host}={ip.Text}", false, ip));
        }
        return list;
    }

    private static YamlNode Concat(YamlNode a, YamlNode b, bool distinct)
    {
        var list = YamlNode.Seq(a);
        foreach (var item in a.Items!) list.Items!.Add(item.Clone());
        foreach (var item in b.Items!)
        {
            if (distinct && item.IsScalar && list.Items!.Any(x => x.IsScalar && x.Text == item.Text)) continue;
            list.Items!.Add(item.Clone());
        }
        return list;
    }

    private static YamlNode MergeIpam(YamlNode a, YamlNode b, string path)
    {
        if (!a.IsSeq || !b.IsSeq) return b.Clone();
        var result = YamlNode.Seq(a);
        foreach (var item in a.Items!) result.Items!.Add(item.Clone());
        foreach (var item in b.Items!)
        {
            string? subnet = item.IsMap ? item["subnet"]?.Text : null;
            int at = result.Items!.FindIndex(x => x.IsMap && x["subnet"]?.Text == subnet);
            if (at >= 0) result.Items[at] = MergeMaps(result.Items[at], item, path);
            else result.Items.Add(item.Clone());
        }
        return result;
    }

    private static ComposeException CannotOverride(string path, YamlNode baseNode, YamlNode over)
        => new(ComposeErrorKind.InvalidValue, $"Cannot override {path}: it is {baseNode.Describe()} in one file and {over.Describe()} in another.", over.File, over.Line, over.Column, path);
}
