using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Json;

namespace ChannelBridge.Application.Orders.GetOrders;

/// <summary>
/// One order of an Orders page: the rendering stored when the order was saved, written to the answer as it
/// is, or — when there is none for today's format — the order mapped now (ADR-011). A rendering of an order
/// without a currency carries <c>"Currency":""</c>; the reading integration's DefaultCurrency is written there.
/// </summary>
[JsonConverter(typeof(DownloadedOrderJsonConverter))]
public sealed class DownloadedOrder
{
    /// <summary>
    /// The one place a rendering can hold these bytes: <c>Currency</c> is a property of the order alone, written once and
    /// near the start (after the references, the buyer name and the site), and inside a JSON string every quote is
    /// escaped, so no text the channel sent can spell them. Looking for the name and then for an empty value stops
    /// there; looking for the empty value itself read every order with a currency to its end (a page's whole 170 KB).
    /// </summary>
    private static ReadOnlySpan<byte> CurrencyName => "\"Currency\":"u8;

    private static ReadOnlySpan<byte> EmptyValue => "\"\""u8;

    private readonly JsonEncodedText? _defaultCurrency;
    private LinnworksOrder? _order;

    private DownloadedOrder(byte[]? utf8Json, JsonEncodedText? defaultCurrency, LinnworksOrder? order)
    {
        Utf8Json = utf8Json;
        _defaultCurrency = defaultCurrency;
        _order = order;
    }

    /// <summary>The stored rendering (UTF-8 JSON), or null when the order was mapped for this answer.</summary>
    public byte[]? Utf8Json { get; }

    /// <summary>The order as Linnworks' types read it (the stored rendering is read on first use).</summary>
    public LinnworksOrder Order => _order ??= Deserialize();

    /// <summary>The integration's DefaultCurrency as the page writes it, or null when it has none (the order keeps "").</summary>
    public static JsonEncodedText? EncodeCurrency(string? defaultCurrency) =>
        string.IsNullOrWhiteSpace(defaultCurrency) ? null : JsonEncodedText.Encode(defaultCurrency, LinnworksWireJson.WriteOptions.Encoder);

    /// <param name="utf8Json">The stored rendering.</param>
    /// <param name="defaultCurrency">From <see cref="EncodeCurrency"/>: written where the rendering has no currency.</param>
    public static DownloadedOrder FromRendering(byte[] utf8Json, JsonEncodedText? defaultCurrency = null) => new(utf8Json, defaultCurrency, null);

    public static DownloadedOrder FromMapped(LinnworksOrder order) => new(null, null, order);

    private LinnworksOrder Deserialize()
    {
        var rented = WithCurrency(out var json);
        try
        {
            return JsonSerializer.Deserialize<LinnworksOrder>(json, LinnworksWireJson.WriteOptions)!;
        }
        finally
        {
            Return(rented);
        }
    }

    /// <summary>
    /// The rendering as this integration reads it: as stored, or with its DefaultCurrency written into the empty
    /// currency (into a pooled buffer, returned to the caller for <see cref="Return"/>).
    /// </summary>
    private byte[]? WithCurrency(out ReadOnlySpan<byte> json)
    {
        json = Utf8Json;
        if (_defaultCurrency is not { } currency || json.IndexOf(CurrencyName) is var at && at < 0 ||
            !json[(at + CurrencyName.Length)..].StartsWith(EmptyValue))
        {
            return null;
        }

        var value = currency.EncodedUtf8Bytes;
        var valueAt = at + CurrencyName.Length + 1; // between the two quotes
        var rented = ArrayPool<byte>.Shared.Rent(json.Length + value.Length);
        json[..valueAt].CopyTo(rented);
        value.CopyTo(rented.AsSpan(valueAt));
        json[valueAt..].CopyTo(rented.AsSpan(valueAt + value.Length));
        json = rented.AsSpan(0, json.Length + value.Length);
        return rented;
    }

    private static void Return(byte[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private sealed class DownloadedOrderJsonConverter : JsonConverter<DownloadedOrder>
    {
        public override DownloadedOrder Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            FromMapped(JsonSerializer.Deserialize<LinnworksOrder>(ref reader, options) ?? throw new JsonException("An order is null."));

        public override void Write(Utf8JsonWriter writer, DownloadedOrder value, JsonSerializerOptions options)
        {
            if (value.Utf8Json is null)
            {
                JsonSerializer.Serialize(writer, value._order, options);
                return;
            }

            var rented = value.WithCurrency(out var json);
            try
            {
                // Written by OrderDownloadRenderer with the same converters: valid JSON, no need to check it again.
                writer.WriteRawValue(json, skipInputValidation: true);
            }
            finally
            {
                Return(rented);
            }
        }
    }
}
