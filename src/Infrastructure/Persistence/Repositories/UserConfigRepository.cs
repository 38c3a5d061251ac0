using ChannelBridge.Domain.UserConfigs;
using ChannelBridge.Infrastructure.Persistence.Secrets;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.Repositories;

/// <summary>
/// Loads and saves an integration with its values. PASSWORD values are encrypted on the way in and, loaded, stay
/// sealed until read (<see cref="ConfigValue.Sealed"/>); saves are optimistic on <c>Version</c>.
/// </summary>
internal sealed class UserConfigRepository(CallConnections connections, ConfigValueProtector protector) : IUserConfigRepository
{
    private const string Update = """
        UPDATE UserConfigs
        SET StepName = @StepName, StoreId = @StoreId, LinkedByOAuth = @LinkedByOAuth, LinkedKeyHash = @LinkedKeyHash, IsDeleted = @IsDeleted, UpdatedUtc = @UpdatedUtc, Version = Version + 1
        WHERE Id = @Id AND Version = @Version
        """;

    private const string InsertValue = """
        INSERT INTO ConfigValues (UserConfigId, ConfigItemId, Value, IsSecret) VALUES (@UserConfigId, @ConfigItemId, @Value, @IsSecret)
        """;

    private const string Insert = """
        INSERT INTO UserConfigs (Id, TokenHash, LinnworksUniqueIdentifier, Email, AccountName, StepName, StoreId, LinkedByOAuth, LinkedKeyHash, IsDeleted, CreatedUtc, UpdatedUtc, Version)
        VALUES (@Id, @TokenHash, @LinnworksUniqueIdentifier, @Email, @AccountName, @StepName, @StoreId, @LinkedByOAuth, @LinkedKeyHash, @IsDeleted, @CreatedUtc, @UpdatedUtc, 1)
        """;

    private const string DeleteValues = "DELETE FROM ConfigValues WHERE UserConfigId = @Id";

    private const string SelectValues = "SELECT ConfigItemId, Value, IsSecret FROM ConfigValues WHERE UserConfigId = @Id";

    private const string SelectUserConfig = """
        SELECT Id, TokenHash, LinnworksUniqueIdentifier, Email, AccountName, StepName, StoreId, LinkedByOAuth, LinkedKeyHash, IsDeleted, CreatedUtc, UpdatedUtc, Version
        FROM UserConfigs
        """;

    /// <summary>The integrations linked to a store (the limit's count, ADR-039): one condition for every statement that counts them.</summary>
    internal const string LinkedToStore = "UserConfigs WHERE StoreId = @StoreId AND IsDeleted = 0";

    private const string CountLinked = $"SELECT COUNT(*) FROM {LinkedToStore} AND Id <> @ExceptId";

    public async Task<int> CountLinkedAsync(string storeId, string exceptId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountLinked, new { StoreId = storeId, ExceptId = exceptId }, cancellationToken: cancellationToken));
    }

    public Task<UserConfig?> GetByTokenHashAsync(string tokenHashHex, CancellationToken cancellationToken) =>
        LoadAsync($"{SelectUserConfig} WHERE TokenHash = @Value", new { Value = DbHash.Of(tokenHashHex) }, cancellationToken);

    public Task<UserConfig?> GetByIdAsync(string id, CancellationToken cancellationToken) =>
        LoadAsync($"{SelectUserConfig} WHERE Id = @Value", new { Value = id }, cancellationToken);

    public async Task SaveAsync(UserConfig userConfig, CancellationToken cancellationToken)
    {
        var row = new
        {
            userConfig.Id,
            TokenHash = userConfig.TokenHash.Hex,
            userConfig.LinnworksUniqueIdentifier,
            userConfig.Email,
            userConfig.AccountName,
            userConfig.StepName,
            userConfig.StoreId,
            userConfig.LinkedByOAuth,
            userConfig.LinkedKeyHash,
            userConfig.IsDeleted,
            userConfig.CreatedUtc,
            userConfig.UpdatedUtc,
            userConfig.Version,
        };
        var values = userConfig.Values.Select(v => new
        {
            UserConfigId = userConfig.Id,
            v.ConfigItemId,
            Value = v.IsSecret && v.Value.Length > 0 ? protector.Protect(v.Value) : v.Value,
            v.IsSecret,
        }).ToList<object>();

        await new AggregateRows(nameof(UserConfig), userConfig.Id, userConfig.Version == 0, Insert, Update, row, DeleteValues, InsertValue, values)
            .SaveAsync(connections, cancellationToken);
        userConfig.MarkSaved();
    }

    private async Task<UserConfig?> LoadAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        if (await AggregateRows.ReadAsync<UserConfigRow, ConfigValueRow>(connections, sql, parameters, SelectValues, r => r.Id, cancellationToken) is not var (row, values))
        {
            return null;
        }

        return UserConfig.Rehydrate(
            row.Id, row.TokenHash, row.LinnworksUniqueIdentifier, row.Email, row.AccountName, row.StepName, row.StoreId, row.IsDeleted,
            DbTime.Utc(row.CreatedUtc), DbTime.Utc(row.UpdatedUtc), row.Version,
            values.Select(v => v.IsSecret && v.Value.Length > 0
                ? ConfigValue.Sealed(v.ConfigItemId, () => protector.Unprotect(v.Value)) // decrypted only if read (the wizard, an old link's check)
                : new ConfigValue(v.ConfigItemId, v.Value, v.IsSecret)),
            row.LinkedByOAuth,
            row.LinkedKeyHash);
    }

    private sealed class UserConfigRow
    {
        public string Id { get; init; } = string.Empty;

        public string TokenHash { get; init; } = string.Empty;

        public string LinnworksUniqueIdentifier { get; init; } = string.Empty;

        public string Email { get; init; } = string.Empty;

        public string AccountName { get; init; } = string.Empty;

        public string StepName { get; init; } = string.Empty;

        public string? StoreId { get; init; }

        public bool LinkedByOAuth { get; init; }

        public string? LinkedKeyHash { get; init; }

        public bool IsDeleted { get; init; }

        public DateTime CreatedUtc { get; init; }

        public DateTime UpdatedUtc { get; init; }

        public int Version { get; init; }
    }

    private sealed class ConfigValueRow
    {
        public string ConfigItemId { get; init; } = string.Empty;

        public string Value { get; init; } = string.Empty;

        public bool IsSecret { get; init; }
    }
}
