using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Domain.Listings;

namespace ChannelBridge.Application.Listings;

/// <summary>An item of a Linnworks batch named by SKU (InventoryUpdate, PriceUpdate): the key and its read failure, once.</summary>
public abstract class LinnworksSkuItem : ILinnworksItem
{
    public static string KeyProperty => nameof(SKU);

    public string? SKU { get; set; }

    /// <summary>The channel's own reference for the listing, as Products reported it.</summary>
    public string? Reference { get; set; }

    [JsonIgnore]
    public string? ItemKey
    {
        get => SKU;
        set => SKU = value;
    }

    [JsonIgnore]
    public string? ReadError { get; set; }

    /// <summary>
    /// What the store's feed relays of this item, applied to <paramref name="listing"/>: the listing named as the store
    /// holds it (its SKU and Reference, whatever spacing or older Reference Linnworks sent), so a platform finds its own
    /// listing by either, and each value as the listing took it. Its hash is what tells a retried item from a change.
    /// </summary>
    public abstract LinnworksSkuItem RelayedFor(Listing listing);

    /// <summary>A copy of this item naming <paramref name="listing"/> as the store holds it, every other value as sent.</summary>
    protected LinnworksSkuItem NamedAs(Listing listing)
    {
        var relayed = (LinnworksSkuItem)MemberwiseClone();
        relayed.SKU = listing.SKU;
        relayed.Reference = listing.Reference;
        return relayed;
    }
}
