using System.Data.Common;
using System.Text.Json;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Orders;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Repositories;

internal sealed class ListingRepository(CallConnections connections, TimeProvider time) : IListingRepository
{
    private const string SelectBySkus = """
        SELECT Id, StoreId, SKU, Title, Quantity, Price, Reference, TaggedPrices, LastInventoryHash, LastPriceHash, UpdatedUtc, Version
        FROM Listings WHERE StoreId = @StoreId AND SKU IN @Skus
        """;

    private const string InsertListing = """
        INSERT INTO Listings (StoreId, SKU, Title, Quantity, Price, Reference, TaggedPrices, LastInventoryHash, LastPriceHash, UpdatedUtc, Version)
        VALUES (@StoreId, @SKU, @Title, @Quantity, @Price, @Reference, @TaggedPrices, @LastInventoryHash, @LastPriceHash, @UpdatedUtc, 1);
        SELECT /*LAST_ID*/;
        """;

    private const string UpdateListing = """
        UPDATE Listings
        SET Title = @Title, Quantity = @Quantity, Price = @Price, Reference = @Reference, TaggedPrices = @TaggedPrices, LastInventoryHash = @LastInventoryHash,
            LastPriceHash = @LastPriceHash, UpdatedUtc = @UpdatedUtc, Version = Version + 1
        WHERE Id = @Id AND Version = @Version
        """;

    private const string SelectSkus = "SELECT SKU FROM Listings WHERE StoreId = @StoreId AND SKU IN @Skus";

    // A key set's listings in one statement each (SqlDialect.KeySet): the deleted ids are kept for the Products runs under
    // way (ListingQueries), and deleted after two days by the hourly maintenance. SQLite updates an AUTOINCREMENT table's
    // counter once a statement, so an INSERT a listing would make a delete of 10,000 three times as long (docs/performance.md).
    private const string KeepDeletedListings = """
        INSERT INTO DeletedListings (StoreId, ListingId, DeletedUtc)
        SELECT StoreId, Id, @DeletedUtc FROM Listings WHERE StoreId = @StoreId AND SKU IN @Skus
        """;

    private const string DeleteListings = "DELETE FROM Listings WHERE StoreId = @StoreId AND SKU IN @Skus";

    private const string SelectCount = "SELECT ListingCount FROM Stores WHERE Id = @StoreId";

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    public async Task<IReadOnlyDictionary<string, Listing>> GetBySkusAsync(string storeId, IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, Listing>(StringComparer.Ordinal);
        if (skus.Count == 0)
        {
            return result;
        }

        await using var read = await connections.OpenForChangeAsync(cancellationToken);
        foreach (var chunk in skus.Chunk(_dialect.KeySetSize))
        {
            var (sql, parameters) = _dialect.KeySet(SelectBySkus, "Skus", chunk, new { StoreId = storeId });
            foreach (var row in await read.Connection.QueryAsync<ListingRow>(new CommandDefinition(sql, parameters, read.Transaction, cancellationToken: cancellationToken)))
            {
                result[row.SKU] = Listing.Rehydrate(
                    row.Id, row.StoreId, row.SKU, row.Title, row.Quantity, DbDecimal.Trim(row.Price), row.Reference,
                    row.TaggedPrices is null ? new Dictionary<string, decimal>() : JsonSerializer.Deserialize<Dictionary<string, decimal>>(row.TaggedPrices)!,
                    row.LastInventoryHash, row.LastPriceHash, DbTime.Utc(row.UpdatedUtc), row.Version);
            }
        }

        return result;
    }

    public async Task SaveAsync(IReadOnlyList<Listing> listings, IReadOnlyList<StoreUpdate> updates, CancellationToken cancellationToken)
    {
        if (listings.Count == 0 && updates.Count == 0)
        {
            return;
        }

        await using var write = await connections.BeginWriteAsync(cancellationToken);
        var (connection, tx) = (write.Connection, write.Transaction!);
        // Every write on a store's listings takes the store's row first (channel upserts too, not only Linnworks'
        // updates that append to the feed): one lock order — store, then listings — so the two cannot deadlock.
        await StoreWriteLock.TakeAsync(
            connection, tx, listings.Select(l => l.StoreId).Concat(updates.Select(u => u.StoreId)), cancellationToken, StoreRowsAdded.OfListings(listings));

        var ids = await WriteListingsAsync(connection, tx, listings, _dialect, cancellationToken);
        await StoreFeedAppend.AppendAsync(connection, tx, _dialect, updates, cancellationToken);

        await write.CommitAsync(cancellationToken);
        for (var i = 0; i < listings.Count; i++)
        {
            listings[i].MarkSaved(ids[i]);
        }
    }

    /// <summary>
    /// Inserts the new listings, each answering its id, and updates those already stored, each only from the version it
    /// was loaded at, inside the caller's transaction (the caller holds the store's lock): a statement each, prepared once
    /// and run for each listing (on SQL Server, a request for many, ADR-045). The ids, in order.
    /// </summary>
    internal static async Task<long[]> WriteListingsAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<Listing> listings, SqlDialect dialect, CancellationToken cancellationToken)
    {
        var ids = listings.Select(l => l.Id).ToArray();
        var created = Enumerable.Range(0, listings.Count).Where(i => listings[i].Id == 0).ToList();
        if (created.Count > 0)
        {
            var rows = created.ConvertAll(i => Row(listings[i]));
            await using var insert = new RepeatedStatement(connection, tx, dialect.Render(InsertListing), rows[0].GetType());
            object?[] inserted;
            try
            {
                inserted = await insert.ScalarEachAsync(rows, cancellationToken);
            }
            catch (DbException ex) when (UniqueKey.IsViolation(ex))
            {
                // Another call created one of these SKUs first.
                throw new ConcurrencyConflictException(nameof(Listing), created.Count == 1 ? listings[created[0]].SKU : $"one of {created.Count} new listings");
            }

            for (var k = 0; k < created.Count; k++)
            {
                ids[created[k]] = Convert.ToInt64(inserted[k], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        await UpdateListingsAsync(connection, tx, [.. listings.Where(l => l.Id != 0)], cancellationToken);
        return ids;
    }

    public async Task<IReadOnlySet<string>> DeleteAsync(string storeId, IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        if (skus.Count == 0)
        {
            return held;
        }

        await using var write = await connections.BeginWriteAsync(cancellationToken);
        var (connection, tx) = (write.Connection, write.Transaction!);
        await StoreWriteLock.TakeAsync(connection, tx, [storeId], cancellationToken);
        foreach (var chunk in skus.Chunk(_dialect.KeySetSize))
        {
            var (sql, parameters) = _dialect.KeySet(SelectSkus, "Skus", chunk, new { StoreId = storeId });
            held.UnionWith(await connection.QueryAsync<string>(new CommandDefinition(sql, parameters, tx, cancellationToken: cancellationToken)));
        }

        if (held.Count == 0)
        {
            write.Unchanged(); // nothing to delete: the store's row is left as it was too
            return held;
        }

        await DeleteListingsAsync(connection, tx, _dialect, storeId, held, time.GetUtcNow().UtcDateTime, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return held;
    }

    public async Task<long> CountAsync(string storeId, CancellationToken cancellationToken)
    {
        await using var read = await connections.OpenForChangeAsync(cancellationToken);
        return await read.Connection.ExecuteScalarAsync<long>(new CommandDefinition(SelectCount, new { StoreId = storeId }, read.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Removes listings inside the caller's transaction (which holds the store's row, so a store's deletions are numbered
    /// in the order they commit), keeps each one's id as deleted at <paramref name="deletedUtc"/> for the Products runs
    /// under way, and takes them off the store's count; how many.
    /// </summary>
    internal static async Task<int> DeleteListingsAsync(
        DbConnection connection, DbTransaction tx, SqlDialect dialect, string storeId, IEnumerable<string> skus, DateTime deletedUtc, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var chunk in skus.Chunk(dialect.KeySetSize))
        {
            var (keep, keepArgs) = dialect.KeySet(KeepDeletedListings, "Skus", chunk, new { StoreId = storeId, DeletedUtc = deletedUtc });
            await connection.ExecuteAsync(new CommandDefinition(keep, keepArgs, tx, cancellationToken: cancellationToken));
            var (delete, deleteArgs) = dialect.KeySet(DeleteListings, "Skus", chunk, new { StoreId = storeId });
            deleted += await connection.ExecuteAsync(new CommandDefinition(delete, deleteArgs, tx, cancellationToken: cancellationToken));
        }

        await StoreWriteLock.UncountListingsAsync(connection, tx, storeId, deleted, cancellationToken);
        return deleted;
    }

    /// <summary>
    /// Updates stored listings inside the caller's transaction, each only from the version it was loaded at: one statement
    /// run once a listing (on SQL Server, a request for many). Each matches at most one row, so fewer rows than listings means one changed meanwhile.
    /// </summary>
    private static async Task UpdateListingsAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<Listing> listings, CancellationToken cancellationToken)
    {
        if (listings.Count == 0)
        {
            return;
        }

        var updated = (await RepeatedStatement.ExecuteEachAsync(connection, tx, UpdateListing, listings.Select(Row).ToList(), cancellationToken)).Sum();
        if (updated != listings.Count)
        {
            throw new ConcurrencyConflictException(nameof(Listing), listings.Count == 1 ? listings[0].SKU : $"{listings.Count - updated} of {listings.Count} listings");
        }
    }

    private static object Row(Listing listing) => new
    {
        listing.Id,
        listing.StoreId,
        listing.SKU,
        listing.Title,
        listing.Quantity,
        listing.Price,
        listing.Reference,
        TaggedPrices = listing.TaggedPrices.Count == 0 ? null : JsonSerializer.Serialize(listing.TaggedPrices),
        listing.LastInventoryHash,
        listing.LastPriceHash,
        listing.UpdatedUtc,
        listing.Version,
    };

    private sealed class ListingRow
    {
        public long Id { get; init; }

        public string StoreId { get; init; } = string.Empty;

        public string SKU { get; init; } = string.Empty;

        public string Title { get; init; } = string.Empty;

        public int Quantity { get; init; }

        public decimal? Price { get; init; }

        public string Reference { get; init; } = string.Empty;

        public string? TaggedPrices { get; init; }

        public string? LastInventoryHash { get; init; }

        public string? LastPriceHash { get; init; }

        public DateTime UpdatedUtc { get; init; }

        public int Version { get; init; }
    }
}
