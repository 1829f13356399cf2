using System.Text;
using System.Text.Json;
using PSDocker.Core.Json;

namespace PSDocker.Core.Tests;

/// <summary>The engine's JSON progress streams (pull, push, build), read object by object whatever the read boundaries.</summary>
public class JsonMessageReaderTests
{
    private const string PullStream =
        "{\"status\":\"Pulling from library/alpine\",\"id\":\"3.19\"}\r\n" +
        "{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1024,\"total\":3408729},\"progress\":\"[>   ]\",\"id\":\"4abcf2066143\"}\r\n" +
        "{\"status\":\"Pull complete\",\"progressDetail\":{},\"id\":\"4abcf2066143\"}\r\n" +
        "{\"status\":\"Digest: sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b\"}\r\n" +
        "{\"status\":\"Status: Downloaded newer image for alpine:3.19\"}\r\n";

    private static async Task<List<JsonMessage>> ReadAllAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var list = new List<JsonMessage>();
        await foreach (JsonMessage m in JsonMessageReader.ReadAllAsync(stream, cancellationToken)) list.Add(m);
        return list;
    }

    private static Task<List<JsonMessage>> ReadAllAsync(string text) => ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static void AssertPullStream(List<JsonMessage> messages)
    {
        Assert.Equal(5, messages.Count);
        Assert.Equal("Pulling from library/alpine", messages[0].Status);
        Assert.Equal("3.19", messages[0].Id);
        Assert.Equal("Downloading", messages[1].Status);
        Assert.Equal("4abcf2066143", messages[1].Id);
        Assert.Equal(1024, messages[1].ProgressDetail!.Current);
        Assert.Equal(3408729, messages[1].ProgressDetail!.Total);
        Assert.Equal("[>   ]", messages[1].Progress);
        Assert.Equal(0, messages[2].ProgressDetail!.Total);
        Assert.StartsWith("Digest: sha256:", messages[3].Status);
        Assert.Equal("Status: Downloaded newer image for alpine:3.19", messages[4].Status);
        Assert.All(messages, m => Assert.Null(m.ErrorMessage));
    }

    [Fact]
    public async Task CrLfSeparatedMessages_AreRead()
    {
        AssertPullStream(await ReadAllAsync(PullStream));
    }

    [Fact]
    public async Task OneByteReads_GiveTheSameMessages()
    {
        var stream = ChunkedStream.Fixed(Encoding.UTF8.GetBytes(PullStream), 1);
        AssertPullStream(await ReadAllAsync(stream));
        Assert.True(stream.Reads > PullStream.Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    public async Task RandomReadSizes_GiveTheSameMessages(int seed)
    {
        AssertPullStream(await ReadAllAsync(ChunkedStream.Random(Encoding.UTF8.GetBytes(PullStream), seed, max: 13)));
    }

    [Fact]
    public async Task MultiByteCharacters_SplitAcrossReads_SurviveIntact()
    {
        string text = "{\"stream\":\"Step 1/2 : RUN echo h\u00e9llo \u2713 \U0001F433\\n\"}\n";
        List<JsonMessage> messages = await ReadAllAsync(ChunkedStream.Fixed(Encoding.UTF8.GetBytes(text), 1));
        Assert.Equal("Step 1/2 : RUN echo h\u00e9llo \u2713 \U0001F433\n", Assert.Single(messages).Stream);
    }

    [Fact]
    public async Task ObjectsWithoutSeparators_AreRead()
    {
        List<JsonMessage> messages = await ReadAllAsync("{\"status\":\"a\"}{\"status\":\"b\"}{\"status\":\"c\"}");
        Assert.Equal(new[] { "a", "b", "c" }, messages.Select(m => m.Status));
    }

    [Fact]
    public async Task MixedWhiteSpaceBetweenObjects_IsSkipped()
    {
        List<JsonMessage> messages = await ReadAllAsync("\r\n  {\"status\":\"a\"}\n\n\t {\"status\":\"b\"}  \r\n\r\n");
        Assert.Equal(new[] { "a", "b" }, messages.Select(m => m.Status));
    }

    [Fact]
    public async Task BracesInsideStrings_DoNotEndTheObject()
    {
        List<JsonMessage> messages = await ReadAllAsync(ChunkedStream.Fixed(Encoding.UTF8.GetBytes(
            "{\"stream\":\"} { \\\"}\\\" {\"}\n{\"stream\":\"next\"}"), 1));
        Assert.Equal(new[] { "} { \"}\" {", "next" }, messages.Select(m => m.Stream));
    }

    [Fact]
    public async Task EmptyStream_GivesNoMessages()
    {
        Assert.Empty(await ReadAllAsync(""));
        Assert.Empty(await ReadAllAsync("\r\n \n"));
    }

    [Fact]
    public async Task ErrorDetail_IsTheErrorMessage()
    {
        JsonMessage m = Assert.Single(await ReadAllAsync(
            "{\"errorDetail\":{\"code\":404,\"message\":\"manifest for nginx:nope not found\"},\"error\":\"old text\"}\n"));

        Assert.Equal(404, m.ErrorDetail!.Code);
        Assert.Equal("manifest for nginx:nope not found", m.ErrorDetail.Message);
        Assert.Equal("old text", m.Error);
        Assert.Equal("manifest for nginx:nope not found", m.ErrorMessage);
    }

    [Fact]
    public async Task ErrorAlone_IsTheErrorMessage()
    {
        JsonMessage m = Assert.Single(await ReadAllAsync("{\"error\":\"pull access denied\"}"));
        Assert.Null(m.ErrorDetail);
        Assert.Equal("pull access denied", m.ErrorMessage);
    }

    [Fact]
    public async Task ErrorDetailWithoutMessage_FallsBackToError()
    {
        JsonMessage m = Assert.Single(await ReadAllAsync("{\"errorDetail\":{\"code\":1},\"error\":\"fallback\"}"));
        Assert.Equal("fallback", m.ErrorMessage);
    }

    [Fact]
    public async Task EmptyErrorFields_AreNotAnError()
    {
        JsonMessage m = Assert.Single(await ReadAllAsync("{\"status\":\"ok\",\"error\":\"\",\"errorDetail\":{\"message\":\"\"}}"));
        Assert.Null(m.ErrorMessage);
    }

    [Fact]
    public async Task ErrorAfterProgress_IsReadInOrder()
    {
        List<JsonMessage> messages = await ReadAllAsync(ChunkedStream.Fixed(Encoding.UTF8.GetBytes(
            "{\"status\":\"Pulling fs layer\",\"id\":\"a\"}\n" +
            "{\"errorDetail\":{\"message\":\"unauthorized: authentication required\"},\"error\":\"unauthorized: authentication required\"}\n"), 3));

        Assert.Equal(2, messages.Count);
        Assert.Null(messages[0].ErrorMessage);
        Assert.Equal("unauthorized: authentication required", messages[1].ErrorMessage);
    }

    [Fact]
    public async Task BuildStream_StreamTextAndAuxId()
    {
        List<JsonMessage> messages = await ReadAllAsync(
            "{\"stream\":\"Step 1/1 : FROM scratch\\n\"}\r\n" +
            "{\"aux\":{\"ID\":\"sha256:4f5e6d\"}}\r\n" +
            "{\"stream\":\"Successfully built 4f5e6d\\n\"}\r\n");

        Assert.Equal("Step 1/1 : FROM scratch\n", messages[0].Stream);
        Assert.Null(messages[0].Aux);
        JsonElement aux = messages[1].Aux!.Value;
        Assert.Equal(JsonValueKind.Object, aux.ValueKind);
        Assert.Equal("sha256:4f5e6d", aux.GetProperty("ID").GetString());
        Assert.Equal("Successfully built 4f5e6d\n", messages[2].Stream);
    }

    [Fact]
    public async Task Aux_SurvivesTheReadBufferBeingReused()
    {
        // The reader rents and reuses its buffer; aux must not point into it.
        var sb = new StringBuilder("{\"aux\":{\"Tag\":\"v1\",\"Digest\":\"sha256:abc\",\"Size\":528}}\n");
        for (int i = 0; i < 2000; i++) sb.Append("{\"status\":\"filler ").Append(i).Append(" zzzzzzzzzzzzzzzzzzzzzzzzzz\"}\n");

        List<JsonMessage> messages = await ReadAllAsync(ChunkedStream.Fixed(Encoding.UTF8.GetBytes(sb.ToString()), 4096));

        Assert.Equal(2001, messages.Count);
        JsonElement aux = messages[0].Aux!.Value;
        Assert.Equal("v1", aux.GetProperty("Tag").GetString());
        Assert.Equal("sha256:abc", aux.GetProperty("Digest").GetString());
        Assert.Equal(528, aux.GetProperty("Size").GetInt64());
    }

    [Fact]
    public async Task MessageLargerThanTheInitialBuffer_IsRead()
    {
        string big = new('x', 100_000);
        List<JsonMessage> messages = await ReadAllAsync(ChunkedStream.Fixed(Encoding.UTF8.GetBytes(
            "{\"stream\":\"" + big + "\"}\n{\"status\":\"after\"}\n"), 1000));

        Assert.Equal(2, messages.Count);
        Assert.Equal(big, messages[0].Stream);
        Assert.Equal("after", messages[1].Status);
    }

    [Fact]
    public async Task FieldNames_AreCaseInsensitive_AndUnknownFieldsIgnored()
    {
        JsonMessage m = Assert.Single(await ReadAllAsync("{\"Status\":\"x\",\"ID\":\"y\",\"time\":1700000000,\"extra\":{\"a\":[1,2]}}"));
        Assert.Equal("x", m.Status);
        Assert.Equal("y", m.Id);
    }

    [Theory]
    [InlineData("{\"status\":\"a\"}\n{\"status\":\"trunc")]
    [InlineData("{\"status\":\"a\"}\n{")]
    [InlineData("{\"status\":\"a\"}\n{\"progressDetail\":{\"current\":1}")]
    public async Task TruncatedFinalObject_ThrowsInvalidData_AfterTheCompleteOnes(string text)
    {
        var seen = new List<JsonMessage>();
        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (JsonMessage m in JsonMessageReader.ReadAllAsync(ChunkedStream.Fixed(Encoding.UTF8.GetBytes(text), 2), default))
                seen.Add(m);
        });
        Assert.Contains("ended inside a message", ex.Message);
        Assert.Equal("a", Assert.Single(seen).Status);
    }

    [Theory]
    [InlineData("hello\n")]
    [InlineData("[{\"status\":\"a\"}]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("{\"status\":\"a\"}\nGarbage")]
    [InlineData("{\"status\":\"a\"}\n<html>502 Bad Gateway</html>")]
    public async Task NonObjectData_ThrowsInvalidData(string text)
    {
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(text));
        Assert.Contains("something other than JSON objects", ex.Message);
    }

    [Theory]
    [InlineData("{not json}\n")]
    [InlineData("{\"status\":}\n")]
    [InlineData("{\"status\":\"a\",}\n")]
    [InlineData("{\"progressDetail\":\"not an object\"}\n")]
    public async Task MalformedObject_ThrowsInvalidData(string text)
    {
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(text));
        Assert.Contains("malformed", ex.Message);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task MalformedObject_AfterGoodOnes_YieldsTheGoodOnesFirst()
    {
        var seen = new List<JsonMessage>();
        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (JsonMessage m in JsonMessageReader.ReadAllAsync(ChunkedStream.Fixed(Encoding.UTF8.GetBytes("{\"status\":\"ok\"}\n{\"status\":tru}\n"), 1), default))
                seen.Add(m);
        });
        Assert.Equal("ok", Assert.Single(seen).Status);
    }

    [Fact]
    public async Task Cancellation_MidStream_StopsTheRead()
    {
        var stream = new BlockingStream(Encoding.UTF8.GetBytes("{\"status\":\"first\"}\n{\"status\":\"sec"));
        using var cts = new CancellationTokenSource();
        var seen = new List<JsonMessage>();

        Task reading = Task.Run(async () =>
        {
            await foreach (JsonMessage m in JsonMessageReader.ReadAllAsync(stream, cts.Token)) seen.Add(m);
        });
        await stream.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(reading.IsCompleted);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("first", Assert.Single(seen).Status);
    }

    [Fact]
    public async Task AlreadyCancelledToken_ThrowsBeforeReading()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var stream = ChunkedStream.Fixed(Encoding.UTF8.GetBytes(PullStream), 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAllAsync(stream, cts.Token));
    }

    // ---- TryTakeObject ----

    [Fact]
    public void TryTakeObject_TakesOneObjectAndCountsLeadingWhiteSpace()
    {
        byte[] data = Encoding.UTF8.GetBytes("\r\n {\"status\":\"a\"}{\"status\":\"b\"}");

        Assert.True(JsonMessageReader.TryTakeObject(data, out int consumed, out JsonMessage? m));
        Assert.Equal("a", m!.Status);
        Assert.Equal(3 + "{\"status\":\"a\"}".Length, consumed);

        Assert.True(JsonMessageReader.TryTakeObject(data.AsSpan(consumed), out int consumed2, out JsonMessage? m2));
        Assert.Equal("b", m2!.Status);
        Assert.Equal(data.Length, consumed + consumed2);
    }

    [Fact]
    public void TryTakeObject_IncompleteObject_ConsumesOnlyWhiteSpace()
    {
        byte[] data = Encoding.UTF8.GetBytes("\n\n{\"status\":\"incompl");

        Assert.False(JsonMessageReader.TryTakeObject(data, out int consumed, out JsonMessage? m));
        Assert.Null(m);
        Assert.Equal(2, consumed);
    }

    [Fact]
    public void TryTakeObject_OnlyWhiteSpace_ConsumesIt()
    {
        Assert.False(JsonMessageReader.TryTakeObject(" \r\n\t"u8, out int consumed, out JsonMessage? m));
        Assert.Null(m);
        Assert.Equal(4, consumed);

        Assert.False(JsonMessageReader.TryTakeObject(ReadOnlySpan<byte>.Empty, out consumed, out _));
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void TryTakeObject_NonObject_Throws()
    {
        Assert.Throws<InvalidDataException>(() => JsonMessageReader.TryTakeObject("  x"u8, out _, out _));
    }

    [Fact]
    public void TryTakeObject_EveryPrefixOfAnObject_IsIncomplete()
    {
        byte[] data = Encoding.UTF8.GetBytes("{\"status\":\"a\",\"progressDetail\":{\"current\":5,\"total\":10},\"aux\":{\"x\":[1,{\"y\":\"}\"}]}}");
        for (int i = 1; i < data.Length; i++)
            Assert.False(JsonMessageReader.TryTakeObject(data.AsSpan(0, i), out _, out _), $"prefix of {i} bytes taken as complete");
        Assert.True(JsonMessageReader.TryTakeObject(data, out int consumed, out JsonMessage? m));
        Assert.Equal(data.Length, consumed);
        Assert.Equal(5, m!.ProgressDetail!.Current);
    }
}
