using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>Opens one connection per operation for the configured provider (pooled by the driver).</summary>
internal sealed class DbConnectionFactory
{
    public DbConnectionFactory(IOptions<DatabaseOptions> options)
    {
        Provider = options.Value.Provider;
        ConnectionString = Normalize(options.Value);
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == DatabaseProvider.SqlServer
            ? new SqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Synchronous open, for the few framework callbacks that are synchronous (the Data Protection key ring).</summary>
    public DbConnection Open()
    {
        DbConnection connection = Provider == DatabaseProvider.SqlServer
            ? new SqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string Normalize(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            return options.ConnectionString!;
        }

        // Foreign keys on; wait for a busy writer rather than failing (SQLite serialises writers).
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString ?? DatabaseOptions.DefaultSqliteConnectionString)
        {
            ForeignKeys = true,
            Pooling = true,
        };
        if (builder.DefaultTimeout < 5)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
