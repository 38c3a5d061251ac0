using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.Features.Orders;

/// <summary>
/// A platform changes an order's payment status without sending the whole order again: an order paid later, or
/// cancelled before it shipped. Linnworks downloads the changed order again; the rest of it is as stored.
/// </summary>
public class OrderStatusEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _linnworks = factory.Client();

    [Fact]
    public async Task StatusChanges_AreAnsweredPerOrder_AndLinnworksDownloadsTheChangedOrdersAgain()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("ST-1", paymentStatus: "UNPAID"), Order("ST-2"), Order("ST-3"));
        var before = DateTime.UtcNow.AddSeconds(-1).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var paidOn = Received.AddMinutes(30);

        var body = await Statuses(store, storeId,
            new { ReferenceNumber = "ST-1", PaymentStatus = "paid", PaidOn = paidOn },
            new { ReferenceNumber = " ST-2 ", PaymentStatus = "2" },
            new { ReferenceNumber = "ST-3", PaymentStatus = "PAID" },
            new { ReferenceNumber = "NOPE", PaymentStatus = "PAID" },
            new { ReferenceNumber = "ST-3", PaymentStatus = "MAYBE" },
            new { ReferenceNumber = "ST-4", PaymentStatus = "" });

        body["Results"]!.AsArray().Select(r => (r!["ReferenceNumber"]!.GetValue<string>(), r["Status"]!.GetValue<string>(), string.Join(" ", r["Errors"]!.AsArray().Select(e => e!.GetValue<string>()))))
            .Should().Equal(
                ("ST-1", "Updated", ""),
                (" ST-2 ", "Updated", ""),
                ("ST-3", "Unchanged", ""),
                ("NOPE", "Rejected", "Order NOPE was not found."),
                ("ST-3", "Rejected", "ReferenceNumber 'ST-3' appears more than once in this batch."),
                ("ST-4", "Rejected", "PaymentStatus is required: PAID, UNPAID or CANCELLED."));
        var again = await new OrdersEndpointsTests(factory).AllOrders(token, before);
        again.Select(o => (o["ReferenceNumber"]!.GetValue<string>(), o["PaymentStatus"]!.GetValue<string>())).Should().Contain(new[] { ("ST-1", "PAID"), ("ST-2", "CANCELLED") });
        var st1 = again.Single(o => o["ReferenceNumber"]!.GetValue<string>() == "ST-1");
        st1["PaidOn"]!.GetValue<string>().Should().Be(paidOn.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        st1["OrderItems"]!.AsArray().Should().HaveCount(3, "the rest of the order is as stored");
        st1["Notes"]![0]!["Note"]!.GetValue<string>().Should().Be("Leave with neighbour");

        (await Statuses(store, storeId, new { ReferenceNumber = "ST-1", PaymentStatus = "PAID" }))["Results"]![0]!["Status"]!.GetValue<string>()
            .Should().Be("Unchanged", "the same status again changes nothing, and PaidOn left out is kept");
        (await Statuses(store, storeId, new { ReferenceNumber = "ST-1", PaymentStatus = "PAID", PaidOn = "0001-01-01T00:00:00" }))["Results"]![0]!["Status"]!.GetValue<string>()
            .Should().Be("Unchanged", "an unset PaidOn (a C# default) is read as left out, as everywhere");
        (await Statuses(store, storeId, new { ReferenceNumber = "ST-3", PaymentStatus = "PAID", PaidOn = "9999-12-31T23:59:59Z" }))["Results"]![0]!["Errors"]![0]!
            .GetValue<string>().Should().Be("PaidOn 9999-12-31 is after 2099-12-31; send the real date or leave it out.");
    }

    [Fact]
    public async Task AnotherStoresKey_IsForbidden_AndAMissingListIs400()
    {
        var (storeId, _) = await factory.CreateStore();
        var (_, otherKey) = await factory.CreateStore();

        (await factory.ChannelClient(otherKey).PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/orders/status", new { Orders = new[] { new { ReferenceNumber = "X", PaymentStatus = "PAID" } } }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.ChannelClient(ApiFactory.OperatorKey).PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/orders/status", new { }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static async Task<JsonObject> Statuses(HttpClient store, string storeId, params object[] orders)
    {
        var (response, body) = await store.PostJson($"/api/channel/v1/stores/{storeId}/orders/status", new { Orders = orders });
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }
}
