using ChannelBridge.Application.Listings;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.Persistence.Maintenance;

/// <summary>
/// Deletes listing feeds whose every job is reported and which are older than <see cref="ListingsOptions.FeedRetentionDays"/>,
/// with their jobs: each job holds the whole listing Linnworks sent, so kept for ever they grow without bound. A reported
/// job never changes again, so a feed picked here is deleted as it was read. In batches, each in one transaction.
/// </summary>
internal sealed partial class ListingFeedPruner(
    DbConnectionFactory connections, IOptions<ListingsOptions> options, TimeProvider time, ILogger<ListingFeedPruner> logger)
{
    /// <summary>Feeds a batch deletes at most (their ids are sent as parameters: under SQL Server's 2,100).</summary>
    public const int DefaultBatchSize = 500;

    private const string SelectDone = """
        SELECT /*TOP*/ f.FeedId FROM ListingFeeds f
        WHERE f.CreatedUtc < @Cutoff AND NOT EXISTS (SELECT 1 FROM ListingFeedItems i WHERE i.FeedId = f.FeedId AND i.ResultJson IS NULL)
        ORDER BY f.FeedId
        /*LIMIT*/
        """;

    private const string DeleteItems = "DELETE FROM ListingFeedItems WHERE FeedId IN @FeedIds";

    // What the feeds' listings leave of each store's count of listing job characters (ADR-039).
    private const string SelectChars = """
        SELECT f.StoreId, SUM(/*LENGTH*/(i.ListingJson)) FROM ListingFeedItems i JOIN ListingFeeds f ON f.FeedId = i.FeedId
        WHERE i.FeedId IN @FeedIds GROUP BY f.StoreId ORDER BY f.StoreId
        """;

    private const string Uncount = "UPDATE Stores SET ListingJobChars = ListingJobChars - @Chars WHERE Id = @StoreId";

    private const string DeleteFeeds = "DELETE FROM ListingFeeds WHERE FeedId IN @FeedIds";

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    /// <summary>Deletes the reported feeds past the retention in batches; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken, int batchSize = DefaultBatchSize)
    {
        var total = await DeleteInBatches.PastRetentionAsync(
            options.Value.FeedRetentionDays, time, batchSize, cutoff => DeleteBatchAsync(cutoff, batchSize, cancellationToken));
        if (total > 0)
        {
            LogPruned(total, options.Value.FeedRetentionDays);
        }

        return total;
    }

    /// <summary>The next reported feeds past the cut-off, deleted with their jobs in one transaction: (found, deleted).</summary>
    private async Task<(int Found, int Deleted)> DeleteBatchAsync(DateTime cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var feedIds = (await connection.QueryAsync<string>(
            new CommandDefinition(_dialect.Render(SelectDone), new { Cutoff = cutoff, Limit = batchSize }, cancellationToken: cancellationToken))).ToList();
        if (feedIds.Count == 0)
        {
            return (0, 0);
        }

        // Read before the write: a reported feed no longer changes, and its listings run to megabytes.
        var chars = await connection.QueryAsync<(string StoreId, long Chars)>(
            new CommandDefinition(_dialect.Render(SelectChars), new { FeedIds = feedIds }, cancellationToken: cancellationToken));
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (storeId, storeChars) in chars)
        {
            await connection.ExecuteAsync(new CommandDefinition(Uncount, new { StoreId = storeId, Chars = storeChars }, tx, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(DeleteItems, new { FeedIds = feedIds }, tx, cancellationToken: cancellationToken));
        var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteFeeds, new { FeedIds = feedIds }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return (feedIds.Count, deleted);
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} listing feeds reported in full and older than {Days} days")]
    private partial void LogPruned(int count, int days);
}
