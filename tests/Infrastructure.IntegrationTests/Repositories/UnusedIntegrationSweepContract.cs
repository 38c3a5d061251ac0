using ChannelBridge.Application.Config;
using ChannelBridge.Domain.UserConfigs;
using ChannelBridge.Infrastructure.Persistence.Maintenance;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>
/// Integrations never linked, or deleted, and untouched for the retention are deleted with what hangs off them; every
/// other integration is left whole. Dated in 2020, so the fixture's other integrations (2026) are never candidates.
/// </summary>
public abstract class UnusedIntegrationSweepContract(DatabaseFixture database)
{
    private static readonly DateTime Created = new(2020, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>Eight days after <see cref="Created"/>: with 7 days' retention, the cut-off is a day after it.</summary>
    private static readonly DateTime SweptAt = Created.AddDays(8);

    [SkippableFact]
    public async Task UnusedIntegrations_AreDeletedWithTheirValuesAndActivity_OthersAreLeftWhole()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var abandoned = await Unlinked(Created);
        await AddValueAndActivity(abandoned, lastCall: Created.AddHours(1));
        var stillCalled = await Unlinked(Created);
        await AddValueAndActivity(stillCalled, lastCall: SweptAt.AddDays(-2));
        var recent = await Unlinked(SweptAt.AddDays(-3));
        var linked = await Linked(Created);
        var deletedLongAgo = await Linked(Created);
        await MarkDeleted(deletedLongAgo, Created.AddHours(2));
        var deletedLately = await Linked(Created);
        await MarkDeleted(deletedLately, SweptAt.AddDays(-1));

        var swept = await Sweeper(retentionDays: 7).SweepAsync(default, batchSize: 1);

        swept.Should().Be(2);
        (await database.UserConfigs.GetByIdAsync(abandoned, default)).Should().BeNull("never linked, and nothing has touched it for 7 days");
        (await database.UserConfigs.GetByIdAsync(deletedLongAgo, default)).Should().BeNull("deleted by Linnworks 7 days ago");
        (await Count("ConfigValues", "UserConfigId", abandoned)).Should().Be(0);
        (await Count("IntegrationActivity", "IntegrationId", abandoned)).Should().Be(0);
        (await Count("IntegrationActivityHours", "IntegrationId", abandoned)).Should().Be(0);
        foreach (var kept in new[] { stillCalled, recent, linked, deletedLately })
        {
            (await database.UserConfigs.GetByIdAsync(kept, default)).Should().NotBeNull();
        }

        (await Count("ConfigValues", "UserConfigId", stillCalled)).Should().Be(1, "an integration Linnworks still calls keeps its values");
        (await Sweeper(retentionDays: 7).SweepAsync(default)).Should().Be(0, "a second sweep finds nothing more");
    }

    [SkippableFact]
    public async Task ACallRecordedBeforeItsIntegrationIsSwept_LeavesNoActivityBehind()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var swept = await Unlinked(Created.AddDays(-1));   // before the other test's candidates, so either sweep takes it
        var kept = await Unlinked(SweptAt.AddDays(-1));
        var recorder = new ChannelBridge.Infrastructure.Activity.IntegrationActivityRecorder(
            database.Connections, Options.Create(new ChannelBridge.Infrastructure.Activity.ActivityOptions()), new ChannelBridge.Tests.FixedClock(SweptAt),
            new ChannelBridge.Application.Common.Ports.TransientFailures(), NullLogger<ChannelBridge.Infrastructure.Activity.IntegrationActivityRecorder>.Instance);
        foreach (var id in new[] { swept, kept })
        {
            // Recorded in memory as the call is answered, written on the recorder's next round: after the sweep.
            recorder.Record(new ChannelBridge.Application.Common.Ports.IntegrationCall(id, "Config", "UserConfig", SweptAt, "success", 1.2, 0, null));
        }

        await Sweeper(retentionDays: 7).SweepAsync(default);
        await recorder.FlushAsync(default);

        (await database.UserConfigs.GetByIdAsync(swept, default)).Should().BeNull();
        (await Count("IntegrationActivity", "IntegrationId", swept)).Should().Be(0, "its integration is gone; a row would never be read or deleted");
        (await Count("IntegrationActivityHours", "IntegrationId", swept)).Should().Be(0);
        (await Count("IntegrationActivity", "IntegrationId", kept)).Should().Be(1, "an integration that exists has its call written");
        (await Count("IntegrationActivityHours", "IntegrationId", kept)).Should().Be(1);
    }

    [SkippableFact]
    public async Task NoRetention_KeepsEveryIntegration()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var abandoned = await Unlinked(SweptAt.AddDays(30));   // after the other test's cut-off, whichever runs first

        (await Sweeper(retentionDays: 0, at: SweptAt.AddYears(1)).SweepAsync(default)).Should().Be(0);

        (await database.UserConfigs.GetByIdAsync(abandoned, default)).Should().NotBeNull();
    }

    private UnusedIntegrationSweeper Sweeper(int retentionDays, DateTime? at = null) => new(
        database.Connections, Options.Create(new IntegrationsOptions { UnusedRetentionDays = retentionDays }), new ChannelBridge.Tests.FixedClock(at ?? SweptAt),
        NullLogger<UnusedIntegrationSweeper>.Instance);

    private async Task<string> Unlinked(DateTime created)
    {
        var (config, _) = UserConfig.Create("005d4263-5a0c-43ce-bdc5-526955604107", "left@example.com", "Left behind", WizardDefinition.Default, created).Value;
        await database.UserConfigs.SaveAsync(config, default);
        return config.Id;
    }

    private async Task<string> Linked(DateTime created) => (await database.LinkedIntegrationAsync(created)).IntegrationId;

    private async Task MarkDeleted(string id, DateTime when)
    {
        var config = (await database.UserConfigs.GetByIdAsync(id, default))!;
        config.MarkDeleted(when);
        await database.UserConfigs.SaveAsync(config, default);
    }

    /// <summary>A value a custom wizard's first step saved before any store was linked, and the calls Linnworks made.</summary>
    private async Task AddValueAndActivity(string id, DateTime lastCall)
    {
        await using var connection = await database.Connections.OpenAsync(default);
        await connection.ExecuteAsync(
            "INSERT INTO ConfigValues (UserConfigId, ConfigItemId, Value, IsSecret) VALUES (@Id, 'Region', 'EU', 0)", new { Id = id });
        await connection.ExecuteAsync(
            """
            INSERT INTO IntegrationActivity (IntegrationId, Family, LastCallUtc, LastEndpoint, LastOutcome, LastMs, LastItems, LastError, LastErrorUtc)
            VALUES (@Id, 'Config', @LastCall, 'UserConfig', 'Ok', 1.5, 0, NULL, NULL)
            """,
            new { Id = id, LastCall = lastCall });
        await connection.ExecuteAsync(
            "INSERT INTO IntegrationActivityHours (IntegrationId, Family, HourUtc, Calls, Problems) VALUES (@Id, 'Config', @Hour, 3, 0)",
            new { Id = id, Hour = new DateTime(lastCall.Year, lastCall.Month, lastCall.Day, lastCall.Hour, 0, 0, DateTimeKind.Utc) });
    }

    private async Task<int> Count(string table, string column, string id)
    {
        await using var connection = await database.Connections.OpenAsync(default);
        return await connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {table} WHERE {column} = @Id", new { Id = id });
    }
}

public sealed class SqliteUnusedIntegrationSweepTests(SqliteDatabaseFixture database) : UnusedIntegrationSweepContract(database), IClassFixture<SqliteDatabaseFixture>;

/// <summary>The same on SQLite with its writes sent in batches, as on SQL Server (<see cref="SqliteBatchingDatabaseFixture"/>).</summary>
public sealed class SqliteBatchedUnusedIntegrationSweepTests(SqliteBatchingDatabaseFixture database)
    : UnusedIntegrationSweepContract(database), IClassFixture<SqliteBatchingDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerUnusedIntegrationSweepTests(SqlServer.SqlServerDatabaseFixture database) : UnusedIntegrationSweepContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
