using ChannelBridge.Application.Listings;
using ChannelBridge.Domain.Listings;

namespace ChannelBridge.Infrastructure.Persistence.Queries;

/// <summary>
/// Products pages in listing Id order over a run fixed at PageNumber 1: listings added later come next run, and one
/// deleted during the run keeps its place (counted, not served; see Page).
/// </summary>
internal sealed class ListingQueries(CallConnections connections, SnapshotPager pager) : IListingQueries
{
    // A new run's high-water mark (the store's newest listing) and deletion mark (its newest deletion), in one read.
    private const string RunBounds = """
        SELECT (SELECT MAX(Id) FROM Listings WHERE StoreId = @StoreId), (SELECT MAX(Seq) FROM DeletedListings WHERE StoreId = @StoreId)
        """;

    // A run's pages are counted over its listings as they were when it began, so a page found again by counting the run's
    // listings (another node, a restart) starts where the run's first reading of it did (ADR-005): a listing deleted since
    // (DeletedListings, above the run's deletion mark) is counted still, with nothing to serve, and its page is one
    // listing short. A store's deletions are numbered as they commit, so the mark splits them in two, whichever of the
    // run's two reads came first. Ids are never reused (AUTOINCREMENT, IDENTITY): no id is both listed and deleted.
    private const string ListedIds = "SELECT /*TOP*/ Id FROM Listings WHERE StoreId = @StoreId AND Id > @After AND Id <= @HighWater ORDER BY Id /*LIMIT*/";

    private const string Page = """
        SELECT /*TOP*/ Id, SKU, Title, Quantity, Price, Reference FROM Listings WHERE StoreId = @StoreId AND Id > @After AND Id <= @HighWater ORDER BY Id
        /*LIMIT*/
        """;

    // The run's listings deleted since it began, read after a page's listed rows and only up to the last of them (bound as
    // @HighWater), so the two merged are the page's first rows. Nearly always none: one index seek. The two reads see the
    // database at two moments (a read holds no transaction), so a listing deleted between them is in both: counted once.
    private const string DeletedIds = """
        SELECT /*TOP*/ ListingId FROM DeletedListings
        WHERE StoreId = @StoreId AND ListingId > @After AND ListingId <= @HighWater AND Seq > @DeletionMark
        ORDER BY ListingId
        /*LIMIT*/
        """;

    // The statements as each provider reads them, rendered once per process: each is a prepared statement kept by a
    // session's connection (ReadSession, ADR-029), found by its text.
    private static readonly Dictionary<SqlDialect, (string Page, string ListedIds, string DeletedIds)> Rendered =
        new[] { SqlDialect.Sqlite, SqlDialect.SqlServer }.ToDictionary(d => d, d => (d.Render(Page), d.Render(ListedIds), d.Render(DeletedIds)));

    private readonly (string Page, string ListedIds, string DeletedIds) _sql = Rendered[SqlDialect.For(connections.Provider)];

    public Task<ListingPage> GetPageAsync(string integrationId, string storeId, int pageNumber, int pageSize, CancellationToken cancellationToken) =>
        pager.ServeAsync(pageNumber, () => ReadPageAsync(integrationId, storeId, pageNumber, pageSize, cancellationToken), cancellationToken);

    /// <summary>The page, its run, and its last row's id (null: it holds none).</summary>
    private async Task<(ListingPage Page, SnapshotPager.Run Run, long? LastId)> ReadPageAsync(
        string integrationId, string storeId, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        // A read: no transaction, and its statements stay prepared on the session's connection across pages.
        await using var session = await connections.OpenReadSessionAsync(cancellationToken);
        var run = await pager.RunAsync(connections, integrationId, "products", pageNumber, () => RunBoundsAsync(session, storeId, cancellationToken), cancellationToken);

        object Args(long after, int limit, long? through = null) =>
            new { StoreId = storeId, HighWater = through ?? run.HighWaterKey, run.DeletionMark, After = after, Limit = limit };
        var after = await pager.StartOfPageAsync(
            run, pageNumber,
            async a =>
            {
                var listed = await ReadIdsAsync(session, _sql.ListedIds, Args(a, pageSize), cancellationToken);
                var deleted = await ReadIdsAsync(session, _sql.DeletedIds, Args(a, pageSize, listed.Count == pageSize ? listed[^1] : null), cancellationToken);
                return listed.Union(deleted).Order().Take(pageSize).Select(id => (long?)id).LastOrDefault();
            });
        if (after is null)
        {
            return (new ListingPage([], false), run, null);
        }

        var listed = await ReadRowsAsync(session, Args(after.Value, pageSize + 1), pageSize, cancellationToken);
        var deleted = await ReadIdsAsync(
            session, _sql.DeletedIds, Args(after.Value, pageSize + 1, listed.Count > pageSize ? listed[pageSize].Id : null), cancellationToken);
        var (listings, lastId, more) = Counted(listed, deleted, pageSize);
        return (new ListingPage(listings, more), run, lastId);
    }

    /// <summary>
    /// The page's first <paramref name="pageSize"/> rows of the two lists (both in id order), the listed ones served and
    /// the deleted ones only counted (one in both, deleted between the reads, counted once and not served); the last
    /// row's id (null when none), and whether a row follows.
    /// </summary>
    internal static (List<ListingData> Listings, long? LastId, bool More) Counted(IReadOnlyList<(long Id, ListingData Listing)> listed, IReadOnlyList<long> deleted, int pageSize)
    {
        var listings = new List<ListingData>(Math.Min(listed.Count, pageSize));
        var (l, d, rows, lastId) = (0, 0, 0, (long?)null);
        for (; rows < pageSize && (l < listed.Count || d < deleted.Count); rows++)
        {
            if (d == deleted.Count || (l < listed.Count && listed[l].Id < deleted[d]))
            {
                listings.Add(listed[l].Listing);
                lastId = listed[l++].Id;
                continue;
            }

            lastId = deleted[d++];
            l += l < listed.Count && listed[l].Id == lastId ? 1 : 0;
        }

        return (listings, lastId, l < listed.Count || d < deleted.Count);
    }

    /// <summary>A new run's key range from the first id, and its deletion mark (0 for none).</summary>
    private static async Task<(long, long, long)> RunBoundsAsync(ReadSession session, string storeId, CancellationToken cancellationToken)
    {
        await using var reader = await session.ReaderAsync(RunBounds, new { StoreId = storeId }, cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (1, reader.IsDBNull(0) ? 0 : reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1));
    }

    /// <summary>The ids a statement reads (the listed or the deleted of a page).</summary>
    private static async Task<IReadOnlyList<long>> ReadIdsAsync(ReadSession session, string sql, object args, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using var reader = await session.ReaderAsync(sql, args, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Up to <paramref name="limit"/> listed rows in id order, each value read by position.</summary>
    private async Task<List<(long Id, ListingData Listing)>> ReadRowsAsync(ReadSession session, object args, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<(long, ListingData)>(limit);
        await using var reader = await session.ReaderAsync(_sql.Page, args, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var price = reader.IsDBNull(4) ? (decimal?)null : DbDecimal.Trim(reader.GetDecimal(4));
            rows.Add((reader.GetInt64(0), new ListingData(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), price, reader.GetString(5))));
        }

        return rows;
    }
}
