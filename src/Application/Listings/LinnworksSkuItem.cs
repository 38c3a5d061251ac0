using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Json;

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
}
