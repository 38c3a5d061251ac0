using ChannelBridge.Domain.Stores;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Repositories;

internal sealed class AccessTokenRepository(CallConnections connections, TimeProvider time) : IAccessTokenRepository
{
    private const string InsertToken = """
        INSERT INTO OAuthTokens (TokenHash, StoreId, Scope, ExpiresUtc, CreatedUtc) VALUES (@TokenHashHex, @StoreId, @Scope, @ExpiresUtc, @CreatedUtc)
        """;

    private const string DeleteExpired = "DELETE FROM OAuthTokens WHERE ExpiresUtc < @Cutoff";

    private const string SelectToken = """
        SELECT TokenHash AS TokenHashHex, StoreId, Scope, ExpiresUtc, CreatedUtc FROM OAuthTokens WHERE TokenHash = @Hash
        """;

    public async Task SaveAsync(AccessToken token, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeleteExpired, new { Cutoff = time.GetUtcNow().UtcDateTime.AddHours(-1) }, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertToken, token, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<AccessToken?> GetByHashAsync(string tokenHashHex, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(SelectToken, new { Hash = DbHash.Of(tokenHashHex) }, cancellationToken: cancellationToken));
        return row is null ? null : new AccessToken(row.TokenHashHex, row.StoreId, row.Scope, DbTime.Utc(row.ExpiresUtc), DbTime.Utc(row.CreatedUtc));
    }

    private sealed class Row
    {
        public string TokenHashHex { get; init; } = string.Empty;

        public string StoreId { get; init; } = string.Empty;

        public string Scope { get; init; } = string.Empty;

        public DateTime ExpiresUtc { get; init; }

        public DateTime CreatedUtc { get; init; }
    }
}
