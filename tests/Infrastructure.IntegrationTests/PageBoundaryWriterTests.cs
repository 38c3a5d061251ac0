using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Infrastructure.Persistence.Queries;
using ChannelBridge.Tests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>
/// Page boundaries are written in batches by one writer; a batch that cannot be written is logged, never swallowed, and one
/// that met another writer is written again.
/// </summary>
public sealed class PageBoundaryWriterTests(SqliteDatabaseFixture database) : IDisposable, IClassFixture<SqliteDatabaseFixture>
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"boundaries-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task ABatchThatCannotBeWritten_IsLoggedWithItsSize()
    {
        // A database without the schema: the write fails as a broken or replaced database would.
        var connections = new DbConnectionFactory(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}" }));
        var logger = new RecordingLogger<PageBoundaryWriter>();
        await using var writer = new PageBoundaryWriter(connections, new Application.Common.Ports.TransientFailures(), logger);

        writer.Enqueue(new PageBoundaryWriter.BoundaryRow { IntegrationId = "i1", RunKey = "orders:x", PageNumber = 2, LastSeq = 100, FromSeq = 1, HighWaterSeq = 500 });

        await Eventually.True(() => logger.Lines.Any(l => l.Exception is not null), "the background writer reports the failed batch");
        var line = logger.Lines.Where(l => l.Exception is not null).Should().ContainSingle().Subject;
        line.Level.Should().Be(LogLevel.Warning);
        line.Message.Should().Contain("1 page boundaries could not be written");
    }

    [Fact]
    public async Task ABatchThatMeetsABusyDatabase_IsWrittenAgain_AndThePagesWaitingForItGoOn()
    {
        // Another writer holds the database when the batch opens: a lock timeout or a deadlock on SQL Server, SQLITE_BUSY here.
        var integration = Guid.NewGuid().ToString("N");
        await database.Pager.RunAsync(database.CallConnections, integration, "orders:x", 1, () => Task.FromResult((1L, 500L, 0L)), CancellationToken.None);
        var opened = 0;
        var connections = new DbConnectionFactory(Options.Create(new DatabaseOptions { ConnectionString = database.Connections.ConnectionString }))
        {
            CreateConnection = () => Interlocked.Increment(ref opened) == 1
                ? new BusyConnection()
                : new Microsoft.Data.Sqlite.SqliteConnection(database.Connections.PagingConnectionString),
        };
        await using var writer = new PageBoundaryWriter(connections, new Persistence.Resilience.DatabaseTransientFailures(
            new Persistence.Resilience.StorageFaultMonitor(TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Persistence.Resilience.StorageFaultMonitor>.Instance)), new RecordingLogger<PageBoundaryWriter>());

        await writer.EnqueueAsync(new PageBoundaryWriter.BoundaryRow { IntegrationId = integration, RunKey = "orders:x", PageNumber = 1, LastSeq = 100, FromSeq = 1, HighWaterSeq = 500 });

        opened.Should().Be(2, "written again after the busy database");
        await using var paging = await database.Connections.OpenPagingAsync(default);
        (await Dapper.SqlMapper.QueryAsync<long>(paging, "SELECT LastSeq FROM PageBoundaries WHERE IntegrationId = @integration", new { integration }))
            .Should().Equal([100L]);
    }

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
    }

    /// <summary>A connection that finds the database busy when it opens, as SQLite answers while another process writes.</summary>
    private sealed class BusyConnection : System.Data.Common.DbConnection
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string ConnectionString { get; set; } = string.Empty;

        public override string Database => string.Empty;

        public override string DataSource => string.Empty;

        public override string ServerVersion => string.Empty;

        public override System.Data.ConnectionState State => System.Data.ConnectionState.Closed;

        public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

        public override void Close()
        {
        }

        public override void Open() => throw new Microsoft.Data.Sqlite.SqliteException("database is locked", 5);

        protected override System.Data.Common.DbTransaction BeginDbTransaction(System.Data.IsolationLevel isolationLevel) => throw new NotSupportedException();

        protected override System.Data.Common.DbCommand CreateDbCommand() => throw new NotSupportedException();
    }
}
