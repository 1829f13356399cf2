using System.Management.Automation;
using PSDocker.Core;

namespace PSDocker;

/// <summary>Disposes the cached engine clients when the module is removed.</summary>
public sealed class ModuleCleanup : IModuleAssemblyCleanup
{
    public void OnRemove(PSModuleInfo psModuleInfo) => DisposeClients();

    // In its own method: PSDocker.Core loads only when this runs, through the context OnImport hooked.
    private static void DisposeClients() => DockerClient.DisposeAll();
}
