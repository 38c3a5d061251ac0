namespace ChannelBridge.Application.Common.Ports;

/// <summary>
/// A store's writes held for the length of some work: inside <see cref="RunAsync{T}"/> what the repositories read of
/// the store and what they save are one transaction, begun by taking the store's write lock, so no other writer (on
/// any node) changes what the work read before it saves. The work cannot meet a concurrency conflict, at the price of
/// every other writer of the store waiting while it reads and decides; <see cref="ConflictRetry"/> asks for it only
/// after optimistic attempts have met other writers. The work reads and writes through the order and listing
/// repositories only, which use the held transaction; another repository's write would wait behind it.
/// </summary>
public interface IStoreWriteLock
{
    /// <summary>Runs <paramref name="work"/> with <paramref name="storeId"/>'s writes held, and commits what it saved when it returns.</summary>
    Task<T> RunAsync<T>(string storeId, Func<Task<T>> work, CancellationToken cancellationToken);
}
