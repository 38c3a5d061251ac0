using ChannelBridge.Api.FunctionalTests.Orders;

namespace ChannelBridge.Api.FunctionalTests.Contract;

public sealed class SmallPageBudgetFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Orders:PageBudgetChars"] = (64 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

/// <summary>An Orders page stops at its byte budget; HasMorePages stays exact and no order is skipped or repeated.</summary>
public class PageBudgetTests(SmallPageBudgetFactory factory) : IClassFixture<SmallPageBudgetFactory>
{
    [Fact]
    public async Task LargeOrders_AreSpreadOverMorePages_EachOnce()
    {
        var (token, storeId, key) = await factory.Integrate();
        var note = new string('n', 3900);
        var orders = Enumerable.Range(1, 12).Select(i => new
        {
            ReferenceNumber = $"L-{i:D2}",
            PaymentStatus = "PAID",
            ReceivedDate = DateTime.UtcNow.AddHours(-1),
            DeliveryAddress = new { FullName = "Jane", CountryCode = "GB" },
            OrderItems = new[] { new { OrderLineNumber = "1", SKU = "A", Qty = 1 } },
            Notes = Enumerable.Range(0, 4).Select(n => new { Note = note + n }).ToArray(),   // about 16 KB of text an order
        }).ToArray();
        await factory.ChannelClient(key).Push(storeId, orders);

        var linnworks = factory.Client();
        var seen = new List<string>();
        var pages = 0;
        for (var page = 1; ; page++)
        {
            var body = (await linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = page })).Body;
            var refs = body["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()).ToList();
            refs.Should().NotBeEmpty();
            seen.AddRange(refs);
            pages++;
            if (!body["HasMorePages"]!.GetValue<bool>())
            {
                break;
            }
        }

        pages.Should().BeGreaterThan(1, "12 orders of about 16 KB do not fit a 64 KB page");
        seen.Should().Equal(orders.Select(o => o.ReferenceNumber));
    }
}
