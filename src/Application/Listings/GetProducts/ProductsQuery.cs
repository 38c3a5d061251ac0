using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.OAuth;

namespace ChannelBridge.Application.Listings.GetProducts;

/// <summary>Linnworks reads the store's listings, a page at a time from PageNumber 1.</summary>
[OAuthScope(OAuthScopeAttribute.Listings)]
public sealed record ProductsQuery : ILinnworksRequest<ProductsResponse>, IRequireLinkedStore
{
    public string? AuthorizationToken { get; init; }

    public int PageNumber { get; init; }
}

public sealed class ProductsResponse : LinnworksResponse, ICountsItems
{
    int ICountsItems.ItemCount => Products.Count;

    public bool HasMorePages { get; set; }

    public IReadOnlyList<LinnworksProduct> Products { get; set; } = [];
}

/// <summary>
/// A listing as Linnworks' Products reads it: every value present. A listing the channel
/// pushed without a price is sent with Price 0 (Linnworks' Price is a decimal; Products is for mapping,
/// and Linnworks' own price updates set the price from then on).
/// </summary>
public sealed class LinnworksProduct
{
    public string SKU { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public int Quantity { get; set; }

    public decimal Price { get; set; }

    public string Reference { get; set; } = string.Empty;

    private sealed class Mapping : AutoMapper.Profile
    {
        public Mapping() => CreateMap<Domain.Listings.ListingData, LinnworksProduct>().ForMember(d => d.Price, o => o.MapFrom(s => s.Price ?? 0m));
    }
}
