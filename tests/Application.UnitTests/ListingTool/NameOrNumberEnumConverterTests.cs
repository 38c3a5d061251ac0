using System.Text.Json;
using ChannelBridge.Application.ListingTool;

namespace ChannelBridge.Application.UnitTests.ListingTool;

/// <summary>The listing tool's enums read as one name in any case or as a defined number, and are written as numbers.</summary>
public class NameOrNumberEnumConverterTests
{
    [Theory]
    [InlineData("1", ProductFeedMessageType.Error)]
    [InlineData("\"2\"", ProductFeedMessageType.Warning)]
    [InlineData("\" recommendation \"", ProductFeedMessageType.Recommendation)]
    [InlineData("\"ERROR\"", ProductFeedMessageType.Error)]
    public void AName_OrADefinedNumber_IsRead(string json, ProductFeedMessageType expected) =>
        JsonSerializer.Deserialize<ProductFeedMessageType>(json).Should().Be(expected);

    [Theory]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("\"Error, Warning\"")]
    [InlineData("\"Error,Warning\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    public void AnythingElse_IsRefused_NamingWhatIsExpected(string json)
    {
        var read = () => JsonSerializer.Deserialize<ProductFeedMessageType>(json);

        read.Should().Throw<JsonException>().WithMessage("Expected one of Error (1), Warning (2), Recommendation (3).");
    }

    [Fact]
    public void AValue_IsWrittenAsLinnworksNumber() =>
        JsonSerializer.Serialize(ProductFeedMessageType.Recommendation).Should().Be("3");
}
