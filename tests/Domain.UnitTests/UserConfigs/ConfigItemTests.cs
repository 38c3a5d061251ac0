using System.Diagnostics;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Domain.UnitTests.UserConfigs;

public class ConfigItemTests
{
    private static ConfigItem Item(ConfigValueType type, bool required = false, string? regex = null, string? regexError = null, IReadOnlyList<ListValue>? list = null) =>
        ConfigItem.Create("Id", "Field", "d", "g", 1, type, required, regExValidation: regex, regExError: regexError, listValues: list).Value;

    [Theory]
    [InlineData("true", "True")]
    [InlineData("True", "True")]
    [InlineData("FALSE", "False")]
    [InlineData(" false ", "False")]
    public void Normalize_Boolean_IsCaseInsensitive(string input, string expected) =>
        Item(ConfigValueType.Boolean).Normalize(input).Value.Should().Be(expected);

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public void Normalize_BooleanNotTrueOrFalse_Fails(string input) =>
        Item(ConfigValueType.Boolean).Normalize(input).ErrorMessage.Should().Be("Field must be True or False.");

    [Theory]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    public void Normalize_Int_Parses(string input, string expected) => Item(ConfigValueType.Int).Normalize(input).Value.Should().Be(expected);

    [Theory]
    [InlineData("4.2")]
    [InlineData("12abc")]
    [InlineData("1,000")]
    public void Normalize_IntNotWhole_Fails(string input) => Item(ConfigValueType.Int).Normalize(input).IsFailure.Should().BeTrue();

    [Theory]
    [InlineData("4.25", "4.25")]
    [InlineData("1e3", "1000")]
    public void Normalize_Double_UsesInvariantCulture(string input, string expected) =>
        Item(ConfigValueType.Double).Normalize(input).Value.Should().Be(expected);

    [Theory]
    [InlineData("4,25")]
    [InlineData("NaN")]
    public void Normalize_DoubleInvalid_Fails(string input) => Item(ConfigValueType.Double).Normalize(input).IsFailure.Should().BeTrue();

    [Fact]
    public void Normalize_List_MustBeOneOfTheValues()
    {
        var item = Item(ConfigValueType.List, list: [new("One", "1.6.0"), new("Two", "1.5.0")]);

        item.Normalize("1.5.0").Value.Should().Be("1.5.0");
        item.Normalize("One").ErrorMessage.Should().Be("Field must be one of: 1.6.0, 1.5.0.");
    }

    [Fact]
    public void Normalize_EmptyRequired_Fails_EmptyOptional_IsAccepted()
    {
        Item(ConfigValueType.String, required: true).Normalize("  ").ErrorMessage.Should().Be("Field must be specified.");
        Item(ConfigValueType.Int).Normalize(null).Value.Should().BeEmpty();
    }

    [Fact]
    public void Normalize_Password_KeepsSurroundingSpaces() =>
        Item(ConfigValueType.Password).Normalize(" pa ss ").Value.Should().Be(" pa ss ");

    [Fact]
    public void Normalize_Regex_MatchesAnywhereLikeJavaScriptTest()
    {
        var item = Item(ConfigValueType.String, regex: "[0-9]{3}", regexError: "Needs three digits");

        item.Normalize("ab123cd").IsSuccess.Should().BeTrue();
        item.Normalize("ab12").ErrorMessage.Should().Be("Needs three digits");
    }

    [Fact]
    public void Normalize_RegexLiteralWithFlags_HonoursIgnoreCase()
    {
        var item = Item(ConfigValueType.String, regex: "/^abc$/i");

        item.Normalize("ABC").IsSuccess.Should().BeTrue();
        item.Normalize("ABCD").ErrorMessage.Should().Be("Field is not in the expected format.");
    }

    [Fact]
    public void Normalize_RegexUsesEcmaScriptDigits()
    {
        // In .NET \d matches any Unicode digit; in JavaScript only 0-9.
        var item = Item(ConfigValueType.String, regex: "^\\d+$");

        item.Normalize("123").IsSuccess.Should().BeTrue();
        item.Normalize("١٢٣").IsFailure.Should().BeTrue();
    }

    [Theory]
    // JavaScript's $ matches only at the end; .NET's also before a final newline (a PASSWORD value is not trimmed).
    [InlineData("^[a-z]+$", "abc\n", false)]
    [InlineData("^[a-z]+$", "abc", true)]
    [InlineData("/^[a-z]+$/m", "abc\ndef", true)]
    [InlineData("/^def$/m", "abc\rdef", true)]              // with m, ^ and $ beside any line terminator
    [InlineData("/^abc$/m", "abc\u2028def", true)]
    [InlineData("^.+$", "abc\rdef", false)]                  // . stops at \r, \u2028 and \u2029 too
    [InlineData("^.+$", "abc\u2029def", false)]
    [InlineData("/^.+$/s", "abc\rdef", true)]               // dotAll
    [InlineData("^[.$^]+$", ".$^", true)]                    // in a class, literals
    [InlineData("^\\$\\.[$]$", "$.$", true)]                  // escaped, literals
    [InlineData("^a[^]b$", "a\nb", true)]                    // [^] is any character
    [InlineData("a[]", "a", false)]                          // [] is none
    public void Normalize_Regex_AnchorsDotsAndEmptyClassesAsInJavaScript(string pattern, string value, bool matches)
    {
        var item = Item(ConfigValueType.Password, regex: pattern);

        item.Normalize(System.Text.RegularExpressions.Regex.Unescape(value)).IsSuccess.Should().Be(matches);
    }

    [Fact]
    public void Normalize_CatastrophicRegex_TimesOutInsteadOfHanging()
    {
        var item = Item(ConfigValueType.String, regex: "^(a+)+$");
        var started = Stopwatch.StartNew();

        var result = item.Normalize(new string('a', 40) + "!");

        result.ErrorMessage.Should().Be("Field could not be checked against its pattern in time.");
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the match timeout bounds the work");
    }

    [Fact]
    public void Create_InvalidDefinitions_Fail()
    {
        ConfigItem.Create("Id", "Field", "", "", 1, ConfigValueType.String, regExValidation: "([a-").ErrorMessage.Should().Contain("invalid RegExValidation");
        ConfigItem.Create("Id", "Field", "", "", 1, ConfigValueType.List).ErrorMessage.Should().Contain("without ListValues");
        ConfigItem.Create("", "Field", "", "", 1, ConfigValueType.String).IsFailure.Should().BeTrue();
        ConfigItem.Create("Id", "Field", "", "", 1, ConfigValueType.Int, defaultValue: "abc").ErrorMessage.Should().Contain("default value");
    }
}
