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

    public static async Task TakeAsync(DbConnection connection, DbTransaction tx, IEnumerable<string> storeIds, CancellationToken cancellationToken)
    {
        // A fixed order, so two writers over several stores cannot deadlock.
        foreach (var storeId in storeIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(new CommandDefinition(Take, new { StoreId = storeId }, tx, cancellationToken: cancellationToken));
        }
    }
}
