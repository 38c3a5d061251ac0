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

    private static async Task<JsonObject> Products(HttpClient store, string storeId, params object[] products)
    {
        var (response, body) = await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = products });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>Each result's key, status and (for a rejected one) whether its reason names the limit of two of <paramref name="items"/>.</summary>
    private static List<(string?, string?, string?)> Statuses(JsonObject body, string key = "ReferenceNumber", string items = "orders") =>
    [
        .. body["Results"]!.AsArray().Select(r => (
            r![key]?.GetValue<string>(),
            r["Status"]?.GetValue<string>(),
            r["Errors"]!.AsArray().Select(e => e!.GetValue<string>()).SingleOrDefault() is { } error && error.Contains($"limit of 2 {items}", StringComparison.Ordinal) ? $"limit of 2 {items}" : null)),
    ];
}
