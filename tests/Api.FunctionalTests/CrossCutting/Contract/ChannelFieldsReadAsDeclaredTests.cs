using System.Net;
using ChannelBridge.Api.Json;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Listings;
using ChannelBridge.Application.Orders;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Contract;

/// <summary>
/// The Channel API refuses a field its body does not have, saying where (a misspelt price or quantity would otherwise be
/// stored as 0, unseen); Linnworks' bodies read past fields they do not have, as Linnworks sends more than this service reads.
/// </summary>
public class ChannelFieldsReadAsDeclaredTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public void TheChannelApisBodies_AndEverythingTheyHold_RefuseUnknownFields_ButNoLinnworksBody()
    {
        var refusing = ChannelFieldsReadAsDeclared.Find();

        refusing.Should().Contain([typeof(OrderDto), typeof(OrderItemDto), typeof(AddressDto), typeof(OrderItemOptionDto), typeof(ProductDto)]);
        refusing.Should().NotContain(t => typeof(IRequireAuthToken).IsAssignableFrom(t) || typeof(ILinnworksItem).IsAssignableFrom(t));
    }

    [Fact]
    public async Task AMisspeltField_RefusesTheBatch_NamingWhereItWas_AndStoresNothing()
    {
        var (storeId, key) = await factory.CreateStore();
        var store = factory.ChannelClient(key);
        var order = System.Text.Json.JsonSerializer.SerializeToNode(Order("MISSPELT-1"))!.AsObject();
        var line = order["OrderItems"]![0]!.AsObject();
        line.Remove("PricePerUnit");
        line["UnitPrice"] = 9.99m;

        var (response, body) = await store.PostJson($"/api/channel/v1/stores/{storeId}/orders", new { Orders = new[] { Order("MISSPELT-0"), order } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        // Named as sent: this client writes the body's own names in camelCase, the order's as built.
        body["errors"]!["orders[1].OrderItems[0].UnitPrice"]![0]!.GetValue<string>().Should().StartWith("orders[1].OrderItems[0].UnitPrice is not a field of this request");
        var (_, again) = await store.PostJson($"/api/channel/v1/stores/{storeId}/orders", new { Orders = new[] { Order("MISSPELT-0") } });
        again["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Created", "the refused batch stored nothing");

        var (products, answer) = await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = "M-1", Title = "Mug", Quantity = 3, Prise = 9.99m } } });
        products.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        answer["errors"]!.AsObject().Select(e => e.Key).Should().Equal("products[0].prise");
    }

    [Fact]
    public async Task CamelCaseFields_AreStillFields()
    {
        var (storeId, key) = await factory.CreateStore();

        var (response, body) = await factory.ChannelClient(key).PostJson($"/api/channel/v1/stores/{storeId}/products", new { products = new[] { new { sku = "C-1", title = "Mug", quantity = 3, price = 9.99m } } });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Created");
    }

    [Fact]
    public async Task ALinnworksBody_ReadsPastFieldsItDoesNotHave()
    {
        var (token, _, _) = await factory.Integrate();

        var (_, body) = await factory.Client().PostJson("/api/Order/Despatch", new
        {
            AuthorizationToken = token,
            SomethingNew = 1,
            Orders = new[] { new { ReferenceNumber = "NOPE", TrackingNumber = "T", FieldLinnworksAddedLater = "x" } },
        });

        body["Error"].Should().BeNull();
        body["Orders"]![0]!["ReferenceNumber"]!.GetValue<string>().Should().Be("NOPE");
    }
}
