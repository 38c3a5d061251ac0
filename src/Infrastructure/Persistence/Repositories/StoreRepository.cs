using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Repositories;

internal sealed class StoreRepository(CallConnections connections) : IStoreRepository
{
    private const string Update = """
        UPDATE Stores SET Name = @Name, KeyHash = @KeyHash, IsActive = @IsActive, UpdatedUtc = @UpdatedUtc, Version = Version + 1
        WHERE Id = @Id AND Version = @Version
        """;

    private const string InsertTag = """
        INSERT INTO StoreTags (StoreId, Kind, Position, Tag, FriendlyName, Site)
        VALUES (@StoreId, @Kind, @Position, @Tag, @FriendlyName, @Site)
        """;

    private const string Insert = """
        INSERT INTO Stores (Id, Name, KeyHash, IsActive, CreatedUtc, UpdatedUtc, Version)
        VALUES (@Id, @Name, @KeyHash, @IsActive, @CreatedUtc, @UpdatedUtc, 1)
        """;

    private const string DeleteTags = "DELETE FROM StoreTags WHERE StoreId = @Id";

    // A rotated key or a disabled store ends every OAuth token issued for it.
    private const string RevokeTokens = """
        DELETE FROM OAuthTokens WHERE StoreId = @Id AND (@IsActive = 0 OR NOT EXISTS (SELECT 1 FROM Stores WHERE Id = @Id AND KeyHash = @KeyHash))
        """;

    private const string SelectStore = """
        SELECT Id, Name, KeyHash, IsActive, CreatedUtc, UpdatedUtc, Version FROM Stores
        """;

    private const string SelectAccess = "SELECT Id, KeyHash, IsActive FROM Stores WHERE Id = @Value";

    private const string SelectTags = """
        SELECT Kind, Tag, FriendlyName, Site FROM StoreTags WHERE StoreId = @Id ORDER BY Kind, Position
        """;

    public Task<Store?> GetByIdAsync(string storeId, CancellationToken cancellationToken) =>
        LoadAsync($"{SelectStore} WHERE Id = @Value", new { Value = storeId }, cancellationToken);

    public Task<Store?> GetByKeyHashAsync(string keyHashHex, CancellationToken cancellationToken) =>
        LoadAsync($"{SelectStore} WHERE KeyHash = @Value", new { Value = DbHash.Of(keyHashHex) }, cancellationToken);

    public async Task<StoreAccess?> GetAccessAsync(string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StoreRow>(new CommandDefinition(SelectAccess, new { Value = storeId }, cancellationToken: cancellationToken));
        return row is null ? null : new StoreAccess(row.Id, SecretHash.FromHex(row.KeyHash), row.IsActive);
    }

    public async Task SaveAsync(Store store, CancellationToken cancellationToken)
    {
        var row = new
        {
            store.Id,
            store.Name,
            KeyHash = store.KeyHash.Hex,
            store.IsActive,
            store.CreatedUtc,
            store.UpdatedUtc,
            store.Version,
        };
        var tags = store.ShippingTags.Select((t, i) => (Kind: TagKind.Shipping, Position: i, Tag: t))
            .Concat(store.PaymentTags.Select((t, i) => (Kind: TagKind.Payment, Position: i, Tag: t)))
            .Select(x => new { StoreId = store.Id, Kind = (int)x.Kind, x.Position, x.Tag.Tag, x.Tag.FriendlyName, x.Tag.Site })
            .ToList<object>();

        await new AggregateRows(nameof(Store), store.Id, store.Version == 0, Insert, Update, row, DeleteTags, InsertTag, tags).SaveAsync(
            connections,
            cancellationToken,
            store.Version == 0 ? null : (connection, tx) => connection.ExecuteAsync(new CommandDefinition(RevokeTokens, row, tx, cancellationToken: cancellationToken)));
        store.MarkSaved();
    }

    private async Task<Store?> LoadAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        if (await AggregateRows.ReadAsync<StoreRow, StoreTagRow>(connections, sql, parameters, SelectTags, r => r.Id, cancellationToken) is not var (row, tags))
        {
            return null;
        }

        return Store.Rehydrate(
            row.Id, row.Name, row.KeyHash, row.IsActive, DbTime.Utc(row.CreatedUtc), DbTime.Utc(row.UpdatedUtc), row.Version,
            tags.Where(t => t.Kind == (int)TagKind.Shipping).Select(t => ChannelTag.Rehydrate(t.Tag, t.FriendlyName, t.Site)),
            tags.Where(t => t.Kind == (int)TagKind.Payment).Select(t => ChannelTag.Rehydrate(t.Tag, t.FriendlyName, t.Site)));
    }

    private sealed class StoreRow
    {
        public string Id { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        public string KeyHash { get; init; } = string.Empty;

        public bool IsActive { get; init; }

        public DateTime CreatedUtc { get; init; }

        public DateTime UpdatedUtc { get; init; }

        public int Version { get; init; }
    }

    private sealed class StoreTagRow
    {
        public int Kind { get; init; }

        public string Tag { get; init; } = string.Empty;

        public string FriendlyName { get; init; } = string.Empty;

        public string Site { get; init; } = string.Empty;
    }
}
