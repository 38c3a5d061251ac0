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

        await connection.ExecuteAsync(new CommandDefinition(
            InsertItem, feed.Items.Select(i => new { feed.FeedId, i.Position, i.SKU, i.ExternalListingId, i.TemplateId, i.ListingJson, i.ResultJson }), tx, cancellationToken: cancellationToken));
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
        foreach (var item in reported)
        {
            var recorded = await connection.ExecuteAsync(new CommandDefinition(RecordResult, new { feed.FeedId, item.Position, item.ResultJson }, tx, cancellationToken: cancellationToken));
            if (recorded != 1)
            {
                throw new ConcurrencyConflictException(nameof(ListingFeed), $"{feed.FeedId}/{item.SKU}");
            }
        }

        var ids = new long[listings.Count];
        for (var i = 0; i < listings.Count; i++)
        {
            ids[i] = await ListingRepository.SaveListingAsync(connection, tx, listings[i], _dialect, cancellationToken);
        }

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
