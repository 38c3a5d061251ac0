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
/// </summary>
internal sealed partial class FinishedOrderPruner(
    DbConnectionFactory connections, IOptions<OrdersOptions> options, TimeProvider time, ILogger<FinishedOrderPruner> logger)
{
    /// <summary>
    /// Orders a batch reads at most. Their ids go as parameters (under SQL Server's 2,100), and an order's change rows are
    /// a handful, which keeps a delete under SQL Server's lock-escalation threshold (5,000 locks on one object).
    /// </summary>
    public const int DefaultBatchSize = 500;

    private const string SelectDue = """
        SELECT /*TOP*/ Id, StoreId FROM Orders
        WHERE Status IN (2, 3) AND LastChangedUtc < @Cutoff
        ORDER BY LastChangedUtc
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
        var total = await DeleteInBatches.PastRetentionAsync(days, time, batchSize, cutoff => DeleteBatchAsync(cutoff, batchSize, cancellationToken));
        if (total > 0)
        {
            LogPruned(total, days);
        }

        return total;
    }

    /// <summary>The next finished orders past the cut-off, each store's deleted in a transaction of its own: (found, deleted).</summary>
    private async Task<(int Found, int Deleted)> DeleteBatchAsync(DateTime cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var due = (await connection.QueryAsync<(long Id, string StoreId)>(
            new CommandDefinition(_dialect.Render(SelectDue), new { Cutoff = cutoff, Limit = batchSize }, cancellationToken: cancellationToken))).ToList();
        var deleted = 0;
        foreach (var store in due.GroupBy(o => o.StoreId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            deleted += await DeleteStoreOrdersAsync(connection, store.Key, [.. store.Select(o => o.Id)], cutoff, cancellationToken);
        }

        return (due.Count, deleted);
    }

    private async Task<int> DeleteStoreOrdersAsync(System.Data.Common.DbConnection connection, string storeId, long[] ids, DateTime cutoff, CancellationToken cancellationToken)
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

    [LoggerMessage(LogLevel.Information, "Deleted {Count} finished orders unchanged for {Days} days")]
    private partial void LogPruned(int count, int days);
}
