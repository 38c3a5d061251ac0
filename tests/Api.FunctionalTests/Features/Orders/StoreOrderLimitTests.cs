using System.Text.Json.Nodes;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.Features.Orders;

/// <summary>Each store may hold two orders.</summary>
public sealed class TwoOrdersAStoreApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Orders:MaxOrdersPerStore"] = "2" };
}

/// <summary>
/// One store cannot fill the storage every store shares (ADR-039): past its limit its new orders are answered Rejected
/// with the reason, while the orders it holds still update and other stores push as before.
/// </summary>
public class StoreOrderLimitTests(TwoOrdersAStoreApiFactory factory) : IClassFixture<TwoOrdersAStoreApiFactory>
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

    /// <summary>Each result's reference, status and (for a rejected one) whether its reason names the limit.</summary>
    private static List<(string?, string?, string?)> Statuses(JsonObject body) =>
    [
        .. body["Results"]!.AsArray().Select(r => (
            r!["ReferenceNumber"]?.GetValue<string>(),
            r["Status"]?.GetValue<string>(),
            r["Errors"]!.AsArray().Select(e => e!.GetValue<string>()).SingleOrDefault() is { } error && error.Contains("limit of 2 orders", StringComparison.Ordinal) ? "limit of 2 orders" : null)),
    ];
}
