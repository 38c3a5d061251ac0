using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.Persistence.Maintenance;

/// <summary>
/// Deletes the integrations' hourly call counts (<c>IntegrationActivityHours</c>) once older than <see cref="Kept"/>: the
/// support view shows the last 24 hours. Hourly, in batches of their own, each in one short transaction: an hour's rows
/// are one per integration and endpoint family (30,000 at 10,000 sellers), and deleting them at once would hold the
/// database's write lock for about 1.5 s, while every seller's despatches and stock updates waited. A row is deleted by its key,
/// so a batch another node deleted first finds nothing more to do.
/// </summary>
internal sealed partial class ActivityHoursPruner(DbConnectionFactory connections, TimeProvider time, ILogger<ActivityHoursPruner> logger)
{
    /// <summary>How long an hour's counts are kept.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromHours(48);

    /// <summary>
    /// Rows a batch deletes at most. On SQLite, 1,000 rows by key with their commit took 69-101 ms at 10,000 sellers'
    /// counts (1.44 million rows); 500 keep each hold of the write lock near half that.
    /// </summary>
    public const int DefaultBatchSize = 500;

    private const string SelectOld = """
        SELECT /*TOP*/ IntegrationId, Family, HourUtc FROM IntegrationActivityHours
        WHERE HourUtc < @Before
        ORDER BY HourUtc
        /*LIMIT*/
        """;

    private const string DeleteHour = "DELETE FROM IntegrationActivityHours WHERE IntegrationId = @IntegrationId AND Family = @Family AND HourUtc = @HourUtc";

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    /// <summary>Deletes the counts older than <see cref="Kept"/> in batches; returns how many rows.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken, int batchSize = DefaultBatchSize)
    {
        var before = time.GetUtcNow().UtcDateTime - Kept;
        var total = await DeleteInBatches.RunAsync(batchSize, () => DeleteInBatches.ReadThenDeleteAsync<HourRow>(
            connections, _dialect.Render(SelectOld), new { Before = before, Limit = batchSize }, DeleteHour, cancellationToken));
        if (total > 0)
        {
            LogPruned(total);
        }

        return total;
    }

    private sealed class HourRow
    {
        public string IntegrationId { get; init; } = string.Empty;

        public string Family { get; init; } = string.Empty;

        public DateTime HourUtc { get; init; }
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} hourly call counts of integrations older than 48 hours")]
    private partial void LogPruned(int count);
}
