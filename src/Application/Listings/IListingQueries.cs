using ChannelBridge.Domain.Listings;

namespace ChannelBridge.Application.Listings;

/// <summary>Stable pages of a store's listings for Linnworks' Products call (a run is fixed at PageNumber 1).</summary>
public interface IListingQueries
{
    Task<ListingPage> GetPageAsync(string integrationId, string storeId, int pageNumber, int pageSize, CancellationToken cancellationToken);
}

public sealed record ListingPage(IReadOnlyList<ListingData> Listings, bool HasMorePages);
