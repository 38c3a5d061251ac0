using ChannelBridge.Application.Listings;
using ChannelBridge.Domain.Listings;
using Dapper;

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

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    public async Task<ListingPage> GetPageAsync(string integrationId, string storeId, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var run = await pager.RunAsync(
            connections, integrationId, "products", pageNumber,
            async () => (1, await connection.ExecuteScalarAsync<long?>(new CommandDefinition(HighWater, new { StoreId = storeId }, cancellationToken: cancellationToken)) ?? 0),
            cancellationToken);

        object Args(long after, int limit) => new { StoreId = storeId, HighWater = run.HighWaterKey, After = after, Limit = limit };
        var after = await pager.StartOfPageAsync(
            connections, run, pageNumber,
            async a => [.. await connection.QueryAsync<long>(new CommandDefinition(_dialect.Render(PageIds), Args(a, pageSize), cancellationToken: cancellationToken))],
            cancellationToken);
        if (after is null)
        {
            return new ListingPage([], false);
        }

        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(_dialect.Render(Page), Args(after.Value, pageSize + 1), cancellationToken: cancellationToken))).ToList();
        var served = rows.Take(pageSize).ToList();
        if (served.Count > 0)
        {
            pager.RecordBoundary(run, pageNumber, served[^1].Id);
        }

        return new ListingPage([.. served.Select(r => new ListingData(r.SKU, r.Title, r.Quantity, DbDecimal.Trim(r.Price), r.Reference))], rows.Count > pageSize);
    }

    private sealed class Row
    {
        public long Id { get; init; }

        public string SKU { get; init; } = string.Empty;

        public string Title { get; init; } = string.Empty;

        public int Quantity { get; init; }

        public decimal? Price { get; init; }

        public string Reference { get; init; } = string.Empty;
    }
}
