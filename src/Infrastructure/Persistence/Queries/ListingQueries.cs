using ChannelBridge.Application.Listings;
using ChannelBridge.Domain.Listings;

namespace ChannelBridge.Infrastructure.Persistence.Queries;

/// <summary>Products pages in listing Id order over a run fixed at PageNumber 1 (listings added later come next run).</summary>
internal sealed class ListingQueries(CallConnections connections, SnapshotPager pager) : IListingQueries
{
    private const string HighWater = "SELECT MAX(Id) FROM Listings WHERE StoreId = @StoreId";

    private const string PageIds = """
        SELECT /*TOP*/ Id FROM Listings WHERE StoreId = @StoreId AND Id > @After AND Id <= @HighWater ORDER BY Id
        /*LIMIT*/
        """;

    private const string Page = """
        SELECT /*TOP*/ Id, SKU, Title, Quantity, Price, Reference FROM Listings WHERE StoreId = @StoreId AND Id > @After AND Id <= @HighWater ORDER BY Id
        /*LIMIT*/
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
            async () => (1, await session.Int64Async(HighWater, new { StoreId = storeId }, cancellationToken) ?? 0),
            cancellationToken);

        object Args(long after, int limit) => new { StoreId = storeId, HighWater = run.HighWaterKey, After = after, Limit = limit };
        var after = await pager.StartOfPageAsync(
            connections, run, pageNumber, a => ReadIdsAsync(session, Args(a, pageSize), cancellationToken), cancellationToken);
        if (after is null)
        {
            return new ListingPage([], false);
        }

        var page = await ReadPageAsync(session, Args(after.Value, pageSize + 1), pageSize, cancellationToken);
        if (page.Listings.Count > 0)
        {
            pager.RecordBoundary(run, pageNumber, page.LastId);
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

    /// <summary>Up to <paramref name="pageSize"/> listings, each value read by position; the statement asks for one more, to tell whether more follow.</summary>
    private async Task<(List<ListingData> Listings, long LastId, bool More)> ReadPageAsync(ReadSession session, object args, int pageSize, CancellationToken cancellationToken)
    {
        var listings = new List<ListingData>(pageSize);
        long lastId = 0;
        await using var reader = await session.ReaderAsync(_sql.Page, args, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (listings.Count == pageSize)
            {
                return (listings, lastId, true);
            }

            lastId = reader.GetInt64(0);
            var price = reader.IsDBNull(4) ? (decimal?)null : DbDecimal.Trim(reader.GetDecimal(4));
            listings.Add(new ListingData(reader.GetString(1), reader.GetString(2), reader.GetInt32(3), price, reader.GetString(5)));
        }

        return (listings, lastId, false);
    }
}
