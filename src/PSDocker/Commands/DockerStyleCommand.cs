using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PSDocker.Commands;

/// <summary>
/// The docker habit "everything after the image (or container) is the command": PowerShell binds a token such as
/// <c>-d</c> in <c>Invoke-Container busybox ls -d /</c> to a parameter (-Detach) when it names one, even after the
/// command has started. This reads the statement the user typed and gives such tokens back to the command.
/// </summary>
/// <remarks>
/// Only tokens written short (an abbreviation or a one-letter alias such as <c>-d</c>) that follow the first command
/// word are given back; a parameter's full name (<c>-Detach</c>, <c>-Name x</c>) after the command stays PowerShell's.
/// Whenever the statement cannot be read with certainty (no statement text, splatting, the cmdlet named twice,
/// <c>-Param:value</c> after the command, values that do not line up with what was bound) nothing changes.
/// Tokens that PowerShell cannot bind at all (<c>-c</c> names several parameters; <c>-l /x</c> is not a label)
/// fail before the cmdlet runs: for those <c>--</c> before the command is the way, as the help pages say.
/// </remarks>
internal static class DockerStyleCommand
{
    /// <summary>
    /// The command with the short tokens put back, and the parameters they had been bound to (to be unbound),
    /// or null when there is nothing to give back.
    /// </summary>
    /// <param name="cmdlet">The running cmdlet.</param>
    /// <param name="commandParameter">The remaining-arguments parameter holding the command.</param>
    /// <param name="leading">The positional parameter(s) before the command (Image; or Name, Id, InputObject).</param>
    public static (string[] Command, string[] Stolen)? Reclaim(PSCmdlet cmdlet, string commandParameter, params string[] leading)
    {
        InvocationInfo invocation = cmdlet.MyInvocation;
        // InvocationInfo.Statement is PowerShell 7.4+ (the module's minimum); the reference assemblies predate it.
        if (PSObject.AsPSObject(invocation).Properties["Statement"]?.Value is not string statement || statement.Length == 0) return null;
        ScriptBlockAst script = Parser.ParseInput(statement, out _, out ParseError[] errors);
        if (errors.Length > 0) return null;
        var calls = script.FindAll(a => a is CommandAst c && string.Equals(c.GetCommandName(), invocation.InvocationName, StringComparison.OrdinalIgnoreCase), true).Cast<CommandAst>().ToList();
        if (calls.Count != 1) return null;
        var bound = invocation.BoundParameters.TryGetValue(commandParameter, out object? value) ? ToStrings(value) : null;
        if (bound is null) return null;

        var parameters = invocation.MyCommand.Parameters;
        var elements = calls[0].CommandElements.Skip(1).ToList();
        bool leadingNamed = elements.OfType<CommandParameterAst>().Any(p => Resolve(parameters, p.ParameterName) is { } m && leading.Contains(m.Name, StringComparer.OrdinalIgnoreCase));
        int positionals = 0;
        bool started = false;
        int next = 0; // the next bound command value
        var command = new List<string>();
        var stolen = new List<string>();
        for (int i = 0; i < elements.Count; i++)
        {
            CommandElementAst element = elements[i];
            if (element is CommandParameterAst p)
            {
                if (p.ParameterName == "-") return null; // "--": everything after it is already the command's
                if (p.Argument is not null && started) return null;
                ParameterMetadata? meta = Resolve(parameters, p.ParameterName);
                if (meta is null)
                {
                    // Unknown to the cmdlet: PowerShell passed it on as a remaining argument.
                    if (!started) return null;
                    if (!Take(bound, ref next, p.Extent.Text, command)) return null;
                    continue;
                }
                bool takesArgument = !meta.SwitchParameter && p.Argument is null;
                if (string.Equals(meta.Name, commandParameter, StringComparison.OrdinalIgnoreCase))
                {
                    if (started || !takesArgument || i + 1 >= elements.Count) return null;
                    started = true;
                    if (!Take(bound, ref next, null, command)) return null;
                    i++;
                    continue;
                }
                if (!started || IsFullName(meta, p.ParameterName))
                {
                    if (takesArgument) i++; // its value
                    continue;
                }
                if (leading.Contains(meta.Name, StringComparer.OrdinalIgnoreCase) || IsMandatory(meta)) return null;
                stolen.Add(meta.Name);
                command.Add(p.Extent.Text);
                if (takesArgument)
                {
                    if (++i >= elements.Count || StaticText(elements[i]) is not { } text) return null;
                    command.Add(text);
                }
                continue;
            }
            // A positional value: the leading parameter's, then the command's.
            if (!started && positionals++ < (leadingNamed ? 0 : 1)) continue;
            started = true;
            if (!Take(bound, ref next, null, command)) return null;
        }
        if (stolen.Count == 0 || next != bound.Count) return null;
        return (command.ToArray(), stolen.ToArray());
    }

    private static bool Take(List<string> bound, ref int next, string? expected, List<string> command)
    {
        if (next >= bound.Count) return false;
        if (expected is not null && !string.Equals(bound[next], expected, StringComparison.Ordinal)) return false;
        command.Add(bound[next++]);
        return true;
    }

    private static List<string>? ToStrings(object? value)
    {
        object? v = value is PSObject pso ? pso.BaseObject : value;
        if (v is string s) return new List<string> { s };
        if (v is not IEnumerable items) return null;
        var list = new List<string>();
        foreach (object? item in items) list.Add(LanguagePrimitives.ConvertTo<string>(item));
        return list;
    }

    private static string? StaticText(CommandElementAst element) => element switch
    {
        StringConstantExpressionAst s => s.Value,
        ConstantExpressionAst c => LanguagePrimitives.ConvertTo<string>(c.Value),
        _ => null,
    };

    private static bool IsFullName(ParameterMetadata meta, string written)
        => string.Equals(meta.Name, written, StringComparison.OrdinalIgnoreCase)
           || meta.Aliases.Any(a => a.Length > 1 && string.Equals(a, written, StringComparison.OrdinalIgnoreCase));

    private static bool IsMandatory(ParameterMetadata meta) => meta.Attributes.OfType<ParameterAttribute>().Any(a => a.Mandatory);

    // PowerShell's rule: an exact name or alias wins, otherwise a prefix naming exactly one parameter.
    private static ParameterMetadata? Resolve(Dictionary<string, ParameterMetadata> parameters, string written)
    {
        foreach (ParameterMetadata m in parameters.Values)
            if (string.Equals(m.Name, written, StringComparison.OrdinalIgnoreCase) || m.Aliases.Contains(written, StringComparer.OrdinalIgnoreCase)) return m;
        var prefixed = parameters.Values.Where(m => m.Name.StartsWith(written, StringComparison.OrdinalIgnoreCase)
                                                     || m.Aliases.Any(a => a.StartsWith(written, StringComparison.OrdinalIgnoreCase))).Distinct().ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }
}
