using ChannelBridge.Infrastructure.Persistence.Maintenance;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>
/// The integrations' hourly call counts older than 48 hours are deleted, batch after batch, and the last 48 hours are
/// kept. Dated in 2019 under integration ids of their own, so no other test's rows are in the way.
/// </summary>
public abstract class ActivityHoursPrunerContract(DatabaseFixture database)
{
    private static readonly DateTime Now = new(2019, 6, 3, 12, 30, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task CountsOlderThan48Hours_AreDeletedInBatches_TheRestAreKept()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var integration = "prune-hours-" + Guid.NewGuid().ToString("N");
        var hours = Enumerable.Range(0, 60).Select(h => Now.Date.AddHours(12 - h)).ToList();   // 12:00 today back 59 hours
        await using (var connection = await database.Connections.OpenAsync(default))
        {
            foreach (var family in new[] { "Orders", "StockAndPrice" })
            {
                await connection.ExecuteAsync(
                    "INSERT INTO IntegrationActivityHours (IntegrationId, Family, HourUtc, Calls, Problems) VALUES (@Id, @Family, @HourUtc, 4, 1)",
                    hours.Select(h => new { Id = integration, Family = family, HourUtc = h }));
            }
        }

        var old = hours.Count(h => h < Now - ActivityHoursPruner.Kept) * 2;
        var pruner = new ActivityHoursPruner(database.Connections, new ChannelBridge.Tests.FixedClock(Now), NullLogger<ActivityHoursPruner>.Instance);

        (await pruner.PruneAsync(default, batchSize: 5)).Should().BeGreaterThanOrEqualTo(old, "batch after batch until none is left");

        await using var check = await database.Connections.OpenAsync(default);
        var left = (await check.QueryAsync<DateTime>("SELECT HourUtc FROM IntegrationActivityHours WHERE IntegrationId = @Id", new { Id = integration })).ToList();
        left.Should().HaveCount((hours.Count * 2) - old);
        left.Should().OnlyContain(h => h >= Now - ActivityHoursPruner.Kept, "the last 48 hours are kept");
        (await pruner.PruneAsync(default)).Should().Be(0, "a second round finds nothing");
    }
}

public sealed class SqliteActivityHoursPrunerTests(SqliteDatabaseFixture database) : ActivityHoursPrunerContract(database), IClassFixture<SqliteDatabaseFixture>;

/// <summary>The same on SQLite with its writes sent in batches, as on SQL Server (<see cref="SqliteBatchingDatabaseFixture"/>).</summary>
public sealed class SqliteBatchedActivityHoursPrunerTests(SqliteBatchingDatabaseFixture database)
    : ActivityHoursPrunerContract(database), IClassFixture<SqliteBatchingDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerActivityHoursPrunerTests(SqlServer.SqlServerDatabaseFixture database) : ActivityHoursPrunerContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
