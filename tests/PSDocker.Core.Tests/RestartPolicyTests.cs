using PSDocker.Core.Containers;

namespace PSDocker.Core.Tests;

public class RestartPolicyTests
{
    [Theory]
    [InlineData("no", "no", 0)]
    [InlineData("always", "always", 0)]
    [InlineData("unless-stopped", "unless-stopped", 0)]
    [InlineData("on-failure", "on-failure", 0)]
    [InlineData("on-failure:5", "on-failure", 5)]
    [InlineData("on-failure:0", "on-failure", 0)]
    [InlineData("ON-FAILURE:3", "on-failure", 3)]
    [InlineData("  Always ", "always", 0)]
    public void Parses(string text, string name, int retries)
    {
        RestartPolicySpec spec = RestartPolicySpec.Parse(text);
        Assert.Equal(new RestartPolicySpec(name, retries), spec);
    }

    [Theory]
    [InlineData("no", "no")]
    [InlineData("always", "always")]
    [InlineData("unless-stopped", "unless-stopped")]
    [InlineData("on-failure", "on-failure")]
    [InlineData("on-failure:0", "on-failure")]
    [InlineData("on-failure:7", "on-failure:7")]
    public void ToString_IsTheRestartForm(string text, string expected)
        => Assert.Equal(expected, RestartPolicySpec.Parse(text).ToString());

    [Theory]
    [InlineData("always:3", "only on-failure takes a retry count")]
    [InlineData("no:1", "only on-failure takes a retry count")]
    [InlineData("unless-stopped:2", "only on-failure takes a retry count")]
    [InlineData("on-failure:x", "retry count 'x'")]
    [InlineData("on-failure:-1", "retry count '-1'")]
    [InlineData("on-failure:", "retry count ''")]
    [InlineData("on-failure:1.5", "retry count '1.5'")]
    [InlineData("sometimes", "use no, always, unless-stopped or on-failure")]
    [InlineData("", "use no, always, unless-stopped or on-failure")]
    public void Rejects_WithMessageNamingTheProblem(string text, string expected)
    {
        FormatException ex = Assert.Throws<FormatException>(() => RestartPolicySpec.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_Throws()
        => Assert.Throws<ArgumentNullException>(() => RestartPolicySpec.Parse(null!));
}
