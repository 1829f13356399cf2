using System.Collections;
using System.Management.Automation;

namespace PSDocker.Commands;

/// <summary>
/// Lets a ContainerState parameter take the engine's state words too (<c>exited</c> is our <c>Stopped</c>), so
/// <c>-State Exited</c> works as in <c>docker ps --filter status=exited</c>. Other values pass through unchanged.
/// </summary>
public sealed class ContainerStateTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        return value switch
        {
            string text => Map(text),
            IEnumerable items and not string => items.Cast<object?>().Select(i => Map(i is PSObject p ? p.BaseObject : i)).ToArray(),
            _ => inputData,
        };
    }

    private static object? Map(object? value)
    {
        if (value is not string text) return value;
        // Our words (Stopped, Running, ...) are also engine words, so one mapping serves both.
        ContainerState engine = ContainerStateMapper.FromEngine(text.Trim());
        return engine == ContainerState.Unknown ? text : engine;
    }
}
