using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Application.Stores;

/// <summary>Load → change → save for one store, answering not-found and concurrent-change as results.</summary>
internal sealed class StoreChanger(IStoreRepository stores)
{
    public async Task<Result<T>> ChangeAsync<T>(string storeId, Func<Store, Result<T>> change, CancellationToken cancellationToken)
    {
        var store = await stores.GetByIdAsync(storeId, cancellationToken);
        if (store is null)
        {
            return Result<T>.Failure(StoreErrors.NotFound(storeId));
        }

        var result = change(store);
        if (result.IsFailure)
        {
            return result;
        }

        try
        {
            await stores.SaveAsync(store, cancellationToken);
            return result;
        }
        catch (ConcurrencyConflictException)
        {
            return Result<T>.Failure(StoreErrors.Conflict);
        }
    }
}
