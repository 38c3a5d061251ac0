using System.Text.Json;
using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Contracts;

namespace ChannelBridge.Application.Orders.GetOrders;

/// <summary>
/// One order of an Orders page: the rendering stored when the order was saved, written to the answer as it
/// is, or — when there is none for today's format — the order mapped now (ADR-011).
/// </summary>
[JsonConverter(typeof(DownloadedOrderJsonConverter))]
public sealed class DownloadedOrder
{
    private LinnworksOrder? _order;

    private DownloadedOrder(byte[]? utf8Json, LinnworksOrder? order)
    {
        Utf8Json = utf8Json;
        _order = order;
    }

    /// <summary>The stored rendering (UTF-8 JSON), or null when the order was mapped for this answer.</summary>
    public byte[]? Utf8Json { get; }

    /// <summary>The order as Linnworks' types read it (the stored rendering is read on first use).</summary>
    public LinnworksOrder Order => _order ??= JsonSerializer.Deserialize<LinnworksOrder>(Utf8Json, LinnworksWireJson.WriteOptions)!;

    public static DownloadedOrder FromRendering(byte[] utf8Json) => new(utf8Json, null);

    public static DownloadedOrder FromMapped(LinnworksOrder order) => new(null, order);

    private sealed class DownloadedOrderJsonConverter : JsonConverter<DownloadedOrder>
    {
        public override DownloadedOrder Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            FromMapped(JsonSerializer.Deserialize<LinnworksOrder>(ref reader, options) ?? throw new JsonException("An order is null."));

        public override void Write(Utf8JsonWriter writer, DownloadedOrder value, JsonSerializerOptions options)
        {
            if (value.Utf8Json is { } json)
            {
                // Written by OrderDownloadRenderer with the same converters: valid JSON, no need to check it again.
                writer.WriteRawValue(json, skipInputValidation: true);
            }
            else
            {
                JsonSerializer.Serialize(writer, value._order, options);
            }
        }
    }
}
