using ChannelBridge.Application.ListingTool;
using ChannelBridge.Infrastructure.Persistence.Queries;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Listings;

internal sealed class ListingCatalogRepository(CallConnections connections, SnapshotPager pager, TimeProvider time) : IListingCatalogRepository
{
    private const string SelectDocument = "SELECT Json FROM ListingDocuments WHERE Kind = @Kind AND DocKey = @Key";
    private const string SelectDocuments = "SELECT Json FROM ListingDocuments WHERE Kind = @Kind AND DocKey IN @Keys";
    private const string UpdateDocument = "UPDATE ListingDocuments SET Json = @Json, Version = Version + 1, UpdatedUtc = @UpdatedUtc WHERE Kind = @Kind AND DocKey = @Key";
    private const string InsertDocument = "INSERT INTO ListingDocuments (Kind, DocKey, Json, Version, UpdatedUtc) VALUES (@Kind, @Key, @Json, 1, @UpdatedUtc)";
    private const string RetireSets = "UPDATE ListingCategorySets SET IsCurrent = 0 WHERE IsCurrent = 1";
    private const string InsertSet = "INSERT INTO ListingCategorySets (IsCurrent, CreatedUtc) VALUES (1, @CreatedUtc); SELECT /*LAST_ID*/;";
    private const string InsertCategory = "INSERT INTO ListingCategories (Version, Position, CategoryId, CategoryName) VALUES (@Version, @Position, @CategoryId, @CategoryName)";

    // Old versions outlive any download run still walking them (a run lasts at most a day).
    private const string DeleteOldCategories = """
        DELETE FROM ListingCategories WHERE Version IN (SELECT Version FROM ListingCategorySets WHERE IsCurrent = 0 AND CreatedUtc < @Expired)
        """;

    private const string DeleteOldSets = "DELETE FROM ListingCategorySets WHERE IsCurrent = 0 AND CreatedUtc < @Expired";
    private const string CurrentSet = "SELECT MAX(Version) FROM ListingCategorySets WHERE IsCurrent = 1";

    private const string SelectCategories = """
        SELECT CategoryId, CategoryName FROM ListingCategories WHERE Version = @Version ORDER BY Position
        """;

    private const string SelectCategoryPage = """
        SELECT /*TOP*/ CategoryId, CategoryName FROM ListingCategories WHERE Version = @Version AND Position >= @From ORDER BY Position
        /*LIMIT*/
        """;

    private readonly SqlDialect _dialect = SqlDialect.For(connections.Provider);

    public async Task<string?> GetDocumentAsync(ListingDocumentKind kind, string key, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectDocument, new { Kind = kind.ToString(), Key = key }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<string>> GetDocumentsAsync(ListingDocumentKind kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(SelectDocuments, new { Kind = kind.ToString(), Keys = keys }, cancellationToken: cancellationToken))];
    }

    public async Task SaveDocumentAsync(ListingDocumentKind kind, string key, string json, CancellationToken cancellationToken)
    {
        var args = new { Kind = kind.ToString(), Key = key, Json = json, UpdatedUtc = time.GetUtcNow().UtcDateTime };
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(UpdateDocument, args, tx, cancellationToken: cancellationToken)) == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertDocument, args, tx, cancellationToken: cancellationToken));
        }

        await tx.CommitAsync(cancellationToken);
    }

    public async Task ReplaceCategoriesAsync(IReadOnlyList<CategoryDto> categories, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RetireSets, transaction: tx, cancellationToken: cancellationToken));
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_dialect.Render(InsertSet), new { CreatedUtc = now }, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            InsertCategory, categories.Select((c, i) => new { Version = version, Position = i, c.CategoryId, c.CategoryName }), tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(DeleteOldCategories, new { Expired = now.AddDays(-1) }, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(DeleteOldSets, new { Expired = now.AddDays(-1) }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CategoryDto>> GetCategoriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(CurrentSet, cancellationToken: cancellationToken));
        return version is null ? [] : [.. await connection.QueryAsync<CategoryDto>(new CommandDefinition(SelectCategories, new { Version = version }, cancellationToken: cancellationToken))];
    }

    public async Task<(IReadOnlyList<CategoryDto> Categories, bool HasMorePages)> GetCategoryPageAsync(string integrationId, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var run = await pager.RunAsync(
            connections, integrationId, "categories", pageNumber,
            async () =>
            {
                var current = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(CurrentSet, cancellationToken: cancellationToken)) ?? 0;
                return (current, current, 0L);
            },
            cancellationToken);
        var rows = (await connection.QueryAsync<CategoryDto>(new CommandDefinition(
            _dialect.Render(SelectCategoryPage), new { Version = run.FromKey, From = (long)(pageNumber - 1) * pageSize, Limit = pageSize + 1 }, cancellationToken: cancellationToken))).ToList();
        return ([.. rows.Take(pageSize)], rows.Count > pageSize);
    }
}
