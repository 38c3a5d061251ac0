using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.Persistence.Maintenance;

/// <summary>
/// Keeps OrderChanges from growing without bound: deletes change rows that a later change of the same
/// order supersedes, when that later change is older than <see cref="SupersededAfter"/>. Every paging run
/// started since then (runs live a day) has its high-water mark past the superseding row, so it still
/// finds the order there: no run loses an order. Runs hourly, on every node (deletes are idempotent).
/// <para>
/// It walks the log in commit order (<c>Seq</c>), a window at a time, each window in a transaction of its own: every
/// change of a window that is past the cut-off deletes the earlier changes of its order. The walk stops at the first
/// change not yet past the cut-off (a node's clock may run behind another's), and the next round goes on from there, so
/// a round reads only what has aged past the cut-off since the last one. A store with a live Orders run reaching back into
/// a window (<see cref="LiveOrderRuns"/>) keeps the superseded changes from where the run begins (ADR-005): the walk goes
/// on past them, and they go when a later change of their order ages past the cut-off. Asking instead "which rows have a later change
/// past the cut-off" from the start of the log would read every order's latest change again each round, in the delete's
/// write transaction: at 1,000,000 orders 420 ms of SQLite's write lock every hour with nothing to delete, and 80-450
/// ms for each batch of a catch-up (docs/performance.md). Where the walk has reached is kept in memory: after a restart
/// the first round walks the whole log once, in windows.
/// </para>
/// </summary>
internal sealed partial class ChangeLogPruner(DbConnectionFactory connections, TimeProvider time, ILogger<ChangeLogPruner> logger)
{
    public static readonly TimeSpan SupersededAfter = TimeSpan.FromDays(2);

    /// <summary>
    /// Changes a window walks at most. The earlier changes they delete are few each (an order changes a handful of times),
    /// which keeps a delete under SQL Server's lock-escalation threshold (5,000 locks on one object), so a prune never
    /// escalates to a table lock that would stall every store's writers.
    /// </summary>
    public const int DefaultBatchSize = 1000;

    private const string ReadWindow = """
        SELECT /*TOP*/ Seq, CASE WHEN ChangedUtc < @Cutoff THEN 1 ELSE 0 END AS Due FROM OrderChanges
        WHERE Seq > @After
        ORDER BY Seq
        /*LIMIT*/
        """;

    // Each delete reads the window's changes (n) first and finds their orders' earlier changes (c) by order: SQLite keeps
    // a CROSS JOIN's left table as the outer loop, and without statistics (the service runs no ANALYZE) it otherwise may
    // begin with c by (StoreId, Seq) and read every change of the store below @LiveFrom once a window (0.6 s of the write
    // lock a window at a million changes; docs/performance.md, "The change log's pruning under a live run"). SQL Server
    // reads CROSS JOIN with these conditions as the same inner join and orders it by its statistics.
    private const string DeleteSuperseded = """
        DELETE FROM OrderChanges WHERE Seq IN (
            SELECT c.Seq FROM OrderChanges n CROSS JOIN OrderChanges c
            WHERE c.OrderId = n.OrderId AND c.Seq < n.Seq AND n.Seq > @After AND n.Seq <= @Through AND c.StoreId NOT IN @Held)
        """;

    // A store with a live Orders run reaching back into the window keeps the superseded changes from where the run
    // begins: a page of the run counted again (another node, a restart) reads windows of its changes, superseded ones
    // included (OrderQueries.ScanWindow), and would end them elsewhere than the run's first reading did.
    private const string DeleteSupersededBeforeTheRuns = """
        DELETE FROM OrderChanges WHERE Seq IN (
            SELECT c.Seq FROM OrderChanges n CROSS JOIN OrderChanges c
            WHERE c.OrderId = n.OrderId AND c.Seq < n.Seq AND n.Seq > @After AND n.Seq <= @Through AND c.StoreId = @StoreId AND c.Seq < @LiveFrom)
        """;

    // Every store's superseded changes below where the earliest of those runs begins: with more such stores than a key
    // set takes, the window deletes only these, and the rest go when a later change of their order ages past the cut-off.
    private const string DeleteSupersededBeforeEveryRun = """
        DELETE FROM OrderChanges WHERE Seq IN (
            SELECT c.Seq FROM OrderChanges n CROSS JOIN OrderChanges c
            WHERE c.OrderId = n.OrderId AND c.Seq < n.Seq AND n.Seq > @After AND n.Seq <= @Through AND c.Seq < @LiveFrom)
        """;

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    private long _walkedThrough;

    /// <summary>How many stores with a live run reaching back a window may name in its delete: a key set's (tests lower it).</summary>
    internal int StoresHeldByName { get; init; } = SqlDialect.For(connections.Provider).KeySetSize;

    /// <summary>Deletes the superseded rows behind the changes that aged past the cut-off since the last round; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken, int batchSize = DefaultBatchSize)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - SupersededAfter;
        var total = 0;
        while (await NextWindowAsync(cutoff, batchSize, cancellationToken) is { } window)
        {
            total += window.Deleted;
            _walkedThrough = window.Through;
            if (!window.Full)
            {
                break;
            }
        }

        if (total > 0)
        {
            LogPruned(total);
        }

        return total;
    }

    /// <summary>
    /// The next window's changes past the cut-off, up to the first that is not: the earlier changes of their orders
    /// deleted in one transaction. Null when the next change is not past the cut-off, or there is none. <c>Full</c> when the
    /// window ended at its size rather than at the cut-off, so the walk goes on.
    /// </summary>
    private async Task<(long Through, int Deleted, bool Full)?> NextWindowAsync(DateTime cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var window = (await connection.QueryAsync<(long Seq, int Due)>(new CommandDefinition(
            _dialect.Render(ReadWindow), new { Cutoff = cutoff, After = _walkedThrough, Limit = batchSize }, cancellationToken: cancellationToken))).ToList();
        var due = window.TakeWhile(c => c.Due == 1).ToList();
        if (due.Count == 0)
        {
            return null;
        }

        var (after, through) = (_walkedThrough, due[^1].Seq);
        var runs = await LiveOrderRuns.ReachingBackAsync(connections, time.GetUtcNow().UtcDateTime, through, cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await DeleteSupersededAsync(connection, tx, (after, through), runs, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (through, deleted, due.Count == batchSize);
    }

    /// <summary>
    /// The earlier changes of the orders changed in the window, but for those of a store with a live Orders run reaching
    /// back to them (<paramref name="runs"/>: where each such store's earliest run begins); how many.
    /// </summary>
    private async Task<int> DeleteSupersededAsync(
        DbConnection connection, DbTransaction tx, (long After, long Through) window, Dictionary<string, long> runs, CancellationToken cancellationToken)
    {
        if (runs.Count > StoresHeldByName)
        {
            return await connection.ExecuteAsync(new CommandDefinition(
                DeleteSupersededBeforeEveryRun, new { window.After, window.Through, LiveFrom = runs.Values.Min() }, tx, cancellationToken: cancellationToken));
        }

        IReadOnlyCollection<string> held = runs.Count > 0 ? runs.Keys : [string.Empty]; // no store has an empty id
        var (sql, parameters) = _dialect.KeySet(DeleteSuperseded, "Held", held, new { window.After, window.Through });
        var deleted = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: cancellationToken));
        var heldStores = runs.Select(run => new HeldStore(window.After, window.Through, run.Key, run.Value)).ToList();
        return deleted + (await RepeatedStatement.ExecuteEachAsync(connection, tx, DeleteSupersededBeforeTheRuns, heldStores, cancellationToken)).Sum();
    }

    /// <summary>A store with a live run reaching back into the window, and where its earliest run begins.</summary>
    private sealed record HeldStore(long After, long Through, string StoreId, long LiveFrom);

    [LoggerMessage(LogLevel.Information, "Pruned {Count} superseded order change rows")]
    private partial void LogPruned(int count);
}
