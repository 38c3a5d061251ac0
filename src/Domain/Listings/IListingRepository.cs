using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Domain.Listings;

public interface IListingRepository
{
    /// <summary>The store's listings with these SKUs (missing ones are absent).</summary>
    Task<IReadOnlyDictionary<string, Listing>> GetBySkusAsync(string storeId, IReadOnlyCollection<string> skus, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the listings and appends <paramref name="updates"/> to the store's feed, all in one transaction.
    /// </summary>
    /// <exception cref="Common.ConcurrencyConflictException">A listing changed since it was loaded, or its SKU was just created.</exception>
    Task SaveAsync(IReadOnlyList<Listing> listings, IReadOnlyList<StoreUpdate> updates, CancellationToken cancellationToken);

    /// <summary>Removes the store's listings with these SKUs, in one transaction; the SKUs it held (any other was not found).</summary>
    Task<IReadOnlySet<string>> DeleteAsync(string storeId, IReadOnlyCollection<string> skus, CancellationToken cancellationToken);

    /// <summary>How many listings the store holds (counted as they are inserted and deleted, so one row's read; ADR-039).</summary>
    Task<long> CountAsync(string storeId, CancellationToken cancellationToken);
}
