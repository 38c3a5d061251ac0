namespace ChannelBridge.Tests;

/// <summary>A test's SQLite database and everything SQLite and the service keep beside it.</summary>
internal static class SqliteFiles
{
    /// <summary>
    /// The database, its log and shared-memory files, and the paging file beside it (ADR-021) with its own: the files
    /// a test made under a shared temporary folder, deleted once its connections are closed.
    /// </summary>
    public static void Delete(string databasePath)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var paging = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            ChannelBridge.Infrastructure.Persistence.DbConnectionFactory.PagingFileOf($"Data Source={databasePath}")).DataSource;
        foreach (var database in new[] { databasePath, paging })
        {
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
