using ChannelBridge.Api.FunctionalTests.Orders;

namespace ChannelBridge.Api.FunctionalTests.Contract;

/// <summary>One meaning for keys, money and dates on both databases (what SQL Server would otherwise differ on).</summary>
public class SqlParityTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Skus_AreCaseSensitive_AndSurroundingSpacesAreTrimmed()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);

        var results = (await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new
        {
            Products = new[] { new { SKU = "abc", Title = "Lower", Quantity = 1, Price = 1m } },
        })).Body["Results"]!.AsArray();
        var again = (await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new
        {
            Products = new[] { new { SKU = "ABC", Title = "Upper", Quantity = 1, Price = 1m }, new { SKU = " abc  ", Title = "Lower", Quantity = 1, Price = 1m } },
        })).Body["Results"]!.AsArray();

        results[0]!["Status"]!.GetValue<string>().Should().Be("Created");
        again.Select(r => (r!["SKU"]!.GetValue<string>(), r["Status"]!.GetValue<string>())).Should().Equal(("ABC", "Created"), ("abc", "Unchanged"));
        var products = (await factory.Client().PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body["Products"]!.AsArray();
        products.Select(p => p!["SKU"]!.GetValue<string>()).Should().BeEquivalentTo("abc", "ABC");
    }

    [Fact]
    public async Task ReferenceNumbers_WithSurroundingSpaces_AreTheSameOrder()
    {
        var (_, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, OrderBuilder.Order("R-1"));

        var results = (await store.Push(storeId, OrderBuilder.Order("R-1 ")))["Results"]!.AsArray();

        results[0]!["ReferenceNumber"]!.GetValue<string>().Should().Be("R-1");
        results[0]!["Status"]!.GetValue<string>().Should().Be("Updated", "the same order (its ExternalReference changed), not a second one");
    }

    [Fact]
    public async Task Money_HasFourDecimalPlaces_RefusedFromTheChannel_RoundedFromLinnworks()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);

        var refused = (await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = "M1", Title = "Mug", Quantity = 1, Price = 9.12345m } } })).Body;
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = "M1", Title = "Mug", Quantity = 1, Price = 9.1234m } } })).Body["Results"]![0]!["Status"]!
            .GetValue<string>().Should().Be("Created");
        var resent = (await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = "M1", Title = "Mug", Quantity = 1, Price = 9.1234m } } })).Body;
        var linnworks = factory.Client();
        var update = new { AuthorizationToken = token, Products = new[] { new { SKU = "M1", Price = 10.99995m } } };
        (await linnworks.PostJson("/api/Product/PriceUpdate", update)).Body["Products"]![0]!["Error"].Should().BeNull();
        (await linnworks.PostJson("/api/Product/PriceUpdate", update)).Body["Products"]![0]!["Error"].Should().BeNull();

        refused["Results"]![0]!["Errors"]![0]!.GetValue<string>().Should().Be("Price 9.12345 has more than 4 decimal places.");
        resent["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Unchanged", "the same price is the same on both databases");
        var products = (await linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body["Products"]!.AsArray();
        products.Single()!["Price"]!.GetValue<decimal>().Should().Be(11.0000m);
        (await store.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray().Should().ContainSingle("the retried update adds nothing");
    }

    [Fact]
    public async Task DatesBeforeTheFloor_AreRefusedPerOrder_AndUTCTimeFromIsClamped()
    {
        var (token, storeId, key) = await factory.Integrate();
        var yearOne = new
        {
            ReferenceNumber = "Y1",
            PaymentStatus = "PAID",
            ReceivedDate = "0001-01-01 00:00:00Z",
            PaidOn = "0001-01-01T00:00:00Z",
            DeliveryAddress = new { FullName = "Jane", CountryCode = "GB" },
            OrderItems = new[] { new { OrderLineNumber = "1", SKU = "A", Qty = 1 } },
        };

        var results = (await factory.ChannelClient(key).Push(storeId, yearOne, OrderBuilder.Order("OK-1")))["Results"]!.AsArray();
        var page = (await factory.Client().PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "0001-01-01 00:00:00Z", PageNumber = 1 })).Body;

        results[0]!["Status"]!.GetValue<string>().Should().Be("Rejected");
        results[0]!["Errors"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Contain("ReceivedDate 0001-01-01 is before 2000-01-01; send the real date or leave it out.")
            .And.Contain("PaidOn 0001-01-01 is before 2000-01-01; send the real date or leave it out.");
        page["Error"].Should().BeNull();
        page["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().Equal("OK-1");
    }
}
