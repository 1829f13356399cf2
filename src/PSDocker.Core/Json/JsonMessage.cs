using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PSDocker.Core.Json;

/// <summary>One message of the engine's JSON progress streams (pull, push, build, load).</summary>
public sealed class JsonMessage
{
    /// <summary>What is happening: "Downloading", "Pull complete", "Pushed", …</summary>
    public string? Status { get; set; }

    /// <summary>The layer (or tag) the message is about.</summary>
    public string? Id { get; set; }

    /// <summary>Bytes done and total for the layer.</summary>
    public JsonProgress? ProgressDetail { get; set; }

    /// <summary>A progress bar as text (deprecated by the engine; kept for old engines).</summary>
    public string? Progress { get; set; }

    /// <summary>Build output.</summary>
    public string? Stream { get; set; }

    /// <summary>An in-band error: the call failed although HTTP said 200.</summary>
    public JsonError? ErrorDetail { get; set; }

    /// <summary>The error text (deprecated by the engine in favour of <see cref="ErrorDetail"/>).</summary>
    public string? Error { get; set; }

    /// <summary>Auxiliary data: the built image ID (<c>{"ID":"sha256:…"}</c>), a push's digest and size, ….</summary>
    public JsonElement? Aux { get; set; }

    /// <summary>The error text, whichever field carries it; null for a message that is not an error.</summary>
    [JsonIgnore]
    public string? ErrorMessage => ErrorDetail?.Message is { Length: > 0 } m ? m : string.IsNullOrEmpty(Error) ? null : Error;
}

/// <summary>Bytes done and total.</summary>
public sealed class JsonProgress
{
    public long Current { get; set; }
    public long Total { get; set; }
}

/// <summary>An in-band error of a progress stream.</summary>
public sealed class JsonError
{
    public int Code { get; set; }
    public string? Message { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(JsonMessage))]
internal sealed partial class JsonMessageContext : JsonSerializerContext
{
}

/// <summary>
/// Reads a stream of concatenated JSON objects (newline-separated or not), object by object,
/// whatever the read boundaries are.
/// </summary>
public static class JsonMessageReader
{
    /// <summary>Every message until the stream ends.</summary>
    /// <exception cref="InvalidDataException">The stream ended inside an object, or holds something other than objects.</exception>
    public static IAsyncEnumerable<JsonMessage> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
        => ReadAllAsync(stream, JsonMessageContext.Default.JsonMessage, cancellationToken);

    /// <summary>
    /// Every object until the stream ends, each handed on as soon as its last byte has arrived (no line or block
    /// buffering): the engine's progress, stats and event streams.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream ended inside an object, or holds something other than objects.</exception>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(Stream stream, JsonTypeInfo<T> type, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                // Take every complete object in the buffer.
                while (TryTakeObject(buffer.AsSpan(start, end - start), type, out int consumed, out T? message))
                {
                    start += consumed;
                    if (message is not null) yield return message;
                }

                // Make room and read more.
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length)
                {
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, bigger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int n = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                end += n;
            }

            if (buffer.AsSpan(start, end - start).Trim("\r\n\t "u8).Length > 0)
                throw new InvalidDataException("The engine's JSON stream ended inside a message.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Takes one progress message from the front of <paramref name="data"/> if it is complete.</summary>
    internal static bool TryTakeObject(ReadOnlySpan<byte> data, out int consumed, out JsonMessage? message)
        => TryTakeObject(data, JsonMessageContext.Default.JsonMessage, out consumed, out message);

    /// <summary>Takes one object from the front of <paramref name="data"/> if it is complete.</summary>
    internal static bool TryTakeObject<T>(ReadOnlySpan<byte> data, JsonTypeInfo<T> type, out int consumed, out T? message)
        where T : class
    {
        message = null;
        int skip = 0;
        while (skip < data.Length && data[skip] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t') skip++;
        consumed = skip;
        if (skip == data.Length) return false;
        if (data[skip] != (byte)'{') throw new InvalidDataException("The engine's JSON stream holds something other than JSON objects.");

        try
        {
            var reader = new Utf8JsonReader(data[skip..], isFinalBlock: false, state: default);
            if (!reader.Read() || !reader.TrySkip()) return false; // incomplete: wait for more bytes
            int length = (int)reader.BytesConsumed;
            message = JsonSerializer.Deserialize(data.Slice(skip, length), type);
            consumed = skip + length;
            return true;
        }
        catch (JsonException ex)
        {
            // Malformed JSON, or a field of the wrong type: the same contract as any other non-message data.
            throw new InvalidDataException("The engine's JSON stream holds a malformed message: " + ex.Message, ex);
        }
    }
}
