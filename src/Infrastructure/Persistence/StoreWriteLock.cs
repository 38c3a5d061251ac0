using System.Data.Common;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// Serialises the transactions that append to a store's feed (StoreUpdates) or order change log
/// (OrderChanges). Identity values are handed out at insert but become visible at commit; without this,
/// on SQL Server a transaction holding id 5 could commit after one holding id 6, and a reader that had
/// already moved past 6 would never see 5. Taking the store's row first makes ids per store follow
/// commit order. (SQLite already serialises writers; the statement costs nothing there.)
/// </summary>
internal static class StoreWriteLock
{
    private const string Take = "UPDATE Stores SET FeedLock = FeedLock + 1 WHERE Id = @StoreId";

    private const string TakeCountingOrders = "UPDATE Stores SET FeedLock = FeedLock + 1, OrderCount = OrderCount + @Added WHERE Id = @StoreId";

    /// <summary>
    /// Takes the stores' rows; with <paramref name="addedOrders"/>, the same statement adds each store's new orders to its
    /// <c>OrderCount</c> (ADR-039), which the transaction's rollback takes back with the orders.
    /// </summary>
    public static async Task TakeAsync(
        DbConnection connection, DbTransaction tx, IEnumerable<string> storeIds, CancellationToken cancellationToken, IReadOnlyDictionary<string, int>? addedOrders = null)
    {
        // A fixed order, so two writers over several stores cannot deadlock.
        foreach (var storeId in storeIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var command = addedOrders is not null && addedOrders.TryGetValue(storeId, out var added) && added > 0
                ? new CommandDefinition(TakeCountingOrders, new { StoreId = storeId, Added = added }, tx, cancellationToken: cancellationToken)
                : new CommandDefinition(Take, new { StoreId = storeId }, tx, cancellationToken: cancellationToken);
            await connection.ExecuteAsync(command);
        }
    }
}
