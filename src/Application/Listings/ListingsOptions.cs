using System.ComponentModel.DataAnnotations;

namespace ChannelBridge.Application.Listings;

/// <summary>Section <c>Listings</c>.</summary>
public sealed class ListingsOptions
{
    public const string SectionName = "Listings";

    /// <summary>Listings per Products page.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;
}
