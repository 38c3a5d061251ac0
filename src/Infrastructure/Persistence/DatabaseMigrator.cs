using DbUp;
using DbUp.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// Applies the numbered, embedded scripts of the configured provider (Migrations/Sqlite or
/// Migrations/SqlServer) with DbUp, each in its own transaction, journaled in SchemaVersions.
/// </summary>
internal sealed partial class DatabaseMigrator(DbConnectionFactory connections, ILogger<DatabaseMigrator> logger)
{
    public void Migrate()
    {
        UpgradeEngineBuilder builder;
        if (connections.Provider == DatabaseProvider.SqlServer)
        {
            EnsureDatabase.For.SqlDatabase(connections.ConnectionString);
            builder = DeployChanges.To.SqlDatabase(connections.ConnectionString);
        }
        else
        {
            using (var connection = new SqliteConnection(connections.ConnectionString))
            {
                connection.Open();
                using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                wal.ExecuteNonQuery();
            }

            builder = DeployChanges.To.SqliteDatabase(connections.ConnectionString);
        }

        var folder = $".Persistence.Migrations.{connections.Provider}.";
        var result = builder
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(folder, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();

        if (!result.Successful)
        {
            throw new InvalidOperationException($"Database migration failed at script {result.ErrorScript?.Name}: {result.Error?.Message}", result.Error);
        }

        foreach (var script in result.Scripts)
        {
            LogApplied(connections.Provider, script.Name);
        }
    }

    [LoggerMessage(LogLevel.Information, "Applied {Provider} migration {Script}")]
    private partial void LogApplied(DatabaseProvider provider, string script);
}
