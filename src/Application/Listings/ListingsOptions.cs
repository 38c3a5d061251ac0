using System.ComponentModel.DataAnnotations;

namespace ChannelBridge.Application.Listings;

/// <summary>Section <c>Listings</c>.</summary>
public sealed class ListingsOptions
{
    public const string SectionName = "Listings";

    /// <summary>Listings per Products page.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>
    /// Days a listing feed (a ListingCreate, ListingUpdate or ListingDelete call and its jobs) is kept once every job is
    /// reported; then it is deleted, hourly. Linnworks asks CheckFeed until a feed is ready, and a call resent after this
    /// makes a new feed. A feed with a job never reported is kept. 0 keeps every feed.
    /// </summary>
    [Range(0, 3650)]
    public int FeedRetentionDays { get; set; } = 30;

    /// <summary>
    /// The most listings one store may hold (0: any number): a new SKU past it is answered Rejected, the listings the store
    /// holds still update (ADR-039). Every store shares the database; a push may carry 10,000 new SKUs.
    /// </summary>
    [Range(0, long.MaxValue, ErrorMessage = "Listings:MaxListingsPerStore must be 0 (no limit) or a number of listings.")]
    public long MaxListingsPerStore { get; set; } = 1_000_000;

    /// <summary>
    /// The most characters of listing jobs one store may hold (0: any number): the listings Linnworks' listing tool sent
    /// (up to 4 MiB a call) on the store's listing feeds and on its updates feed, until retention deletes them. Past it, a
    /// ListingUpdate or ListingDelete is answered with an Error and nothing is stored (ADR-039): without it, one store
    /// owner calling ListingUpdate with the integration's token stored 2 GB in 20 seconds.
    /// </summary>
    [Range(0, long.MaxValue, ErrorMessage = "Listings:MaxListingJobCharsPerStore must be 0 (no limit) or a number of characters.")]
    public long MaxListingJobCharsPerStore { get; set; } = 20_000_000_000;
}
