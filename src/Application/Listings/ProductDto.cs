using AutoMapper;
using ChannelBridge.Domain.Listings;

namespace ChannelBridge.Application.Listings;

/// <summary>A listing on the wire (reference §13): what the channel pushes and what Linnworks' Products returns.</summary>
public sealed class ProductDto
{
    public string? SKU { get; set; }

    public string? Title { get; set; }

    public int Quantity { get; set; }

    public decimal? Price { get; set; }

    /// <summary>The channel's id for the listing (at most 64 characters); the SKU when not sent.</summary>
    public string? Reference { get; set; }

    private sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<ListingData, ProductDto>();
    }
}
