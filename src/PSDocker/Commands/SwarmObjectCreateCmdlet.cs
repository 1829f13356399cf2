using System.Collections;
using System.Management.Automation;
using System.Text.RegularExpressions;
using PSDocker.Core;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// The base of New-SwarmSecret and New-SwarmConfig: a name, labels, and the content from -Value, a file (-Path) or bytes
/// piped in (collected, then sent once the pipeline ends). Checked before anything is sent.
/// </summary>
public abstract partial class SwarmObjectCreateCmdlet<T> : DockerCmdlet
{
    protected const string ByValue = "Value";
    protected const string ByPath = "Path";
    protected const string ByBytes = "Bytes";

    private readonly List<byte> _piped = new();

    /// <summary>The name services refer to it by: letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 64 characters.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>A file whose content is the value.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByPath)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The value as bytes piped in (<c>Get-Content -AsByteStream file</c>, <c>[IO.File]::ReadAllBytes(...)</c>).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByBytes, ValueFromPipeline = true)]
    [AllowEmptyCollection]
    public byte[] InputObject { get; set; } = Array.Empty<byte>();

    /// <summary>Labels: @{ key = 'value' }.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>"secret" or "config", in messages.</summary>
    private protected abstract string Noun { get; }

    /// <summary>The engine's size limit of the content.</summary>
    private protected abstract int MaxSize { get; }

    private protected abstract ErrorNoun ErrorNoun { get; }

    /// <summary>The content given by -Value (only called in that parameter set).</summary>
    private protected abstract byte[] ValueBytes();

    /// <summary>The create call.</summary>
    private protected abstract Task<T> CreateAsync(DockerClient client, string name, byte[] data, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?$")]
    private static partial Regex ValidName();

    protected override void BeginProcessing()
    {
        if (Name.Length > 64 || !ValidName().IsMatch(Name))
            ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException(
                $"Invalid {Noun} name '{Name}': use letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 64 characters."),
                "InvalidSwarmObjectName", Name));
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByBytes) _piped.AddRange(InputObject);
    }

    protected override void EndProcessing()
    {
        IReadOnlyDictionary<string, string> labels = ReadStringMap(Label, "InvalidLabel");
        byte[] data = ParameterSetName switch
        {
            ByPath => ReadFile(),
            ByBytes => _piped.ToArray(),
            _ => ValueBytes(),
        };
        try
        {
            if (data.Length == 0 || data.Length > MaxSize)
            {
                // The size, never the content.
                ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException(
                    $"The {Noun} '{Name}' must hold between 1 byte and {MaxSize / 1024} KB; it holds {data.Length} bytes."), "InvalidSwarmObjectSize", Name));
            }
            if (!ShouldProcess($"{Noun} {Name} ({data.Length} bytes) on {ResolvedEndpoint}", $"Create {Noun}")) return;
            try
            {
                WriteObject(Wait(ct => CreateAsync(Client, Name, data, labels, ct)));
            }
            catch (DockerApiException ex)
            {
                WriteError(DockerErrors.From(ex, ErrorNoun, Name, ResolvedEndpoint.ToString(), ApiOperation.Create));
            }
        }
        finally
        {
            Array.Clear(data);
            _piped.Clear();
        }
    }

    private byte[] ReadFile()
    {
        string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxSize)
                ThrowTerminatingError(DockerErrors.InvalidArgument(new ArgumentException(
                    $"The file '{path}' holds {info.Length} bytes; a {Noun} holds at most {MaxSize / 1024} KB."), "InvalidSwarmObjectSize", path));
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "SwarmObjectFileUnreadable", ErrorCategory.ReadError, path)
            {
                ErrorDetails = new ErrorDetails($"Cannot read '{path}': {ex.Message}"),
            });
            throw; // unreachable
        }
    }
}
