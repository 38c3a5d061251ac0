using System.Text.Json.Nodes;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.Features.Stores;

/// <summary>Each store may hold two orders and two listings.</summary>
public sealed class SmallStoreLimitsApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Orders:MaxOrdersPerStore"] = "2",
        ["Listings:MaxListingsPerStore"] = "2",
    };
}

/// <summary>
/// One store cannot fill the storage every store shares (ADR-039): past its limit its new orders and listings are
/// answered Rejected with the reason, while those it holds still update and other stores push as before.
/// </summary>
public class StoreLimitTests(SmallStoreLimitsApiFactory factory) : IClassFixture<SmallStoreLimitsApiFactory>
{
    [Fact]
    public async Task AStoreAtItsLimit_IsRefusedNewOrders_StillUpdatesThoseItHolds_AndOtherStoresAreNotTouched()
    {
        var (_, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);

        var first = Statuses(await store.Push(storeId, Order("SL-1"), Order("SL-2"), Order("SL-3")));

        first.Should().Equal(("SL-1", "Created", null), ("SL-2", "Created", null), ("SL-3", "Rejected", "limit of 2 orders"));
        Statuses(await store.Push(storeId, Order("SL-1", title: "Red mug"), Order("SL-4"), Order("SL-2")))
            .Should().Equal(("SL-1", "Updated", null), ("SL-4", "Rejected", "limit of 2 orders"), ("SL-2", "Unchanged", null));

        var (_, otherId, otherKey) = await factory.Integrate();
        Statuses(await factory.ChannelClient(otherKey).Push(otherId, Order("SL-1"), Order("SL-5")))
            .Should().Equal(("SL-1", "Created", null), ("SL-5", "Created", null));
    }

    [Fact]
    public async Task AStoreAtItsLimit_IsRefusedNewSkus_StillUpdatesThoseItHolds_AndHasRoomAgainOnceOneIsDeleted()
    {
        var (_, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        static object Product(string sku, int quantity = 1) => new { SKU = sku, Title = "Mug", Quantity = quantity, Price = 9.99m };

        Statuses(await Products(store, storeId, Product("PL-1"), Product("PL-2"), Product("PL-3")), "SKU", "listings")
            .Should().Equal(("PL-1", "Created", null), ("PL-2", "Created", null), ("PL-3", "Rejected", "limit of 2 listings"));
        Statuses(await Products(store, storeId, Product("PL-1", quantity: 5), Product("PL-3")), "SKU", "listings")
            .Should().Equal(("PL-1", "Updated", null), ("PL-3", "Rejected", "limit of 2 listings"));

        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/products/PL-2")).IsSuccessStatusCode.Should().BeTrue();
        Statuses(await Products(store, storeId, Product("PL-3")), "SKU", "listings").Should().Equal(("PL-3", "Created", null));
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/products/delete", new { SKUs = new[] { "PL-1", "PL-3" } })).Response.IsSuccessStatusCode.Should().BeTrue();
        Statuses(await Products(store, storeId, Product("PL-4"), Product("PL-5"), Product("PL-6")), "SKU", "listings")
            .Should().Equal(("PL-4", "Created", null), ("PL-5", "Created", null), ("PL-6", "Rejected", "limit of 2 listings"));
    }

    [Fact]
    public async Task AStoreWhoseOrdersHoldTheirCharacters_IsRefusedNewAndLargerOrders_ButNotChangesThatDoNotGrow()
    {
        // One order's size measured as stored, then a service whose limit is three of them and 100 characters more (and
        // no limit of orders).
        var (_, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("SC-1"));
        var one = HeldChars(storeId);
        using var limited = factory.WithWebHostBuilder(b => b
            .UseSetting("Orders:MaxOrdersPerStore", "0")
            .UseSetting("Orders:MaxOrderCharsPerStore", (3 * one + 100).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var store = limited.CreateClient();
        store.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var (grown, grownMore) = ("Blue mug" + new string('x', 50), "Blue mug" + new string('x', 80));

        Statuses(await store.Push(storeId, Order("SC-2"), Order("SC-3"), Order("SC-4")), items: "characters").Should().Equal(
            ("SC-2", "Created", null), ("SC-3", "Created", null), ("SC-4", "Rejected", "MaxOrderCharsPerStore"));
        Statuses(await store.Push(storeId, Order("SC-1", title: grown), Order("SC-2", title: grownMore)), items: "characters").Should().Equal(
            ("SC-1", "Updated", null), ("SC-2", "Rejected", "MaxOrderCharsPerStore"));
        Statuses(await store.Push(storeId, Order("SC-1", paymentStatus: "UNPAID", title: "Mug"), Order("SC-2", title: grownMore)), items: "characters").Should().Equal(
            ("SC-1", "Updated", null), ("SC-2", "Updated", null));

        HeldChars(storeId).Should().Be(StoredChars(storeId)).And.BeLessThanOrEqualTo(3 * one + 100);
        var (_, otherId, otherKey) = await factory.Integrate();
        store.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", otherKey);
        Statuses(await store.Push(otherId, Order("SC-4"))).Should().Equal(("SC-4", "Created", null));
    }

    [Fact]
    public async Task AStoreWhoseFeedHoldsItsCharacters_IsRefusedNewReports_RecordsNothingOfThem_AndStillAnswersThoseRecorded()
    {
        // Before the limit one integration's token added 149 MB of stock levels in 20 seconds. Here the feed may hold one
        // character: the first report fills it.
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await Products(store, storeId, new { SKU = "FL-1", Title = "Mug", Quantity = 1, Price = 9.99m });
        await store.Push(storeId, Order("FL-O1"), Order("FL-O2"));
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("Updates:MaxFeedCharsPerStore", "1"));
        var linnworks = limited.CreateClient();
        static object Despatch(string token, params string[] references) =>
            new { AuthorizationToken = token, Orders = references.Select(r => new { ReferenceNumber = r, TrackingNumber = "T-" + r }) };
        static object Stock(string token, int quantity) =>
            new { AuthorizationToken = token, Products = new[] { new { SKU = "FL-1", Quantity = quantity }, new { SKU = "FL-NONE", Quantity = 1 } } };

        FeedErrors((await linnworks.PostJson("/api/Order/Despatch", Despatch(token, "FL-O1"))).Body, "Orders").Should().Equal([null], "the feed held nothing");
        var stock = (await linnworks.PostJson("/api/Product/InventoryUpdate", Stock(token, 5))).Body;
        var together = (await linnworks.PostJson("/api/Order/Despatch", Despatch(token, "FL-O1", "FL-O2"))).Body;
        var alone = (await linnworks.PostJson("/api/Order/Despatch", Despatch(token, "FL-O2"))).Body;
        var refund = (await linnworks.PostJson("/api/Order/Refund", new { AuthorizationToken = token, Refund = new { ReferenceNumber = "FL-O2", Items = new[] { new { SKU = "A", OrderLineNumber = "1" } } } })).Body;

        FeedErrors(stock, "Products").Should().Equal("Updates:MaxFeedCharsPerStore", "SKU does not exist");
        FeedErrors(together, "Orders").Should().Equal([null, "Updates:MaxFeedCharsPerStore"], "a despatch recorded before is answered as recorded");
        FeedErrors(alone, "Orders").Should().Equal("Updates:MaxFeedCharsPerStore");
        refund["Error"]!.GetValue<string>().Should().Contain("Updates:MaxFeedCharsPerStore");
        (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray()
            .Select(u => u!["Type"]!.GetValue<string>()).Should().Equal("Despatch");
        (await linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body["Products"]![0]!["Quantity"]!.GetValue<int>()
            .Should().Be(1, "a refused stock level changes nothing");
        Scalar("SELECT FeedChars FROM Stores WHERE Id = $store", storeId).Should().Be(Scalar("SELECT SUM(LENGTH(Payload) + LENGTH(DedupKey)) FROM StoreUpdates WHERE StoreId = $store", storeId));

        var (otherToken, otherId, otherKey) = await factory.Integrate();
        await Products(factory.ChannelClient(otherKey), otherId, new { SKU = "FL-1", Title = "Mug", Quantity = 1, Price = 9.99m });
        FeedErrors((await linnworks.PostJson("/api/Product/InventoryUpdate", Stock(otherToken, 5))).Body, "Products").Should().Equal([null, "SKU does not exist"], "another store's feed is its own");
    }

    [Fact]
    public async Task AStoreAtItsLimitOfLinkedIntegrations_IsRefusedOneMore_UntilLinnworksDeletesOne()
    {
        // A store's owner holds its StoreKey, and AddNewUser takes no credentials: without the limit it could link
        // integrations without end. Here a store may have two.
        var (first, storeId, key) = await factory.Integrate();
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("Integrations:MaxLinkedPerStore", "2"));
        var linnworks = limited.CreateClient();
        async Task<string?> Link(string token) =>
            (await linnworks.SaveConfig(token, "ConnectStore", ("StoreId", storeId), ("StoreKey", key))).Body["Error"]?.GetValue<string>();
        var (second, third) = (await linnworks.AddNewUser(), await linnworks.AddNewUser());

        (await Link(second)).Should().BeNull();
        (await Link(third)).Should().Contain("limit of 2 Linnworks integrations linked (Integrations:MaxLinkedPerStore)");
        (await linnworks.PostJson("/api/Config/UserConfig", new { AuthorizationToken = third })).Body["StepName"]!.GetValue<string>()
            .Should().Be("ConnectStore", "the refused link changed nothing");
        (await linnworks.SaveConfig(second, "OrderSettings")).Body["Error"].Should().BeNull("a linked integration goes on through the wizard");

        (await linnworks.PostJson("/api/Config/ConfigDeleted", new { AuthorizationToken = first })).Body["Error"].Should().BeNull();
        (await Link(third)).Should().BeNull("the integration Linnworks deleted makes room");
        var (_, otherId, otherKey) = await factory.Integrate();
        (await linnworks.SaveConfig(await linnworks.AddNewUser(), "ConnectStore", ("StoreId", otherId), ("StoreKey", otherKey))).Body["Error"].Should().BeNull("another store has its own");
    }

    [Fact]
    public async Task AStoresUsage_ShowsWhatItHoldsAgainstEachLimit_ToItsOwnKeyAndTheOperator_NotToAnotherStore()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("SU-1"));
        await Products(store, storeId, new { SKU = "SU-1", Title = "Mug", Quantity = 1, Price = 9.99m });
        (await factory.Client().PostJson("/api/Product/InventoryUpdate", new { AuthorizationToken = token, Products = new[] { new { SKU = "SU-1", Quantity = 4 } } }))
            .Body["Products"]![0]!["Error"].Should().BeNull();
        static (long, long) Of(JsonObject usage, string name) => (usage[name]!["Held"]!.GetValue<long>(), usage[name]!["Limit"]!.GetValue<long>());

        var usage = (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/usage"))!;

        Of(usage, "Orders").Should().Be((1L, 2L));
        Of(usage, "OrderChars").Should().Be((HeldChars(storeId), 30_000_000_000L));
        Of(usage, "Listings").Should().Be((1L, 2L));
        Of(usage, "ListingJobChars").Should().Be((0L, 20_000_000_000L));
        Of(usage, "FeedChars").Should().Be((Scalar("SELECT SUM(LENGTH(Payload) + LENGTH(DedupKey)) FROM StoreUpdates WHERE StoreId = $store", storeId), 10_000_000_000L));
        Of(usage, "FeedChars").Item1.Should().BePositive("the stock level is on the feed");
        Of(usage, "LinkedIntegrations").Should().Be((1L, 25L));
        (await factory.ChannelClient(ApiFactory.OperatorKey).GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/usage"))!.ToJsonString().Should().Be(usage.ToJsonString());
        var (_, _, otherKey) = await factory.Integrate();
        (await factory.ChannelClient(otherKey).GetAsync($"/api/channel/v1/stores/{storeId}/usage")).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
        (await factory.ChannelClient(ApiFactory.OperatorKey).GetAsync("/api/channel/v1/stores/no-such-store/usage")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    /// <summary>Each item's Error, or for one refused by the feed's limit the setting it names.</summary>
    private static List<string?> FeedErrors(JsonObject body, string items) =>
    [
        .. body[items]!.AsArray().Select(i => i!["Error"]?.GetValue<string>() is { } error && error.Contains("Updates:MaxFeedCharsPerStore", StringComparison.Ordinal)
            ? "Updates:MaxFeedCharsPerStore" : i["Error"]?.GetValue<string>()),
    ];

    private long HeldChars(string storeId) => Scalar("SELECT OrderChars FROM Stores WHERE Id = $store", storeId);

    private long StoredChars(string storeId) => Scalar("SELECT SUM(ContentChars) FROM Orders WHERE StoreId = $store", storeId);

    private long Scalar(string sql, string storeId)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$store", storeId);
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<JsonObject> Products(HttpClient store, string storeId, params object[] products)
    {
        var (response, body) = await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = products });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>
    /// Each result's key, status and (for a rejected one) whether its reason names the limit of two of <paramref name="items"/>,
    /// or, for <c>characters</c>, the setting of the characters' limit.
    /// </summary>
    private static List<(string?, string?, string?)> Statuses(JsonObject body, string key = "ReferenceNumber", string items = "orders")
    {
        var named = items == "characters" ? "MaxOrderCharsPerStore" : $"limit of 2 {items}";
        return
        [
            .. body["Results"]!.AsArray().Select(r => (
                r![key]?.GetValue<string>(),
                r["Status"]?.GetValue<string>(),
                r["Errors"]!.AsArray().Select(e => e!.GetValue<string>()).SingleOrDefault() is { } error && error.Contains(named, StringComparison.Ordinal) ? named : null)),
        ];
    }
}
