using PSDocker.Core.Compose;

namespace PSDocker.Core.Tests.Compose;

/// <summary>The interpolation cases compose-go's template tests pin down, against our own implementation.</summary>
public class ComposeTemplateTests
{
    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["FOO"] = "first",
        ["BAR"] = "",
        ["JSON"] = "{\"json\":2}",
    };

    private static string? Lookup(string name) => Defaults.TryGetValue(name, out var v) ? v : null;

    private static string Sub(string template) => ComposeTemplate.Substitute(template, Lookup);

    [Fact]
    public void DoubleDollarIsALiteralDollar() => Assert.Equal("${foo}", Sub("$${foo}"));

    [Fact]
    public void TextWithoutVariablesIsUnchanged() => Assert.Equal("foo", Sub("foo"));

    [Theory]
    [InlineData("a $ string")]
    [InlineData("^REGEX$")]
    [InlineData("$}")]
    [InlineData("$")]
    public void DollarNotStartingAVariableStays(string template) => Assert.Equal(template, Sub(template));

    [Theory]
    [InlineData("${")]
    [InlineData("${}")]
    [InlineData("${ }")]
    [InlineData("${ foo}")]
    [InlineData("${foo }")]
    [InlineData("${foo!}")]
    public void MalformedTemplatesAreErrors(string template)
    {
        var ex = Assert.Throws<ComposeTemplateException>(() => Sub(template));
        Assert.Contains("Invalid template", ex.Message);
        Assert.Null(ex.Variable);
    }

    [Fact]
    public void UnbracedNameEndsAtTheFirstNonNameCharacter() => Assert.Equal("first-bar", Sub("$FOO-bar"));

    [Theory]
    [InlineData("This ${missing} var")]
    [InlineData("This ${BAR} var")]
    public void UnsetOrEmptyWithoutDefaultIsEmpty(string template) => Assert.Equal("This  var", Sub(template));

    [Theory]
    [InlineData("This $FOO var")]
    [InlineData("This ${FOO} var")]
    public void SetValue(string template) => Assert.Equal("This first var", Sub(template));

    [Theory]
    [InlineData("ok ${missing:-def}")]
    [InlineData("ok ${missing-def}")]
    public void UnsetTakesEitherDefault(string template) => Assert.Equal("ok def", Sub(template));

    [Fact]
    public void UnusedNestedDefaultDoesNotReportUnset()
    {
        var unset = new List<string>();
        Assert.Equal("B", ComposeTemplate.Substitute("${A:+${A},}B", Lookup, unset.Add));
        Assert.Empty(unset);
    }

    [Fact]
    public void UsedNestedDefaultReportsUnset()
    {
        var unset = new List<string>();
        Assert.Equal("", ComposeTemplate.Substitute("${A:-${B}}", Lookup, unset.Add));
        Assert.Equal(new[] { "B" }, unset);
    }

    [Fact]
    public void RequiredMessageIsOnlyInterpolatedWhenUsed()
    {
        var unset = new List<string>();
        string? Only(string n) => n == "A" ? "value" : null;
        Assert.Equal("value", ComposeTemplate.Substitute("${A?${B}}", Only, unset.Add));
        Assert.Empty(unset);
    }

    [Fact]
    public void SoftDefaultReplacesEmpty() => Assert.Equal("ok def", Sub("ok ${BAR:-def}"));

    [Fact]
    public void SoftDefaultKeepsValue() => Assert.Equal("ok first", Sub("ok ${FOO:-def}"));

    [Fact]
    public void HardDefaultKeepsEmpty() => Assert.Equal("ok ", Sub("ok ${BAR-def}"));

    [Theory]
    [InlineData("ok ${UNSET_VAR:+presence_value}", "ok ")]
    [InlineData("ok ${UNSET_VAR+presence_value}", "ok ")]
    [InlineData("ok ${FOO:+presence_value}", "ok presence_value")]
    [InlineData("ok ${FOO+presence_value}", "ok presence_value")]
    [InlineData("ok ${BAR+presence_value}", "ok presence_value")]
    [InlineData("ok ${BAR:+presence_value}", "ok ")]
    public void Replacement(string template, string expected) => Assert.Equal(expected, Sub(template));

    [Fact]
    public void DefaultMayContainOperators() => Assert.Equal("ok /non:-alphanumeric", Sub("ok ${BAR:-/non:-alphanumeric}"));

    [Theory]
    [InlineData("-ok ${BAR:-defaultValue}", "-ok defaultValue")]
    [InlineData("+ok ${UNSET:-${BAR-defaultValue}}", "+ok ")]
    [InlineData("-ok ${FOO:-defaultValue}", "-ok first")]
    [InlineData(":-ok ${UNSET-defaultValue}", ":-ok defaultValue")]
    [InlineData(":-ok ${BAR-defaultValue}", ":-ok ")]
    [InlineData(":?ok ${BAR-defaultValue}", ":?ok ")]
    [InlineData(":?ok ${BAR:-defaultValue}", ":?ok defaultValue")]
    [InlineData(":+ok ${BAR:-defaultValue}", ":+ok defaultValue")]
    [InlineData("+ok ${BAR-defaultValue}", "+ok ")]
    [InlineData("?ok ${BAR:-defaultValue}", "?ok defaultValue")]
    public void TextAroundTheVariableDoesNotChooseTheOperator(string template, string expected) => Assert.Equal(expected, Sub(template));

    [Theory]
    [InlineData("ok ${UNSET_VAR-$FOO}", "ok first")]
    [InlineData("ok ${UNSET_VAR-${FOO}}", "ok first")]
    [InlineData("ok ${UNSET_VAR-${FOO} ${FOO}}", "ok first first")]
    [InlineData("ok ${BAR:-$FOO}", "ok first")]
    [InlineData("ok ${BAR:-${FOO}}", "ok first")]
    [InlineData("ok ${BAR:-${FOO} ${FOO}}", "ok first first")]
    [InlineData("ok ${BAR+$FOO}", "ok first")]
    [InlineData("ok ${BAR+$FOO ${FOO:+second}}", "ok first second")]
    [InlineData("${A:-${B:-c}}", "c")]
    [InlineData("${A:-${FOO:-c}}", "first")]
    public void NestedDefaults(string template, string expected) => Assert.Equal(expected, Sub(template));

    [Theory]
    [InlineData("not ok ${UNSET_VAR:?Mandatory Variable Unset}", "UNSET_VAR", "required variable UNSET_VAR is missing a value: Mandatory Variable Unset")]
    [InlineData("not ok ${BAR:?Mandatory Variable Empty}", "BAR", "required variable BAR is missing a value: Mandatory Variable Empty")]
    [InlineData("not ok ${UNSET_VAR:?}", "UNSET_VAR", "required variable UNSET_VAR is missing a value")]
    [InlineData("not ok ${UNSET_VAR?Mandatory Variable Unset}", "UNSET_VAR", "required variable UNSET_VAR is missing a value: Mandatory Variable Unset")]
    [InlineData("not ok ${UNSET_VAR?}", "UNSET_VAR", "required variable UNSET_VAR is missing a value")]
    [InlineData("not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}", "UNSET_VAR", "required variable UNSET_VAR is missing a value: Mandatory Variable first")]
    [InlineData("not ok ${UNSET_VAR?Mandatory Variable ${FOO}}", "UNSET_VAR", "required variable UNSET_VAR is missing a value: Mandatory Variable first")]
    public void RequiredVariables(string template, string variable, string message)
    {
        var ex = Assert.Throws<ComposeTemplateException>(() => Sub(template));
        Assert.Equal(variable, ex.Variable);
        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("ok ${FOO:?err}", "ok first")]
    [InlineData("ok ${FOO?err}", "ok first")]
    [InlineData("ok ${BAR?err}", "ok ")]
    public void RequiredVariablesThatAreSet(string template, string expected) => Assert.Equal(expected, Sub(template));

    [Fact]
    public void SeveralVariablesInOneString() => Assert.Equal("ok redis.first", Sub("ok ${SUBDOMAIN:-redis}.${FOO:?}"));

    [Theory]
    [InlineData("${UNSET_VAR-myerror?msg}", "myerror?msg")]
    [InlineData("${FOO?bar-baz}", "first")]
    [InlineData("${BAR:-default_value_for_empty_var}", "default_value_for_empty_var")]
    [InlineData("${UNSET_VAR-default_value_for_unset_var}", "default_value_for_unset_var")]
    public void TheFirstOperatorAfterTheNameWins(string template, string expected) => Assert.Equal(expected, Sub(template));

    [Fact]
    public void QuestionMarkBeforeDashIsTheRequiredOperator()
    {
        var ex = Assert.Throws<ComposeTemplateException>(() => Sub("${UNSET_VAR?bar-baz}"));
        Assert.Equal("UNSET_VAR", ex.Variable);
        Assert.Equal("bar-baz", ex.Reason);
    }

    [Theory]
    [InlineData("ok ${missing:-{\"json\":1}}", "ok {\"json\":1}")]
    [InlineData("ok ${missing-{\"json\":1}}", "ok {\"json\":1}")]
    [InlineData("ok ${JSON:-{\"json\":1}}", "ok {\"json\":2}")]
    [InlineData("ok ${JSON-{\"json\":1}}", "ok {\"json\":2}")]
    public void BracesInsideDefaultsBalance(string template, string expected) => Assert.Equal(expected, Sub(template));
    // compose-go's interpolation cases: text around the variables, and nesting.
    [Theory]
    [InlineData("{{{ ${FOO:-foo_} }}}", "{{{ foo_ }}}")]
    [InlineData("{{{ ${FOO:-foo-bar-value} }}}", "{{{ foo-bar-value }}}")]
    [InlineData("{{{ ${FOO:-foo?bar?value} }}}", "{{{ foo?bar?value }}}")]
    [InlineData("{{{ ${FOO:-foo:?bar:?value} }}}", "{{{ foo:?bar:?value }}}")]
    [InlineData("{{{ ${FOO:-foo} ${BAR:-DEFAULT_VALUE} }}}", "{{{ foo DEFAULT_VALUE }}}")]
    [InlineData("{{{ ${BAR} }}}", "{{{  }}}")]
    [InlineData("${FOO:-baz} }}}", "baz }}}")]
    [InlineData("${FOO-baz} }}}", "baz }}}")]
    [InlineData("${FOO:-${BAR:-${ZOT:-qix}}}", "qix")]
    [InlineData("${FOO:-${BAR:-x}_test_${BAR:-y}}", "x_test_y")]
    [InlineData("${FOO:-${BAR:-x}_test}", "x_test")]
    [InlineData("${FOO:-${BAR:-${ZOT:-x}}_test}", "x_test")]
    public void UnsetVariablesInText(string template, string expected)
        => Assert.Equal(expected, ComposeTemplate.Substitute(template, _ => null));

    [Theory]
    [InlineData("{{{ ${FOO:?foo_} }}}", "foo_")]
    [InlineData("{{{ ${FOO:?foo-bar-value} }}}", "foo-bar-value")]
    [InlineData("{{{ ${FOO:?foo} ${BAR:-DEFAULT_VALUE} }}}", "foo")]
    [InlineData("${FOO:?foo} ${BAR:?bar}", "foo")]
    [InlineData("${FOO:?baz} }}}", "baz")]
    [InlineData("${FOO?baz} }}}", "baz")]
    public void TheFirstMissingRequiredVariableIsReported(string template, string reason)
    {
        var ex = Assert.Throws<ComposeTemplateException>(() => ComposeTemplate.Substitute(template, _ => null));
        Assert.Equal($"required variable FOO is missing a value: {reason}", ex.Message);
    }

    [Theory]
    [InlineData("{{{ ${FOO:-foo_} }}}", "{{{ bar }}}")]
    [InlineData("{{{ ${FOO:-foo} ${USER:-bar} }}}", "{{{ bar jenny }}}")]
    [InlineData("{{{ ${USER} }}}", "{{{ jenny }}}")]
    [InlineData("${FOO-baz} }}}", "bar }}}")]
    public void SetVariablesInText(string template, string expected)
        => Assert.Equal(expected, ComposeTemplate.Substitute(template, n => n switch { "FOO" => "bar", "USER" => "jenny", _ => null }));
}
