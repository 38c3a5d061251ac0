using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;
using Dapper;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>
/// What every provider's repositories must do. Run on SQLite always and on SQL Server where one is
/// available (see <see cref="SqlServer.SqlServerDatabaseFixture"/>).
/// </summary>
public abstract class RepositoryContract(DatabaseFixture database)
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task Store_SavedAndLoaded_ByIdAndByKeyHash_WithTagsInOrder()
    {
        SkipUnlessAvailable();
        var (store, key) = Store.Create("Round trip", Now).Value;
        store.ReplaceTags(TagKind.Shipping, [("z-last", "Z", ""), ("a-first", "A", "UK")], Now);
        store.ReplaceTags(TagKind.Payment, [("paypal", "PayPal", "")], Now);

        await database.Stores.SaveAsync(store, default);
        var byId = await database.Stores.GetByIdAsync(store.Id, default);
        var byKey = await database.Stores.GetByKeyHashAsync(SecretHash.Of(key).Hex, default);

        byId.Should().NotBeNull();
        byKey!.Id.Should().Be(store.Id);
        byId!.Name.Should().Be("Round trip");
        byId.Access.KeyMatches(key).Should().BeTrue();
        byId.IsActive.Should().BeTrue();
        byId.CreatedUtc.Should().Be(Now);
        byId.CreatedUtc.Kind.Should().Be(DateTimeKind.Utc);
        byId.Version.Should().Be(1);
        byId.ShippingTags.Select(t => (t.Tag, t.Site)).Should().Equal(("z-last", ""), ("a-first", "UK"));
        byId.PaymentTags.Should().ContainSingle(t => t.Tag == "paypal");
    }

    [SkippableFact]
    public async Task Store_Changes_ArePersisted_AndTheOldKeyNoLongerFindsIt()
    {
        SkipUnlessAvailable();
        var (store, oldKey) = Store.Create("Changes", Now).Value;
        store.ReplaceTags(TagKind.Shipping, [("one", "One", "")], Now);
        await database.Stores.SaveAsync(store, default);

        var loaded = (await database.Stores.GetByIdAsync(store.Id, default))!;
        var newKey = loaded.RotateKey(Now);
        loaded.ReplaceTags(TagKind.Shipping, [], Now);
        loaded.Disable(Now.AddHours(1));
        await database.Stores.SaveAsync(loaded, default);

        var reloaded = (await database.Stores.GetByIdAsync(store.Id, default))!;
        reloaded.IsActive.Should().BeFalse();
        reloaded.ShippingTags.Should().BeEmpty();
        reloaded.UpdatedUtc.Should().Be(Now.AddHours(1));
        reloaded.Version.Should().Be(2);
        (await database.Stores.GetByKeyHashAsync(SecretHash.Of(oldKey).Hex, default)).Should().BeNull();
        (await database.Stores.GetByKeyHashAsync(SecretHash.Of(newKey).Hex, default))!.Id.Should().Be(store.Id);
    }

    [SkippableFact]
    public async Task Store_Access_IsItsIdKeyHashAndActiveFlag_AsLastSaved()
    {
        SkipUnlessAvailable();
        var (store, oldKey) = Store.Create("Access", Now).Value;
        await database.Stores.SaveAsync(store, default);

        var access = await database.Stores.GetAccessAsync(store.Id, default);
        access.Should().Be(store.Access);
        access!.KeyMatches(oldKey).Should().BeTrue();

        var loaded = (await database.Stores.GetByIdAsync(store.Id, default))!;
        var newKey = loaded.RotateKey(Now);
        loaded.Disable(Now);
        await database.Stores.SaveAsync(loaded, default);

        var after = (await database.Stores.GetAccessAsync(store.Id, default))!;
        (after.KeyMatches(newKey), after.KeyMatches(oldKey), after.IsActive).Should().Be((true, false, false));
        (await database.Stores.GetAccessAsync("missing", default)).Should().BeNull();
    }

    [SkippableFact]
    public async Task Store_SavedFromAStaleVersion_Conflicts_AndChangesNothing()
    {
        SkipUnlessAvailable();
        var (store, _) = Store.Create("Stale", Now).Value;
        await database.Stores.SaveAsync(store, default);
        var first = (await database.Stores.GetByIdAsync(store.Id, default))!;
        var second = (await database.Stores.GetByIdAsync(store.Id, default))!;
        first.ReplaceTags(TagKind.Shipping, [("first", "First", "")], Now);
        await database.Stores.SaveAsync(first, default);

        second.ReplaceTags(TagKind.Shipping, [("second", "Second", "")], Now);
        var act = () => database.Stores.SaveAsync(second, default);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await database.Stores.GetByIdAsync(store.Id, default))!.ShippingTags.Should().ContainSingle(t => t.Tag == "first");
    }

    [SkippableFact]
    public async Task Missing_Store_And_Integration_AreNull()
    {
        SkipUnlessAvailable();

        (await database.Stores.GetByIdAsync("missing", default)).Should().BeNull();
        (await database.Stores.GetByKeyHashAsync(SecretHash.Of("nope").Hex, default)).Should().BeNull();
        (await database.UserConfigs.GetByIdAsync("missing", default)).Should().BeNull();
        (await database.UserConfigs.GetByTokenHashAsync(SecretHash.Of("nope").Hex, default)).Should().BeNull();
    }

    [SkippableFact]
    public async Task UserConfig_SavedAndLoaded_WithValuesAndDecryptedSecrets()
    {
        SkipUnlessAvailable();
        var (config, store, key, token) = await CompletedIntegration();

        var loaded = (await database.UserConfigs.GetByTokenHashAsync(SecretHash.Of(token).Hex, default))!;

        loaded.Id.Should().Be(config.Id);
        loaded.StoreId.Should().Be(store.Id);
        loaded.StepName.Should().Be(WizardDefinition.ConfigStepName);
        loaded.LinkedKeyHash.Should().Be(store.KeyHash.Hex);
        var storeKey = loaded.Values.Single(v => v.ConfigItemId == "StoreKey");
        loaded.TestConfiguration(store.Access).IsSuccess.Should().BeTrue();
        storeKey.IsRevealed.Should().BeFalse("loading and the access check leave the secret sealed");
        loaded.GetValue("StoreKey").Should().Be(key);
        storeKey.IsRevealed.Should().BeTrue();
        loaded.GetValue("DefaultCurrency").Should().Be("GBP");
        loaded.Values.Single(v => v.ConfigItemId == "StoreKey").IsSecret.Should().BeTrue();
        loaded.Version.Should().Be(3);
        loaded.TestConfiguration(store.Access).IsSuccess.Should().BeTrue();
    }

    [SkippableFact]
    public async Task UserConfig_PasswordValues_AreEncryptedAtRest()
    {
        SkipUnlessAvailable();
        var (config, _, key, _) = await CompletedIntegration();

        await using var connection = await database.Connections.OpenAsync(default);
        var raw = await connection.QuerySingleAsync<string>(
            "SELECT Value FROM ConfigValues WHERE UserConfigId = @Id AND ConfigItemId = 'StoreKey'", new { config.Id });
        var tokenHashes = await connection.QueryAsync<string>("SELECT TokenHash FROM UserConfigs");

        raw.Should().NotBeNullOrEmpty().And.NotContain(key);
        tokenHashes.Should().NotContain(t => t.Contains("sk_", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task UserConfig_SavedFromAStaleVersion_Conflicts_AndKeepsTheWinnersValues()
    {
        SkipUnlessAvailable();
        var (config, store, _, _) = await CompletedIntegration();
        var first = (await database.UserConfigs.GetByIdAsync(config.Id, default))!;
        var second = (await database.UserConfigs.GetByIdAsync(config.Id, default))!;
        first.SaveStep("UserConfig", Values(("DefaultCurrency", "EUR")), WizardDefinition.Default, store.Access, Now).IsSuccess.Should().BeTrue();
        second.SaveStep("UserConfig", Values(("DefaultCurrency", "USD")), WizardDefinition.Default, store.Access, Now).IsSuccess.Should().BeTrue();
        await database.UserConfigs.SaveAsync(first, default);

        var act = () => database.UserConfigs.SaveAsync(second, default);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await database.UserConfigs.GetByIdAsync(config.Id, default))!.GetValue("DefaultCurrency").Should().Be("EUR");
    }

    [SkippableFact]
    public async Task UserConfig_ParallelSavesOfOneVersion_ExactlyOneWins()
    {
        SkipUnlessAvailable();
        var (config, store, _, _) = await CompletedIntegration();
        var copies = new List<UserConfig>();
        foreach (var days in Enumerable.Range(1, 8))
        {
            var copy = (await database.UserConfigs.GetByIdAsync(config.Id, default))!;
            copy.SaveStep("UserConfig", Values(("IgnoreOrdersOlderThanDays", days.ToString(System.Globalization.CultureInfo.InvariantCulture))), WizardDefinition.Default, store.Access, Now);
            copies.Add(copy);
        }

        var outcomes = await Task.WhenAll(copies.Select(async c =>
        {
            try
            {
                await database.UserConfigs.SaveAsync(c, default);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        }));

        outcomes.Count(o => o).Should().Be(1);
        var winner = copies[Array.IndexOf(outcomes, true)];
        (await database.UserConfigs.GetByIdAsync(config.Id, default))!.GetValue("IgnoreOrdersOlderThanDays").Should().Be(winner.GetValue("IgnoreOrdersOlderThanDays"));
    }

    [SkippableFact]
    public async Task UserConfig_Deleted_IsStoredDeletedWithoutValues()
    {
        SkipUnlessAvailable();
        var (config, _, _, token) = await CompletedIntegration();
        var loaded = (await database.UserConfigs.GetByIdAsync(config.Id, default))!;

        loaded.MarkDeleted(Now);
        await database.UserConfigs.SaveAsync(loaded, default);

        var deleted = (await database.UserConfigs.GetByTokenHashAsync(SecretHash.Of(token).Hex, default))!;
        deleted.IsDeleted.Should().BeTrue();
        deleted.Values.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task UserConfig_SameSellerAndAccountManyTimes_IsAllowed()
    {
        SkipUnlessAvailable();
        for (var i = 0; i < 3; i++)
        {
            var (config, _) = UserConfig.Create("005d4263-5a0c-43ce-bdc5-526955604107", "same@example.com", "Same account", WizardDefinition.Default, Now).Value;
            await database.UserConfigs.SaveAsync(config, default);
        }

        await using var connection = await database.Connections.OpenAsync(default);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM UserConfigs WHERE Email = 'same@example.com'")).Should().Be(3);
    }

    [SkippableFact]
    public async Task Migrations_RunTwice_AreAppliedOnce()
    {
        SkipUnlessAvailable();

        database.Migrate();

        await using var connection = await database.Connections.OpenAsync(default);
        var scripts = (await connection.QueryAsync<string>("SELECT ScriptName FROM SchemaVersions")).ToList();
        scripts.Should().OnlyHaveUniqueItems().And.Contain(s => s.EndsWith("0001_create_stores_and_user_configs.sql", StringComparison.Ordinal));
    }

    private void SkipUnlessAvailable() => Skip.If(database.SkipReason is not null, database.SkipReason);

    private static Dictionary<string, string?> Values(params (string Id, string? Value)[] values) =>
        values.ToDictionary(v => v.Id, v => v.Value, StringComparer.OrdinalIgnoreCase);

    private async Task<(UserConfig Config, Store Store, string Key, string Token)> CompletedIntegration()
    {
        var (store, key) = Store.Create("Linked", Now).Value;
        await database.Stores.SaveAsync(store, default);
        var (config, token) = UserConfig.Create("005d4263-5a0c-43ce-bdc5-526955604107", "seller@example.com", "Acct", WizardDefinition.Default, Now).Value;
        await database.UserConfigs.SaveAsync(config, default);
        config.SaveStep("ConnectStore", Values(("StoreId", store.Id), ("StoreKey", key)), WizardDefinition.Default, store.Access, Now).IsSuccess.Should().BeTrue();
        await database.UserConfigs.SaveAsync(config, default);
        config.SaveStep("OrderSettings", Values(), WizardDefinition.Default, store.Access, Now).IsSuccess.Should().BeTrue();
        await database.UserConfigs.SaveAsync(config, default);
        return (config, store, key, token);
    }
}

public sealed class SqliteRepositoryTests(SqliteDatabaseFixture database) : RepositoryContract(database), IClassFixture<SqliteDatabaseFixture>;

/// <summary>The same on SQLite with its writes sent in batches, as on SQL Server (<see cref="SqliteBatchingDatabaseFixture"/>).</summary>
public sealed class SqliteBatchedRepositoryTests(SqliteBatchingDatabaseFixture database)
    : RepositoryContract(database), IClassFixture<SqliteBatchingDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerRepositoryTests(SqlServer.SqlServerDatabaseFixture database) : RepositoryContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
