using DbUp;
using DbUp.Builder;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// Applies the numbered, embedded scripts of the configured provider (Migrations/Sqlite or
/// Migrations/SqlServer) with DbUp, journaled in SchemaVersions — under a database-wide lock, so any number of
/// nodes may start at once on a fresh database: the first applies the scripts, the others wait and find nothing
/// to do. SQL Server: a session application lock (<c>sp_getapplock</c>), each script in its own transaction.
/// SQLite: one <c>BEGIN IMMEDIATE</c> transaction around the whole upgrade (SQLite's writer lock), all or nothing; then
/// the same for the paging file beside the database (Migrations/SqlitePaging, ADR-021).
/// </summary>
internal sealed partial class DatabaseMigrator(DbConnectionFactory connections, ILogger<DatabaseMigrator> logger)
{
    public const string LockResource = "ChannelBridge.Migrations";

    public void Migrate()
    {
        if (connections.Provider == DatabaseProvider.SqlServer)
        {
            MigrateSqlServer();
        }
        else
        {
            MigrateSqlite();
        }
    }

    private void MigrateSqlServer()
    {
        EnsureDatabase.For.SqlDatabase(connections.ConnectionString);
        using var holder = new SqlConnection(connections.ConnectionString);
        holder.Open();
        using (var take = holder.CreateCommand())
        {
            take.CommandText = "DECLARE @r INT; EXEC @r = sp_getapplock @Resource = @Resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 120000; SELECT @r;";
            take.Parameters.AddWithValue("@Resource", LockResource);
            take.CommandTimeout = 130;
            if (Convert.ToInt32(take.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) < 0)
            {
                throw new InvalidOperationException("Another node held the migration lock for over two minutes; start this node again when it is done.");
            }
        }

        try
        {
            Run(DeployChanges.To.SqlDatabase(connections.ConnectionString).WithTransactionPerScript(), "SqlServer");
        }
        finally
        {
            using var release = holder.CreateCommand();
            release.CommandText = "EXEC sp_releaseapplock @Resource = @Resource, @LockOwner = 'Session';";
            release.Parameters.AddWithValue("@Resource", LockResource);
            release.ExecuteNonQuery();
        }
    }

    private void MigrateSqlite()
    {
        MigrateSqlite(connections.ConnectionString, "Sqlite");
        if (connections.PagingConnectionString != connections.ConnectionString)
        {
            MigrateSqlite(connections.PagingConnectionString, "SqlitePaging"); // the paging state's own file (ADR-021)
        }
    }

    private void MigrateSqlite(string connectionString, string scripts)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");

        // A raw BEGIN IMMEDIATE (not BeginTransaction) so DbUp's commands on the shared connection run inside it.
        // A second node waits here (busy timeout) until the first commits, then finds every script journaled.
        Execute(connection, "BEGIN IMMEDIATE;");
        try
        {
            Run(DeployChanges.To.SqliteDatabase(new DbUp.Sqlite.Helpers.SharedConnection(connection)).WithoutTransaction(), scripts);
            Execute(connection, "COMMIT;");
        }
        catch
        {
            Execute(connection, "ROLLBACK;");
            throw;
        }
    }

    private void Run(UpgradeEngineBuilder builder, string scripts)
    {
        var folder = $".Persistence.Migrations.{scripts}.";
        var result = builder
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(folder, StringComparison.Ordinal))
            .LogToNowhere()
            .Build()
            .PerformUpgrade();

        if (!result.Successful)
        {
            throw new InvalidOperationException($"Database migration failed at script {result.ErrorScript?.Name}: {result.Error?.Message}", result.Error);
        }

        foreach (var script in result.Scripts)
        {
            LogApplied(scripts, script.Name);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(LogLevel.Information, "Applied {Scripts} migration {Script}")]
    private partial void LogApplied(string scripts, string script);
}
