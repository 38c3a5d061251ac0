using System.Text.Json;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Infrastructure.Persistence;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>Orders.ContentJson is read by its ContentFormat: today's format round-trips, an unknown one is refused by name.</summary>
public class OrderContentFormatTests
{
    private static readonly OrderContent Content = new()
    {
        ReferenceNumber = "F-1",
        PaymentStatus = PaymentStatus.Paid,
        Currency = "GBP",
        ReceivedDate = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc),
        OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "S", Qty = 2, PricePerUnit = 1.5m }],
    };

    [Fact]
    public void TheCurrentFormat_RoundTrips()
    {
        var json = OrderContentFormat.Write(Content);

        var read = OrderContentFormat.Read(json, OrderContentFormat.Current);

        JsonSerializer.Serialize(read).Should().Be(JsonSerializer.Serialize(Content));
        json.Should().Contain("\"ReferenceNumber\":\"F-1\"", "format 1 is PascalCase as declared");
    }

    [Fact]
    public void TheJsonAnUpsertHashed_IsStoredAsTheFormatWritesIt()
    {
        // What the upsert handler hashes and hands over (OrderToSave.ContentJson) must be format 1 byte for byte, or
        // an order saved by an upsert and the same order saved by a despatch would be stored differently.
        var content = Content with
        {
            Notes = [new OrderNote { Note = "<b>Zoë</b> \"quoted\" \u2028 line\u00e9 & more", NoteEntryDate = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Unspecified) }],
            OrderItems = [new OrderLine { OrderLineNumber = "1", SKU = "S", Qty = 2, PricePerUnit = 9.999999999999m, TaxRate = 20.0000m }],
            DispatchBy = new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Local),
        };
        var hashed = JsonSerializer.SerializeToUtf8Bytes(content);
        var order = ChannelOrder.Receive("store", content, Application.Common.ContentHashes.OfJson(hashed), DateTime.UtcNow);

        var stored = OrderContentFormat.Write(new OrderToSave(order, new OrderDownload([], "1:3"), hashed));

        stored.Should().Be(OrderContentFormat.Write(content));
        order.ContentHash.Should().Be(Application.Common.ContentHashes.Of(content), "the hash of the handed-over JSON is the content's hash");
    }

    [Fact]
    public void AFormatThisVersionDoesNotKnow_IsRefused_NotMisread()
    {
        var json = OrderContentFormat.Write(Content);

        FluentActions.Invoking(() => OrderContentFormat.Read(json, OrderContentFormat.Current + 1))
            .Should().Throw<InvalidDataException>().WithMessage($"*content format {OrderContentFormat.Current + 1}*reads up to {OrderContentFormat.Current}*");
    }
}
