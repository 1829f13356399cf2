using PSDocker.Core.Transport;

namespace PSDocker.Core.Tests;

/// <summary>The one builder of API paths with a query string.</summary>
public class QueryTests
{
    [Fact]
    public void NoParameters_IsThePath() => Assert.Equal("containers/json", new Query("containers/json").ToString());

    [Fact]
    public void Parameters_AreJoinedInOrder()
        => Assert.Equal("containers/web/stop?t=5&signal=SIGINT", (string)new Query("containers/web/stop").Add("t", 5).Add("signal", "SIGINT"));

    [Fact]
    public void NullValues_AreLeftOut()
        => Assert.Equal("containers/web/stop?signal=SIGTERM", (string)new Query("containers/web/stop").Add("t", (long?)null).Add("signal", "SIGTERM").Add("x", (string?)null));

    [Fact]
    public void EmptyStrings_AreKept_UnlessAskedOtherwise()
    {
        Assert.Equal("a?k=", (string)new Query("a").Add("k", ""));
        Assert.Equal("a", (string)new Query("a").AddIfNotEmpty("k", ""));
        Assert.Equal("a?k=v", (string)new Query("a").AddIfNotEmpty("k", "v"));
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("x&y=z", "x%26y%3Dz")]
    [InlineData("127.0.0.1:5000/app", "127.0.0.1%3A5000%2Fapp")]
    [InlineData("ümlaut+#?", "%C3%BCmlaut%2B%23%3F")]
    public void Values_AreEscaped(string value, string escaped)
        => Assert.Equal("p?k=" + escaped, (string)new Query("p").Add("k", value));

    [Fact]
    public void Keys_AreEscaped() => Assert.Equal("p?label%21=x", (string)new Query("p").Add("label!", "x"));

    [Fact]
    public void Flags_AreOneOrZero()
    {
        Assert.Equal("p?all=1&force=0", (string)new Query("p").Flag("all", true).Flag("force", false));
        Assert.Equal("p?follow=1", (string)new Query("p").FlagIfSet("follow", true).FlagIfSet("timestamps", false));
    }

    [Fact]
    public void Booleans_AreTrueOrFalse_AndNullIsLeftOut()
        => Assert.Equal("p?dangling=true&x=false", (string)new Query("p").Bool("dangling", true).Bool("x", false).Bool("y", null));

    [Fact]
    public void Integers_AreInvariant()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
            Assert.Equal("p?h=-1234567", (string)new Query("p").Add("h", -1234567));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    [Fact]
    public void RepeatedKeys()
        => Assert.Equal("build?t=a%3A1&t=b", (string)new Query("build").AddEach("t", new[] { "a:1", "b" }));

    [Fact]
    public void Filters_AreTheEnginesJsonMap_Escaped()
    {
        var filters = new Dictionary<string, IReadOnlyList<string>> { ["label"] = new[] { "a=b", "c" }, ["status"] = new[] { "exited" } };
        string path = new Query("containers/json").Flag("all", true).Filters(filters);
        Assert.Equal("containers/json?all=1&filters=" + Uri.EscapeDataString("""{"label":["a=b","c"],"status":["exited"]}"""), path);
        Assert.Equal("""{"label":["a=b","c"],"status":["exited"]}""", Uri.UnescapeDataString(path[(path.IndexOf("filters=", StringComparison.Ordinal) + 8)..]));
    }

    [Fact]
    public void EmptyOrNullFilters_AreLeftOut()
    {
        Assert.Equal("p", (string)new Query("p").Filters(new Dictionary<string, IReadOnlyList<string>>()));
        Assert.Equal("p", (string)new Query("p").Filters(null));
    }

    [Fact]
    public void JsonParameters()
        => Assert.Equal("build?buildargs=" + Uri.EscapeDataString("""{"V":"1"}"""),
            (string)new Query("build").Json("buildargs", new Dictionary<string, string> { ["V"] = "1" }, Json.ImageJsonContext.Default.DictionaryStringString));

    [Fact]
    public void APathWithAQuery_IsRefused() => Assert.Throws<ArgumentException>(() => new Query("p?x=1"));
}
