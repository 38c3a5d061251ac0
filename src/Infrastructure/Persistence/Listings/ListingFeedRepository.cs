using System.Data.Common;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.ListingFeeds;
using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Infrastructure.Persistence.Repositories;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Listings;

internal sealed class ListingFeedRepository(CallConnections connections, TimeProvider time) : IListingFeedRepository
{
    private const string SelectFeed = "SELECT FeedId, StoreId, IntegrationId, Kind, DedupKey, CreatedUtc FROM ListingFeeds";

    private const string SelectJobChars = "SELECT ListingJobChars FROM Stores WHERE Id = @StoreId";

    private const string SelectItems = """
        SELECT Position, SKU, ExternalListingId, TemplateId, ListingJson, ResultJson FROM ListingFeedItems WHERE FeedId = @FeedId ORDER BY Position
        """;

    private const string InsertFeed = """
        INSERT INTO ListingFeeds (FeedId, StoreId, IntegrationId, Kind, DedupKey, CreatedUtc) VALUES (@FeedId, @StoreId, @IntegrationId, @Kind, @DedupKey, @CreatedUtc)
        """;

    private const string InsertItem = """
        INSERT INTO ListingFeedItems (FeedId, Position, SKU, ExternalListingId, TemplateId, ListingJson, ResultJson)
        VALUES (@FeedId, @Position, @SKU, @ExternalListingId, @TemplateId, @ListingJson, @ResultJson)
        """;

    private const string RecordResult = """
        UPDATE ListingFeedItems SET ResultJson = @ResultJson WHERE FeedId = @FeedId AND Position = @Position AND ResultJson IS NULL
        """;

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    public async Task<long> GetJobCharsAsync(string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(SelectJobChars, new { StoreId = storeId }, cancellationToken: cancellationToken));
    }

    public Task<ListingFeed?> GetAsync(string storeId, string feedId, CancellationToken cancellationToken) =>
        LoadAsync($"{SelectFeed} WHERE StoreId = @StoreId AND FeedId = @Value", storeId, feedId, cancellationToken);

    public Task<ListingFeed?> FindByDedupKeyAsync(string storeId, string dedupKey, CancellationToken cancellationToken) =>
        LoadAsync($"{SelectFeed} WHERE StoreId = @StoreId AND DedupKey = @Value", storeId, dedupKey, cancellationToken);

    public async Task SaveNewAsync(ListingFeed feed, IReadOnlyList<StoreUpdate> jobs, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await StoreWriteLock.TakeAsync(connection, tx, [feed.StoreId], cancellationToken, StoreRowsAdded.OfListingFeed(feed, _dialect));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                InsertFeed, new { feed.FeedId, feed.StoreId, feed.IntegrationId, Kind = feed.Kind.ToString(), feed.DedupKey, feed.CreatedUtc }, tx, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (UniqueKey.IsViolation(ex))
        {
            throw new ConcurrencyConflictException(nameof(ListingFeed), feed.DedupKey);
        }

        await RepeatedStatement.ExecuteEachAsync(
            connection, tx, InsertItem, feed.Items.Select(i => new ItemToInsert(feed.FeedId, i.Position, i.SKU, i.ExternalListingId, i.TemplateId, i.ListingJson, i.ResultJson)).ToList(), cancellationToken);
        await StoreFeedAppend.AppendAsync(connection, tx, _dialect, jobs, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task SaveResultsAsync(
        ListingFeed feed, IReadOnlyList<ListingFeedItem> reported, IReadOnlyList<Listing> listings, IReadOnlyList<string> deletedSkus, CancellationToken cancellationToken)
    {
        // Inside the store's held writes when the call decides again (ReportListingResults, ADR-037).
        await using var write = await connections.BeginWriteAsync(cancellationToken);
        var (connection, tx) = (write.Connection, write.Transaction!);
        await StoreWriteLock.TakeAsync(connection, tx, [feed.StoreId], cancellationToken, StoreRowsAdded.OfListings(listings));
        await RecordResultsAsync(connection, tx, feed.FeedId, reported, cancellationToken);

        var ids = await ListingRepository.WriteListingsAsync(connection, tx, listings, _dialect, cancellationToken);

        if (deletedSkus.Count > 0)
        {
            await ListingRepository.DeleteListingsAsync(connection, tx, _dialect, feed.StoreId, deletedSkus, time.GetUtcNow().UtcDateTime, cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
        for (var i = 0; i < listings.Count; i++)
        {
            listings[i].MarkSaved(ids[i]);
        }
    }

    /// <summary>Each reported job's result, written only where none is yet: one recorded meanwhile by another call is a conflict.</summary>
    private static async Task RecordResultsAsync(DbConnection connection, DbTransaction tx, string feedId, IReadOnlyList<ListingFeedItem> reported, CancellationToken cancellationToken)
    {
        var recorded = await RepeatedStatement.ExecuteEachAsync(
            connection, tx, RecordResult, reported.Select(i => new ResultToRecord(feedId, i.Position, i.ResultJson)).ToList(), cancellationToken);
        var missed = Array.FindIndex(recorded, count => count != 1);
        if (missed >= 0)
        {
            throw new ConcurrencyConflictException(nameof(ListingFeed), $"{feedId}/{reported[missed].SKU}");
        }
    }

    private sealed record ItemToInsert(string FeedId, int Position, string SKU, string? ExternalListingId, int TemplateId, string ListingJson, string? ResultJson);

    private sealed record ResultToRecord(string FeedId, int Position, string? ResultJson);

    private async Task<ListingFeed?> LoadAsync(string sql, string storeId, string value, CancellationToken cancellationToken)
    {
        // Inside the store's held writes, their transaction: a report decided again reads what no one else may change.
        await using var read = await connections.OpenForChangeAsync(cancellationToken);
        var row = await read.Connection.QuerySingleOrDefaultAsync<FeedRow>(new CommandDefinition(sql, new { StoreId = storeId, Value = value }, read.Transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var items = await read.Connection.QueryAsync<ItemRow>(new CommandDefinition(SelectItems, new { row.FeedId }, read.Transaction, cancellationToken: cancellationToken));
        return ListingFeed.Rehydrate(
            row.FeedId, row.StoreId, row.IntegrationId, Enum.Parse<ListingFeedKind>(row.Kind), row.DedupKey, DbTime.Utc(row.CreatedUtc),
            items.Select(i => new ListingFeedItem(i.Position, i.SKU, i.ExternalListingId, i.TemplateId, i.ListingJson, i.ResultJson)));
    }

    private sealed class FeedRow
    {
        public string FeedId { get; init; } = string.Empty;

        public string StoreId { get; init; } = string.Empty;

        public string IntegrationId { get; init; } = string.Empty;

        public string Kind { get; init; } = string.Empty;

        public string DedupKey { get; init; } = string.Empty;

        public DateTime CreatedUtc { get; init; }
    }

    private sealed class ItemRow
    {
        public int Position { get; init; }

        public string SKU { get; init; } = string.Empty;

        public string? ExternalListingId { get; init; }

        public int TemplateId { get; init; }

        public string ListingJson { get; init; } = string.Empty;

        public string? ResultJson { get; init; }
    }
}
