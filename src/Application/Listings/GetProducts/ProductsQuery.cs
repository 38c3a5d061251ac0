using ChannelBridge.Application.Common.Contracts;

namespace ChannelBridge.Application.Listings.GetProducts;

/// <summary>Linnworks reads the store's listings, a page at a time from PageNumber 1.</summary>
public sealed record ProductsQuery : ILinnworksRequest<ProductsResponse>, IRequireAuthToken
{
    public string? AuthorizationToken { get; init; }

    public int PageNumber { get; init; }
}

public sealed class ProductsResponse : LinnworksResponse
{
    public bool HasMorePages { get; set; }

    public IReadOnlyList<ProductDto> Products { get; set; } = [];
}
