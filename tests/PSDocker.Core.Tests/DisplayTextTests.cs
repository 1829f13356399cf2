using PSDocker;

namespace PSDocker.Core.Tests;

/// <summary>The docker CLI's wording of durations and sizes (go-units HumanDuration and HumanSizeWithPrecision(…, 3)).</summary>
public class DisplayTextTests
{
    [Theory]
    [InlineData(0, "Less than a second")]
    [InlineData(0.9, "Less than a second")]
    [InlineData(1, "1 second")]
    [InlineData(1.9, "1 second")]
    [InlineData(2, "2 seconds")]
    [InlineData(59, "59 seconds")]
    [InlineData(60, "About a minute")]
    [InlineData(119, "About a minute")]
    [InlineData(120, "2 minutes")]
    [InlineData(59 * 60 + 59, "59 minutes")]
    [InlineData(60 * 60, "About an hour")]
    [InlineData(89 * 60, "About an hour")]     // hours are rounded: 1.48 h is about one
    [InlineData(90 * 60, "2 hours")]           // 1.5 h rounds to two
    [InlineData(47 * 3600, "47 hours")]
    [InlineData(48 * 3600 - 31 * 60, "47 hours")]
    [InlineData(48 * 3600 - 29 * 60, "2 days")] // 47.5 h rounds to 48: days from then on
    [InlineData(13 * 86400, "13 days")]
    [InlineData(14 * 86400, "2 weeks")]
    [InlineData(59 * 86400, "8 weeks")]
    [InlineData(60 * 86400, "2 months")]
    [InlineData(364 * 86400, "12 months")]
    [InlineData(729 * 86400, "24 months")]
    [InlineData(730 * 86400, "2 years")]
    [InlineData(3650 * 86400, "10 years")]
    public void Duration_FollowsTheDockerThresholds(double seconds, string expected)
        => Assert.Equal(expected, DisplayText.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Duration_NeverSaysOneWithAPlural()
    {
        for (int s = 0; s < 3 * 365 * 86400; s += s < 7200 ? 1 : 1800)
        {
            string text = DisplayText.Duration(TimeSpan.FromSeconds(s));
            Assert.False(text.StartsWith("1 ", StringComparison.Ordinal) && text.EndsWith('s'), $"{s} s: '{text}'");
        }
    }

    [Fact]
    public void Ago_AddsAgo_AndLeavesAnUnknownTimeBlank()
    {
        var now = new DateTime(2026, 12, 3, 12, 0, 0);
        Assert.Equal("About a minute ago", DisplayText.Ago(now.AddSeconds(-61), now));
        Assert.Equal("1 second ago", DisplayText.Ago(now.AddSeconds(-1), now));
        Assert.Equal("3 weeks ago", DisplayText.Ago(now.AddDays(-21), now));
        Assert.Equal("", DisplayText.Ago(default, now));
    }

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(812, "812B")]
    [InlineData(999, "999B")]
    [InlineData(1000, "1kB")]
    [InlineData(1024, "1.02kB")]
    [InlineData(5243, "5.24kB")]
    [InlineData(43_941_234, "43.9MB")]
    [InlineData(43_951_234, "44MB")]
    [InlineData(1_234_567, "1.23MB")]
    [InlineData(123_456_789, "123MB")]
    [InlineData(999_499_999, "999MB")]
    [InlineData(1_500_000_000, "1.5GB")]
    [InlineData(72_000_000_000_000, "72TB")]
    public void Size_UsesDecimalUnitsAndThreeSignificantDigits(long bytes, string expected)
        => Assert.Equal(expected, DisplayText.Size(bytes));

    [Fact]
    public void Size_OfANegativeCountIsBlank() => Assert.Equal("", DisplayText.Size(-1));
}
