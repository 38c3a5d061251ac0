using System.Text.Json.Nodes;
using ChannelBridge.Api.FunctionalTests.Features.Orders;
using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Contract;

/// <summary>
/// A null, or a value of the wrong kind, in any one place of a valid body, one place at a time, on every endpoint that takes a body with depth: a
/// hostile or careless sender (or Linnworks' .NET client, which writes unset values as null) never gets a server error.
/// Linnworks routes answer HTTP 200 with an Error property and an exact Content-Length, and a batch answers every item
/// it was sent; the Channel API answers a success or a 4xx ProblemDetails.
/// </summary>
public class OneBadValueAnywhereTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _linnworks = factory.Client();

    [Fact]
    public async Task LinnworksBodies_ANullOrAWrongKindAnywhere_IsAnsweredInBand()
    {
        var (token, storeId, store) = await factory.IntegrateWithAnOrderAndAListing("NE-1", "ABC", 9.99m);
        var item = new JsonObject { ["SKU"] = "ABC", ["OrderLineNumber"] = "1", ["DespatchedQuantity"] = 2 };
        var bodies = new (string Path, string? Batch, JsonObject Body)[]
        {
            ("/api/Order/Despatch", "Orders", new JsonObject
            {
                ["AuthorizationToken"] = token,
                ["Orders"] = new JsonArray(new JsonObject
                {
                    ["ReferenceNumber"] = "NE-1", ["ShippingVendor"] = "Royal Mail", ["ShippingMethod"] = "First", ["TrackingNumber"] = "T1",
                    ["TrackingUrl"] = "https://track.example.com/T1", ["SecondaryTrackingNumbers"] = new JsonArray("T1b"), ["ProcessedOn"] = "2026-11-20 09:00:00Z",
                    ["Items"] = new JsonArray(item.DeepClone()),
                    ["Packages"] = new JsonArray(new JsonObject { ["ShippingVendor"] = "Royal Mail", ["ShippingMethod"] = "First", ["TrackingNumber"] = "T1", ["Items"] = new JsonArray(item.DeepClone()) }),
                }),
            }),
            ("/api/Product/InventoryUpdate", "Products", new JsonObject
            {
                ["AuthorizationToken"] = token,
                ["Products"] = new JsonArray(new JsonObject { ["SKU"] = "ABC", ["Reference"] = "r", ["Quantity"] = 5, ["MultiLocationLevels"] = new JsonArray(new JsonObject { ["Tag"] = "WH1", ["Quantity"] = 5 }) }),
            }),
            ("/api/Product/PriceUpdate", "Products", new JsonObject
            {
                ["AuthorizationToken"] = token,
                ["Products"] = new JsonArray(new JsonObject { ["SKU"] = "ABC", ["Reference"] = "r", ["Price"] = 8.5m, ["Tag"] = "RETAIL" }),
            }),
            ("/api/Order/Cancel", null, new JsonObject
            {
                ["AuthorizationToken"] = token,
                ["Cancellation"] = new JsonObject { ["ReferenceNumber"] = "NE-1", ["ExternalReference"] = "x", ["Items"] = new JsonArray(new JsonObject { ["SKU"] = "GHI", ["OrderLineNumber"] = "3", ["CancellationQuantity"] = 1, ["Reason"] = "OutOfStock", ["SecondaryReason"] = "" }) },
            }),
            ("/api/Order/Refund", null, new JsonObject
            {
                ["AuthorizationToken"] = token,
                ["Refund"] = new JsonObject { ["ReferenceNumber"] = "NE-1", ["ExternalReference"] = "x", ["RefundShippingAmount"] = 1m, ["Items"] = new JsonArray(new JsonObject { ["SKU"] = "ABC", ["OrderLineNumber"] = "1", ["RefundAmount"] = 2m, ["Reason"] = "Damaged", ["SecondaryReason"] = "" }) },
            }),
            ("/api/Config/SaveConfig", null, new JsonObject
            {
                ["AuthorizationToken"] = token, ["StepName"] = "UserConfig",
                ["ConfigItems"] = new JsonArray(new JsonObject { ["ConfigItemId"] = "IgnoreOrdersOlderThanDays", ["SelectedValue"] = "30" }),
            }),
            ("/api/Order/Orders", null, new JsonObject { ["AuthorizationToken"] = token, ["UTCTimeFrom"] = "2020-01-01 00:00:00Z", ["PageNumber"] = 1 }),
        };

        var sent = 0;
        foreach (var (path, batch, body) in bodies)
        {
            foreach (var (where, variant) in WithOneReplaced(body))
            {
                var because = $"{path} with {where}";
                using var content = new StringContent(Text(variant), System.Text.Encoding.UTF8, "application/json");
                var response = await _linnworks.PostAsync(path, content);
                var bytes = await response.Content.ReadAsByteArrayAsync();

                ((int)response.StatusCode).Should().Be(200, because);
                response.Content.Headers.ContentLength.Should().Be(bytes.Length, because);
                var answer = JsonNode.Parse(bytes) as JsonObject;
                answer.Should().NotBeNull(because);
                answer!.ContainsKey("Error").Should().BeTrue(because);
                // A bug is answered in-band too (HTTP 200, "An unexpected error occurred (trace id ...)"): that is not an answer.
                answer.ToJsonString().Should().NotContain(LinnworksErrors.Internal(string.Empty)[..30], because);
                // A problem inside an item is that item's answer, and a null token is answered on every item; the others are
                // still worked and answered, whatever the token is. (A list that is null or not a list has no items: the call's
                // Error says so.)
                var noList = where.StartsWith($"$.{batch} ", StringComparison.Ordinal);
                if (batch is not null && !noList)
                {
                    answer[batch]!.AsArray().Should().HaveCount(variant[batch]!.AsArray().Count, $"every item is answered: {because}; got {answer.ToJsonString()}");
                }

                sent++;
            }
        }

        sent.Should().BeGreaterThan(100, "every property of every body was replaced in turn");
    }

    [Fact]
    public async Task ChannelApiBodies_ANullOrAWrongKindAnywhere_GetsASuccessOrAProblem()
    {
        var (_, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        var bodies = new (HttpMethod Method, string Path, JsonObject Body)[]
        {
            (HttpMethod.Post, $"/api/channel/v1/stores/{storeId}/orders", new JsonObject { ["Orders"] = new JsonArray(System.Text.Json.JsonSerializer.SerializeToNode(OrderBuilder.Order("NE-C1"))) }),
            (HttpMethod.Post, $"/api/channel/v1/stores/{storeId}/products", new JsonObject { ["Products"] = new JsonArray(new JsonObject { ["SKU"] = "P1", ["Title"] = "Mug", ["Quantity"] = 1, ["Price"] = 9.99m, ["Reference"] = "r" }) }),
            (HttpMethod.Put, $"/api/channel/v1/stores/{storeId}/shipping-tags", new JsonObject { ["ShippingTags"] = new JsonArray(new JsonObject { ["Tag"] = "dpd", ["FriendlyName"] = "DPD", ["Site"] = "" }) }),
            (HttpMethod.Post, $"/api/channel/v1/stores/{storeId}/updates/ack", new JsonObject { ["Cursor"] = 0 }),
        };

        foreach (var (method, path, body) in bodies)
        {
            foreach (var (where, variant) in WithOneReplaced(body))
            {
                var because = $"{method} {path} with {where}";
                using var request = new HttpRequestMessage(method, path) { Content = new StringContent(Text(variant), System.Text.Encoding.UTF8, "application/json") };
                var response = await store.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();

                ((int)response.StatusCode).Should().BeLessThan(500, $"{because}: {text}");
                if ((int)response.StatusCode >= 400)
                {
                    response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", because);
                }
            }
        }
    }

    /// <summary>
    /// Copies of <paramref name="body"/>, each with one property (at any depth, in array items too) set to null, to a
    /// value of the wrong kind (an object where a string, number or list belongs, a string where an object or list does),
    /// to text that is not text (a lone surrogate, escaped), or to a number past every range, and where.
    /// </summary>
    private static IEnumerable<(string Where, JsonObject Variant)> WithOneReplaced(JsonObject body)
    {
        var count = Properties(body).Count();
        for (var k = 0; k < count; k++)
        {
            foreach (var (label, value) in new (string, Func<JsonNode?, JsonNode?>)[]
            {
                ("null", _ => null),
                ("the wrong kind", old => old is JsonObject or JsonArray ? JsonValue.Create("text") : new JsonObject { ["unexpected"] = true }),
                ("a lone surrogate", _ => JsonValue.Create(UnwritableJsonValues.LoneSurrogate)),
                ("a number past every range", _ => JsonValue.Create(UnwritableJsonValues.PastEveryRange)),
            })
            {
                var copy = (JsonObject)body.DeepClone();
                var (parent, name) = Properties(copy).ElementAt(k);
                var where = $"{parent.GetPath()}.{name}";
                parent[name] = value(parent[name]);
                yield return ($"{where} {label}", copy);
            }
        }
    }

    private static string Text(JsonObject variant) => UnwritableJsonValues.Text(variant);

    /// <summary>Every property under <paramref name="node"/>, as its object and name, in document order.</summary>
    private static IEnumerable<(JsonObject Parent, string Name)> Properties(JsonNode? node)
    {
        var children = node switch
        {
            JsonObject obj => obj.SelectMany(p => Properties(p.Value).Prepend((obj, p.Key))),
            JsonArray array => array.SelectMany(Properties),
            _ => [],
        };
        return children.ToList();
    }
}
