using Microsoft.Data.Sqlite;

namespace ChannelBridge.Api.FunctionalTests.Features.Orders;

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
        var pushed = await factory.ChannelClient(key).Push(storeId, OrderBuilder.Order("R-1"), hostile, OrderBuilder.Order("R-3", paymentStatus: "UNPAID"), WithoutCurrency("R-4"));
        pushed["Results"]!.AsArray().Should().OnlyContain(r => r!["Status"]!.GetValue<string>() == "Created", pushed.ToJsonString());
        var linnworks = factory.Client();
        var euroToken = await IntegrateWithDefaultCurrency(storeId, key, "EUR");
        var request = new { AuthorizationToken = token, UTCTimeFrom = Since, PageNumber = 1 };
        var euroRequest = new { AuthorizationToken = euroToken, UTCTimeFrom = Since, PageNumber = 1 };

        (await Rows(storeId)).Should().OnlyContain(r => r.Json != null && r.Format != null, "every order is rendered when saved");
        var fromRenderings = await Page(linnworks, request);
        var euroFromRenderings = await Page(linnworks, euroRequest);
        await Execute("UPDATE Orders SET DownloadFormat = 'older' WHERE StoreId = $store", storeId);
        var fromContent = await Page(linnworks, request);
        var euroFromContent = await Page(linnworks, euroRequest);

        fromRenderings.Should().Contain("R-1").And.Contain("Mug").And.Contain("R-3").And.Contain("R-4");
        fromRenderings.Should().Be(fromContent, "a stored rendering is exactly what mapping the order writes");
        euroFromRenderings.Should().Be(euroFromContent, "with another integration's DefaultCurrency too");
        euroFromRenderings.Should().NotBe(fromRenderings);
    }

    [Fact]
    public async Task AnOrderWithoutCurrency_IsRenderedOnce_AndEachIntegrationReadsItsOwnDefaultCurrency()
    {
        var (token, storeId, key) = await factory.Integrate();
        var pushed = await factory.ChannelClient(key).Push(storeId, OrderBuilder.Order("C-1"), WithoutCurrency("C-2"));
        pushed["Results"]!.AsArray().Should().OnlyContain(r => r!["Status"]!.GetValue<string>() == "Created", pushed.ToJsonString());
        var rows = await Rows(storeId);
        rows.Should().OnlyContain(r => r.Json != null);
        rows.Should().ContainSingle(r => r.Json!.Contains("\"Currency\":\"\"", StringComparison.Ordinal), "the rendering leaves the currency to the reader");

        var usd = await IntegrateWithDefaultCurrency(storeId, key, "USD");
        async Task<Dictionary<string, string>> Currencies(string authorization) =>
            (await factory.Client().PostJson("/api/Order/Orders", new { AuthorizationToken = authorization, UTCTimeFrom = Since, PageNumber = 1 })).Body["Orders"]!.AsArray()
                .ToDictionary(o => o!["ReferenceNumber"]!.GetValue<string>(), o => o!["Currency"]!.GetValue<string>());

        (await Currencies(token)).Should().Equal(new Dictionary<string, string> { ["C-1"] = "GBP", ["C-2"] = "GBP" });
        (await Currencies(usd)).Should().Equal(new Dictionary<string, string> { ["C-1"] = "GBP", ["C-2"] = "USD" }, "C-1 carries its own currency");
    }

    [Fact]
    public async Task ARenderingInAnotherFormat_IsNotServed()
    {
        var (token, storeId, key) = await factory.Integrate();
        var pushed = await factory.ChannelClient(key).Push(storeId, OrderBuilder.Order("F-1"), WithoutCurrency("F-2"));
        pushed["Results"]!.AsArray().Should().OnlyContain(r => r!["Status"]!.GetValue<string>() == "Created", pushed.ToJsonString());

        // A rendering left by an older format (or other defaults) must not reach Linnworks.
        await Execute("UPDATE Orders SET DownloadJson = CAST('{\"ReferenceNumber\":\"STALE\"}' AS BLOB), DownloadFormat = 'older' WHERE StoreId = $store", storeId);
        var body = (await factory.Client().PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = Since, PageNumber = 1 })).Body;

        body["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().BeEquivalentTo("F-1", "F-2");
        body["Orders"]!.AsArray().Select(o => o!["Currency"]!.GetValue<string>()).Should().Equal("GBP", "GBP");
    }

    private static object WithoutCurrency(string reference) => new
    {
        ReferenceNumber = reference,
        PaymentStatus = "PAID",
        ReceivedDate = "2026-11-20 09:00:00Z",
        DeliveryAddress = new { FullName = "A Buyer", CountryCode = "GB" },
        OrderItems = new[] { new { OrderLineNumber = "1", SKU = "S-1", ItemTitle = "Mug", Qty = 1, PricePerUnit = 2m } },
    };

    /// <summary>A second integration (another Linnworks account) on the same store, with its own DefaultCurrency.</summary>
    private async Task<string> IntegrateWithDefaultCurrency(string storeId, string storeKey, string currency)
    {
        var client = factory.Client();
        var token = await client.AddNewUser();
        (await client.SaveConfig(token, "ConnectStore", ("StoreId", storeId), ("StoreKey", storeKey))).Body["Error"].Should().BeNull();
        (await client.SaveConfig(token, "OrderSettings", ("DefaultCurrency", currency))).Body["StepName"]!.GetValue<string>().Should().Be("UserConfig");
        return token;
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
