using ChannelBridge.Application.Listings;
using ChannelBridge.Domain.Listings;

namespace ChannelBridge.Infrastructure.Persistence.Queries;

/// <summary>
/// Products pages in listing Id order over a run fixed at PageNumber 1: listings added later come next run, and one
/// deleted during the run keeps its place (counted, not served; see Page).
/// </summary>
internal sealed class ListingQueries(CallConnections connections, SnapshotPager pager) : IListingQueries
{
    private const string HighWater = "SELECT MAX(Id) FROM Listings WHERE StoreId = @StoreId";

    private const string DeletionMark = "SELECT MAX(Seq) FROM DeletedListings WHERE StoreId = @StoreId";

    // A run's pages are counted over its listings as they were when it began, so a page found again by counting the run's
    // listings (another node, a restart) starts where the run's first reading of it did (ADR-005): a listing deleted since
    // (DeletedListings, above the run's deletion mark) is a row still, with nothing to serve (NotServed 1), and its page is
    // one listing short. A store's deletions are numbered as they commit, so the mark splits them in two, whichever of
    // the run's two reads came first. Ids are never reused (AUTOINCREMENT, IDENTITY): no id is both listed and deleted.
    // One compound SELECT, not a derived table: SQLite merges the two index walks in Id order and stops at the limit,
    // where a derived table's ORDER BY read and sorted every listing above the page.
    private const string Listed = "FROM Listings WHERE StoreId = @StoreId AND Id > @After AND Id <= @HighWater";

    private const string Deleted = "FROM DeletedListings WHERE StoreId = @StoreId AND ListingId > @After AND ListingId <= @HighWater AND Seq > @DeletionMark";

    private const string PageIds = $"SELECT Id {Listed} UNION ALL SELECT ListingId {Deleted} ORDER BY 1 /*FETCH*/";

    private const string Page = $"""
        SELECT Id, SKU, Title, Quantity, Price, Reference, 0 {Listed}
        UNION ALL
        SELECT ListingId, '', '', 0, NULL, '', 1 {Deleted}
        ORDER BY 1
        /*FETCH*/
        """;

    // The statements as each provider reads them, rendered once per process: each is a prepared statement kept by a
    // session's connection (ReadSession, ADR-029), found by its text.
    private static readonly Dictionary<SqlDialect, (string Page, string PageIds)> Rendered =
        new[] { SqlDialect.Sqlite, SqlDialect.SqlServer }.ToDictionary(d => d, d => (d.Render(Page), d.Render(PageIds)));

    private readonly (string Page, string PageIds) _sql = Rendered[SqlDialect.For(connections.Provider)];

    public async Task<ListingPage> GetPageAsync(string integrationId, string storeId, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        // A read: no transaction, and its statements stay prepared on the session's connection across pages.
        await using var session = await connections.OpenReadSessionAsync(cancellationToken);
        var run = await pager.RunAsync(
            connections, integrationId, "products", pageNumber,
            async () => (1, await session.Int64Async(HighWater, new { StoreId = storeId }, cancellationToken) ?? 0,
                await session.Int64Async(DeletionMark, new { StoreId = storeId }, cancellationToken) ?? 0),
            cancellationToken);

        object Args(long after, int limit) => new { StoreId = storeId, HighWater = run.HighWaterKey, run.DeletionMark, After = after, Limit = limit };
        var after = await pager.StartOfPageAsync(
            connections, run, pageNumber, a => ReadIdsAsync(session, Args(a, pageSize), cancellationToken), cancellationToken);
        if (after is null)
        {
            return new ListingPage([], false);
        }

        var page = await ReadPageAsync(session, Args(after.Value, pageSize + 1), pageSize, cancellationToken);
        if (page.LastId is { } lastId)
        {
            pager.RecordBoundary(run, pageNumber, lastId);
        }

        return new ListingPage(page.Listings, page.More);
    }

    /// <summary>The ids of a page not yet served (a walk's gap).</summary>
    private async Task<IReadOnlyList<long>> ReadIdsAsync(ReadSession session, object args, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await using var reader = await session.ReaderAsync(_sql.PageIds, args, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>
    /// The listings of up to <paramref name="pageSize"/> rows, each value read by position, and the last row's id (null when
    /// none); the statement asks for one row more, to tell whether more follow. A deleted listing's row is counted, not served.
    /// </summary>
    private async Task<(List<ListingData> Listings, long? LastId, bool More)> ReadPageAsync(ReadSession session, object args, int pageSize, CancellationToken cancellationToken)
    {
        var listings = new List<ListingData>(pageSize);
        var (rows, lastId) = (0, (long?)null);
        await using var reader = await session.ReaderAsync(_sql.Page, args, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (rows++ == pageSize)
            {
                return (listings, lastId, true);
            }

            lastId = reader.GetInt64(0);
            if (reader.GetInt32(6) == 1)
            {
                continue;
            }

            var price = reader.IsDBNull(4) ? (decimal?)null : DbDecimal.Trim(reader.GetDecimal(4));
            listings.Add(new ListingData(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), price, reader.GetString(5)));
        }

        return (listings, lastId, false);
    }
}
