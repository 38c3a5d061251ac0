using System.Text.Json;
using ChannelBridge.Api.Json;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Json;

/// <summary>
/// A value that cannot be read is named the whole way down with what was expected and what was found, never with a
/// CLR type or a byte position; and the number converter reads and writes exactly what the serializer's own does, except that
/// it refuses NaN and the infinities.
/// </summary>
public class ReadErrorMessageTests
{
    private static readonly JsonSerializerOptions Options = CreateOptions(withNumbers: true);

    /// <summary>The same dialect with the serializer's own number converters: the reader ours must match.</summary>
    private static readonly JsonSerializerOptions BuiltIn = CreateOptions(withNumbers: false);

    public static TheoryData<string> NumberInputs() =>
    [
        "12", "-3", "0", "-0", "1.0", "1.5", "0.1", "1e3", "1E-2", "-2.50", "\"7\"", "\"-7\"", "\"12.50\"", "\"1e3\"", "\" 5\"", "\"5 \"", "\"\"",
        "\"x\"", "true", "false", "{}", "[]", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "79228162514264337593543950335", "79228162514264337593543950336", "1e400", "-1e400", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"",
        "123456789012345678901234567890123", "0.0000000000000000000000000001", "1e-400",
        "2.000", "-7.0", "0.0", "-0.0e5", "25e-1", "2.50e1", "\"2.0\"", "\"2.5\"", "2147483647.0", "2147483648.0", "9223372036854775807.0",
        "9223372036854775808.0", "1e-30", "0e-400", "12.0001",
    ];

    /// <summary>
    /// The inputs above that the serializer refuses for a whole type and ours reads: whole numbers written with a fraction
    /// of zeros or an exponent, as a C# platform writes a <c>decimal</c> quantity (<c>2.0</c>) or a Python one a float.
    /// </summary>
    private static readonly Dictionary<string, decimal> WholeWrittenOtherwise = new(StringComparer.Ordinal)
    {
        ["1.0"] = 1, ["1e3"] = 1000, ["\"1e3\""] = 1000, ["2.000"] = 2, ["-7.0"] = -7, ["0.0"] = 0, ["-0.0e5"] = 0, ["2.50e1"] = 25, ["\"2.0\""] = 2,
        ["2147483647.0"] = int.MaxValue, ["2147483648.0"] = int.MaxValue + 1L, ["9223372036854775807.0"] = long.MaxValue, ["0e-400"] = 0,
    };

    [Theory]
    [MemberData(nameof(NumberInputs))]
    public void Numbers_AreReadExactlyAsTheSerializersOwnConverters(string json)
    {
        foreach (var type in new[] { typeof(int), typeof(long), typeof(decimal), typeof(double), typeof(int?), typeof(decimal?) })
        {
            var ours = Outcome(json, type, Options);
            var theirs = Outcome(json, type, BuiltIn);
            if (theirs is "value:NaN" or "value:Infinity" or "value:-Infinity")
            {
                ours.Should().Be("refused", $"{json} is not a number JSON can carry back (a deliberate difference)");
                continue;
            }

            var plain = Nullable.GetUnderlyingType(type) ?? type;
            if (WholeWrittenOtherwise.TryGetValue(json, out var whole) && (plain == typeof(int) || plain == typeof(long)))
            {
                var fits = plain == typeof(int) ? whole is >= int.MinValue and <= int.MaxValue : whole is >= long.MinValue and <= long.MaxValue;
                ours.Should().Be(fits ? $"value:{whole}" : "refused", $"{json} is a whole number however it is written (the other deliberate difference)");
                continue;
            }

            ours.Should().Be(theirs, $"{json} read as {type.Name} must be what System.Text.Json itself reads (or refuses)");
        }
    }

    [Fact]
    public void Null_ReadsIntoANullableNumber_AndIsRefusedForAPlainOne()
    {
        JsonSerializer.Deserialize<decimal?>("null", Options).Should().BeNull();
        FluentActions.Invoking(() => JsonSerializer.Deserialize<int>("null", Options)).Should().Throw<JsonException>();
    }

    [Fact]
    public void Numbers_AreWrittenExactlyAsTheSerializersOwnConverters()
    {
        object?[] values = [0, -1, int.MinValue, int.MaxValue, long.MinValue, long.MaxValue, 1.50m, 0.1m, -0.0001m, decimal.MaxValue, decimal.MinValue,
            0.1, 1e-7, 1e21, double.MaxValue, double.Epsilon, -0.0, (int?)5, (decimal?)null];
        foreach (var value in values)
        {
            var type = value?.GetType() ?? typeof(decimal?);
            JsonSerializer.Serialize(value, type, Options).Should().Be(JsonSerializer.Serialize(value, type, BuiltIn), $"{value} as {type.Name}");
        }
    }

    [Theory]
    [InlineData("""{"Qty":"two"}""", "Qty: Expected a whole number from -2147483648 to 2147483647; found \"two\".")]
    [InlineData("""{"Qty":1.5}""", "Qty: Expected a whole number from -2147483648 to 2147483647; found 1.5.")]
    [InlineData("""{"Price":true}""", "Price: Expected a number; found true.")]
    [InlineData("""{"Price":{"a":1}}""", "Price: Expected a number; found an object.")]
    [InlineData("""{"Price":1e400}""", "Price: Expected a number from -79228162514264337593543950335 to 79228162514264337593543950335; found 1e400.")]
    [InlineData("""{"Lines":[{"Qty":1},{"Qty":[]}]}""", "Lines[1].Qty: Expected a whole number from -2147483648 to 2147483647; found a list.")]
    [InlineData("""{"Lines":[{"Qty":1},null]}""", "Lines[1] is null; send an object or leave it out.")]
    [InlineData("""{"Lines":[{"Parts":[{"Name":"a"},{"Name":null}]}]}""", "Lines[0].Parts[1].Name is null; send a value or leave it out.")]
    [InlineData("""{"Lines":[{"Parts":[{"Name":{}}]}]}""", "Lines[0].Parts[0].Name: Expected a string; found an object.")]
    [InlineData("""{"Address":{"Name":null}}""", "Address.Name is null; send a value or leave it out.")]
    [InlineData("""{"Address":{"Name":{}}}""", "Address.Name: Expected a string; found an object.")]
    [InlineData("""{"Address":"10 Downing St"}""", "Address: Expected an object; found \"10 Downing St\".")]
    [InlineData("""{"Lines":["x"]}""", "Lines[0]: Expected an object; found \"x\".")]
    [InlineData("""{"Lines":[{"Parts":[5]}]}""", "Lines[0].Parts[0]: Expected an object; found 5.")]
    [InlineData("""{"Lines":"all"}""", "Lines: Expected a list; found \"all\".")]
    [InlineData("""{"When":"last tuesday"}""", "When: Expected a date as 'yyyy-MM-dd HH:mm:ssZ' or ISO 8601; found \"last tuesday\".")]
    [InlineData("""{"Paid":"maybe"}""", "Paid: Expected true or false; found \"maybe\".")]
    [InlineData("""{"Qty":"x\ud800"}""", "Qty: Expected a whole number from -2147483648 to 2147483647; found \"x\\ud800\".")]
    [InlineData("""{"Address":"x\ud800"}""", "Address: Expected an object; found \"x\\ud800\".")]
    public void AValueThatCannotBeRead_IsNamedTheWholeWayDown(string json, string expected)
    {
        var error = FluentActions.Invoking(() => JsonSerializer.Deserialize<Order>(json, Options)).Should().Throw<JsonException>().Which;

        error.Message.Should().Be(expected);
        error.Message.Should().NotContain("System.").And.NotContain("BytePosition");
    }

    [Fact]
    public void ALinnworksBatchItem_ThatCannotBeRead_IsAnsweredWithWhereAndWhat()
    {
        var command = JsonSerializer.Deserialize<ChannelBridge.Application.Listings.InventoryUpdate.InventoryUpdateCommand>(
            """{"Products":["x",5,{"SKU":"A","Quantity":"q"},{"SKU":"B","Quantity":1,"MultiLocationLevels":[{"Tag":"L","Quantity":[]}]},{"SKU":"C","Quantity":2},{"SKU":"D\udc00","Quantity":3}]}""",
            Options)!;

        command.Products!.Select(p => p!.ReadError).Should().Equal(
            "Item 0 could not be read: Expected an object; found \"x\".",
            "Item 1 could not be read: Expected an object; found 5.",
            "Item 2 could not be read: Quantity: Expected a whole number from -2147483648 to 2147483647; found \"q\".",
            "Item 3 could not be read: MultiLocationLevels[0].Quantity: Expected a whole number from -2147483648 to 2147483647; found a list.",
            null,
            "Item 5 could not be read: SKU: Expected a string of valid text; found \"D\\udc00\".");
        command.Products!.Select(p => p!.ItemKey).Should().Equal(null, null, "A", "B", "C", null);
    }

    [Fact]
    public void WhatWasFound_IsShortened_AndStaysJson()
    {
        var long300k = new string('x', 300_000);
        var error = FluentActions.Invoking(() => JsonSerializer.Deserialize<Order>($$"""{"Qty":"<\"{{long300k}}"}""", Options)).Should().Throw<JsonException>().Which;

        error.Message.Length.Should().BeLessThan(200);
        error.Message.Should().StartWith("Qty: Expected a whole number").And.Contain("found \"<\\\"xxx").And.EndWith("…\".");
    }

    /// <summary>"value:…" when read, else "refused" (what was refused is the same either way; the message is not compared).</summary>
    private static string Outcome(string json, Type type, JsonSerializerOptions options)
    {
        try
        {
            return "value:" + Convert.ToString(JsonSerializer.Deserialize(json, type, options), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (JsonException)
        {
            return "refused";
        }
    }

    private static JsonSerializerOptions CreateOptions(bool withNumbers)
    {
        var options = new JsonSerializerOptions();
        JsonOptionsSetup.Apply(options);
        if (!withNumbers)
        {
            options.Converters.Remove(options.Converters.OfType<NumberConverter>().Single());
        }

        return options;
    }

    private sealed class Order
    {
        public int Qty { get; set; }

        public decimal? Price { get; set; }

        public DateTime? When { get; set; }

        public bool Paid { get; set; }

        public Address? Address { get; set; }

        public List<Line> Lines { get; set; } = [];
    }

    private sealed class Address
    {
        public string Name { get; set; } = string.Empty;
    }

    private sealed class Line
    {
        public int Qty { get; set; }

        public List<Part> Parts { get; set; } = [];
    }

    private sealed class Part
    {
        public string Name { get; set; } = string.Empty;
    }
}
