using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Infrastructure.Persistence.Maintenance;
using ChannelBridge.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>The write-ahead log is checkpointed by a background service, not by the commit that answers (ADR-012).</summary>
/// <remarks>
/// Alone, not beside the other suites: they clear every connection pool of the process when they finish, and a
/// checkpoint SQLite makes by itself when a pooled connection closes would pass for the service's.
/// </remarks>
[Collection(nameof(WalCheckpointTests))]
public sealed class WalCheckpointTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"channelbridge-wal-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
    }

    [Theory]
    [InlineData(100, DatabaseOptions.SqliteCheckpointBackstopPages)]
    [InlineData(0, DbConnectionFactory.DefaultAutoCheckpointPages)]
    public async Task Connections_checkpoint_themselves_only_past_the_backstop_when_the_background_service_does_it(int intervalMs, int expectedPages)
    {
        var connections = Factory(TimeSpan.FromMilliseconds(intervalMs));

        await using var connection = await connections.OpenAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint;";
        Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(expectedPages);
    }

    [Fact]
    public async Task A_passive_checkpoint_copies_what_no_reader_needs_and_waits_for_nobody()
    {
        var connections = Factory(TimeSpan.FromMilliseconds(100));
        using var checkpointer = connections.OpenSqliteProbe(TimeSpan.FromSeconds(1)); // open throughout: SQLite checkpoints by itself when a database's last connection closes
        Write(connections, rows: 50);

        // A reader holding an older snapshot: the pages written after it cannot be copied yet.
        using var reader = connections.OpenSqliteProbe(TimeSpan.FromSeconds(1));
        using var readTransaction = reader.BeginTransaction(deferred: true);
        using (var read = reader.CreateCommand())
        {
            read.Transaction = readTransaction;
            read.CommandText = "SELECT COUNT(*) FROM T;";
            read.ExecuteScalar();
        }

        Write(connections, rows: 50);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var partial = WalCheckpointService.Checkpoint(checkpointer);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "PASSIVE does not wait for the reader");
        partial.LogPages.Should().BeGreaterThan(0);
        partial.CheckpointedPages.Should().BeLessThan(partial.LogPages);

        readTransaction.Commit();
        var full = WalCheckpointService.Checkpoint(checkpointer);
        full.CheckpointedPages.Should().Be(full.LogPages);
    }

    [Fact]
    public async Task The_service_checkpoints_the_log_without_another_write()
    {
        var connections = Factory(TimeSpan.FromMilliseconds(50));

        // Opened first and kept open: SQLite checkpoints by itself when the last connection to a database closes
        // (another test's ClearAllPools can close idle pooled ones at any moment).
        using var probe = connections.OpenSqliteProbe(TimeSpan.FromSeconds(1));
        Write(connections, rows: 200);
        Backlog(probe).Should().BeGreaterThan(0, "nothing has checkpointed the log yet");

        using var service = Service(connections, TimeSpan.FromMilliseconds(50));
        await service.StartAsync(CancellationToken.None);
        await Eventually.True(() => Backlog(probe) == 0, "the service checkpoints every 50 ms", TimeSpan.FromSeconds(10));

        await service.StopAsync(CancellationToken.None);
        Backlog(probe).Should().Be(0);
    }

    [Fact]
    public async Task With_the_interval_at_zero_the_service_does_nothing()
    {
        var connections = Factory(TimeSpan.Zero);
        using var service = Service(connections, TimeSpan.Zero);
        await service.StartAsync(CancellationToken.None);

        // It returns on its own, before anything stops it.
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5));
        service.ExecuteTask.IsCompletedSuccessfully.Should().BeTrue();
        await service.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Pages the database holds that its file does not yet: the inserts grow the table, and a page new in the log
    /// reaches the file only when it is checkpointed. Reading this copies nothing (a checkpoint would).
    /// </summary>
    private static long Backlog(SqliteConnection probe)
    {
        using var command = probe.CreateCommand();
        command.CommandText = "PRAGMA page_count;";
        var pages = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = "PRAGMA page_size;";
        var pageSize = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return Math.Max(0, pages - (new FileInfo(probe.DataSource).Length / pageSize));
    }

    private static WalCheckpointService Service(DbConnectionFactory connections, TimeSpan interval) =>
        new(connections, Options.Create(new DatabaseOptions { SqliteCheckpointInterval = interval }), TimeProvider.System, new Application.Common.Ports.TransientFailures(), NullLogger<WalCheckpointService>.Instance);

    private static void Write(DbConnectionFactory connections, int rows)
    {
        using var connection = connections.OpenSqliteProbe(TimeSpan.FromSeconds(5));
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS T (Id INTEGER PRIMARY KEY, Body TEXT NOT NULL);";
        command.ExecuteNonQuery();
        for (var i = 0; i < rows; i++)
        {
            command.CommandText = "INSERT INTO T (Body) VALUES (@body);";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("@body", new string('x', 3000));
            command.ExecuteNonQuery();
        }
    }

    private DbConnectionFactory Factory(TimeSpan interval)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}", SqliteCheckpointInterval = interval };
        var connections = new DbConnectionFactory(Options.Create(options));
        using var connection = connections.OpenSqliteProbe(TimeSpan.FromSeconds(1));
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL;";
        wal.ExecuteNonQuery();
        return connections;
    }
}

[CollectionDefinition(nameof(WalCheckpointTests), DisableParallelization = true)]
public sealed class WalCheckpointCollection;
