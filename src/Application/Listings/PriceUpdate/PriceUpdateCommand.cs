using System.Text.Json.Serialization;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.OAuth;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;

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

    /// <summary>The price rounded as the listing keeps it (<see cref="Listing.PriceDecimals"/> places), the tag trimmed.</summary>
    public override LinnworksSkuItem RelayedFor(Listing listing)
    {
        var relayed = (ProductPriceDto)NamedAs(listing);
        relayed.Price = Money.Round(Price);
        relayed.Tag = string.IsNullOrWhiteSpace(Tag) ? null : Tag.Trim();
        return relayed;
    }
}

public sealed class PriceUpdateResponse : LinnworksResponse, ICountsItems
{
    int ICountsItems.ItemCount => Products.Count;

    /// <summary>Every SKU sent, successes too (Error null).</summary>
    public IReadOnlyList<SkuResult> Products { get; set; } = [];
}
