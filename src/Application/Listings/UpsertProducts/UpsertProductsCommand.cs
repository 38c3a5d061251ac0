using ChannelBridge.Application.Common;

namespace ChannelBridge.Application.Listings.UpsertProducts;

/// <summary>The channel pushes its listings; each is created, updated, left unchanged or rejected by SKU.</summary>
public sealed record UpsertProductsCommand(string StoreId, IReadOnlyList<ProductDto>? Products) : Stores.IChannelRequest<UpsertProductsResponse>;

public sealed class UpsertProductsResponse
{
    /// <summary>One per listing sent, in the order sent.</summary>
    public IReadOnlyList<ProductUpsertResult> Results { get; set; } = [];
}

public sealed class ProductUpsertResult
{
    public string? SKU { get; set; }

    public UpsertStatus Status { get; set; }

    public IReadOnlyList<string> Errors { get; set; } = [];
}
