using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Tests;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>Nodes starting together on a fresh database: every one migrates successfully, each script is applied once.</summary>
public sealed class MigrationConcurrencyTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"channelbridge-migrate-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task SeveralNodes_MigratingAFreshSqliteFileAtOnce_AllSucceed_AndEachScriptRunsOnce()
    {
        var options = Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={_path}" });
        using var start = new ManualResetEventSlim();
        var nodes = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var migrator = new DatabaseMigrator(new DbConnectionFactory(options), NullLogger<DatabaseMigrator>.Instance);
            start.Wait();
            migrator.Migrate();
        })).ToList();

        start.Set();
        await Task.WhenAll(nodes);

        using var connection = new SqliteConnection($"Data Source={_path}");
        var applied = connection.Query<string>("SELECT ScriptName FROM SchemaVersions").ToList();
        var scripts = typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Count(n => n.Contains(".Migrations.Sqlite.", StringComparison.Ordinal));
        applied.Should().HaveCount(scripts).And.OnlyHaveUniqueItems();
    }

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
    }
}
