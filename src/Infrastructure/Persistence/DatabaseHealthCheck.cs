using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// /health: answers within about two seconds whatever the database does. Healthy: it answers and can be
/// written. Degraded: it answers but a write cannot start (another writer holds SQLite's lock, or the
/// SQL Server database is read-only) — Linnworks reads work, writes answer "retry". Unhealthy: no answer.
/// SQLite's paging file (ADR-021) is checked the same way: downloads start only when it can be read and written.
/// Degraded too for a minute after the database refused a write because of its storage (<see cref="Resilience.StorageFaultMonitor"/>):
/// taking the write lock needs no space and, on a volume remounted read-only, still succeeds, so only the writes
/// themselves find a full disk, a size cap, a full log or a read-only or failing volume.
/// </summary>
internal sealed class DatabaseHealthCheck(DbConnectionFactory connections, Resilience.StorageFaultMonitor storage, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StorageFaultShownFor = TimeSpan.FromMinutes(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Budget);
        try
        {
            var result = connections.Provider == DatabaseProvider.SqlServer
                ? await CheckSqlServerAsync(timeout.Token)
                : await Task.Factory.StartNew(CheckSqlite, timeout.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default).WaitAsync(timeout.Token);
            return result.Status == HealthStatus.Healthy && storage.LastSeen is { } seen && time.GetUtcNow() - seen.At < StorageFaultShownFor
                ? HealthCheckResult.Degraded($"{connections.Provider} refused a write for {Resilience.StorageFaultMonitor.Describe(seen.Fault)} at {seen.At:u}: calls that write answer 'retry' until the storage where the database lives is mended.")
                : result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{connections.Provider} did not answer within {Budget.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{connections.Provider} does not answer.", ex);
        }
    }

    private HealthCheckResult CheckSqlite()
    {
        using (var connection = connections.OpenSqliteProbe(TimeSpan.FromSeconds(1)))
        {
            connection.ExecuteScalar<int>("SELECT 1");
            if (!CanWrite(connection))
            {
                return HealthCheckResult.Degraded("Sqlite answers but is locked by another writer: writes will answer 'retry'.");
            }
        }

        // The paging file beside the database (ADR-021): without it, or with its tables gone, no download can start.
        using var paging = connections.OpenSqliteProbe(TimeSpan.FromSeconds(1), paging: true);
        try
        {
            paging.ExecuteScalar<int>("SELECT COUNT(*) FROM (SELECT 1 FROM PagingSessions LIMIT 1)");
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is not (5 or 6))
        {
            return HealthCheckResult.Unhealthy($"Sqlite's paging file ({paging.DataSource}) cannot be read: downloads cannot start. Restart the service to make it again.", ex);
        }

        return CanWrite(paging)
            ? HealthCheckResult.Healthy("Sqlite answers and can be written.")
            : HealthCheckResult.Degraded($"Sqlite's paging file ({paging.DataSource}) is locked by another writer: new downloads will answer 'retry'.");
    }

    /// <summary>Takes the write lock and gives it straight back: false (busy) while another writer holds it.</summary>
    private static bool CanWrite(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        try
        {
            using var tx = connection.BeginTransaction(deferred: false);
            tx.Rollback();
            return true;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            return false;
        }
    }

    private async Task<HealthCheckResult> CheckSqlServerAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var updateability = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), 'Updateability') AS NVARCHAR(20))", cancellationToken: cancellationToken));
        return updateability == "READ_WRITE"
            ? HealthCheckResult.Healthy("SqlServer answers and can be written.")
            : HealthCheckResult.Degraded($"SqlServer answers but the database is {updateability}.");
    }
}
