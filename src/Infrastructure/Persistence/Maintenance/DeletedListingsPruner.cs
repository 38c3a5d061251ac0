using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.Persistence.Maintenance;

/// <summary>
/// Deletes the ids of deleted listings (<c>DeletedListings</c>) once older than <see cref="Kept"/>. A Products run counts
/// a listing deleted after it began (ListingQueries), and a run lives a day (<see cref="Queries.SnapshotPager.RunLifetime"/>):
/// past twice that, with room for nodes' clocks to differ, no run under way began before the deletion. Hourly, in batches
/// of their own, each in one short transaction; a row is deleted by its key, so a batch another node deleted first finds
/// nothing more to do.
/// </summary>
internal sealed partial class DeletedListingsPruner(DbConnectionFactory connections, TimeProvider time, ILogger<DeletedListingsPruner> logger)
{
    /// <summary>How long a deleted listing's id is kept.</summary>
    public static readonly TimeSpan Kept = 2 * Queries.SnapshotPager.RunLifetime;

    /// <summary>Rows a batch deletes at most: small keyed deletes, so that no batch holds the database's write lock for long.</summary>
    public const int DefaultBatchSize = 1000;

    private const string SelectOld = """
        SELECT /*TOP*/ Seq FROM DeletedListings
        WHERE DeletedUtc < @Before
        ORDER BY DeletedUtc
        /*LIMIT*/
        """;

    private const string DeleteOne = "DELETE FROM DeletedListings WHERE Seq = @Seq";

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    /// <summary>Deletes the ids kept longer than <see cref="Kept"/> in batches; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken, int batchSize = DefaultBatchSize)
    {
        var before = time.GetUtcNow().UtcDateTime - Kept;
        var total = await DeleteInBatches.RunAsync(batchSize, () => DeleteInBatches.ReadThenDeleteAsync<DeletedRow>(
            connections, _dialect.Render(SelectOld), new { Before = before, Limit = batchSize }, DeleteOne, cancellationToken));
        if (total > 0)
        {
            LogPruned(total);
        }

        return total;
    }

    private sealed class DeletedRow
    {
        public long Seq { get; init; }
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} ids of listings deleted more than two days ago")]
    private partial void LogPruned(int count);
}
