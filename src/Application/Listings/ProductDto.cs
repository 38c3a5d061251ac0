namespace ChannelBridge.Application.Listings;

/// <summary>A listing as the channel pushes it; Linnworks reads <see cref="GetProducts.LinnworksProduct"/>.</summary>
public sealed class ProductDto
{
    public string? SKU { get; set; }

    public string? Title { get; set; }

    public int Quantity { get; set; }

    public decimal? Price { get; set; }

    /// <summary>The channel's id for the listing (at most 64 characters); the SKU when not sent.</summary>
    public string? Reference { get; set; }
}
