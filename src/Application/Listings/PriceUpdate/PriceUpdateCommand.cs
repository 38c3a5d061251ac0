using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.OAuth;

namespace ChannelBridge.Application.Listings.PriceUpdate;

/// <summary>Linnworks' new channel prices (only changed items, batched).</summary>
[OAuthScope(OAuthScopeAttribute.Listings)]
public sealed record PriceUpdateCommand : ILinnworksRequest<PriceUpdateResponse>, IRequireLinkedStore, IAnswersEveryItem<PriceUpdateResponse>
{
    public string? AuthorizationToken { get; init; }

    [JsonConverter(typeof(ItemListJsonConverter<ProductPriceDto>))]
    public IReadOnlyList<ProductPriceDto?>? Products { get; init; }

    public PriceUpdateResponse AnswerEveryItem(string error, bool transient) =>
        new() { Error = error, Products = SkuResult.ForEach(Products, error) };
}

public sealed class ProductPriceDto : LinnworksSkuItem
{
    public decimal Price { get; set; }

    /// <summary>
    /// Free-text price type, often "". An untagged price is the listing's selling price (what Products
    /// reports); a tagged one (e.g. RETAILPRICE) is kept beside it and passed to the channel on the feed.
    /// </summary>
    public string? Tag { get; set; }
}

public sealed class PriceUpdateResponse : LinnworksResponse, ICountsItems
{
    int ICountsItems.ItemCount => Products.Count;

    /// <summary>Every SKU sent, successes too (Error null).</summary>
    public IReadOnlyList<SkuResult> Products { get; set; } = [];
}
