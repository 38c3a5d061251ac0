using ChannelBridge.Api.FunctionalTests.Features.Orders;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Contract;

/// <summary>Despatch answers every ReferenceNumber, InventoryUpdate and PriceUpdate every SKU, whatever fails.</summary>
public class EveryItemAnsweredTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _linnworks = factory.Client();

    [Theory]
    [InlineData("/api/Product/InventoryUpdate")]
    [InlineData("/api/Product/PriceUpdate")]
    public async Task UpdateBatches_WithABadToken_AnswerEverySku(string path)
    {
        var body = (await _linnworks.PostJson(path, new { AuthorizationToken = "wrong", Products = new object?[] { new { SKU = "A" }, null, new { SKU = "B" } } })).Body;

        body["Products"]!.AsArray().Select(p => (p!["SKU"]!.GetValue<string>(), p["Error"]!.GetValue<string>()))
            .Should().Equal(("A", "Invalid authorization token"), ("", "Invalid authorization token"), ("B", "Invalid authorization token"));
    }

    [Fact]
    public async Task Despatch_OverTheBatchSize_AnswersEveryReferenceWithTheReason()
    {
        var (token, _, _) = await factory.Integrate();
        var orders = Enumerable.Range(1, 501).Select(i => new { ReferenceNumber = $"R{i}" }).ToArray();

        var answered = (await _linnworks.PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = orders })).Body["Orders"]!.AsArray();

        answered.Should().HaveCount(501);
        answered.Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().Equal(orders.Select(o => o.ReferenceNumber));
        answered.Should().OnlyContain(o => o!["Error"]!.GetValue<string>().Contains("At most 500"));
    }

    [Fact]
    public async Task Despatch_NullAndUnreadableItems_AreAnsweredOneByOne_AndTheRestIsRecorded()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, OrderBuilder.Order("GOOD-1"));

        var answered = (await _linnworks.PostRaw("/api/Order/Despatch", $$"""
            {"AuthorizationToken":"{{token}}","Orders":[
              null,
              {"ReferenceNumber":"GOOD-1","Items":[null]},
              {"ReferenceNumber":"GOOD-1","Items":[{"SKU":"ABC","OrderLineNumber":"1","DespatchedQuantity":"lots"}]},
              {"ReferenceNumber":"GOOD-1","TrackingNumber":"T1","Items":[{"SKU":"ABC","OrderLineNumber":"1","DespatchedQuantity":"2"}]}]}
            """)).Body["Orders"]!.AsArray();

        answered.Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().Equal("", "GOOD-1", "GOOD-1", "GOOD-1");
        answered[0]!["Error"]!.GetValue<string>().Should().Be("ReferenceNumber is required.");
        answered[1]!["Error"]!.GetValue<string>().Should().Contain("Items[0] is null");
        answered[2]!["Error"]!.GetValue<string>().Should().Contain("DespatchedQuantity");
        answered[3]!["Error"].Should().BeNull();
        answered.Should().OnlyContain(o => o!["Retry"]!.GetValue<bool>() == false);
    }

    [Fact]
    public async Task InventoryUpdate_NullMistypedAndOversizedItems_AreAnsweredOneByOne()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = "S1", Title = "Mug", Quantity = 1, Price = 1m } } });

        var answered = (await _linnworks.PostRaw("/api/Product/InventoryUpdate", $$"""
            {"AuthorizationToken":"{{token}}","Products":[
              {"SKU":"S1","Quantity":"many"}, null, {"SKU":"S1","Quantity":1,"MultiLocationLevels":[null]},
              {"SKU":"{{new string('x', 5000)}}","Quantity":1}, {"SKU":"S1","Quantity":7}]}
            """)).Body["Products"]!.AsArray();

        answered.Should().HaveCount(5);
        answered[0]!["Error"]!.GetValue<string>().Should().Contain("could not be read");
        answered[1]!["Error"]!.GetValue<string>().Should().Be("SKU is required.");
        answered[2]!["Error"]!.GetValue<string>().Should().Contain("MultiLocationLevels[0] is null");
        answered[3]!["Error"]!.GetValue<string>().Should().Be("SKU does not exist");
        answered[4]!["Error"].Should().BeNull();
    }

    [Fact]
    public async Task ChannelApi_RefusesNullListItems_AndBadBodies_AsProblemDetails()
    {
        var (_, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);

        var nullLine = await store.PostAsync($"/api/channel/v1/stores/{storeId}/orders",
            new StringContent("""{"Orders":[{"ReferenceNumber":"N-1","OrderItems":[{"OrderLineNumber":"1","SKU":"A","Qty":1},null]}]}""", System.Text.Encoding.UTF8, "application/json"));
        var malformed = await store.PostAsync($"/api/channel/v1/stores/{storeId}/orders", new StringContent("{\"Orders\":[", System.Text.Encoding.UTF8, "application/json"));
        var wrongType = await store.PostAsync($"/api/channel/v1/stores/{storeId}/orders", new StringContent("<Orders/>", System.Text.Encoding.UTF8, "application/xml"));
        var ackUnknown = await factory.ChannelClient(ApiFactory.OperatorKey).PostAsJsonAsync("/api/channel/v1/stores/nope/updates/ack", new { Cursor = 1 });

        foreach (var (response, status) in new[] { (nullLine, 400), (malformed, 400), (wrongType, 415), (ackUnknown, 404) })
        {
            ((int)response.StatusCode).Should().Be(status, await response.Content.ReadAsStringAsync());
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        (await nullLine.Content.ReadAsStringAsync()).Should().Contain("OrderItems[1] is null");
    }

    [Fact]
    public async Task ChannelApi_RefusesANullValueWhereTheTypeHasNone_NamingIt_AndStoresNothing()
    {
        var (_, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        var tagsBefore = (await ApiClientExtensions.ReadObject(await store.GetAsync($"/api/channel/v1/stores/{storeId}")))["ShippingTags"]!.ToJsonString();

        var nullTag = await store.PutAsync($"/api/channel/v1/stores/{storeId}/shipping-tags",
            new StringContent("""{"ShippingTags":[{"Tag":"dpd","FriendlyName":"DPD","Site":""},{"Tag":null,"FriendlyName":"DPD","Site":""}]}""", System.Text.Encoding.UTF8, "application/json"));

        var text = await nullTag.Content.ReadAsStringAsync();
        ((int)nullTag.StatusCode).Should().Be(400, text);
        nullTag.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        text.Should().Contain("ShippingTags[1].Tag is null");
        (await ApiClientExtensions.ReadObject(await store.GetAsync($"/api/channel/v1/stores/{storeId}")))["ShippingTags"]!.ToJsonString().Should().Be(tagsBefore);
    }

    [Fact]
    public async Task ChannelOrders_ANullList_ReadsAsEmpty_SoOnlyThatOrderIsRejected()
    {
        var (token, storeId, key) = await factory.Integrate();
        var good = System.Text.Json.JsonSerializer.Serialize(OrderBuilder.Order("NL-GOOD"));
        var withNullNotes = System.Text.Json.JsonSerializer.SerializeToNode(OrderBuilder.Order("NL-NOTES"))!;
        withNullNotes["Notes"] = null;
        var withNullLists = withNullNotes.ToJsonString();

        var results = (await factory.ChannelClient(key).PostRaw($"/api/channel/v1/stores/{storeId}/orders",
            $$"""{"Orders":[{{good}},{{withNullLists}},{"ReferenceNumber":"NL-1","PaymentStatus":"PAID","OrderItems":null}]}""")).Body["Results"]!.AsArray();

        results.Select(r => (r!["ReferenceNumber"]!.GetValue<string>(), r["Status"]!.GetValue<string>())).Should().Equal(("NL-GOOD", "Created"), ("NL-NOTES", "Created"), ("NL-1", "Rejected"));
        results[2]!["Errors"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Contain("The order has no OrderItems.");
        var page = (await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2000-01-01T00:00:00Z", PageNumber = 1 })).Body;
        page["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().BeEquivalentTo("NL-GOOD", "NL-NOTES");
        page["Orders"]!.AsArray().Single(o => o!["ReferenceNumber"]!.GetValue<string>() == "NL-NOTES")!["Notes"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task LinnworksPostSale_ANullItemsList_ReadsAsEmpty_AsLinnworksDotNetClientSendsIt()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, OrderBuilder.Order("NI-1"), OrderBuilder.Order("NI-2"));

        // A despatch described by its packages only, and a whole-order cancellation: Items is null in both.
        var despatched = (await _linnworks.PostRaw("/api/Order/Despatch", $$"""
            {"AuthorizationToken":"{{token}}","Orders":[{"ReferenceNumber":"NI-1","TrackingNumber":"T1","Items":null,"SecondaryTrackingNumbers":null,
              "Packages":[{"TrackingNumber":"T1","Items":[{"SKU":"ABC","OrderLineNumber":"1","DespatchedQuantity":2}]}]}]}
            """)).Body["Orders"]!.AsArray();
        var cancelled = (await _linnworks.PostRaw("/api/Order/Cancel", $$$"""
            {"AuthorizationToken":"{{{token}}}","Cancellation":{"ReferenceNumber":"NI-2","Items":null}}
            """)).Body;

        despatched.Should().ContainSingle();
        despatched[0]!["Error"].Should().BeNull();
        cancelled.ToJsonString().Should().Be("""{"Error":null}""");
    }

    [Fact]
    public async Task ChannelOrders_WithOversizedText_AreRejectedOneByOne_WithTheField()
    {
        var (_, storeId, key) = await factory.Integrate();
        var huge = new string('x', 5000);
        var withHugeNote = new
        {
            ReferenceNumber = "BIG-1",
            PaymentStatus = "PAID",
            ReceivedDate = "2026-11-20 09:00:00Z",
            DeliveryAddress = new { FullName = huge, CountryCode = "GB" },
            OrderItems = new[] { new { OrderLineNumber = "1", SKU = "A", Qty = 1 } },
        };

        var results = (await factory.ChannelClient(key).Push(storeId, withHugeNote, OrderBuilder.Order("SMALL-1")))["Results"]!.AsArray();

        results[0]!["Status"]!.GetValue<string>().Should().Be("Rejected");
        results[0]!["Errors"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Contain("DeliveryAddress.FullName is longer than 255 characters (5000).");
        results[1]!["Status"]!.GetValue<string>().Should().Be("Created");
    }
}
