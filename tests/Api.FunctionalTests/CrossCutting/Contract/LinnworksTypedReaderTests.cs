using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChannelBridge.Api.FunctionalTests.Features.Orders;
using ChannelBridge.LinnworksSimulator.Contract;
using ChannelBridge.LinnworksSimulator.Simulation;
using Newtonsoft.Json;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Contract;

/// <summary>
/// Answers read as Linnworks reads them: into classes with value-type dates, decimals, ints, bools and
/// enums (the simulator's LinnworksTypes), with Newtonsoft.Json's default settings.
/// </summary>
public class LinnworksTypedReaderTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _linnworks = factory.Client();

    [Fact]
    public void TheStrictReader_RejectsWhatTheOldAnswersSent()
    {
        var report = new Report();

        TypedContract.Read(report, "Orders", Encoding.UTF8.GetBytes("""{"Error":null,"HasMorePages":false,"Orders":[{"ReferenceNumber":"1","PaidOn":null}]}"""));
        TypedContract.Read(report, "Products", Encoding.UTF8.GetBytes("""{"Error":null,"HasMorePages":false,"Products":[{"SKU":"A","Price":null}]}"""));
        TypedContract.Read(report, "Orders", Encoding.UTF8.GetBytes("""{"Error":null,"HasMorePages":false,"Orders":[{"PaymentStatus":"MAYBE"}]}"""));
        var empty = TypedContract.Read(report, "InventoryUpdate", Encoding.UTF8.GetBytes("""{"Error":"Invalid authorization token","Products":[]}"""));
        TypedContract.EveryItemAnswered(report, "InventoryUpdate", JsonNode.Parse("""{"Products":[{"SKU":"A"},{"SKU":"B"}]}"""), empty);

        report.Failures.Select(c => c.Check).Should().Equal(
            "reads into Linnworks' typed class", "reads into Linnworks' typed class", "reads into Linnworks' typed class", "every SKU answered, in order");
    }

    [Fact]
    public async Task Orders_WithAndWithoutOptionalFields_ReadAsLinnworksTypes_WithTheDocumentedDefaults()
    {
        var (token, storeId, key) = await factory.Integrate();
        var received = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
        var sparse = new
        {
            ReferenceNumber = "SPARSE-1",
            PaymentStatus = 1,      // Linnworks' own enum number: UNPAID
            DiscountType = 2,       // PostageThenItems
            ReceivedDate = received,
            DeliveryAddress = new { FullName = "Jane Smith", Address1 = "1 Old Street", CountryCode = "GB" },
            ExtendedProperty = new[] { new { Name = "Gift", Value = "yes" } },   // the doc table's spelling
            Notes = new[] { new { Note = "No date" } },
            OrderItems = new[] { new { OrderLineNumber = "1", SKU = "ABC", Qty = 1 } },
        };
        (await factory.ChannelClient(key).Push(storeId, OrderBuilder.Order("FULL-1"), sparse))["Results"]!.AsArray()
            .Select(r => r!["Status"]!.GetValue<string>()).Should().Equal("Created", "Created");

        var raw = await (await _linnworks.PostAsJsonAsync("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2026-01-01 00:00:00Z", PageNumber = 1 })).Content.ReadAsStringAsync();
        var page = JsonConvert.DeserializeObject<OrdersResponse>(raw)!;   // throws on a null where a value type belongs

        page.Orders.Select(o => o.ReferenceNumber).Should().BeEquivalentTo("FULL-1", "SPARSE-1");
        var order = page.Orders.Single(o => o.ReferenceNumber == "SPARSE-1");
        order.PaymentStatus.Should().Be(PaymentStatus.UNPAID);
        order.DiscountType.Should().Be(DiscountType.PostageThenItems);
        order.ReceivedDate.Should().Be(received);
        order.PaidOn.Should().Be(received, "an order without PaidOn is sent with its ReceivedDate");
        order.DispatchBy.Should().Be(received.AddDays(2), "an order without DispatchBy is sent ReceivedDate + Orders:DispatchByDaysWhenAbsent (2)");
        order.Notes.Single().NoteEntryDate.Should().Be(received);
        order.BillingAddress.Should().BeEquivalentTo(order.DeliveryAddress, "a missing address is a copy of the other one");
        order.ExtendedProperties.Single().Name.Should().Be("Gift");
        order.Currency.Should().Be("GBP", "an order without a currency gets the integration's DefaultCurrency");
        NullsIn(JsonNode.Parse(raw)!).Should().BeEmpty("only Error may be null in a Linnworks answer");
    }

    [Fact]
    public async Task Products_WithoutAPrice_ReadAsLinnworksTypes()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = "NP-1", Title = "No price", Quantity = 3 } } });

        var raw = await (await _linnworks.PostAsJsonAsync("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Content.ReadAsStringAsync();

        JsonConvert.DeserializeObject<ProductsResponse>(raw)!.Products.Single().Price.Should().Be(0m);
        NullsIn(JsonNode.Parse(raw)!).Should().BeEmpty();
    }

    [Fact]
    public async Task PostSaleOptions_ReasonsCarryTypesAsTheOfficialClassReadsThem()
    {
        var (token, _, _) = await factory.Integrate();
        var raw = await (await _linnworks.PostAsJsonAsync("/api/Order/PostSaleOptions", new { AuthorizationToken = token })).Content.ReadAsStringAsync();

        JsonConvert.DeserializeObject<PostSaleOptionsResponse>(raw)!.PostSaleReasons.Should().OnlyContain(r => r.Types.Count > 0);
        JsonNode.Parse(raw)!["PostSaleReasons"]![0]!["Type"]!.AsArray().Should().NotBeEmpty("the docs' spelling is sent too");
    }

    [Fact]
    public async Task ErrorAnswers_OfTheWizard_KeepTheirRequiredStrings()
    {
        var raw = await (await _linnworks.PostAsJsonAsync("/api/Config/UserConfig", new { AuthorizationToken = "unknown" })).Content.ReadAsStringAsync();

        var answer = JsonConvert.DeserializeObject<UserConfigResponse>(raw)!;
        answer.Error.Should().NotBeNull();
        NullsIn(JsonNode.Parse(raw)!).Should().BeEmpty();
    }

    [Fact]
    public async Task ConfigDeleted_SentTwice_SucceedsBothTimes()
    {
        var (token, _, _) = await factory.Integrate();

        (await _linnworks.PostJson("/api/Config/ConfigDeleted", new { AuthorizationToken = token })).Body["Error"].Should().BeNull();
        (await _linnworks.PostJson("/api/Config/ConfigDeleted", new { AuthorizationToken = token })).Body["Error"].Should().BeNull();
        (await _linnworks.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"]!.GetValue<string>().Should().Be("Invalid authorization token");
    }

    [Fact]
    public async Task TaggedPrice_IsKeptBesideTheSellingPrice_AndReachesTheFeed()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = "TP-1", Title = "Mug", Quantity = 1, Price = 9.99m } } });

        var answer = (await _linnworks.PostJson("/api/Product/PriceUpdate", new { AuthorizationToken = token, Products = new[] { new { SKU = "TP-1", Price = 14.99m, Tag = "RETAILPRICE" } } })).Body;

        answer["Products"]![0]!["Error"].Should().BeNull();
        var products = (await _linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body;
        products["Products"]![0]!["Price"]!.GetValue<decimal>().Should().Be(9.99m);
        var feed = (await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates"))!["Updates"]!.AsArray();
        feed.Single()!["Payload"]!["Tag"]!.GetValue<string>().Should().Be("RETAILPRICE");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task LinnworksRoutes_AnyOtherMethod_Answer200WithErrorAndTheDefaultShape(string method)
    {
        var response = await _linnworks.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/Product/InventoryUpdate"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.Should().BeGreaterThan(0);
        var body = await ApiClientExtensions.ReadObject(response);
        body["Error"]!.GetValue<string>().Should().Contain($"takes POST, not {method}");
        body["Products"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task LinnworksRoutes_ReadOtherCharsets_AndNameAnUnknownOne()
    {
        var (token, _, _) = await factory.Integrate();
        var json = $$"""{"AuthorizationToken":"{{token}}","StepName":"UserConfig","ConfigItems":[{"ConfigItemId":"DefaultCurrency","SelectedValue":"EUR"}]}""";
        using var latin1 = new ByteArrayContent(Encoding.Latin1.GetBytes(json));
        latin1.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=latin1");
        using var unknown = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        unknown.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=x-klingon");

        var read = await ApiClientExtensions.ReadObject(await _linnworks.PostAsync("/api/Config/SaveConfig", latin1));
        var refused = await _linnworks.PostAsync("/api/Config/SaveConfig", unknown);

        read["Error"].Should().BeNull();
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ApiClientExtensions.ReadObject(refused))["Error"]!.GetValue<string>().Should().Contain("charset 'x-klingon' is not supported");
    }

    /// <summary>Every property whose value is null, except Error (null on success).</summary>
    private static List<string> NullsIn(JsonNode node, string path = "$")
    {
        var found = new List<string>();
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    if (value is null)
                    {
                        if (name != "Error")
                        {
                            found.Add($"{path}.{name}");
                        }
                    }
                    else
                    {
                        found.AddRange(NullsIn(value, $"{path}.{name}"));
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    found.AddRange(a[i] is null ? [$"{path}[{i}]"] : NullsIn(a[i]!, $"{path}[{i}]"));
                }

                break;
        }

        return found;
    }
}
