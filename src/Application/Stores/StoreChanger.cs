using ChannelBridge.Application.Common;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Application.Stores;

/// <summary>
/// Load → change → save for one store, answering not-found as a result. A concurrent change of the same store is retried
/// on the fresh store (<see cref="ConflictRetry"/>): every change here is decided from the store as loaded, so applying it
/// again on top of the other writer's is what the caller asked for; past the attempts it is a Conflict.
/// </summary>
internal sealed class StoreChanger(IStoreRepository stores)
{
    public Task<Result<T>> ChangeAsync<T>(string storeId, Func<Store, Result<T>> change, CancellationToken cancellationToken) =>
        ConflictRetry.RunAsync(
            async _ =>
            {
                var store = await stores.GetByIdAsync(storeId, cancellationToken);
                if (store is null)
                {
                    return Result<T>.Failure(StoreErrors.NotFound(storeId));
                }

                var result = change(store);
                if (result.IsSuccess)
                {
                    await stores.SaveAsync(store, cancellationToken);
                }

                return result;
            },
            whenExhausted: () => Result<T>.Failure(StoreErrors.Conflict));
}
