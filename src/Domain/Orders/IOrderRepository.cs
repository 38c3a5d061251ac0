namespace ChannelBridge.Domain.Orders;

public interface IOrderRepository
{
    /// <summary>The store's orders with these references (missing ones are absent from the result).</summary>
    Task<IReadOnlyDictionary<string, ChannelOrder>> GetByReferencesAsync(string storeId, IReadOnlyCollection<string> referenceNumbers, CancellationToken cancellationToken);

    /// <summary>
    /// Stores new and changed orders in one transaction; each one's change becomes visible to Linnworks
    /// again (a new entry in the change log the Orders endpoint pages through).
    /// </summary>
    /// <exception cref="Common.ConcurrencyConflictException">An order changed since it was loaded.</exception>
    Task SaveChangesAsync(IReadOnlyList<OrderToSave> orders, CancellationToken cancellationToken);

    /// <summary>
    /// Saves orders whose personal data was erased (<see cref="ChannelOrder.ErasePersonalData"/>), in one transaction, each
    /// against its version (<see cref="Common.ConcurrencyConflictException"/> otherwise). Not a change Linnworks downloads.
    /// </summary>
    Task SaveErasedAsync(IReadOnlyList<OrderToSave> orders, CancellationToken cancellationToken);

    /// <summary>The feed entry already recorded under this dedup key, if any.</summary>
    Task<StoreUpdate?> FindUpdateAsync(string storeId, string dedupKey, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the order and appends <paramref name="feedEntry"/> to the store's updates feed (what the platform reads) in one
    /// transaction: both or neither, so a despatch is never on the order without its feed entry, nor the other way round.
    /// Returns the entry already recorded under the same dedup key instead, changing nothing, if a concurrent call won.
    /// </summary>
    Task<StoreUpdate> SaveWithFeedEntryAsync(OrderToSave order, StoreUpdate feedEntry, CancellationToken cancellationToken);

    /// <summary>How many orders the store holds, and their content's characters (kept as they are written, so one row's read; ADR-039).</summary>
    Task<OrdersHeld> GetHeldAsync(string storeId, CancellationToken cancellationToken);

    /// <summary>Which of these dedup keys the store's feed already holds.</summary>
    Task<IReadOnlySet<string>> FindUpdateKeysAsync(string storeId, IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the orders and appends the feed entries in one transaction: all or none.
    /// </summary>
    /// <exception cref="Common.ConcurrencyConflictException">
    /// An order changed since it was loaded, or an entry's dedup key was recorded meanwhile (a concurrent call): nothing is saved.
    /// </exception>
    Task SaveWithFeedEntriesAsync(IReadOnlyList<OrderToSave> orders, IReadOnlyList<StoreUpdate> feedEntries, CancellationToken cancellationToken);
}

/// <summary>What a store holds of orders: how many, and the characters of their content as stored.</summary>
public readonly record struct OrdersHeld(long Orders, long Chars);
