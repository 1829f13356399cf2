using PSDocker.Core.Compose;

namespace PSDocker.Commands;

public sealed partial class StartComposeProjectCommand
{
    // Until the loader lands: -Path is not available.
    private ComposeProject? LoadProject() => null;
}
