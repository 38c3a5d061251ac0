using Microsoft.Data.Sqlite;

namespace ChannelBridge.Api.FunctionalTests.Orders;

/// <summary>
/// Orders are rendered for Linnworks when saved and the page copies the rendering (ADR-011). The page must be
/// byte for byte what mapping the stored content writes, so the two paths are compared on the same orders.
/// </summary>
public class StoredRenderingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Since = "2026-01-01 00:00:00Z";

    [Fact]
    public async Task APageFromStoredRenderings_IsByteForByteThePageMappedFromContent()
    {
        var (token, storeId, key) = await factory.Integrate();
        var hostile = new
        {
            ReferenceNumber = "R-<b>&'\"+",
            PaymentStatus = "PAID",
            Currency = "EUR",
            ReceivedDate = "2026-11-20T09:15:30.1234567+02:00",
            ChannelBuyerName = "Zoë “Ω” \\ José <script>",
            PostalServiceCost = 1.10m,
            DeliveryAddress = new { FullName = "日本 太郎", CountryCode = "JP" },
            OrderItems = new[] { new { OrderLineNumber = "1", SKU = "S\u00a0K\u2028U", ItemTitle = "Mug 😀", Qty = 1, PricePerUnit = 0.1000m } },
        };
        var pushed = await factory.ChannelClient(key).Push(storeId, OrderBuilder.Order("R-1"), hostile, OrderBuilder.Order("R-3", paymentStatus: "UNPAID"));
        pushed["Results"]!.AsArray().Should().OnlyContain(r => r!["Status"]!.GetValue<string>() == "Created", pushed.ToJsonString());
        var linnworks = factory.Client();
        var request = new { AuthorizationToken = token, UTCTimeFrom = Since, PageNumber = 1 };

        (await Rows(storeId)).Should().OnlyContain(r => r.Json != null && r.Format != null, "orders with a currency are rendered when saved");
        var fromRenderings = await Page(linnworks, request);
        await Execute("UPDATE Orders SET DownloadFormat = 'older' WHERE StoreId = $store", storeId);
        var fromContent = await Page(linnworks, request);

        fromRenderings.Should().Contain("R-1").And.Contain("Mug").And.Contain("R-3");
        fromRenderings.Should().Be(fromContent, "a stored rendering is exactly what mapping the order writes");
    }

    [Fact]
    public async Task ARenderingInAnotherFormat_IsNotServed_AndAnOrderWithoutCurrency_IsNotRendered()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, OrderBuilder.Order("F-1"));
        var withoutCurrency = new
        {
            ReferenceNumber = "F-2",
            PaymentStatus = "PAID",
            ReceivedDate = "2026-11-20 09:00:00Z",
            DeliveryAddress = new { FullName = "A Buyer", CountryCode = "GB" },
            OrderItems = new[] { new { OrderLineNumber = "1", SKU = "S-1", ItemTitle = "Mug", Qty = 1, PricePerUnit = 2m } },
        };
        var pushed = await factory.ChannelClient(key).Push(storeId, withoutCurrency);
        pushed["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Created", pushed.ToJsonString());
        (await Rows(storeId)).Should().ContainSingle(r => r.Json == null, "an order without a currency takes each integration's DefaultCurrency when read");

        // A rendering left by an older format (or other defaults) must not reach Linnworks.
        await Execute("UPDATE Orders SET DownloadJson = CAST('{\"ReferenceNumber\":\"STALE\"}' AS BLOB), DownloadFormat = 'older' WHERE StoreId = $store AND DownloadJson IS NOT NULL", storeId);
        var body = (await factory.Client().PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = Since, PageNumber = 1 })).Body;

        body["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().BeEquivalentTo("F-1", "F-2");
        body["Orders"]!.AsArray().Select(o => o!["Currency"]!.GetValue<string>()).Should().Equal("GBP", "GBP");
    }

    private static async Task<string> Page(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync("/api/Order/Orders", request);
        response.Content.Headers.ContentLength.Should().BeGreaterThan(0);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<List<(string? Json, string? Format)>> Rows(string storeId)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DownloadJson, DownloadFormat FROM Orders WHERE StoreId = $store";
        command.Parameters.AddWithValue("$store", storeId);
        var rows = new List<(string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.IsDBNull(0) ? null : System.Text.Encoding.UTF8.GetString((byte[])reader.GetValue(0)), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return rows;
    }

    private async Task Execute(string sql, string storeId)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$store", storeId);
        await command.ExecuteNonQueryAsync();
    }
}
