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

    private const string TakeCounting = """
        UPDATE Stores SET FeedLock = FeedLock + 1, OrderCount = OrderCount + @Orders, ListingCount = ListingCount + @Listings WHERE Id = @StoreId
        """;

    private const string Uncount = "UPDATE Stores SET ListingCount = ListingCount - @Deleted WHERE Id = @StoreId";

    /// <summary>
    /// Takes the stores' rows; with <paramref name="added"/>, the same statement adds each store's new orders and listings
    /// to its counts (ADR-039), which the transaction's rollback takes back with them.
    /// </summary>
    public static async Task TakeAsync(
        DbConnection connection, DbTransaction tx, IEnumerable<string> storeIds, CancellationToken cancellationToken, IReadOnlyDictionary<string, StoreRowsAdded>? added = null)
    {
        // A fixed order, so two writers over several stores cannot deadlock.
        foreach (var storeId in storeIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var command = added is not null && added.TryGetValue(storeId, out var rows) && rows != default
                ? new CommandDefinition(TakeCounting, new { StoreId = storeId, rows.Orders, rows.Listings }, tx, cancellationToken: cancellationToken)
                : new CommandDefinition(Take, new { StoreId = storeId }, tx, cancellationToken: cancellationToken);
            await connection.ExecuteAsync(command);
        }
    }

    /// <summary>Takes <paramref name="deleted"/> listings off the store's count, in the transaction that deleted them.</summary>
    public static Task UncountListingsAsync(DbConnection connection, DbTransaction tx, string storeId, int deleted, CancellationToken cancellationToken) =>
        deleted == 0 ? Task.CompletedTask : connection.ExecuteAsync(new CommandDefinition(Uncount, new { StoreId = storeId, Deleted = deleted }, tx, cancellationToken: cancellationToken));
}

/// <summary>The orders and listings a transaction inserts for one store: what its counts gain.</summary>
internal readonly record struct StoreRowsAdded(int Orders, int Listings)
{
    public static Dictionary<string, StoreRowsAdded> ByStore<T>(IEnumerable<T> rows, Func<T, bool> isNew, Func<T, string> storeOf, bool listings) =>
        rows.Where(isNew).GroupBy(storeOf, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => listings ? new StoreRowsAdded(0, g.Count()) : new StoreRowsAdded(g.Count(), 0), StringComparer.Ordinal);
}
