using System.Data.Common;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// Serialises the transactions that append to a store's feed (StoreUpdates) or order change log
/// (OrderChanges). Identity values are handed out at insert but become visible at commit; without this,
/// on SQL Server a transaction holding id 5 could commit after one holding id 6, and a reader that had
/// already moved past 6 would never see 5. Taking the store's row first makes ids per store follow
/// commit order. The feed's cursors are numbered from the store's row itself (<see cref="StoreFeedAppend"/>), which
/// holds them in commit order the same way. (SQLite already serialises writers; the statement costs nothing there.)
/// </summary>
internal static class StoreWriteLock
{
    private const string Take = "UPDATE Stores SET FeedLock = FeedLock + 1 WHERE Id = @StoreId";

    private const string TakeCounting = """
        UPDATE Stores SET FeedLock = FeedLock + 1, OrderCount = OrderCount + @Orders, OrderChars = OrderChars + @OrderChars, ListingCount = ListingCount + @Listings,
            ListingJobChars = ListingJobChars + @ListingJobChars
        WHERE Id = @StoreId
        """;

    private const string Uncount = "UPDATE Stores SET ListingCount = ListingCount - @Deleted WHERE Id = @StoreId";

    /// <summary>
    /// Takes the stores' rows; with <paramref name="added"/>, the same statement adds each store's new orders and listings,
    /// and what its orders' content grew by, to its counts (ADR-039), which the transaction's rollback takes back with them.
    /// </summary>
    public static async Task TakeAsync(
        DbConnection connection, DbTransaction tx, IEnumerable<string> storeIds, CancellationToken cancellationToken, IReadOnlyDictionary<string, StoreRowsAdded>? added = null)
    {
        // A fixed order, so two writers over several stores cannot deadlock.
        foreach (var storeId in storeIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var command = added is not null && added.TryGetValue(storeId, out var rows) && rows != default
                ? new CommandDefinition(TakeCounting, new { StoreId = storeId, rows.Orders, rows.OrderChars, rows.Listings, rows.ListingJobChars }, tx, cancellationToken: cancellationToken)
                : new CommandDefinition(Take, new { StoreId = storeId }, tx, cancellationToken: cancellationToken);
            await connection.ExecuteAsync(command);
        }
    }

    /// <summary>Takes <paramref name="deleted"/> listings off the store's count, in the transaction that deleted them.</summary>
    public static Task UncountListingsAsync(DbConnection connection, DbTransaction tx, string storeId, int deleted, CancellationToken cancellationToken) =>
        deleted == 0 ? Task.CompletedTask : connection.ExecuteAsync(new CommandDefinition(Uncount, new { StoreId = storeId, Deleted = deleted }, tx, cancellationToken: cancellationToken));
}

/// <summary>
/// The orders and listings a transaction inserts for one store, the characters its orders' content grows by (less for a
/// smaller or erased one) and the characters of the listing jobs it stores: what its counts gain.
/// </summary>
internal readonly record struct StoreRowsAdded(int Orders, int Listings, long OrderChars = 0, long ListingJobChars = 0)
{
    /// <summary>
    /// A new listing feed's listings, for its store, counted as the pruner's statement measures them when it deletes the
    /// feed (its jobs' entries on the updates feed count as they are appended, <see cref="StoreFeedAppend"/>).
    /// </summary>
    public static Dictionary<string, StoreRowsAdded> OfListingFeed(Domain.ListingFeeds.ListingFeed feed, SqlDialect dialect) =>
        new(StringComparer.Ordinal) { [feed.StoreId] = new StoreRowsAdded(0, 0, ListingJobChars: feed.Items.Sum(i => dialect.CharsOf(i.ListingJson))) };

    /// <summary>The new (not yet stored) ones among <paramref name="orders"/>, and what each one's content, written as <paramref name="chars"/>, adds, by store.</summary>
    public static Dictionary<string, StoreRowsAdded> OfOrders(IReadOnlyList<Domain.Orders.OrderToSave> orders, IReadOnlyList<long> chars)
    {
        var added = new Dictionary<string, StoreRowsAdded>(StringComparer.Ordinal);
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i].Order;
            var sum = added.GetValueOrDefault(order.StoreId);
            added[order.StoreId] = sum with { Orders = sum.Orders + (order.Id == 0 ? 1 : 0), OrderChars = sum.OrderChars + chars[i] - order.StoredChars };
        }

        return added;
    }

    /// <summary>The new (not yet stored) ones among <paramref name="listings"/>, by store.</summary>
    public static Dictionary<string, StoreRowsAdded> OfListings(IEnumerable<Domain.Listings.Listing> listings) =>
        listings.Where(l => l.Id == 0).CountBy(l => l.StoreId, StringComparer.Ordinal)
            .ToDictionary(c => c.Key, c => new StoreRowsAdded(0, c.Value), StringComparer.Ordinal);
}
