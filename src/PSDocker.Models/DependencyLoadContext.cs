using System.Reflection;
using System.Runtime.Loader;

namespace PSDocker;

/// <summary>
/// PSDocker's private AssemblyLoadContext: PSDocker.Core and its dependencies (Microsoft.Extensions.*, YamlDotNet) load
/// here from the module's <c>dependencies</c> folder, so another module in the session that ships other versions of
/// them (powershell-yaml's YamlDotNet, say) neither breaks PSDocker nor is broken by it.
/// </summary>
/// <remarks>
/// The layout: <c>PSDocker.dll</c> (the cmdlets) and <c>PSDocker.Models.dll</c> (the types users see, and this loader)
/// in the module folder, in PowerShell's default context; everything else in <c>dependencies/</c>. PSDocker.dll references
/// PSDocker.Core, which the default context cannot find: its Resolving event hands it to this context, which loads Core's
/// own references from the folder too. What the folder lacks (the framework, PSDocker.Models) comes from the default
/// context, so the types are shared. The event is hooked by <see cref="DependencyResolver"/> when the manifest imports
/// PSDocker.Models.dll as a nested module, which PowerShell does before it reflects over the cmdlets in PSDocker.dll
/// (their types need PSDocker.Core to load).
/// </remarks>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    /// <summary>The folder beside PSDocker.dll that holds PSDocker.Core and its dependencies.</summary>
    internal const string FolderName = "dependencies";

    private static readonly Lazy<DependencyLoadContext> Shared = new(() =>
        new DependencyLoadContext(Path.Combine(Path.GetDirectoryName(typeof(DependencyLoadContext).Assembly.Location)!, FolderName)));

    private readonly string _folder;

    private DependencyLoadContext(string folder) : base("PSDocker", isCollectible: false) => _folder = folder;

    /// <summary>The one context of this module.</summary>
    internal static DependencyLoadContext Instance => Shared.Value;

    /// <summary>True when the assembly is one of PSDocker's private dependencies.</summary>
    internal bool Holds(AssemblyName name) => name.Name is { } simple && File.Exists(PathOf(simple));

    protected override Assembly? Load(AssemblyName assemblyName)
        => assemblyName.Name is { } name && File.Exists(PathOf(name)) ? LoadFromAssemblyPath(PathOf(name)) : null;

    private string PathOf(string simpleName) => Path.Combine(_folder, simpleName + ".dll");
}

/// <summary>Hooks the default context's Resolving event before PowerShell looks at the cmdlet types.</summary>
public sealed class DependencyResolver : System.Management.Automation.IModuleAssemblyInitializer
{
    private static int _hooked;

    /// <summary>Runs when PowerShell imports PSDocker.Models.dll (NestedModules in PSDocker.psd1), before PSDocker.dll.</summary>
    public void OnImport() => Hook();

    /// <summary>Hooks the event once. Only in the module layout (PSDocker.Core under dependencies/): in the build output
    /// or a test host Core sits beside the other assemblies and the default context finds it itself.</summary>
    internal static void Hook()
    {
        string folder = Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location)!, DependencyLoadContext.FolderName);
        if (!Directory.Exists(folder)) return;
        if (Interlocked.Exchange(ref _hooked, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        // Only what PSDocker ships privately: other modules' misses are theirs.
        DependencyLoadContext alc = DependencyLoadContext.Instance;
        return alc.Holds(name) ? alc.LoadFromAssemblyName(name) : null;
    }
}
