using System.Data.Common;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Queries;

/// <summary>
/// Stable PageNumber-only paging for Linnworks lists (see ADR-005). PageNumber 1 starts a run for
/// (integration, run key) and fixes its key range — from the first key to the newest at that moment;
/// each page served stores its last key, so page N+1 seeks past it. Rows added later fall above the
/// range, and rows changing or disappearing cannot shift the pages still to be read.
/// </summary>
internal sealed class SnapshotPager(TimeProvider time)
{
    private const string SelectSession = """
        SELECT FromSeq, HighWaterSeq FROM PagingSessions WHERE IntegrationId = @IntegrationId AND RunKey = @RunKey
        """;

    private const string DeleteRunBoundaries = """
        DELETE FROM PageBoundaries WHERE IntegrationId = @IntegrationId AND (RunKey = @RunKey OR RunKey IN
            (SELECT RunKey FROM PagingSessions WHERE IntegrationId = @IntegrationId AND CreatedUtc < @Expired))
        """;

    private const string DeleteRuns = """
        DELETE FROM PagingSessions WHERE IntegrationId = @IntegrationId AND (RunKey = @RunKey OR CreatedUtc < @Expired)
        """;

    private const string InsertSession = """
        INSERT INTO PagingSessions (IntegrationId, RunKey, FromSeq, HighWaterSeq, CreatedUtc)
        VALUES (@IntegrationId, @RunKey, @FromSeq, @HighWaterSeq, @CreatedUtc)
        """;

    private const string SelectBoundary = """
        SELECT /*TOP*/ PageNumber, LastSeq FROM PageBoundaries
        WHERE IntegrationId = @IntegrationId AND RunKey = @RunKey AND PageNumber < @PageNumber
        ORDER BY PageNumber DESC
        /*LIMIT*/
        """;

    private const string DeleteBoundary = """
        DELETE FROM PageBoundaries WHERE IntegrationId = @IntegrationId AND RunKey = @RunKey AND PageNumber = @PageNumber
        """;

    private const string InsertBoundary = """
        INSERT INTO PageBoundaries (IntegrationId, RunKey, PageNumber, LastSeq) VALUES (@IntegrationId, @RunKey, @PageNumber, @LastSeq)
        """;

    private static readonly TimeSpan RunLifetime = TimeSpan.FromDays(1);

    /// <summary>The run's key range: page 1 starts a new run; a later page resumes one (or starts it if it expired).</summary>
    public async Task<Run> RunAsync(
        DbConnection connection, DbTransaction tx, string integrationId, string runKey, int pageNumber,
        Func<Task<(long FromKey, long HighWaterKey)>> bounds, CancellationToken cancellationToken)
    {
        if (pageNumber > 1)
        {
            var existing = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
                SelectSession, new { IntegrationId = integrationId, RunKey = runKey }, tx, cancellationToken: cancellationToken));
            if (existing is not null)
            {
                return new Run(integrationId, runKey, existing.FromSeq, existing.HighWaterSeq);
            }
        }

        var (from, highWater) = await bounds();
        var now = time.GetUtcNow().UtcDateTime;
        var args = new { IntegrationId = integrationId, RunKey = runKey, FromSeq = from, HighWaterSeq = highWater, CreatedUtc = now, Expired = now - RunLifetime };
        await connection.ExecuteAsync(new CommandDefinition(DeleteRunBoundaries, args, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(DeleteRuns, args, tx, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSession, args, tx, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (UniqueKey.IsViolation(ex))
        {
            // The same page asked twice at once (a retried call) started the same run: a transient conflict,
            // answered "retry" by the pipeline rather than a failure.
            throw new Domain.Common.ConcurrencyConflictException("PagingSession", runKey);
        }
        return new Run(integrationId, runKey, from, highWater);
    }

    /// <summary>
    /// The key page <paramref name="pageNumber"/> starts after: the stored last key of the page before, or
    /// found by walking forward from the nearest stored one with <paramref name="keysOfPageAfter"/>.
    /// Null when the run ends before that page.
    /// </summary>
    public async Task<long?> StartOfPageAsync(
        DbConnection connection, DbTransaction tx, SqlDialect dialect, Run run, int pageNumber,
        Func<long, Task<IReadOnlyList<long>>> keysOfPageAfter, CancellationToken cancellationToken)
    {
        var known = await connection.QuerySingleOrDefaultAsync<BoundaryRow>(new CommandDefinition(
            dialect.Render(SelectBoundary), new { run.IntegrationId, run.RunKey, PageNumber = pageNumber, Limit = 1 }, tx, cancellationToken: cancellationToken));
        var (page, after) = known is null ? (1, run.FromKey - 1) : (known.PageNumber + 1, known.LastSeq);
        for (; page < pageNumber; page++)
        {
            var keys = await keysOfPageAfter(after);
            if (keys.Count == 0)
            {
                return null;
            }

            after = keys[^1];
            await SaveBoundaryAsync(connection, tx, run, page, after, cancellationToken);
        }

        return after;
    }

    public async Task SaveBoundaryAsync(DbConnection connection, DbTransaction tx, Run run, int pageNumber, long lastKey, CancellationToken cancellationToken)
    {
        var args = new { run.IntegrationId, run.RunKey, PageNumber = pageNumber, LastSeq = lastKey };
        await connection.ExecuteAsync(new CommandDefinition(DeleteBoundary, args, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertBoundary, args, tx, cancellationToken: cancellationToken));
    }

    /// <summary>A run's identity and its fixed key range.</summary>
    internal sealed record Run(string IntegrationId, string RunKey, long FromKey, long HighWaterKey);

    private sealed class RunRow
    {
        public long FromSeq { get; init; }

        public long HighWaterSeq { get; init; }
    }

    private sealed class BoundaryRow
    {
        public int PageNumber { get; init; }

        public long LastSeq { get; init; }
    }
}
