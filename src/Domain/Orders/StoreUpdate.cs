namespace ChannelBridge.Domain.Orders;

/// <summary>Kinds of entries on a store's updates feed.</summary>
public static class StoreUpdateTypes
{
    public const string Despatch = "Despatch";
    public const string Cancel = "Cancel";
    public const string Refund = "Refund";
    public const string Inventory = "Inventory";
    public const string Price = "Price";
    public const string ListingCreate = "ListingCreate";
    public const string ListingUpdate = "ListingUpdate";
    public const string ListingDelete = "ListingDelete";
}

/// <summary>
/// One thing Linnworks told the channel (a despatch, cancellation, refund …), kept until the channel
/// acknowledges it. <see cref="DedupKey"/> makes a retried call land once.
/// </summary>
public sealed record StoreUpdate(long Cursor, string StoreId, string Type, DateTime ReceivedUtc, string Payload, string DedupKey)
{
    /// <summary>The RefundReference Linnworks was given for a refund: stable, because it is made from the cursor.</summary>
    public string? Reference => Type switch
    {
        StoreUpdateTypes.Refund => "RF-" + Cursor.ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
        StoreUpdateTypes.ListingCreate or StoreUpdateTypes.ListingUpdate or StoreUpdateTypes.ListingDelete => ListingSku(),
        _ => null,
    };

    /// <summary>A listing job's SKU (its payload is <c>{ChannelFeedId, SKU, Listing}</c>).</summary>
    private string? ListingSku()
    {
        using var payload = System.Text.Json.JsonDocument.Parse(Payload);
        return payload.RootElement.TryGetProperty("SKU", out var sku) ? sku.GetString() : null;
    }
}
