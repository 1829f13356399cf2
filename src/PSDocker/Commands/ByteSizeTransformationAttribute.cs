using System.Collections;
using System.Globalization;
using System.Management.Automation;
using PSDocker.Core.Containers;

namespace PSDocker.Commands;

/// <summary>Turns '512m', '1.5g', '64MiB' (docker's notation) into bytes; numbers pass through as bytes.</summary>
public sealed class ByteSizeTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
        if (value is not string text) return inputData;
        try { return ByteSize.Parse(text); }
        catch (FormatException ex) { throw new ArgumentTransformationMetadataException(ex.Message, ex); }
    }
}
