using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Tests;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>A SQLite database as a migration finds it in production: made by the migrations before it, with rows in it.</summary>
internal static class ExistingDatabase
{
    /// <summary>
    /// Migrates a new file, then <paramref name="undo"/> takes back what migration <paramref name="number"/> did (its
    /// journal row included), <paramref name="seed"/> writes the rows it will find, and the migrations run again; the
    /// migrated database goes to <paramref name="check"/>.
    /// </summary>
    public static void Migrate(string number, string undo, Action<SqliteConnection> seed, Action<SqliteConnection> check)
    {
        var path = Path.Combine(Path.GetTempPath(), $"channelbridge-existing-{Guid.NewGuid():N}.db");
        try
        {
            var connections = new DbConnectionFactory(Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={path}" }));
            var migrator = new DatabaseMigrator(connections, NullLogger<DatabaseMigrator>.Instance);
            migrator.Migrate();
            using (var connection = new SqliteConnection(connections.ConnectionString))
            {
                connection.Execute(undo + $"\nDELETE FROM SchemaVersions WHERE ScriptName LIKE '%.{number}_%';");
                seed(connection);
            }

            migrator.Migrate();

            using var migrated = new SqliteConnection(connections.ConnectionString);
            check(migrated);
        }
        finally
        {
            SqliteFiles.Delete(path);
        }
    }

    /// <summary>A store row with <paramref name="id"/> as its id, name and key hash.</summary>
    public static void InsertStore(SqliteConnection connection, string id) =>
        connection.Execute("INSERT INTO Stores (Id, Name, KeyHash, IsActive, CreatedUtc, UpdatedUtc, Version) VALUES (@id, @id, @id, 1, '2026-01-01', '2026-01-01', 1)", new { id });
}
