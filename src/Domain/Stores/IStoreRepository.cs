namespace ChannelBridge.Domain.Stores;

public interface IStoreRepository
{
    Task<Store?> GetByIdAsync(string storeId, CancellationToken cancellationToken);

    Task<Store?> GetByKeyHashAsync(string keyHashHex, CancellationToken cancellationToken);

    /// <summary>Inserts or updates the store and its tags in one transaction.</summary>
    /// <exception cref="Common.ConcurrencyConflictException">The store changed since it was loaded.</exception>
    Task SaveAsync(Store store, CancellationToken cancellationToken);
}
