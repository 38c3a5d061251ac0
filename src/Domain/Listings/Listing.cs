using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Listings;

/// <summary>
/// A store's listing as Linnworks maps it: SKU (unique per store), Title, Quantity,
/// Price and Reference (the channel's id, at most 64 characters, the SKU if none). The channel sets it;
/// Linnworks' InventoryUpdate and PriceUpdate overwrite Quantity and Price, so the next Products call
/// reports what Linnworks last sent.
/// </summary>
public sealed class Listing
{
    public const int SkuMaxLength = 100;
    public const int TitleMaxLength = 500;
    public const int ReferenceMaxLength = 64;

    public const int PriceTagMaxLength = 64;

    /// <summary>Prices keep <see cref="Money.Decimals"/> places, from the channel and from Linnworks alike (rounded, never refused).</summary>
    public const int PriceDecimals = Money.Decimals;
    public const int MaxPriceTags = 20;

    private readonly SortedDictionary<string, decimal> _taggedPrices;

    private Listing(
        long id, string storeId, string sku, string title, int quantity, decimal? price, string reference, IReadOnlyDictionary<string, decimal> taggedPrices,
        string? lastInventoryHash, string? lastPriceHash, DateTime updatedUtc, int version)
    {
        _taggedPrices = new SortedDictionary<string, decimal>(taggedPrices.ToDictionary(), StringComparer.OrdinalIgnoreCase);
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

    /// <summary>Prices Linnworks sent with a Tag (RETAILPRICE, …): kept beside <see cref="Price"/>, never over it.</summary>
    public IReadOnlyDictionary<string, decimal> TaggedPrices => _taggedPrices;

    /// <summary>Hash of the last InventoryUpdate item applied: the same item again is a retry, not a change.</summary>
    public string? LastInventoryHash { get; private set; }

    public string? LastPriceHash { get; private set; }

    public DateTime UpdatedUtc { get; private set; }

    public int Version { get; private set; }

    /// <summary>Checks a listing as the channel sends it; Reference defaults to the SKU.</summary>
    public static Result<ListingData> Validate(string? sku, string? title, int quantity, decimal? price, string? reference)
    {
        var s = sku?.Trim() ?? string.Empty;
        var r = string.IsNullOrWhiteSpace(reference) ? s : reference.Trim();
        List<Error> errors = [.. Problems(s, title, quantity, price, r).Select(Error.Validation)];
        return errors.Count > 0 ? Result<ListingData>.Failure(errors) : new ListingData(s, title!.Trim(), quantity, Money.Round(price), r);
    }

    private static IEnumerable<string> Problems(string sku, string? title, int quantity, decimal? price, string reference)
    {
        if (sku.Length == 0)
        {
            yield return "SKU is required.";
        }
        else if (sku.Length > SkuMaxLength)
        {
            yield return $"SKU is longer than {SkuMaxLength} characters.";
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            yield return "Title is required.";
        }
        else if (title.Length > TitleMaxLength)
        {
            yield return $"Title is longer than {TitleMaxLength} characters.";
        }

        if (quantity < 0)
        {
            yield return "Quantity cannot be negative.";
        }

        if (price < 0)
        {
            yield return "Price cannot be negative.";
        }
        else if (price > Money.Max)
        {
            yield return $"Price is more than {Money.Max}.";
        }

        if (reference.Length > ReferenceMaxLength)
        {
            yield return $"Reference is longer than {ReferenceMaxLength} characters (Linnworks keys updates on it).";
        }
    }

    public static Listing Create(string storeId, ListingData data, DateTime utcNow) =>
        new(0, storeId, data.SKU, data.Title, data.Quantity, data.Price, data.Reference, new Dictionary<string, decimal>(), null, null, utcNow, 0);

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

    /// <summary>
    /// Linnworks' new price: the selling price when <paramref name="tag"/> is empty, else the price of that
    /// type beside it. False if this exact update was already applied (a retry).
    /// </summary>
    public Result<bool> ApplyPrice(decimal price, string? tag, string updateHash, DateTime utcNow)
    {
        var priceTag = tag?.Trim() ?? string.Empty;
        if (PriceError(price, priceTag) is { } error)
        {
            return Result<bool>.Failure(Error.Validation(error));
        }

        if (updateHash == LastPriceHash)
        {
            return false;
        }

        // Linnworks computes prices (percentages, currency conversion): keep four places, as both databases store.
        price = Money.Round(price);
        if (priceTag.Length == 0)
        {
            Price = price;
        }
        else
        {
            _taggedPrices[priceTag] = price;
        }

        LastPriceHash = updateHash;
        UpdatedUtc = utcNow;
        return true;
    }

    /// <summary>Why this price cannot be applied (negative, too large, a tag too long or one tag too many), or null.</summary>
    private string? PriceError(decimal price, string priceTag) => price switch
    {
        < 0 => "Price cannot be negative.",
        _ when price > Money.Max => $"Price is more than {Money.Max}.",
        _ when priceTag.Length > PriceTagMaxLength => $"Tag is longer than {PriceTagMaxLength} characters.",
        _ when priceTag.Length > 0 && !_taggedPrices.ContainsKey(priceTag) && _taggedPrices.Count >= MaxPriceTags => $"A listing keeps at most {MaxPriceTags} tagged prices.",
        _ => null,
    };

    internal void MarkSaved(long id)
    {
        Id = id;
        Version++;
    }

    internal static Listing Rehydrate(
        long id, string storeId, string sku, string title, int quantity, decimal? price, string reference, IReadOnlyDictionary<string, decimal> taggedPrices,
        string? lastInventoryHash, string? lastPriceHash, DateTime updatedUtc, int version) =>
        new(id, storeId, sku, title, quantity, price, reference, taggedPrices, lastInventoryHash, lastPriceHash, updatedUtc, version);
}

/// <summary>A listing as the channel sends it, after <see cref="Listing.Validate"/>.</summary>
public sealed record ListingData(string SKU, string Title, int Quantity, decimal? Price, string Reference);
