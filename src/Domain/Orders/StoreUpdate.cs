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

    /// <summary>Whether entries of this type are listing jobs, which count against the store's listing-job characters rather than its feed's (ADR-039).</summary>
    public static bool IsListingJob(string type) => type is ListingCreate or ListingUpdate or ListingDelete;
}

/// <summary>
/// One thing Linnworks told the channel (a despatch, cancellation, refund …), kept until the channel
/// acknowledges it. <see cref="DedupKey"/> makes a retried call land once.
/// </summary>
public sealed record StoreUpdate(long Cursor, string StoreId, string Type, DateTime ReceivedUtc, string Payload, string DedupKey)
{
    /// <summary>
    /// What a platform is told, in place of the payload, of an entry whose stored payload is not JSON (changed by hand in
    /// the database, or damaged): the entry is answered without it, so the feed and the webhook read on past it.
    /// </summary>
    public const string UnreadablePayload =
        "This update's stored payload could not be read; the service's operator has been told (it is logged with the store and cursor). Acknowledge it to read on.";

    /// <summary>
    /// What a stored ReceivedUtc that is not a date (changed or damaged in the database) is answered as: an unset date
    /// (<c>0001-01-01</c>), the entry otherwise as it is, so the feed and the webhook read on past it.
    /// </summary>
    public static readonly DateTime UnreadableReceivedUtc = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);

    /// <summary>Whether the stored ReceivedUtc could not be read (<see cref="UnreadableReceivedUtc"/>): the service never writes that date.</summary>
    public bool HasUnreadableReceivedUtc => ReceivedUtc == UnreadableReceivedUtc;

    /// <summary>The RefundReference Linnworks was given for a refund: stable, because it is made from the cursor.</summary>
    public string? Reference => Type switch
    {
        StoreUpdateTypes.Refund => "RF-" + Cursor.ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
        _ when StoreUpdateTypes.IsListingJob(Type) => ListingSku(),
        _ => null,
    };

    /// <summary>The first characters of a listing job's payload read for its SKU before it is read whole.</summary>
    private const int SkuPrefixChars = 4096;

    /// <summary>
    /// A listing job's SKU. Its payload is <c>{ChannelFeedId, SKU, Listing}</c> and the listing runs to megabytes, so the
    /// SKU is read from the payload's first characters, the reader stopping at it; a payload whose SKU is not among them
    /// is read whole.
    /// </summary>
    private string? ListingSku()
    {
        try
        {
            return ListingSkuRead();
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // an unreadable payload has no SKU to read (UnreadablePayload)
        }
    }

    private string? ListingSkuRead()
    {
        var whole = Payload.Length <= SkuPrefixChars;
        var prefix = System.Text.Encoding.UTF8.GetBytes(Payload, 0, whole ? Payload.Length : SkuPrefixChars);
        if (Sku(new System.Text.Json.Utf8JsonReader(prefix, isFinalBlock: whole, state: default), out var sku) || whole)
        {
            return sku;
        }

        Sku(new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(Payload)), out sku);
        return sku;
    }

    /// <summary>The top-level SKU's string (null when it is another kind of value); false when the reader ran out before it.</summary>
    private static bool Sku(System.Text.Json.Utf8JsonReader reader, out string? sku)
    {
        sku = null;
        if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            var isSku = reader.ValueTextEquals("SKU"u8);
            if (!reader.Read())
            {
                return false;
            }

            if (isSku)
            {
                sku = reader.TokenType == System.Text.Json.JsonTokenType.String ? reader.GetString() : null;
                return true;
            }

            if (!reader.TrySkip())
            {
                return false;
            }
        }

        return reader.TokenType == System.Text.Json.JsonTokenType.EndObject;
    }
}
