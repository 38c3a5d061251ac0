using ChannelBridge.Api.FunctionalTests.Features.Orders;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Contract;

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

    [Fact]
    public async Task TheBudget_CountsEachOrdersStoredLength_AndCountsTheJsonWhereARowHasNone()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, OrderBuilder.Order("B-1"), OrderBuilder.Order("B-2"), OrderBuilder.Order("B-3"));
        async Task<List<string>> FirstPage(string since) =>
            [.. (await factory.Client().PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = since, PageNumber = 1 })).Body["Orders"]!.AsArray()
                .Select(o => o!["ReferenceNumber"]!.GetValue<string>())];

        (await FirstPage("2026-01-01 00:00:00Z")).Should().Equal("B-1", "B-2", "B-3");

        // The stored length is what is counted (each page start is a new run: another UTCTimeFrom).
        await Execute("UPDATE Orders SET ContentChars = 100000 WHERE StoreId = $store AND ReferenceNumber = 'B-2'", storeId);
        (await FirstPage("2026-01-02 00:00:00Z")).Should().Equal(["B-1"], "B-2 is stored as past the 64 KB budget");

        // A row written before migration 0014 by an older node has none: its JSON is counted, as before.
        await Execute("UPDATE Orders SET ContentChars = NULL WHERE StoreId = $store", storeId);
        (await FirstPage("2026-01-03 00:00:00Z")).Should().Equal("B-1", "B-2", "B-3");
    }

    private async Task Execute(string sql, string storeId)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$store", storeId);
        (await command.ExecuteNonQueryAsync()).Should().BeGreaterThan(0);
    }
}
