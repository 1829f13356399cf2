using System.Management.Automation;
using System.Text.RegularExpressions;
using PSDocker.Core;
using PSDocker.Core.Containers;
using PSDocker.Core.Images;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>When New-Container and Invoke-Container pull the image (<c>docker run --pull</c>).</summary>
public enum PullPolicy
{
    /// <summary>Pull only when the engine does not have the image.</summary>
    Missing,
    /// <summary>Always pull before creating.</summary>
    Always,
    /// <summary>Never pull: a missing image is an error.</summary>
    Never,
}
