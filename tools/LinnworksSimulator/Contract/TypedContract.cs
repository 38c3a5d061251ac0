using System.Text;
using System.Text.Json.Nodes;
using ChannelBridge.LinnworksSimulator.Simulation;
using Newtonsoft.Json;

namespace ChannelBridge.LinnworksSimulator.Contract;

/// <summary>
/// The strict half of the simulator: every answer is read into the classes of LinnworksTypes.cs with
/// Newtonsoft.Json's defaults, as Linnworks' .NET client reads it (a null into a DateTime, decimal, int,
/// bool or enum fails the whole answer), and every item of an update batch must come back, in order.
/// </summary>
public static class TypedContract
{
    private static readonly Dictionary<string, Type> ResponseTypes = new(StringComparer.Ordinal)
    {
        ["AddNewUser"] = typeof(AddNewUserResponse),
        ["UserConfig"] = typeof(UserConfigResponse),
        ["SaveConfig"] = typeof(UserConfigResponse),
        ["ConfigTest"] = typeof(BaseResponse),
        ["ConfigDeleted"] = typeof(BaseResponse),
        ["ShippingTags"] = typeof(ShippingTagsResponse),
        ["PaymentTags"] = typeof(PaymentTagsResponse),
        ["Orders"] = typeof(OrdersResponse),
        ["Despatch"] = typeof(DespatchResponse),
        ["Products"] = typeof(ProductsResponse),
        ["InventoryUpdate"] = typeof(SkuResponse),
        ["PriceUpdate"] = typeof(SkuResponse),
        ["Cancel"] = typeof(BaseResponse),
        ["Refund"] = typeof(RefundResponse),
        ["PostSaleOptions"] = typeof(PostSaleOptionsResponse),
        ["GetConfiguratorSettings"] = typeof(ConfiguratorSettingsResponse),
        ["GetCategories"] = typeof(CategoriesResponse),
        ["GetAttributesByCategory"] = typeof(AttributesResponse),
        ["GetVariationsByCategory"] = typeof(VariationsResponse),
        ["ListingUpdate"] = typeof(FeedIdResponse),
        ["ListingDelete"] = typeof(FeedIdResponse),
        ["CheckFeed"] = typeof(FeedResponse),
    };

    /// <summary>Newtonsoft.Json's defaults, as <c>JsonConvert.DeserializeObject</c> uses them (trailing content is an error too).</summary>
    private static readonly JsonSerializer Serializer = CreateSerializer();

    /// <summary>Reads <paramref name="body"/> as Linnworks' class for <paramref name="endpoint"/>; null (and a violation) if it cannot.</summary>
    public static object? Read(Report report, string endpoint, ReadOnlyMemory<byte> body)
    {
        if (!ResponseTypes.TryGetValue(endpoint, out var type))
        {
            return null;
        }

        try
        {
            // Read from the bytes as a stream, as Linnworks' client reads a response: an Orders page as one string would be
            // a large-object-heap allocation per answer, and the simulator's garbage collections would be what load mode measures.
            var bytes = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(body, out var segment) ? segment : new ArraySegment<byte>(body.ToArray());
            using var text = new StreamReader(new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false), Encoding.UTF8);
            using var json = new JsonTextReader(text);
            var typed = Serializer.Deserialize(json, type);
            report.Check(endpoint, "reads into Linnworks' typed class", typed is not null, "The answer is empty.");
            return typed;
        }
        catch (JsonException ex)
        {
            report.Check(endpoint, "reads into Linnworks' typed class", false, $"Newtonsoft.Json ({type.Name}): {ex.Message}");
            return null;
        }
    }

    private static JsonSerializer CreateSerializer()
    {
        var serializer = JsonSerializer.CreateDefault();
        serializer.CheckAdditionalContent = true;
        return serializer;
    }

    /// <summary>Whether <paramref name="endpoint"/> answers item by item (Despatch, InventoryUpdate, PriceUpdate).</summary>
    public static bool IsItemized(string endpoint) => endpoint is "Despatch" or "InventoryUpdate" or "PriceUpdate";

    /// <summary>Every ReferenceNumber (Despatch) or SKU (InventoryUpdate, PriceUpdate) sent is answered, in the order sent.</summary>
    public static void EveryItemAnswered(Report report, string endpoint, JsonNode? request, object? typed)
    {
        var (list, key, answered) = (endpoint, typed) switch
        {
            ("Despatch", DespatchResponse d) => ("Orders", "ReferenceNumber", d.Orders.Select(o => o.ReferenceNumber).ToList()),
            ("InventoryUpdate" or "PriceUpdate", SkuResponse s) => ("Products", "SKU", s.Products.Select(p => p.SKU).ToList()),
            _ => (null, null, null),
        };
        if (list is null || request?[list] is not JsonArray sent)
        {
            return;
        }

        var expected = sent.Select(i => i is JsonObject o && o[key!] is JsonValue v ? v.ToString().Trim() : string.Empty).ToList();
        var ok = expected.SequenceEqual(answered!, StringComparer.Ordinal);
        report.Check(endpoint, $"every {key} answered, in order", ok,
            $"Sent {expected.Count} items, answered {answered!.Count}; an item left out reads to Linnworks as 'not found'. " +
            $"Sent [{string.Join(", ", expected.Take(5))}…], answered [{string.Join(", ", answered.Take(5))}…].");
    }
}
