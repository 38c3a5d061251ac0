using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.OAuth;
using ChannelBridge.Domain.Listings;

namespace ChannelBridge.Application.Listings.InventoryUpdate;

/// <summary>Linnworks' new available quantities (only changed items, batched).</summary>
[OAuthScope(OAuthScopeAttribute.Listings)]
public sealed record InventoryUpdateCommand : ILinnworksRequest<InventoryUpdateResponse>, IRequireLinkedStore, IAnswersEveryItem<InventoryUpdateResponse>
{
    public string? AuthorizationToken { get; init; }

    [JsonConverter(typeof(ItemListJsonConverter<ProductInventoryDto>))]
    public IReadOnlyList<ProductInventoryDto?>? Products { get; init; }

    public InventoryUpdateResponse AnswerEveryItem(string error, bool transient) =>
        new() { Error = error, Products = SkuResult.ForEach(Products, error) };
}

public sealed class ProductInventoryDto : LinnworksSkuItem
{
    /// <summary>Stock minus open orders, after Linnworks' listing rules; never negative.</summary>
    public int Quantity { get; set; }

    /// <summary>Per-location quantities when multi-location inventory is on; Tag is the location tag.</summary>
    public List<LocationLevelDto>? MultiLocationLevels { get; set; }

    public override LinnworksSkuItem RelayedFor(Listing listing) => NamedAs(listing);
}

public sealed class LocationLevelDto
{
    public string? Tag { get; set; }

    public int Quantity { get; set; }
}

public sealed class InventoryUpdateResponse : LinnworksResponse, ICountsItems
{
    int ICountsItems.ItemCount => Products.Count;

    /// <summary>Every SKU sent, successes too (Error null).</summary>
    public IReadOnlyList<SkuResult> Products { get; set; } = [];
}
