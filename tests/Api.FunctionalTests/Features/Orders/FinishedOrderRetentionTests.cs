using System.Text.Json.Nodes;
using ChannelBridge.Infrastructure.Persistence.Maintenance;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Api.FunctionalTests.Features.Orders;

/// <summary>The service keeps finished orders a week; its clock can be moved on, and the tests run the hourly deletion themselves.</summary>
public sealed class FinishedOrderRetentionFactory : MovableClockApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Orders:FinishedRetentionDays"] = "7" };

    public Task<int> PruneAsync() => Services.GetRequiredService<FinishedOrderPruner>().PruneAsync(CancellationToken.None);
}

/// <summary>
/// A finished order past <c>Orders:FinishedRetentionDays</c> leaves the store: its room under the store's limits comes back,
/// Linnworks is told it is not found, and the platform sending it again stores it anew. Open orders stay.
/// </summary>
public class FinishedOrderRetentionTests(FinishedOrderRetentionFactory factory) : IClassFixture<FinishedOrderRetentionFactory>
{
    private readonly HttpClient _linnworks = factory.Client();

    [Fact]
    public async Task AFinishedOrder_PastTheRetention_IsDeleted_AndItsStoreHasItsRoomBack()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, OrderBuilder.Order("FR-1"), OrderBuilder.Order("FR-2"), OrderBuilder.Order("FR-3"));
        (await Despatch(token, "FR-1"))["Error"].Should().BeNull();
        (await _linnworks.PostJson("/api/Order/Cancel", new { AuthorizationToken = token, Cancellation = new { ReferenceNumber = "FR-2" } })).Body["Error"].Should().BeNull();

        (await factory.PruneAsync()).Should().Be(0, "nothing has been finished for a week yet");
        factory.Clock.MoveOn(TimeSpan.FromDays(8));
        var deleted = await factory.PruneAsync();

        deleted.Should().Be(2, "the despatched and the cancelled order");
        var usage = (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/usage"))!;
        usage["Orders"]!["Held"]!.GetValue<long>().Should().Be(1, "the open order is all the store holds");
        (await store.GetAsync($"/api/channel/v1/stores/{storeId}/orders/FR-1")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        var despatchAgain = (await Despatch(token, "FR-1", tracking: "T2"))["Orders"]![0]!;
        despatchAgain["Error"]!.GetValue<string>().Should().Contain("not found", "a new despatch of an order the store no longer holds is refused");
        (await Despatch(token, "FR-1"))["Orders"]![0]!["Error"].Should().BeNull("the despatch recorded before is still answered as recorded");
        var resent = (await store.Push(storeId, OrderBuilder.Order("FR-1")))["Results"]![0]!;
        resent["Status"]!.GetValue<string>().Should().Be("Created", "the platform's order is stored anew");
    }

    private async Task<JsonObject> Despatch(string token, string reference, string tracking = "T1") =>
        (await _linnworks.PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = reference, ShippingVendor = "RM", TrackingNumber = tracking } } })).Body;
}
