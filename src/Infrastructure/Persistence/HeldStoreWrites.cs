using ChannelBridge.Application.Common.Ports;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// <see cref="IStoreWriteLock"/> on the call's connections: one connection and transaction, the store's row taken first
/// (<see cref="StoreWriteLock"/>, the lock every write on a store's orders, listings and feed takes), made the call's
/// writes (<see cref="CallConnections.Hold"/>) while the work reads and saves through the repositories, and committed
/// when it returns. On SQLite the transaction holds the write lock from its start, so the work's reads see the newest
/// rows as well. The work's writes are committed only if each of them finished (<see cref="HeldWrites"/>): a failure a
/// work catches and goes on from leaves nothing half-written.
/// </summary>
internal sealed class HeldStoreWrites(CallConnections connections) : IStoreWriteLock
{
    public async Task<T> RunAsync<T>(string storeId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await using var write = await connections.BeginWriteAsync(cancellationToken);
        await StoreWriteLock.TakeAsync(write.Connection, write.Transaction!, [storeId], cancellationToken);
        var held = new HeldWrites(write.Connection, write.Transaction!);
        connections.Hold(held);
        T result;
        try
        {
            result = await work();
        }
        finally
        {
            connections.Release();
        }

        if (held.Unfinished != 0)
        {
            // A repository's write failed part way and the work went on (it caught the failure): what that write left
            // in the transaction is not kept, nor anything else of the work's.
            throw new InvalidOperationException("A write with the store's writes held did not finish; nothing of the work is kept.");
        }

        await write.CommitAsync(cancellationToken);
        return result;
    }
}
