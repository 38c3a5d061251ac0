using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Infrastructure.Persistence.Resilience;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.Persistence.Maintenance;

/// <summary>What one PASSIVE checkpoint found: the log's pages, and how many of them are now in the database file.</summary>
internal readonly record struct WalCheckpoint(int LogPages, int CheckpointedPages);

/// <summary>
/// SQLite only: copies the write-ahead log into the database file every <see cref="DatabaseOptions.SqliteCheckpointInterval"/>
/// (ADR-012). Without it the commit that takes the log past 1,000 pages does the copy and syncs the database file before
/// it answers; a 1,000-SKU InventoryUpdate writes about that many pages, so nearly every one paid for it.
/// PASSIVE never waits for readers or writers: it copies what no reader still needs, and the next round copies the rest.
/// The commit's own sync of the log, which makes an answered write durable, is unchanged.
/// </summary>
internal sealed partial class WalCheckpointService(
    DbConnectionFactory connections,
    IOptions<DatabaseOptions> options,
    TimeProvider time,
    ITransientFailures failures,
    ILogger<WalCheckpointService> logger) : BackgroundService
{
    /// <summary>Runs one PASSIVE checkpoint on <paramref name="connection"/>.</summary>
    public static WalCheckpoint Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new WalCheckpoint(reader.GetInt32(1), reader.GetInt32(2)); // column 0 says whether it was blocked: PASSIVE never is
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundCheckpoint)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SqliteCheckpointInterval, time);
        var round = new Round();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                CheckpointOnce(round);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            round.Connection?.Dispose();
        }
    }

    /// <summary>One checkpoint on the kept connection (opened again after a failure); the counts logged when they move.</summary>
    private void CheckpointOnce(Round round)
    {
        try
        {
            round.Connection ??= connections.OpenSqliteProbe(TimeSpan.FromSeconds(1));
            var result = Checkpoint(round.Connection);
            if (result != round.Previous && result.CheckpointedPages > 0)
            {
                // The counts are the log's since it last restarted: logged when they move, not every round.
                LogCheckpointed(result.CheckpointedPages, result.LogPages);
            }

            round.Previous = result;
        }
        catch (SqliteException ex)
        {
            if (!failures.IsReportedStorageFault(ex))
            {
                LogFailed(ex);
            }

            round.Connection?.Dispose();
            round.Connection = null;
        }
    }

    /// <summary>What one round leaves the next: the connection and the last counts.</summary>
    private sealed class Round
    {
        public SqliteConnection? Connection { get; set; }

        public WalCheckpoint Previous { get; set; }
    }

    [LoggerMessage(LogLevel.Debug, "Checkpointed {Pages} of {LogPages} write-ahead log pages")]
    private partial void LogCheckpointed(int pages, int logPages);

    [LoggerMessage(LogLevel.Warning, "Background checkpoint of the SQLite write-ahead log failed; will retry (commits checkpoint themselves past the backstop meanwhile)")]
    private partial void LogFailed(Exception exception);
}
