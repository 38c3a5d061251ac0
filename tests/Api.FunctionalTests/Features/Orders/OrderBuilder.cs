namespace ChannelBridge.Api.FunctionalTests.Features.Orders;

internal static class OrderBuilder
{
    /// <summary>
    /// An hour before the test run began, taken once: an order built twice is the same order, so a resend is Unchanged
    /// however long the test takes (the clock read per order crossed a second's tick between two pushes).
    /// </summary>
    public static readonly DateTime Received = DateTime.UtcNow.AddHours(-1);

    public static object Order(string reference, string paymentStatus = "PAID", string? title = null, DateTime? received = null) => new
    {
        ReferenceNumber = reference,
        ExternalReference = "PAY-" + reference,
        PaymentStatus = paymentStatus,
        ReceivedDate = (received ?? Received).ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        Currency = "GBP",
        PostalServiceCost = 3.99m,
        DeliveryAddress = new { FullName = "Jane Smith", Address1 = "1 Old Street", Town = "London", PostCode = "EC1V 9HL", CountryCode = "GB" },
        OrderItems = new object[]
        {
            new { OrderLineNumber = "1", SKU = "ABC", ItemTitle = title ?? "Blue mug", Qty = 2, PricePerUnit = 9.99m, Options = new[] { new { Name = "Engraving", Value = "JS" } } },
            new { OrderLineNumber = "2", SKU = "DEF", ItemTitle = "Saucer", Qty = 1, PricePerUnit = 4.50m },
            new { OrderLineNumber = "3", SKU = "GHI", ItemTitle = "Spoon", Qty = 3, PricePerUnit = 1.25m },
        },
        ExtendedProperties = new[] { new { Name = "GiftMessage", Value = "Happy birthday", Type = "Info" } },
        Notes = new[] { new { Note = "Leave with neighbour", NoteEntryDate = "2026-11-01T10:00:00Z", NoteUserName = "", IsInternal = false } },
    };

    /// <summary><see cref="Order"/> with another postage cost: the same order, changed as a platform changes it.</summary>
    public static System.Text.Json.Nodes.JsonObject OrderWithPostage(string reference, decimal cost)
    {
        var order = System.Text.Json.JsonSerializer.SerializeToNode(Order(reference))!.AsObject();
        order["PostalServiceCost"] = cost;
        return order;
    }

    public static async Task<System.Text.Json.Nodes.JsonObject> Push(this HttpClient store, string storeId, params object[] orders)
    {
        var (response, body) = await store.PostJson($"/api/channel/v1/stores/{storeId}/orders", new { Orders = orders });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>An integration whose store holds one order (<paramref name="reference"/>) and one listing (<paramref name="sku"/>): something for each call to act on.</summary>
    public static async Task<(string Token, string StoreId, HttpClient Store)> IntegrateWithAnOrderAndAListing(this ApiFactory factory, string reference, string sku, decimal price)
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order(reference));
        await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = sku, Title = "Mug", Quantity = 1, Price = price } } });
        return (token, storeId, store);
    }
}
