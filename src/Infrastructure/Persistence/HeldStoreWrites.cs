using ChannelBridge.Application.Common.Ports;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// <see cref="IStoreWriteLock"/> on the call's connections: one connection and transaction, the store's row taken first
/// (<see cref="StoreWriteLock"/>, the lock every write on a store's orders, listings and feed takes), made the call's
/// writes (<see cref="CallConnections.Hold"/>) while the work reads and saves through the repositories, and committed
/// when it returns. On SQLite the transaction holds the write lock from its start, so the work's reads see the newest
/// rows as well.
/// </summary>
internal sealed class HeldStoreWrites(CallConnections connections) : IStoreWriteLock
{
    public async Task<T> RunAsync<T>(string storeId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await using var write = await connections.BeginWriteAsync(cancellationToken);
        await StoreWriteLock.TakeAsync(write.Connection, write.Transaction!, [storeId], cancellationToken);
        connections.Hold(new CallConnection(write.Connection, write.Transaction, owned: false));
        T result;
        try
        {
            result = await work();
        }
        finally
        {
            connections.Release();
        }

        await write.CommitAsync(cancellationToken);
        return result;
    }
}
