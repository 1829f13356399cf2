using System.Text;

namespace PSDocker.Core.Terminal;

/// <summary>
/// The key sequence that detaches a terminal from a container, in the docker CLI's syntax:
/// comma-separated keys, each a single ASCII character or <c>ctrl-X</c> where X is <c>a</c>..<c>z</c>,
/// <c>@</c>, <c>[</c>, <c>\</c>, <c>]</c>, <c>^</c> or <c>_</c> (<c>ctrl-p,ctrl-q</c> is the default).
/// </summary>
public sealed class DetachKeys
{
    /// <summary>The docker default, Ctrl+P Ctrl+Q.</summary>
    public const string DefaultText = "ctrl-p,ctrl-q";

    private readonly byte[] _bytes;

    private DetachKeys(string text, byte[] bytes)
    {
        Text = text;
        _bytes = bytes;
    }

    /// <summary>Ctrl+P Ctrl+Q.</summary>
    public static DetachKeys Default { get; } = Parse(DefaultText);

    /// <summary>The text as given (what the engine's <c>detachKeys</c> parameter gets).</summary>
    public string Text { get; }

    /// <summary>The bytes the terminal sends for the sequence.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Parses docker's syntax.</summary>
    /// <exception cref="FormatException">An empty item, an unknown ctrl- name, or a non-ASCII or multi-character key.</exception>
    public static DetachKeys Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
            throw new FormatException("The detach keys are empty. Give keys like 'ctrl-p,ctrl-q' (comma-separated: single characters or ctrl-a..ctrl-z, ctrl-@, ctrl-[, ctrl-\\, ctrl-], ctrl-^, ctrl-_).");
        string[] items = text.Split(',');
        var bytes = new byte[items.Length];
        for (int i = 0; i < items.Length; i++)
            bytes[i] = ParseKey(items[i], text);
        return new DetachKeys(text, bytes);
    }

    /// <summary>Parses docker's syntax; false (and a message) when it is malformed.</summary>
    public static bool TryParse(string text, out DetachKeys? keys, out string? error)
    {
        try
        {
            keys = Parse(text);
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            keys = null;
            error = ex.Message;
            return false;
        }
    }

    private static byte ParseKey(string key, string whole)
    {
        if (key.Length == 1)
        {
            if (key[0] > 0x7f)
                throw new FormatException($"Unknown detach key '{key}' in '{whole}': a single key must be an ASCII character (like 'ctrl-p,ctrl-q' or 'ctrl-x,x').");
            return (byte)key[0];
        }
        if (key.Length == 6 && key.StartsWith("ctrl-", StringComparison.OrdinalIgnoreCase))
        {
            char c = char.ToLowerInvariant(key[5]);
            if (c is >= 'a' and <= 'z') return (byte)(c - 'a' + 1);
            switch (c)
            {
                case '@': return 0;
                case '[': return 27;
                case '\\': return 28;
                case ']': return 29;
                case '^': return 30;
                case '_': return 31;
            }
        }
        throw new FormatException(key.Length == 0
            ? $"Empty key in the detach keys '{whole}'. Separate keys with single commas, like 'ctrl-p,ctrl-q'."
            : $"Unknown detach key '{key}' in '{whole}'. Use single characters or ctrl-a..ctrl-z, ctrl-@, ctrl-[, ctrl-\\, ctrl-], ctrl-^, ctrl-_ (comma-separated, like 'ctrl-p,ctrl-q').");
    }

    /// <summary>A readable form: "Ctrl+P Ctrl+Q".</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        foreach (byte b in _bytes)
        {
            if (sb.Length > 0) sb.Append(' ');
            if (b < 32) sb.Append("Ctrl+").Append(b == 0 ? '@' : b <= 26 ? (char)('A' + b - 1) : "[\\]^_"[b - 27]);
            else sb.Append((char)b);
        }
        return sb.ToString();
    }

    public override string ToString() => Text;
}

/// <summary>
/// Watches the bytes typed at a terminal for the detach sequence. Bytes that may begin the sequence are held back
/// until the sequence completes (then they are swallowed) or breaks (then they are passed on), as docker does.
/// </summary>
public sealed class DetachKeyFilter
{
    private readonly byte[] _keys;
    private readonly List<byte> _held = new();

    public DetachKeyFilter(DetachKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys.Bytes.ToArray();
    }

    /// <summary>Filters one chunk of input into <paramref name="output"/>; true when the sequence completed
    /// (the bytes before it are in <paramref name="output"/>, the rest of the chunk is dropped).</summary>
    public bool Process(ReadOnlySpan<byte> input, List<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (byte b in input)
        {
            if (Push(b, output)) return true;
        }
        return false;
    }

    private bool Push(byte b, List<byte> output)
    {
        while (true)
        {
            if (b == _keys[_held.Count])
            {
                _held.Add(b);
                if (_held.Count < _keys.Length) return false;
                _held.Clear();
                return true;
            }
            if (_held.Count == 0)
            {
                output.Add(b);
                return false;
            }
            // The sequence broke: pass on the first held byte and try again from the next one.
            output.Add(_held[0]);
            _held.RemoveAt(0);
            var rest = _held.ToArray();
            _held.Clear();
            foreach (byte r in rest)
            {
                if (Push(r, output)) return true;
            }
        }
    }

    /// <summary>Bytes held back as a possible start of the sequence (passed on when the input ends).</summary>
    public byte[] Flush()
    {
        byte[] held = _held.ToArray();
        _held.Clear();
        return held;
    }
}
