namespace ChannelBridge.Domain.Orders;

/// <summary>Kinds of entries on a store's updates feed.</summary>
public static class StoreUpdateTypes
{
    public const string Despatch = "Despatch";
    public const string Cancel = "Cancel";
    public const string Refund = "Refund";
    public const string Inventory = "Inventory";
    public const string Price = "Price";
}

/// <summary>
/// One thing Linnworks told the channel (a despatch, cancellation, refund …), kept until the channel
/// acknowledges it. <see cref="DedupKey"/> makes a retried call land once.
/// </summary>
public sealed record StoreUpdate(long Cursor, string StoreId, string Type, DateTime ReceivedUtc, string Payload, string DedupKey)
{
    /// <summary>The RefundReference Linnworks was given for a refund: stable, because it is made from the cursor.</summary>
    public string? Reference => Type == StoreUpdateTypes.Refund ? "RF-" + Cursor.ToString("D8", System.Globalization.CultureInfo.InvariantCulture) : null;
}
