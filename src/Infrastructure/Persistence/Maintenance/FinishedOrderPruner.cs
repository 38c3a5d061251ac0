using ChannelBridge.Application.Orders;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.Persistence.Maintenance;

/// <summary>
/// Deletes finished orders (despatched or cancelled in full) whose last change, from the platform or from Linnworks, is
/// older than <see cref="OrdersOptions.FinishedRetentionDays"/>, with their change log rows, and takes them off their
/// store's counts (ADR-044). Linnworks never downloads a despatched order again and has long had a cancelled one, so what
/// is left of them is of use to nobody; kept for ever, they fill the database and bring an honest store to
/// <see cref="OrdersOptions.MaxOrdersPerStore"/>.
/// <para>
/// The candidates are read first, outside any transaction; each store's are then deleted in one transaction that first
/// takes the store's row (<see cref="StoreWriteLock"/>, as every writer of its orders does) and deletes only those still
/// finished and past the cut-off, so an order changed meanwhile is left whole and the counts lose exactly what was deleted.
/// </para>
/// <para>
/// No order a live download run can see is deleted: a run's pages are fixed by their boundaries, and a page asked for
/// without its predecessor's (on another node, after a restart) is found by counting the run's orders again (ADR-005),
/// which would then start one order later for each order gone and skip one. An order with a change at or past where a
/// live Orders run of its store begins (<see cref="LiveOrderRuns"/>) waits for a later round; the round goes on past it.
/// </para>
/// </summary>
internal sealed partial class FinishedOrderPruner(
    DbConnectionFactory connections, IOptions<OrdersOptions> options, TimeProvider time, ILogger<FinishedOrderPruner> logger)
{
    /// <summary>
    /// Orders a batch reads at most. Their ids go as parameters (under SQL Server's 2,100), and an order's change rows are
    /// a handful, which keeps a delete under SQL Server's lock-escalation threshold (5,000 locks on one object).
    /// </summary>
    public const int DefaultBatchSize = 500;

    // Oldest change first, from where the last batch stopped: a batch may leave orders a live run can see behind it.
    private const string SelectDue = """
        SELECT /*TOP*/ Id, StoreId, LastChangedUtc, (SELECT MAX(c.Seq) FROM OrderChanges c WHERE c.OrderId = Orders.Id) AS LastSeq FROM Orders
        WHERE Status IN (2, 3) AND LastChangedUtc < @Cutoff AND (LastChangedUtc > @AfterUtc OR (LastChangedUtc = @AfterUtc AND Id > @AfterId))
        ORDER BY LastChangedUtc, Id
        /*LIMIT*/
        """;

    private const string SelectStillDue = """
        SELECT Id, COALESCE(ContentChars, /*LENGTH*/(ContentJson)) AS Chars FROM Orders
        WHERE Id IN @Ids AND StoreId = @StoreId AND Status IN (2, 3) AND LastChangedUtc < @Cutoff
        """;

    private const string DeleteChanges = "DELETE FROM OrderChanges WHERE OrderId IN @Ids";

    private const string DeleteOrders = "DELETE FROM Orders WHERE Id IN @Ids";

    private const string Uncount = "UPDATE Stores SET OrderCount = OrderCount - @Orders, OrderChars = OrderChars - @Chars WHERE Id = @StoreId";

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    /// <summary>Deletes the finished orders past the retention in batches; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken, int batchSize = DefaultBatchSize)
    {
        var days = options.Value.FinishedRetentionDays;
        if (days == 0)
        {
            return 0;
        }

        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        var (total, after) = (0, new Candidate { LastChangedUtc = DateTime.MinValue });
        while (await NextBatchAsync(cutoff, after, batchSize, cancellationToken) is { Count: > 0 } batch)
        {
            total += await DeleteBatchAsync(batch, cutoff, cancellationToken);
            if (batch.Count < batchSize || !batch[^1].IsAfter(after))
            {
                // The last batch, or one that did not move on (a time stored in another text form than the one it is
                // asked with): the next round starts again from the oldest.
                break;
            }

            after = batch[^1];
        }

        if (total > 0)
        {
            LogPruned(total, days);
        }

        return total;
    }

    private async Task<List<Candidate>> NextBatchAsync(DateTime cutoff, Candidate after, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { Cutoff = cutoff, AfterUtc = after.LastChangedUtc, AfterId = after.Id, Limit = batchSize };
        return [.. await connection.QueryAsync<Candidate>(new CommandDefinition(_dialect.Render(SelectDue), args, cancellationToken: cancellationToken))];
    }

    /// <summary>The batch's orders no live run of their store can see, each store's deleted in a transaction of its own.</summary>
    private async Task<int> DeleteBatchAsync(List<Candidate> batch, DateTime cutoff, CancellationToken cancellationToken)
    {
        var runs = await LiveOrderRuns.ReachingBackAsync(connections, time.GetUtcNow().UtcDateTime, batch.Max(o => o.LastSeq ?? 0), cancellationToken);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var deleted = 0;
        foreach (var store in batch.GroupBy(o => o.StoreId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var liveFrom = runs.GetValueOrDefault(store.Key, long.MaxValue);
            long[] ids = [.. store.Where(o => (o.LastSeq ?? 0) < liveFrom).Select(o => o.Id)];
            if (ids.Length > 0)
            {
                deleted += await DeleteStoreOrdersAsync(connection, store.Key, ids, cutoff, cancellationToken);
            }
        }

        return deleted;
    }

    /// <summary>
    /// The store's orders among <paramref name="ids"/> still finished and past the cut-off, deleted. An order changed since
    /// it was read has a change past the cut-off, so it is left, whichever run may see that change.
    /// </summary>
    private async Task<int> DeleteStoreOrdersAsync(
        System.Data.Common.DbConnection connection, string storeId, long[] ids, DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await StoreWriteLock.TakeAsync(connection, tx, [storeId], cancellationToken);
        var still = (await connection.QueryAsync<(long Id, long Chars)>(new CommandDefinition(
            _dialect.Render(SelectStillDue), new { Ids = ids, StoreId = storeId, Cutoff = cutoff }, tx, cancellationToken: cancellationToken))).ToList();
        if (still.Count == 0)
        {
            return 0;
        }

        var args = new { Ids = still.Select(o => o.Id).ToArray() };
        await connection.ExecuteAsync(new CommandDefinition(DeleteChanges, args, tx, cancellationToken: cancellationToken));
        var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteOrders, args, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            Uncount, new { StoreId = storeId, Orders = deleted, Chars = still.Sum(o => o.Chars) }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return deleted;
    }

    private sealed class Candidate
    {
        public long Id { get; init; }

        public string StoreId { get; init; } = string.Empty;

        public DateTime LastChangedUtc { get; init; }

        public long? LastSeq { get; init; }

        /// <summary>Later in the round's order (oldest change first, then id) than <paramref name="other"/>.</summary>
        public bool IsAfter(Candidate other) => LastChangedUtc > other.LastChangedUtc || (LastChangedUtc == other.LastChangedUtc && Id > other.Id);
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} finished orders unchanged for {Days} days")]
    private partial void LogPruned(int count, int days);
}
