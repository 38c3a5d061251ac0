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
/// </summary>
internal sealed class DatabaseTransientFailures : TransientFailures
{
    private static readonly HashSet<int> SqlServerTransient =
    [
        1205, 1222, -2, 20, 64, 233, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40540, 40613, 42108, 42109, 49918, 49919, 49920,
    ];

    public override bool IsTransient(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => SqlServerTransient.Contains(e.Number)),
        DbException { IsTransient: true } => true,
        _ => base.IsTransient(exception),
    };
}
