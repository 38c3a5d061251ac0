using ChannelBridge.Application.Common.Contracts;

namespace ChannelBridge.Application.Listings.PriceUpdate;

/// <summary>Linnworks' new channel prices (only changed items, batched).</summary>
public sealed record PriceUpdateCommand : ILinnworksRequest<PriceUpdateResponse>, IRequireAuthToken
{
    public string? AuthorizationToken { get; init; }

    public IReadOnlyList<ProductPriceDto?>? Products { get; init; }
}

public sealed class ProductPriceDto
{
    public string? SKU { get; set; }

    public string? Reference { get; set; }

    public decimal Price { get; set; }

    /// <summary>Free-text price type, often "".</summary>
    public string? Tag { get; set; }
}

public sealed class PriceUpdateResponse : LinnworksResponse
{
    /// <summary>Every SKU sent, successes too (Error null).</summary>
    public IReadOnlyList<SkuResult> Products { get; set; } = [];
}
