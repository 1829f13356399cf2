using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using PSDocker.Core;
using PSDocker.Core.Swarm;
using PSDocker.Errors;

namespace PSDocker.Commands;

/// <summary>
/// Creates a swarm secret (<c>docker secret create</c>) from a SecureString, a file or piped bytes. The value is never
/// written to output, verbose, debug, -WhatIf or error text: only its name and size are.
/// </summary>
[Cmdlet(VerbsCommon.New, "SwarmSecret", SupportsShouldProcess = true, DefaultParameterSetName = ByValue)]
[OutputType(typeof(SwarmSecret))]
public sealed class NewSwarmSecretCommand : SwarmObjectCreateCmdlet<SwarmSecret>
{
    /// <summary>Swarm's limit on a secret's size.</summary>
    private const int SecretMaxSize = 500 * 1024;

    /// <summary>The value, as a SecureString (<c>Read-Host -AsSecureString</c>, <c>ConvertTo-SecureString</c>); sent as UTF-8.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByValue)]
    [ValidateNotNull]
    public SecureString Value { get; set; } = new();

    private protected override string Noun => "secret";

    private protected override int MaxSize => SecretMaxSize;

    private protected override ErrorNoun ErrorNoun => ErrorNoun.Secret;

    private protected override byte[] ValueBytes()
    {
        IntPtr chars = Marshal.SecureStringToGlobalAllocUnicode(Value);
        char[] text = new char[Value.Length];
        try
        {
            Marshal.Copy(chars, text, 0, text.Length);
            return Encoding.UTF8.GetBytes(text);
        }
        finally
        {
            Array.Clear(text);
            Marshal.ZeroFreeGlobalAllocUnicode(chars);
        }
    }

    private protected override Task<SwarmSecret> CreateAsync(DockerClient client, string name, byte[] data, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
        => client.Secrets.CreateAsync(new SecretCreateOptions { Name = name, Data = data, Labels = labels }, cancellationToken);
}
