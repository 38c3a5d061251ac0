using System.Text.Json;
using ChannelBridge.Api.Json;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Json;

public class JsonLeniencyTests
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    [Theory]
    [InlineData("\"2026-08-30 02:06:49Z\"")]
    [InlineData("\"2026-08-30T02:06:49Z\"")]
    [InlineData("\"2026-08-30T02:06:49.0000000Z\"")]
    [InlineData("\"2026-08-30T04:06:49+02:00\"")]
    [InlineData("\"2026-08-30 02:06:49\"")]
    public void Dates_InEitherSpelling_AreReadAsUtc(string json)
    {
        var value = JsonSerializer.Deserialize<DateTime>(json, Options);

        value.Should().Be(new DateTime(2026, 8, 30, 2, 6, 49, DateTimeKind.Utc));
        value.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public void Dates_AreWrittenInTheDocumentedForm() =>
        JsonSerializer.Serialize(new DateTime(2026, 8, 30, 2, 6, 49, DateTimeKind.Utc), Options).Should().Be("\"2026-08-30 02:06:49Z\"");

    [Theory]
    [InlineData("\"not a date\"")]
    [InlineData("12345")]
    public void Dates_Garbage_IsAJsonError(string json) =>
        FluentActions.Invoking(() => JsonSerializer.Deserialize<DateTime>(json, Options)).Should().Throw<JsonException>();

    [Fact]
    public void Strings_AcceptNumbersAndBooleansAsTheirText()
    {
        var value = JsonSerializer.Deserialize<Sample>("""{"text":12.50,"flag":"True","count":"7"}""", Options)!;

        value.Text.Should().Be("12.50");
        value.Flag.Should().BeTrue();
        value.Count.Should().Be(7);
        JsonSerializer.Deserialize<Sample>("""{"Text":true}""", Options)!.Text.Should().Be("True");
    }

    [Fact]
    public void Output_IsPascalCase() =>
        JsonSerializer.Serialize(new Sample { Text = "a", Flag = true, Count = 1 }, Options).Should().Be("""{"Text":"a","Flag":true,"Count":1}""");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        JsonOptionsSetup.Apply(options);
        return options;
    }

    private sealed class Sample
    {
        public string? Text { get; set; }

        public bool Flag { get; set; }

        public int Count { get; set; }
    }
}
