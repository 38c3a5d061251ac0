using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Queries;

/// <summary>
/// Stable PageNumber-only paging for Linnworks lists (see ADR-005). PageNumber 1 starts a run for
/// (integration, run key) and fixes its key range — from the first key to the newest at that moment;
/// each page served records its last key, so page N+1 seeks past it. Rows added later fall above the
/// range, and rows changing or disappearing cannot shift the pages still to be read.
/// <para>
/// Reads do not write (ADR-010): starting a run writes its session once; the page boundaries are kept in memory on
/// this node and written by <see cref="PageBoundaryWriter"/> — behind the request on SQLite, so the pages of a walk never
/// wait for the database's writer (it has one). On SQLite the session and boundaries live in a file of their own, with
/// its own write lock (ADR-021), so even page 1 does not wait behind an order batch. A boundary a node cannot find is
/// recomputed by walking forward. Where nodes share runs (SQL Server), every page after the first reads the run's session
/// and the end of the page before from the database, in one read: another node may have begun the run again, or served
/// the page before; and a page is answered once its own end is written, so the node asked next finds it.
/// </para>
/// </summary>
internal sealed class SnapshotPager(PageBoundaryWriter boundaries, TimeProvider time, Application.Common.Ports.ITransientFailures failures)
{
    private const int MaxRunsInMemory = 20_000;
    /// <summary>
    /// How long a run lives: a page of a run older than this starts the run again. The hourly maintenance relies on it
    /// (LiveOrderRuns, ChangeLogPruner, DeletedListingsPruner keep what a run this young can still count, and no more).
    /// </summary>
    internal static readonly TimeSpan RunLifetime = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<(string IntegrationId, string RunKey), RunState> _runs = new();

    /// <summary>
    /// Whether other nodes serve pages of the runs this node serves, so a page after the first asks the database for the
    /// run and the page before even when this node knows both (<see cref="ResumedRunAsync"/>), and a page served waits for
    /// its end to be written (<see cref="RecordServedBoundaryAsync"/>): always on SQL Server; on SQLite only where processes
    /// share the file (<c>Database:SqliteSharedByProcesses</c>) or a test plays several nodes on one file.
    /// </summary>
    internal bool OtherNodesServeItsRuns { get; init; }

    /// <summary>
    /// The run's key range: page 1 starts a new run (its one write); a later page resumes the run the database has, or
    /// starts it if there is none or it began more than <see cref="RunLifetime"/> ago.
    /// <paramref name="bounds"/> reads a new run's range, and its deletion mark where the run's rows can be deleted (Products).
    /// <paramref name="filter"/> is asked for a new run and kept with it (<see cref="Run.Filter"/>); a run resumed has its own.
    /// </summary>
    public async Task<Run> RunAsync(
        CallConnections connections, string integrationId, string runKey, int pageNumber,
        Func<Task<(long FromKey, long HighWaterKey, long DeletionMark)>> bounds, CancellationToken cancellationToken, Func<string>? filter = null)
    {
        var key = (integrationId, runKey);
        var now = time.GetUtcNow().UtcDateTime;
        if (pageNumber > 1 && await ResumedRunAsync(connections, key, pageNumber, now, cancellationToken) is { } resumed)
        {
            return resumed;
        }

        var (from, highWater, deletionMark) = await bounds();
        var run = new Run(integrationId, runKey, from, highWater, deletionMark, now, filter?.Invoke());
        try
        {
            await StartRunAsync(connections, run, cancellationToken);
        }
        catch (Exception ex) when (failures.StorageFaultOf(ex) != Application.Common.Ports.StorageFault.None)
        {
            // The storage refuses to record the run (ADR-034): this node keeps it in memory and the download goes on.
            // While it refuses, no order or listing is written, so a node that starts the run again finds the same range.
        }

        return Remember(key, run, replace: true).Run;
    }

    /// <summary>
    /// The live run a page after the first goes on with: the database's (<see cref="StoredRunAsync"/>), else this node's
    /// own when the storage refused to record it or fails now (ADR-034); null when there is none. A node that no other
    /// node shares runs with goes on with its own when it knows the page before, without the read (docs/performance.md,
    /// "A run begun again on another node").
    /// </summary>
    private async Task<Run?> ResumedRunAsync(CallConnections connections, (string, string) key, int pageNumber, DateTime now, CancellationToken cancellationToken)
    {
        var cached = _runs.TryGetValue(key, out var state) && state.Run.StartedUtc >= now - RunLifetime ? state.Run : null;
        if (cached is not null && state!.Boundaries.ContainsKey(pageNumber - 1) && !OtherNodesServeItsRuns)
        {
            return cached;
        }

        try
        {
            return await StoredRunAsync(connections, key, pageNumber, now, cancellationToken) ?? cached;
        }
        catch (Exception ex) when (cached is not null && failures.StorageFaultOf(ex) != Application.Common.Ports.StorageFault.None)
        {
            return cached;
        }
    }

    /// <summary>
    /// The run the database has for <paramref name="key"/>, null when it has none that is live. Asked on every page after the
    /// first, because another node may have begun the run again since this node last served it (Linnworks asked for page 1
    /// again with the same UTCTimeFrom), and pages of two runs, each counted over its own range, would skip orders. The same
    /// read brings the nearest page end the database has below the page (the node that served that page wrote it there):
    /// this node keeps the smaller of that and its own for that page, so a page starts no later than where the page before
    /// ended for Linnworks, whichever node served it and however it counted; and a page walked to starts from the nearest
    /// end recorded anywhere, since pages walked from an end far below may end elsewhere than those served since.
    /// </summary>
    private async Task<Run?> StoredRunAsync(CallConnections connections, (string IntegrationId, string RunKey) key, int pageNumber, DateTime now, CancellationToken cancellationToken)
    {
        RunRow? row;
        await using (var paging = await connections.OpenPagingAsync(cancellationToken))
        {
            row = await paging.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
                PagingSql.SelectSession, new { key.IntegrationId, key.RunKey, PageNumber = pageNumber }, cancellationToken: cancellationToken));
        }

        if (row is null || row.CreatedUtc < now - RunLifetime)
        {
            return null;
        }

        var stored = new Run(key.IntegrationId, key.RunKey, row.FromSeq, row.HighWaterSeq, row.DeletionMark, row.CreatedUtc, row.Filter);
        var state = _runs.TryGetValue(key, out var cached) && cached.Run.IsSameRangeAs(stored) ? cached : Remember(key, stored, replace: true);
        if (row is { RecordedPage: { } page, RecordedLastSeq: { } last })
        {
            state.Boundaries.AddOrUpdate(page, last, (_, own) => Math.Min(own, last));
        }

        return state.Run;
    }

    /// <summary>Records a new run's session (the one write of a walk), replacing this run key's and expired ones.</summary>
    private async Task StartRunAsync(CallConnections connections, Run run, CancellationToken cancellationToken)
    {
        var args = new
        {
            run.IntegrationId, run.RunKey, FromSeq = run.FromKey, HighWaterSeq = run.HighWaterKey, run.DeletionMark, run.Filter,
            CreatedUtc = run.StartedUtc, Expired = run.StartedUtc - RunLifetime,
        };
        await using var write = await connections.OpenPagingAsync(cancellationToken);
        await using var tx = await write.BeginTransactionAsync(cancellationToken);
        await write.ExecuteAsync(new CommandDefinition(PagingSql.DeleteRunBoundaries, args, tx, cancellationToken: cancellationToken));
        await write.ExecuteAsync(new CommandDefinition(PagingSql.DeleteRuns, args, tx, cancellationToken: cancellationToken));
        try
        {
            await write.ExecuteAsync(new CommandDefinition(PagingSql.InsertSession, args, tx, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (UniqueKey.IsViolation(ex))
        {
            // The same page asked twice at once (a retried call) started the same run: a transient conflict,
            // answered "retry" by the pipeline rather than a failure.
            throw new Domain.Common.ConcurrencyConflictException("PagingSession", run.RunKey);
        }

        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The key page <paramref name="pageNumber"/> starts after: the recorded last key of the page before (this node's, with
    /// what <see cref="RunAsync"/> read from the database), or found by walking forward from the nearest one with
    /// <paramref name="endOfPageAfter"/> (the key a page starting after the given one ends at, null when the run has none
    /// past it). Null when the run ends before that page.
    /// </summary>
    public async Task<long?> StartOfPageAsync(Run run, int pageNumber, Func<long, Task<long?>> endOfPageAfter)
    {
        var state = Remember((run.IntegrationId, run.RunKey), run);
        var known = NearestBoundaryBelow(state.Boundaries, pageNumber);

        var (page, after) = known is { } k ? (k.Page + 1, k.After) : (1, run.FromKey - 1);
        if ((long)pageNumber - page >= run.HighWaterKey - after)
        {
            // Pages page..pageNumber would each hold at least one key of the range above after: fewer keys are left
            // than that, so the page is past the run's end, answered without walking there.
            return null;
        }

        for (; page < pageNumber; page++)
        {
            if (await endOfPageAfter(after) is not { } end)
            {
                return null;
            }

            after = end;
            RecordBoundary(run, page, after);
        }

        return after;
    }

    /// <summary>
    /// The highest page below <paramref name="pageNumber"/> whose last key this node knows: the page before in a walk, else
    /// a look over what it knows (a caller chooses the page number, up to int.MaxValue, so it is never counted down from).
    /// </summary>
    private static (int Page, long After)? NearestBoundaryBelow(ConcurrentDictionary<int, long> boundaries, int pageNumber)
    {
        if (boundaries.TryGetValue(pageNumber - 1, out var previous))
        {
            return (pageNumber - 1, previous);
        }

        (int Page, long After)? nearest = null;
        foreach (var (page, last) in boundaries)
        {
            if (page < pageNumber && (nearest is null || page > nearest.Value.Page))
            {
                nearest = (page, last);
            }
        }

        return nearest;
    }

    /// <summary>
    /// A page as <paramref name="read"/> reads it (the page, its run, and its last key: null when it holds none), answered
    /// once its end is recorded (<see cref="RecordServedBoundaryAsync"/>). The read closes its connection before that, since
    /// recording may wait for the write.
    /// </summary>
    public async Task<TPage> ServeAsync<TPage>(int pageNumber, Func<Task<(TPage Page, Run Run, long? End)>> read, CancellationToken cancellationToken)
    {
        var (page, run, end) = await read();
        if (end is { } last)
        {
            await RecordServedBoundaryAsync(run, pageNumber, last, cancellationToken);
        }

        return page;
    }

    /// <summary>
    /// The last key of a page served, before the page is answered: kept in memory, and written to the database behind the
    /// request by a node that serves its runs alone. Where other nodes serve them, the page waits until it is written:
    /// Linnworks may ask for the next page on another node as soon as it has this one, and that node, not finding this
    /// end, would count the page again from an older one and could end it later, skipping the orders between (ADR-005).
    /// A storage that refuses writes (ADR-034) writes no order either, so a count again agrees, and the page is answered.
    /// </summary>
    internal async Task RecordServedBoundaryAsync(Run run, int pageNumber, long lastKey, CancellationToken cancellationToken)
    {
        if (!OtherNodesServeItsRuns)
        {
            RecordBoundary(run, pageNumber, lastKey);
            return;
        }

        var smallest = Remember((run.IntegrationId, run.RunKey), run).Boundaries.AddOrUpdate(pageNumber, lastKey, (_, own) => Math.Min(own, lastKey));
        var started = time.GetTimestamp();
        try
        {
            await boundaries.EnqueueAsync(BoundaryRowOf(run, pageNumber, smallest)).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (failures.StorageFaultOf(ex) != Application.Common.Ports.StorageFault.None)
        {
        }
        finally
        {
            Application.Common.ChannelBridgeTelemetry.PageBoundaryWait.Record(time.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>The last key of a page, kept in memory (the smallest known) and written to the database behind the request.</summary>
    public void RecordBoundary(Run run, int pageNumber, long lastKey)
    {
        var state = Remember((run.IntegrationId, run.RunKey), run);
        if (state.Boundaries.TryGetValue(pageNumber, out var known) && known <= lastKey)
        {
            return;
        }

        state.Boundaries[pageNumber] = lastKey;
        boundaries.Enqueue(BoundaryRowOf(run, pageNumber, lastKey));
    }

    private static PageBoundaryWriter.BoundaryRow BoundaryRowOf(Run run, int pageNumber, long lastKey) => new()
    {
        IntegrationId = run.IntegrationId, RunKey = run.RunKey, PageNumber = pageNumber, LastSeq = lastKey, FromSeq = run.FromKey, HighWaterSeq = run.HighWaterKey,
        DeletionMark = run.DeletionMark, Filter = run.Filter,
    };

    private RunState Remember((string, string) key, Run run, bool replace = false)
    {
        if (_runs.Count > MaxRunsInMemory)
        {
            var expired = time.GetUtcNow().UtcDateTime - RunLifetime;
            foreach (var (oldKey, old) in _runs.Where(r => r.Value.SeenUtc < expired).ToList())
            {
                _runs.TryRemove(oldKey, out _);
            }

            if (_runs.Count > MaxRunsInMemory)
            {
                _runs.Clear(); // the database has every session and boundary (or soon will: written behind on SQLite)
            }
        }

        var fresh = new RunState(run, time.GetUtcNow().UtcDateTime);
        return replace
            ? _runs[key] = fresh
            : _runs.AddOrUpdate(key, fresh, (_, existing) => existing.Run == run ? existing : fresh);
    }

    /// <summary>
    /// A run's identity and its fixed key range; for a run whose rows can be deleted (Products), the newest deletion of its
    /// store when it began: a row deleted after it is counted still, and not served. <see cref="StartedUtc"/> by the
    /// service's clock of the node that started it. <see cref="Filter"/>: what the caller chose its rows by when it began
    /// (an Orders run's download settings), so that its pages are counted the same way to its end; null for none, and for
    /// a run begun before it was kept.
    /// </summary>
    internal sealed record Run(string IntegrationId, string RunKey, long FromKey, long HighWaterKey, long DeletionMark, DateTime StartedUtc, string? Filter = null)
    {
        /// <summary>Whether <paramref name="other"/> counts the same keys the same way (its start time as stored may be rounded).</summary>
        public bool IsSameRangeAs(Run other) =>
            (IntegrationId, RunKey, FromKey, HighWaterKey, DeletionMark, Filter) == (other.IntegrationId, other.RunKey, other.FromKey, other.HighWaterKey, other.DeletionMark, other.Filter);
    }

    private sealed record RunState(Run Run, DateTime SeenUtc)
    {
        public ConcurrentDictionary<int, long> Boundaries { get; } = new();
    }

    private sealed class RunRow
    {
        public long FromSeq { get; init; }

        public long HighWaterSeq { get; init; }

        public long DeletionMark { get; init; }

        public string? Filter { get; init; }

        public DateTime CreatedUtc { get; init; }

        /// <summary>The nearest page below the one asked for whose end the database has; null when it has none.</summary>
        public int? RecordedPage { get; init; }

        /// <summary>That page's last key.</summary>
        public long? RecordedLastSeq { get; init; }
    }
}
