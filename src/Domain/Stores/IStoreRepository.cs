namespace ChannelBridge.Domain.Stores;

public interface IStoreRepository
{
    Task<Store?> GetByIdAsync(string storeId, CancellationToken cancellationToken);

    Task<Store?> GetByKeyHashAsync(string keyHashHex, CancellationToken cancellationToken);

    /// <summary>The store's access data alone (one row, no tags), for the check on every Linnworks call; null if there is no such store.</summary>
    Task<StoreAccess?> GetAccessAsync(string storeId, CancellationToken cancellationToken);

    /// <summary>Inserts or updates the store and its tags in one transaction.</summary>
    /// <exception cref="Common.ConcurrencyConflictException">The store changed since it was loaded.</exception>
    Task SaveAsync(Store store, CancellationToken cancellationToken);
}
