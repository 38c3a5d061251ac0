using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Domain.UserConfigs;
using ChannelBridge.Infrastructure.Activity;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>What the recorder writes of the Linnworks calls it was told of, on its round.</summary>
public abstract class IntegrationActivityRecorderContract(DatabaseFixture database)
{
    private static readonly DateTime Now = new(2021, 3, 1, 9, 30, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task AFlushOfMoreFamiliesThanATransactionHolds_WritesEveryOne()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var recorder = new IntegrationActivityRecorder(
            database.Connections, Options.Create(new ActivityOptions()), new ChannelBridge.Tests.FixedClock(Now), new Application.Common.Ports.TransientFailures(), NullLogger<IntegrationActivityRecorder>.Instance);
        var integrations = new List<string>();
        for (var i = 0; i < (IntegrationActivityRecorder.FamiliesPerTransaction / 2) + 1; i++)
        {
            var (config, _) = UserConfig.Create("005d4263-5a0c-43ce-bdc5-526955604107", "seller@example.com", "Calls", WizardDefinition.Default, Now).Value;
            await database.UserConfigs.SaveAsync(config, default);
            integrations.Add(config.Id);
            foreach (var family in new[] { "Orders", "StockAndPrice" })
            {
                recorder.Record(new IntegrationCall(config.Id, family, "Orders", Now, "success", 2.5, 100, null));
            }
        }

        await recorder.FlushAsync(default);

        await using var connection = await database.Connections.OpenAsync(default);
        foreach (var id in integrations)
        {
            (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM IntegrationActivity WHERE IntegrationId = @Id", new { Id = id }))
                .Should().Be(2, "each of its families is written, whichever transaction holds it");
            (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM IntegrationActivityHours WHERE IntegrationId = @Id", new { Id = id })).Should().Be(2);
        }
    }
}

public sealed class SqliteIntegrationActivityRecorderTests(SqliteDatabaseFixture database) : IntegrationActivityRecorderContract(database), IClassFixture<SqliteDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerIntegrationActivityRecorderTests(SqlServer.SqlServerDatabaseFixture database) : IntegrationActivityRecorderContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
