using System.Text;
using System.Text.Json;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.UnitTests.Common.Json;

/// <summary>
/// The generated writer of an order's content must write what System.Text.Json's reflection-based writer with default
/// options writes, byte for byte: every stored order's hash and content (format 1) were written that way, and an
/// identical re-send is recognised only while the two agree.
/// </summary>
public class OrderContentJsonTests
{
    // Characters a hostile or careless platform sends: JSON's own specials, markup, controls, line separators,
    // accents, a pair of surrogates (an emoji) and a lone surrogate.
    private const string Hostile = "<b>Zoë</b> \"q\" \\ / & ' \u0000\u0007\t\r\n\u007f\u0085\u2028\u2029 é ü ß 漢字 😀 \ud800 +";

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AVariedOrder_IsWrittenAsTheReflectionWriterWritesIt(int seed)
    {
        var content = VariedOrder(new Random(seed));

        var generated = OrderContentJson.Write(content);

        Encoding.UTF8.GetString(generated).Should().Be(JsonSerializer.Serialize(content));
        generated.Should().Equal(JsonSerializer.SerializeToUtf8Bytes(content));
    }

    [Fact]
    public void AnOrderWithEverythingAbsent_AndWithNullLists_IsWrittenAsTheReflectionWriterWritesIt()
    {
        var bare = new OrderContent();
        var nullLists = new OrderContent { OrderItems = null!, ExtendedProperties = null!, Notes = null!, ReferenceNumber = null! };

        OrderContentJson.Write(bare).Should().Equal(JsonSerializer.SerializeToUtf8Bytes(bare));
        OrderContentJson.Write(nullLists).Should().Equal(JsonSerializer.SerializeToUtf8Bytes(nullLists));
        Encoding.UTF8.GetString(OrderContentJson.Write(nullLists)).Should().Contain("\"OrderItems\":null", "nulls are written, as with the defaults");
    }

    private static OrderContent VariedOrder(Random random) => new()
    {
        ReferenceNumber = Text(random) ?? string.Empty,
        ExternalReference = Text(random),
        SecondaryReferenceNumber = Text(random),
        ChannelBuyerName = Text(random),
        Site = Text(random),
        Currency = Text(random),
        PaymentStatus = Text(random) ?? string.Empty,
        ReceivedDate = Date(random),
        PaidOn = Date(random),
        DispatchBy = Date(random),
        MatchPostalServiceTag = Text(random),
        MatchPaymentMethodTag = Text(random),
        PostalServiceCost = Amount(random),
        PostalServiceTaxRate = Amount(random),
        UseChannelTax = random.Next(2) == 1,
        DiscountType = Text(random),
        Discount = Amount(random),
        MarketplaceTaxId = Text(random),
        MarketplaceIoss = Text(random),
        BuyerTaxNumber = Text(random),
        BillingAddress = random.Next(4) == 0 ? null : Address(random),
        DeliveryAddress = random.Next(4) == 0 ? null : Address(random),
        OrderItems = [.. Enumerable.Range(0, random.Next(6)).Select(_ => Line(random))],
        ExtendedProperties = [.. Enumerable.Range(0, random.Next(3)).Select(_ => new OrderExtendedProperty(Text(random) ?? "p", Text(random), Text(random)))],
        Notes = [.. Enumerable.Range(0, random.Next(3)).Select(_ => new OrderNote
        {
            Note = Text(random) ?? string.Empty,
            NoteEntryDate = Date(random),
            NoteUserName = Text(random),
            IsInternal = random.Next(2) == 1,
        })],
    };

    private static OrderLine Line(Random random) => new()
    {
        OrderLineNumber = Text(random) ?? "1",
        SKU = Text(random),
        ItemTitle = Text(random),
        Qty = random.Next(3) switch { 0 => 0, 1 => random.Next(1, 1000), _ => random.Next(int.MinValue, int.MaxValue) },
        PricePerUnit = Amount(random),
        TaxCostInclusive = random.Next(2) == 1,
        TaxRate = Amount(random),
        UseChannelTax = random.Next(2) == 1,
        LinePercentDiscount = Amount(random),
        IsService = random.Next(2) == 1,
        Options = [.. Enumerable.Range(0, random.Next(4)).Select(_ => new OrderLineOption(Text(random) ?? "o", Text(random)))],
        CancelStatus = Text(random),
    };

    private static OrderAddress Address(Random random) => new()
    {
        FullName = Text(random),
        Company = Text(random),
        Address1 = Text(random),
        Address2 = Text(random),
        Address3 = Text(random),
        Town = Text(random),
        Region = Text(random),
        PostCode = Text(random),
        Country = Text(random),
        CountryCode = Text(random),
        PhoneNumber = Text(random),
        EmailAddress = Text(random),
    };

    // Absent, empty, plain, or a run of hostile characters (sliced anywhere, so a surrogate may stand alone).
    private static string? Text(Random random) => random.Next(5) switch
    {
        0 => null,
        1 => string.Empty,
        2 => "Plain text " + random.Next(),
        _ => string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => Hostile[random.Next(Hostile.Length)])),
    };

    // A C# platform's computed prices (many decimals), zeros with a scale, negatives and the extremes.
    private static decimal Amount(Random random) => random.Next(6) switch
    {
        0 => 0m,
        1 => 20.0000m,
        2 => 9.999999999999m,
        3 => -(decimal)random.NextDouble() * 1000,
        4 => random.Next(2) == 0 ? decimal.MaxValue : decimal.MinValue,
        _ => new decimal(random.Next(), random.Next(), 0, random.Next(2) == 1, (byte)random.Next(29)),
    };

    // Unset (a C# sender's 0001-01-01, of any kind), absent, the extremes, and ordinary dates of every kind with ticks.
    private static DateTime? Date(Random random) => random.Next(5) switch
    {
        0 => null,
        1 => new DateTime(1, 1, 1, 0, 0, 0, (DateTimeKind)random.Next(3)),
        2 => DateTime.MaxValue,
        _ => new DateTime(2020, 1, 1, 0, 0, 0, (DateTimeKind)random.Next(3)).AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 3650)),
    };
}
