using PSDocker.Core.Compose;

namespace PSDocker.Core.Tests.Compose;

/// <summary>The env file cases compose-go's dotenv tests pin down, against our own parser.</summary>
public class DotEnvTests
{
    private static Dictionary<string, string> Parse(string text, ComposeTemplate.Lookup? lookup = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        DotEnv.Parse(text, values, lookup);
        return values;
    }

    private static void AssertParses(string line, string key, string value)
    {
        var values = Parse(line);
        Assert.True(values.ContainsKey(key), $"'{key}' missing after parsing {line}");
        Assert.Equal(value, values[key]);
    }

    [Fact]
    public void PlainFile()
    {
        var values = Parse("OPTION_A=1\nOPTION_B=2\nOPTION_C= 3\nOPTION_D =4\nOPTION_E = 5\nOPTION_F = \nOPTION_G=\nOPTION_H = my string # Inline comment\n");
        Assert.Equal(new Dictionary<string, string>
        {
            ["OPTION_A"] = "1", ["OPTION_B"] = "2", ["OPTION_C"] = "3", ["OPTION_D"] = "4", ["OPTION_E"] = "5",
            ["OPTION_F"] = "", ["OPTION_G"] = "", ["OPTION_H"] = "my string",
        }, values);
    }

    [Fact]
    public void QuotedFile()
    {
        var values = Parse("OPTION_A='1'\nOPTION_B='2'\nOPTION_C=''\nOPTION_D='\\n'\nOPTION_E=\"1\"\nOPTION_F=\"2\"\nOPTION_G=\"\"\nOPTION_H=\"\\n\"\n"
            + "OPTION_I = \"echo 'asd'\" # Inline comment\nOPTION_J = 'first line\nsecond line\nthird line\nand so on'\nOPTION_K='Let\\'s go!'\nOPTION_Z = \"last value\"\n");
        Assert.Equal("1", values["OPTION_A"]);
        Assert.Equal("", values["OPTION_C"]);
        Assert.Equal("\\n", values["OPTION_D"]);
        Assert.Equal("", values["OPTION_G"]);
        Assert.Equal("\n", values["OPTION_H"]);
        Assert.Equal("echo 'asd'", values["OPTION_I"]);
        Assert.Equal("first line\nsecond line\nthird line\nand so on", values["OPTION_J"]);
        Assert.Equal("Let's go!", values["OPTION_K"]);
        Assert.Equal("last value", values["OPTION_Z"]);
    }

    [Fact]
    public void SpacesAroundEqualsAndQuotes()
    {
        var values = Parse("ONE=1\nTWO='2'\nTHREE = \"3\"");
        Assert.Equal(new Dictionary<string, string> { ["ONE"] = "1", ["TWO"] = "2", ["THREE"] = "3" }, values);
    }

    [Fact]
    public void SubstitutionsSeeEarlierValues()
    {
        var values = Parse("OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n");
        Assert.Equal("1", values["OPTION_B"]);
        Assert.Equal("1", values["OPTION_C"]);
        Assert.Equal("1_1", values["OPTION_D"]);
        Assert.Equal("", values["OPTION_E"]);
    }

    [Fact]
    public void TheLookupWinsOverTheFilesOwnValues()
    {
        // The OS environment is looked up first: OPTION_A keeps the file's 1, but what refers to it sees 5.
        var values = Parse("OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED}\n",
            n => n == "OPTION_A" ? "5" : null);
        Assert.Equal("1", values["OPTION_A"]);
        Assert.Equal("5", values["OPTION_B"]);
        Assert.Equal("5", values["OPTION_C"]);
        Assert.Equal("5_5", values["OPTION_D"]);
        Assert.Equal("", values["OPTION_E"]);
    }

    [Fact]
    public void DefaultsInTheFile()
    {
        const string file = "OPTION_A=${OPTION_A:-1}\nOPTION_B=${OPTION_A}\nOPTION_D=${OPTION_A}_${OPTION_B}\n";
        var withEnv = Parse(file, n => n == "OPTION_A" ? "5" : null);
        Assert.Equal("5", withEnv["OPTION_A"]);
        Assert.Equal("5_5", withEnv["OPTION_D"]);
        var without = Parse(file);
        Assert.Equal("1", without["OPTION_A"]);
        Assert.Equal("1_1", without["OPTION_D"]);
    }

    [Theory]
    [InlineData("FOO=test\nBAR=$FOO", "BAR", "test")]
    [InlineData("FOO=test\nBAR=${FOO}bar", "BAR", "testbar")]
    [InlineData("BAR=$FOO", "BAR", "")]
    [InlineData("FOO=test\nBAR=\"quote $FOO\"", "BAR", "quote test")]
    [InlineData("BAR='quote $FOO'", "BAR", "quote $FOO")]
    [InlineData("FOO=\"foo\\$BAR\"", "FOO", "foo$BAR")]
    [InlineData("FOO=\"foo\\${BAR}\"", "FOO", "foo${BAR}")]
    [InlineData("FOO=test\nBAR=\"foo\\${FOO} ${FOO}\"", "BAR", "foo${FOO} test")]
    public void Expansion(string text, string key, string expected) => Assert.Equal(expected, Parse(text)[key]);

    [Fact]
    public void DoubleQuotedValueSpansLines()
        => AssertParses("TEST_URLS=\"stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443\"", "TEST_URLS",
            "stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443");

    [Theory]
    [InlineData("FOO=bar", "FOO", "bar")]
    [InlineData("FOO =bar", "FOO", "bar")]
    [InlineData("FOO= bar", "FOO", "bar")]
    [InlineData("FOO=\"bar\"", "FOO", "bar")]
    [InlineData("FOO='bar'", "FOO", "bar")]
    [InlineData("FOO=\"escaped\\\"bar\"", "FOO", "escaped\"bar")]
    [InlineData("FOO=\"\\\"quoted\\\"\"", "FOO", "\"quoted\"")]
    [InlineData("FOO=\"'d'\"", "FOO", "'d'")]
    [InlineData("OPTION_A: 1", "OPTION_A", "1")]
    [InlineData("OPTION_A: Foo=bar", "OPTION_A", "Foo=bar")]
    [InlineData("OPTION_A=1:B", "OPTION_A", "1:B")]
    [InlineData("export OPTION_A=2", "OPTION_A", "2")]
    [InlineData("export OPTION_B='\\n'", "OPTION_B", "\\n")]
    [InlineData("export exportFoo=2", "exportFoo", "2")]
    [InlineData("exportFOO=2", "exportFOO", "2")]
    [InlineData("export_FOO =2", "export_FOO", "2")]
    [InlineData("export.FOO= 2", "export.FOO", "2")]
    [InlineData("export\tOPTION_A=2", "OPTION_A", "2")]
    [InlineData("  export OPTION_A=2", "OPTION_A", "2")]
    [InlineData("\texport OPTION_A=2", "OPTION_A", "2")]
    [InlineData("export OPTION_A=\"export A\"", "OPTION_A", "export A")]
    [InlineData("FOO=\"bar\\nbaz\"", "FOO", "bar\nbaz")]
    [InlineData("FOO=a\\tb", "FOO", "a\\tb")]
    [InlineData("FOO=\"a\\tb\"", "FOO", "a\tb")]
    [InlineData("KEY=\"Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z\"", "KEY", "Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ")]
    [InlineData("FOO.BAR=foobar", "FOO.BAR", "foobar")]
    [InlineData("FOO=foobar=", "FOO", "foobar=")]
    [InlineData("FOO=bar ", "FOO", "bar")]
    [InlineData("FOO=bar # this is foo", "FOO", "bar")]
    [InlineData("FOO=bar #this is foo", "FOO", "bar")]
    [InlineData("FOO=bar #", "FOO", "bar")]
    [InlineData("FOO=123#not-an-inline-comment", "FOO", "123#not-an-inline-comment")]
    [InlineData("FOO=\"bar#baz\"", "FOO", "bar#baz")]
    [InlineData("FOO=\"bar#baz\"#", "FOO", "bar#baz")]
    [InlineData("FOO=\"bar#baz\" # comment", "FOO", "bar#baz")]
    [InlineData("FOO='bar#baz' # comment", "FOO", "bar#baz")]
    [InlineData("FOO=\"bar#baz#bang\" # comment", "FOO", "bar#baz#bang")]
    [InlineData("FOO=\"ba#r\"", "FOO", "ba#r")]
    [InlineData("FOO='ba#r'", "FOO", "ba#r")]
    [InlineData("FOO=\"bar\\n\\ b\\az\"", "FOO", "bar\n\\ b\az")]
    [InlineData("FOO=\"bar\\\\\\n\\ b\\az\"", "FOO", "bar\\\n\\ b\az")]
    [InlineData("FOO=\"bar\\\\r\\ b\\az\"", "FOO", "bar\\r\\ b\az")]
    [InlineData("FOO=\"bar\\nbaz\\\\\"", "FOO", "bar\nbaz\\")]
    [InlineData("=\"value\"", "", "value")]
    [InlineData(" KEY =value", "KEY", "value")]
    [InlineData("   KEY=value", "KEY", "value")]
    [InlineData("\tKEY=value", "KEY", "value")]
    [InlineData("KEY=\"\\0123\"", "KEY", "S")]
    [InlineData("KEY=\"\\x07\"", "KEY", "\\x07")]
    [InlineData("KEY=\"\\u12e4\"", "KEY", "\\u12e4")]
    [InlineData("KEY=\"\\U00101234\"", "KEY", "\\U00101234")]
    [InlineData("VAR-WITH-DASHES=dashes", "VAR-WITH-DASHES", "dashes")]
    public void Lines(string line, string key, string value) => AssertParses(line, key, value);

    [Fact]
    public void AMalformedNameIsAnError()
    {
        var ex = Assert.Throws<FormatException>(() => Parse("lol$wut"));
        Assert.Contains("unexpected character", ex.Message);
    }

    [Theory]
    [InlineData("KEY=\"")]
    [InlineData("KEY=\"value")]
    [InlineData("KEY=\"value\\\"")]
    [InlineData("KEY=\"value'")]
    [InlineData("KEY='")]
    [InlineData("KEY='value")]
    [InlineData("KEY='value\\'")]
    [InlineData("KEY='value\"")]
    public void UnterminatedQuotes(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Parse(text));
        Assert.Contains("unterminated quoted value", ex.Message);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\t\t ")]
    [InlineData("# Comment")]
    [InlineData("\t # comment")]
    public void BlankAndCommentLinesHoldNothing(string text) => Assert.Empty(Parse(text));

    [Fact]
    public void AKeyWithASpaceNamesItsLine()
    {
        var ex = Assert.Throws<FormatException>(() => Parse("# some comments\nfoo=\"\n  a\n  multine\n  value\n\"\nINVALID LINE\nzot=qix"));
        Assert.Equal("line 7: key cannot contain a space", ex.Message);
    }

    [Fact]
    public void BareNamesInheritFromTheLookup()
    {
        var values = Parse("foo=bar\nVAR_TO_BE_LOADED_FROM_OS_ENV\nbar=baz", n => n == "VAR_TO_BE_LOADED_FROM_OS_ENV" ? "SOME_RANDOM_VALUE" : null);
        Assert.Equal(new Dictionary<string, string> { ["foo"] = "bar", ["VAR_TO_BE_LOADED_FROM_OS_ENV"] = "SOME_RANDOM_VALUE", ["bar"] = "baz" }, values);
        Assert.Empty(Parse("VARIABLE_NOT_FOUND\n"));
    }

    [Fact]
    public void TheLookupExpandsValues() => Assert.Equal("YES", Parse("TEST=$ME", n => n == "ME" ? "YES" : null)["TEST"]);

    [Fact]
    public void AByteOrderMarkIsSkipped() => Assert.Equal("1", Parse("\uFEFFOPTION_A=1\nOPTION_B=2")["OPTION_A"]);

    [Fact]
    public void SeveralFilesSeeEachOtherAndTheEnvironmentFirst()
    {
        string dir = Directory.CreateTempSubdirectory("psd-dotenv").FullName;
        try
        {
            string baseFile = Path.Combine(dir, "base.env"), over = Path.Combine(dir, "override.env");
            File.WriteAllText(baseFile, "\nENV_HOSTNAME=localhost\nENV_MY_URL=\"http://${ENV_HOSTNAME}\"\n");
            File.WriteAllText(over, "\nENV_HOSTNAME=dev.my-company.com\nENV_MY_URL=\"http://${ENV_HOSTNAME}\"\n");
            var env = DotEnv.ReadFiles(new[] { baseFile, over }, null);
            Assert.Equal("dev.my-company.com", env["ENV_HOSTNAME"]);
            Assert.Equal("http://dev.my-company.com", env["ENV_MY_URL"]);
            env = DotEnv.ReadFiles(new[] { baseFile, over }, n => n == "ENV_HOSTNAME" ? "host.local" : null);
            Assert.Equal("dev.my-company.com", env["ENV_HOSTNAME"]);
            Assert.Equal("http://host.local", env["ENV_MY_URL"]);

            var missing = Assert.Throws<ComposeException>(() => DotEnv.ReadFiles(new[] { Path.Combine(dir, "nope.env") }, null));
            Assert.Equal(ComposeErrorKind.FileNotFound, missing.Kind);
            var directory = Assert.Throws<ComposeException>(() => DotEnv.ReadFiles(new[] { dir }, null));
            Assert.Contains("is a directory", directory.Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
