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
    public void AFormatThisVersionDoesNotKnow_IsRefused_NotMisread()
    {
        var json = OrderContentFormat.Write(Content);

        FluentActions.Invoking(() => OrderContentFormat.Read(json, OrderContentFormat.Current + 1))
            .Should().Throw<InvalidDataException>().WithMessage($"*content format {OrderContentFormat.Current + 1}*reads up to {OrderContentFormat.Current}*");
    }
}
