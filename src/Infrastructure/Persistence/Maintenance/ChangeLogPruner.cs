using Dapper;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.Persistence.Maintenance;

/// <summary>
/// Keeps OrderChanges from growing without bound: deletes change rows that a later change of the same
/// order supersedes, when that later change is older than <see cref="SupersededAfter"/>. Every paging run
/// started since then (runs live a day) has its high-water mark past the superseding row, so it still
/// finds the order there: no run loses an order. Runs hourly, in batches, on every node (deletes are idempotent).
/// </summary>
internal sealed partial class ChangeLogPruner(DbConnectionFactory connections, TimeProvider time, ILogger<ChangeLogPruner> logger)
{
    public static readonly TimeSpan SupersededAfter = TimeSpan.FromDays(2);

    private const string PruneBatch = """
        DELETE FROM OrderChanges WHERE Seq IN (
            SELECT /*TOP*/ c.Seq FROM OrderChanges c
            WHERE EXISTS (SELECT 1 FROM OrderChanges n WHERE n.OrderId = c.OrderId AND n.Seq > c.Seq AND n.ChangedUtc < @Cutoff)
            ORDER BY c.Seq
            /*LIMIT*/)
        """;

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    /// <summary>
    /// Rows per delete: under SQL Server's lock-escalation threshold (5,000 locks on one object), so a prune never
    /// escalates to a table lock that would stall every store's writers.
    /// </summary>
    public const int DefaultBatchSize = 4000;

    /// <summary>Deletes superseded rows in batches; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken, int batchSize = DefaultBatchSize)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - SupersededAfter;
        var total = await DeleteInBatches.RunAsync(batchSize, async () =>
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            var deleted = await connection.ExecuteAsync(new CommandDefinition(_dialect.Render(PruneBatch), new { Cutoff = cutoff, Limit = batchSize }, cancellationToken: cancellationToken));
            return (deleted, deleted);
        });

        if (total > 0)
        {
            LogPruned(total);
        }

        return total;
    }

    [LoggerMessage(LogLevel.Information, "Pruned {Count} superseded order change rows")]
    private partial void LogPruned(int count);
}
