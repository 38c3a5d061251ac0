using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChannelBridge.Application.Common.Linnworks;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.Features.Orders;

public class OrdersEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string Since = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    private readonly HttpClient _linnworks = factory.Client();

    [Fact]
    public async Task Upsert_AnswersOneResultPerOrderInOrder_AndStoresTheValidOnes()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("A-1"), Order("A-2"));

        var body = await store.Push(storeId,
            Order("A-1"),
            Order("A-2", title: "Red mug"),
            new { ReferenceNumber = "A-3", PaymentStatus = "MAYBE", OrderItems = new[] { new { OrderLineNumber = "1", SKU = "", Qty = 0 } } },
            Order("A-4"));

        body["Results"]!.AsArray().Select(r => (r!["ReferenceNumber"]!.GetValue<string>(), r["Status"]!.GetValue<string>()))
            .Should().Equal(("A-1", "Unchanged"), ("A-2", "Updated"), ("A-3", "Rejected"), ("A-4", "Created"));
        body["Results"]![2]!["Errors"]!.AsArray().Select(e => e!.GetValue<string>())
            .Should().Contain("Line 1 has an empty SKU.").And.Contain("The order has no address: send a DeliveryAddress or a BillingAddress.");
        var orders = await AllOrders(token, Since);
        orders.Select(o => o["ReferenceNumber"]!.GetValue<string>()).Should().BeEquivalentTo("A-1", "A-2", "A-4");
    }

    [Fact]
    public async Task Upsert_FromACSharpPlatformWhoseQuantitiesAreDecimals_ReadsTheWholeOnes_AndRefusesAFraction()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        // Serialized as a C# platform serializes its own model, whose quantity is a decimal: Newtonsoft writes 2m as 2.0.
        static string Body(decimal quantity) => Newtonsoft.Json.JsonConvert.SerializeObject(new
        {
            Orders = new[]
            {
                new
                {
                    ReferenceNumber = "DQ-1", PaymentStatus = "PAID", ReceivedDate = DateTime.UtcNow.AddHours(-1),
                    DeliveryAddress = new { FullName = "Jane Smith", Address1 = "1 Old Street", Town = "London", PostCode = "EC1V 9HL", CountryCode = "GB" },
                    OrderItems = new[] { new { OrderLineNumber = "1", SKU = "ABC", ItemTitle = "Mug", Qty = quantity, PricePerUnit = 9.99m } },
                },
            },
        });
        Body(2m).Should().Contain("\"Qty\":2.0");

        var whole = await store.PostAsync($"/api/channel/v1/stores/{storeId}/orders", new StringContent(Body(2m), System.Text.Encoding.UTF8, "application/json"));
        var fraction = await store.PostAsync($"/api/channel/v1/stores/{storeId}/orders", new StringContent(Body(2.5m), System.Text.Encoding.UTF8, "application/json"));

        whole.StatusCode.Should().Be(HttpStatusCode.OK);
        (await whole.Content.ReadFromJsonAsync<JsonObject>())!["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Created");
        (await AllOrders(token, Since)).Single()["OrderItems"]![0]!["Qty"]!.ToJsonString().Should().Be("2");
        fraction.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await fraction.Content.ReadAsStringAsync()).Should().Contain("Qty: Expected a whole number").And.Contain("found 2.5");
    }

    [Fact]
    public async Task Orders_AreReturnedExactlyAsTheReferenceShapesThem()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("S-1"));

        var (response, body) = await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = Since, PageNumber = 1 });

        response.Content.Headers.ContentLength.Should().BeGreaterThan(0);
        body.Select(p => p.Key).Should().Equal("Error", "HasMorePages", "Orders");
        var order = body["Orders"]![0]!.AsObject();
        order["PaymentStatus"]!.GetValue<string>().Should().Be("PAID");
        order["ReceivedDate"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$");
        order["OrderItems"]![0]!["Options"]![0]!["Name"]!.GetValue<string>().Should().Be("Engraving");
        order["OrderItems"]![1]!["CancelStatus"]!.GetValue<string>().Should().Be("NONE");
        order["ExtendedProperties"]![0]!["Name"]!.GetValue<string>().Should().Be("GiftMessage");
        order["Notes"]![0]!["Note"]!.GetValue<string>().Should().Be("Leave with neighbour");
        order["DeliveryAddress"]!["CountryCode"]!.GetValue<string>().Should().Be("GB");
        order["PostalServiceCost"]!.GetValue<decimal>().Should().Be(3.99m);
    }

    [Fact]
    public async Task Paging_250Orders_GivesFullPagesAndAnExactHasMorePages()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, [.. Enumerable.Range(1, 250).Select(i => Order($"P-{i:D4}"))]);

        var pages = new List<JsonObject>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add((await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = Since, PageNumber = page })).Body);
        }

        pages.Select(p => p["Orders"]!.AsArray().Count).Should().Equal(100, 100, 50, 0);
        pages.Select(p => p["HasMorePages"]!.GetValue<bool>()).Should().Equal(true, true, false, false);
        pages.Should().OnlyContain(p => p["Error"] == null);
        pages.SelectMany(p => p["Orders"]!.AsArray()).Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().OnlyHaveUniqueItems().And.HaveCount(250);
    }

    [Fact]
    public async Task Paging_OrdersArrivingAndChangingMeanwhile_NeitherSkipNorRepeat()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, [.. Enumerable.Range(1, 250).Select(i => Order($"C-{i:D4}"))]);
        var read = new List<string>();

        var page1 = (await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = Since, PageNumber = 1 })).Body;
        read.AddRange(page1["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()));

        // Meanwhile: 100 new orders, and changes to orders on the page already read and on pages still to read.
        await store.Push(storeId, [.. Enumerable.Range(1, 100).Select(i => Order($"N-{i:D4}"))]);
        await store.Push(storeId, [.. new[] { 5, 50, 150, 200, 249 }.Select(i => Order($"C-{i:D4}", title: "Changed"))]);

        for (var page = 2; ; page++)
        {
            var body = (await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = Since, PageNumber = page })).Body;
            read.AddRange(body["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()));
            if (!body["HasMorePages"]!.GetValue<bool>())
            {
                break;
            }
        }

        read.Should().OnlyHaveUniqueItems();
        read.Should().BeEquivalentTo(Enumerable.Range(1, 250).Select(i => $"C-{i:D4}"), "the set being read is fixed at page 1");

        var nextRun = await AllOrders(token, Since);
        nextRun.Select(o => o["ReferenceNumber"]!.GetValue<string>()).Should().HaveCount(350).And.OnlyHaveUniqueItems();
        nextRun.Single(o => o["ReferenceNumber"]!.GetValue<string>() == "C-0150")["OrderItems"]![0]!["ItemTitle"]!.GetValue<string>().Should().Be("Changed");
    }

    [Fact]
    public async Task Orders_OfAnotherStore_AreNeverVisible()
    {
        var (token, _, _) = await factory.Integrate();
        var (otherStore, otherKey) = await factory.CreateStore("Other");
        await factory.ChannelClient(otherKey).Push(otherStore, Order("OTHER-1"));

        (await AllOrders(token, Since)).Should().BeEmpty();
    }

    [Fact]
    public async Task Orders_ChangedBeforeUTCTimeFrom_AreNotSent_UntilTheyChangeAgain()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("T-1", paymentStatus: "UNPAID"));
        var later = DateTime.UtcNow.AddMinutes(5).ToString("O", CultureInfo.InvariantCulture);

        (await AllOrders(token, later)).Should().BeEmpty();
        (await AllOrders(token, Since)).Should().ContainSingle();
    }

    [Fact]
    public async Task UnpaidOrders_FollowTheImportUnpaidSetting_AndAppearWhenPaid()
    {
        var (token, storeId, key) = await factory.Integrate();
        (await _linnworks.SaveConfig(token, "UserConfig", ("ImportUnpaidOrders", "false"))).Body["Error"].Should().BeNull();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("U-1", paymentStatus: "UNPAID"), Order("U-2"));

        (await AllOrders(token, Since)).Select(o => o["ReferenceNumber"]!.GetValue<string>()).Should().Equal("U-2");

        await store.Push(storeId, Order("U-1", paymentStatus: "PAID"));
        (await AllOrders(token, Since)).Select(o => o["ReferenceNumber"]!.GetValue<string>()).Should().BeEquivalentTo("U-1", "U-2");
    }

    [Fact]
    public async Task OrdersReceivedLongBeforeTheIntegration_AreIgnored()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("OLD-1", received: DateTime.UtcNow.AddDays(-60)), Order("NEW-1"));

        (await AllOrders(token, "2020-01-01T00:00:00Z")).Select(o => o["ReferenceNumber"]!.GetValue<string>()).Should().Equal("NEW-1");
    }

    [Fact]
    public async Task Orders_AtTheLastPageNumberOrTheLastDate_IsAnEmptyPageWithoutError()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, [.. Enumerable.Range(1, 150).Select(i => Order($"X-{i:D3}"))]);
        (await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = Since, PageNumber = 1 })).Body["HasMorePages"]!
            .GetValue<bool>().Should().BeTrue();

        foreach (var (since, page) in new[] { (Since, int.MaxValue), ("9999-12-31 23:59:59Z", 1), ("9999-12-31T23:59:59.9999999", 1) })
        {
            var (response, body) = await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = since, PageNumber = page });

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            body["Error"].Should().BeNull($"UTCTimeFrom {since}, page {page}: nothing is past the run's end or the last date");
            body["Orders"]!.AsArray().Should().BeEmpty();
            body["HasMorePages"]!.GetValue<bool>().Should().BeFalse();
        }
    }

    [Theory]
    [InlineData("""{"PageNumber":1}""", "UTCTimeFrom is required")]
    [InlineData("""{"UTCTimeFrom":"2026-01-01 00:00:00Z","PageNumber":0}""", "PageNumber starts at 1.")]
    [InlineData("""{"UTCTimeFrom":"yesterday","PageNumber":1}""", LinnworksErrors.MalformedRequest)]
    public async Task Orders_BadRequest_IsAnErrorWithAnEmptyArray(string json, string error)
    {
        var (token, _, _) = await factory.Integrate();

        var (response, body) = await _linnworks.PostRaw("/api/Order/Orders", json.Replace("{", $$"""{"AuthorizationToken":"{{token}}",""", StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["Error"]!.GetValue<string>().Should().Contain(error);
        body["Orders"]!.AsArray().Should().BeEmpty();
        body["HasMorePages"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Orders_OfAnUnlinkedIntegration_IsAnError()
    {
        var token = await _linnworks.AddNewUser();

        var (_, body) = await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = Since, PageNumber = 1 });

        body["Error"]!.GetValue<string>().Should().Contain("not linked");
    }

    [Fact]
    public async Task UpsertOrders_ByAnotherStoresKey_IsForbidden_AndUnknownStoreIs404()
    {
        var (storeId, _) = await factory.CreateStore();
        var (_, otherKey) = await factory.CreateStore();

        (await factory.ChannelClient(otherKey).PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/orders", new { Orders = new[] { Order("X") } }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.ChannelClient(ApiFactory.OperatorKey).PostAsJsonAsync("/api/channel/v1/stores/nope/orders", new { Orders = new[] { Order("X") } }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.ChannelClient(ApiFactory.OperatorKey).PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/orders", new { }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Upsert_BatchOf1000_IsStored()
    {
        var (token, storeId, key) = await factory.Integrate();

        var body = await factory.ChannelClient(key).Push(storeId, [.. Enumerable.Range(1, 1000).Select(i => Order($"B-{i:D4}"))]);

        body["Results"]!.AsArray().Should().HaveCount(1000).And.OnlyContain(r => r!["Status"]!.GetValue<string>() == "Created");
        (await AllOrders(token, Since)).Should().HaveCount(1000);
    }

    internal async Task<List<JsonObject>> AllOrders(string token, string since)
    {
        var all = new List<JsonObject>();
        for (var page = 1; page < 100; page++)
        {
            var (_, body) = await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = since, PageNumber = page });
            body["Error"].Should().BeNull();
            all.AddRange(body["Orders"]!.AsArray().Select(o => o!.AsObject()));
            if (!body["HasMorePages"]!.GetValue<bool>())
            {
                return all;
            }
        }

        throw new InvalidOperationException("HasMorePages never ended.");
    }
}
