using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Listings;

/// <summary>
/// A store's listing as Linnworks maps it (reference §13): SKU (unique per store), Title, Quantity,
/// Price and Reference (the channel's id, at most 64 characters, the SKU if none). The channel sets it;
/// Linnworks' InventoryUpdate and PriceUpdate overwrite Quantity and Price, so the next Products call
/// reports what Linnworks last sent.
/// </summary>
public sealed class Listing
{
    public const int SkuMaxLength = 100;
    public const int TitleMaxLength = 500;
    public const int ReferenceMaxLength = 64;

    private Listing(long id, string storeId, string sku, string title, int quantity, decimal? price, string reference, string? lastInventoryHash, string? lastPriceHash, DateTime updatedUtc, int version)
    {
        Id = id;
        StoreId = storeId;
        SKU = sku;
        Title = title;
        Quantity = quantity;
        Price = price;
        Reference = reference;
        LastInventoryHash = lastInventoryHash;
        LastPriceHash = lastPriceHash;
        UpdatedUtc = updatedUtc;
        Version = version;
    }

    public long Id { get; private set; }

    public string StoreId { get; }

    public string SKU { get; }

    public string Title { get; private set; }

    public int Quantity { get; private set; }

    public decimal? Price { get; private set; }

    public string Reference { get; private set; }

    /// <summary>Hash of the last InventoryUpdate item applied: the same item again is a retry, not a change.</summary>
    public string? LastInventoryHash { get; private set; }

    public string? LastPriceHash { get; private set; }

    public DateTime UpdatedUtc { get; private set; }

    public int Version { get; private set; }

    /// <summary>Checks a listing as the channel sends it; Reference defaults to the SKU.</summary>
    public static Result<ListingData> Validate(string? sku, string? title, int quantity, decimal? price, string? reference)
    {
        var errors = new List<Error>();
        var s = sku?.Trim() ?? string.Empty;
        if (s.Length == 0)
        {
            errors.Add(Error.Validation("SKU is required."));
        }
        else if (s.Length > SkuMaxLength)
        {
            errors.Add(Error.Validation($"SKU is longer than {SkuMaxLength} characters."));
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(Error.Validation("Title is required."));
        }
        else if (title.Length > TitleMaxLength)
        {
            errors.Add(Error.Validation($"Title is longer than {TitleMaxLength} characters."));
        }

        if (quantity < 0)
        {
            errors.Add(Error.Validation("Quantity cannot be negative."));
        }

        if (price < 0)
        {
            errors.Add(Error.Validation("Price cannot be negative."));
        }

        var r = string.IsNullOrWhiteSpace(reference) ? s : reference.Trim();
        if (r.Length > ReferenceMaxLength)
        {
            errors.Add(Error.Validation($"Reference is longer than {ReferenceMaxLength} characters (Linnworks keys updates on it)."));
        }

        return errors.Count > 0 ? Result<ListingData>.Failure(errors) : new ListingData(s, title!.Trim(), quantity, price, r);
    }

    public static Listing Create(string storeId, ListingData data, DateTime utcNow) =>
        new(0, storeId, data.SKU, data.Title, data.Quantity, data.Price, data.Reference, null, null, utcNow, 0);

    /// <summary>The channel sent the listing again; false (nothing changed) if it is the same.</summary>
    public bool Replace(ListingData data, DateTime utcNow)
    {
        if (data.Title == Title && data.Quantity == Quantity && data.Price == Price && data.Reference == Reference)
        {
            return false;
        }

        Title = data.Title;
        Quantity = data.Quantity;
        Price = data.Price;
        Reference = data.Reference;
        UpdatedUtc = utcNow;
        return true;
    }

    /// <summary>Linnworks' new available quantity. False if this exact update was already applied (a retry).</summary>
    public Result<bool> ApplyInventory(int quantity, string updateHash, DateTime utcNow)
    {
        if (quantity < 0)
        {
            return Result<bool>.Failure(Error.Validation("Quantity cannot be negative."));
        }

        if (updateHash == LastInventoryHash)
        {
            return false;
        }

        Quantity = quantity;
        LastInventoryHash = updateHash;
        UpdatedUtc = utcNow;
        return true;
    }

    /// <summary>Linnworks' new price. False if this exact update was already applied (a retry).</summary>
    public Result<bool> ApplyPrice(decimal price, string updateHash, DateTime utcNow)
    {
        if (price < 0)
        {
            return Result<bool>.Failure(Error.Validation("Price cannot be negative."));
        }

        if (updateHash == LastPriceHash)
        {
            return false;
        }

        Price = price;
        LastPriceHash = updateHash;
        UpdatedUtc = utcNow;
        return true;
    }

    internal void MarkSaved(long id)
    {
        Id = id;
        Version++;
    }

    internal static Listing Rehydrate(
        long id, string storeId, string sku, string title, int quantity, decimal? price, string reference,
        string? lastInventoryHash, string? lastPriceHash, DateTime updatedUtc, int version) =>
        new(id, storeId, sku, title, quantity, price, reference, lastInventoryHash, lastPriceHash, updatedUtc, version);
}

/// <summary>A listing as the channel sends it, after <see cref="Listing.Validate"/>.</summary>
public sealed record ListingData(string SKU, string Title, int Quantity, decimal? Price, string Reference);
