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
/// <para>
/// Storage that refuses writes passes too once the operator mends it (ADR-034). Full: SQLITE_FULL (13: the disk, or
/// <c>Database:SqliteMaxSizeMegabytes</c>), SQL Server's 1101 and 1105 (a filegroup full), 9002 (the transaction log
/// full) and 40544 (an Azure SQL database at its size quota). Read-only: SQLITE_READONLY (8: a volume remounted
/// read-only, a file the service may not write), SQL Server's 3906 (a read-only database) and 976, 978 and 983 (an
/// availability group's replica that is not the primary, as during a failover). Failing: SQLITE_IOERR (10) and
/// SQLITE_CANTOPEN (14), SQL Server's 823 and 824 (the operating system's or the page's input/output error). A corrupt
/// database is none of these: it is not mended by waiting, and every failure it causes is logged in full.
/// </para>
/// <para>
/// Every part of the service that meets a database failure asks here, so this is where a write refused by the storage
/// is seen: it is logged as an error once a minute and remembered for the health check (<see cref="StorageFaultMonitor"/>).
/// </para>
/// </summary>
internal sealed class DatabaseTransientFailures(StorageFaultMonitor monitor) : TransientFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    private static readonly HashSet<int> SqlServerTransient =
    [
        1205, 1222, -2, 20, 64, 233, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40540, 40613, 42108, 42109, 49918, 49919, 49920,
    ];

    private static readonly Dictionary<int, StorageFault> SqlServerStorage = new()
    {
        [1101] = StorageFault.Full, [1105] = StorageFault.Full, [9002] = StorageFault.Full, [40544] = StorageFault.Full,
        [3906] = StorageFault.ReadOnly, [976] = StorageFault.ReadOnly, [978] = StorageFault.ReadOnly, [983] = StorageFault.ReadOnly,
        [823] = StorageFault.Failing, [824] = StorageFault.Failing,
    };

    public override bool IsTransient(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked || StorageFaultOf(sqlite) != StorageFault.None,
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => SqlServerTransient.Contains(e.Number)) || StorageFaultOf(sql) != StorageFault.None,
        DbException { IsTransient: true } => true,
        _ => base.IsTransient(exception),
    };

    public override StorageFault StorageFaultOf(Exception exception)
    {
        var fault = exception switch
        {
            // The primary result code: an extended one (SQLITE_IOERR_FSYNC, SQLITE_READONLY_DBMOVED) carries it in its low byte.
            SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) switch
            {
                SqliteFull => StorageFault.Full,
                SqliteReadOnly => StorageFault.ReadOnly,
                SqliteIoError or SqliteCantOpen => StorageFault.Failing,
                _ => StorageFault.None,
            },
            SqlException sql => sql.Errors.Cast<SqlError>().Select(e => SqlServerStorage.GetValueOrDefault(e.Number)).FirstOrDefault(f => f != StorageFault.None),
            _ => StorageFault.None,
        };
        if (fault == StorageFault.None)
        {
            return base.StorageFaultOf(exception);
        }

        monitor.Saw(fault, exception);
        return fault;
    }
}
