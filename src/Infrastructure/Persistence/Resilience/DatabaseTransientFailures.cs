using System.Data.Common;
using ChannelBridge.Application.Common.Ports;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Infrastructure.Persistence.Resilience;

/// <summary>
/// The database half of <see cref="ITransientFailures"/>: failures that pass if the caller retries.
/// SQLite: SQLITE_BUSY (5) and SQLITE_LOCKED (6), i.e. another writer held the database past the
/// time this request had left. SQL Server: deadlock victim (1205), lock request timeout (1222), command
/// timeout (-2), and Azure SQL's documented transient errors (throttling, failover, connection loss).
/// Storage that is full passes too once the operator frees space: SQLITE_FULL (13: the disk, or
/// <c>Database:SqliteMaxSizeMegabytes</c>), and SQL Server's 1101 and 1105 (a filegroup full), 9002 (the transaction
/// log full) and 40544 (an Azure SQL database at its size quota).
/// <para>
/// Every part of the service that meets a database failure asks here, so this is where a write refused for lack of
/// space is seen: it is logged as an error once a minute and remembered for the health check
/// (<see cref="StorageFullMonitor"/>).
/// </para>
/// </summary>
internal sealed class DatabaseTransientFailures(StorageFullMonitor monitor) : TransientFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteFull = 13;

    private static readonly HashSet<int> SqlServerTransient =
    [
        1205, 1222, -2, 20, 64, 233, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40540, 40613, 42108, 42109, 49918, 49919, 49920,
    ];

    private static readonly HashSet<int> SqlServerStorageFull = [1101, 1105, 9002, 40544];

    public override bool IsTransient(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked || IsStorageFull(sqlite),
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => SqlServerTransient.Contains(e.Number)) || IsStorageFull(sql),
        DbException { IsTransient: true } => true,
        _ => base.IsTransient(exception),
    };

    public override bool IsStorageFull(Exception exception)
    {
        var full = exception switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull,
            SqlException sql => sql.Errors.Cast<SqlError>().Any(e => SqlServerStorageFull.Contains(e.Number)),
            _ => false,
        };
        if (full)
        {
            monitor.Saw(exception);
        }

        return full || base.IsStorageFull(exception);
    }
}
