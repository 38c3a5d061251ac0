using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>Opens one connection per operation for the configured provider (pooled by the driver).</summary>
internal sealed class DbConnectionFactory : IDisposable
{
    /// <summary>
    /// One type map for the process: Dapper leaves DateTime to the driver, and SqlClient would send the legacy
    /// <c>datetime</c> (from 1753, rounded to 1/300 s); every date column is <c>datetime2</c>. SQLite stores text either way.
    /// </summary>
    static DbConnectionFactory()
    {
        Dapper.SqlMapper.AddTypeMap(typeof(DateTime), System.Data.DbType.DateTime2);
        Dapper.SqlMapper.AddTypeMap(typeof(DateTime?), System.Data.DbType.DateTime2);
    }

    private readonly int _autoCheckpointPages;
    private readonly long _maxSizeBytes;

    /// <summary>This process's queue for SQLite's one write lock (<see cref="QueuedWriterSqliteConnection"/>, ADR-013).</summary>
    private readonly WriterTurns _writers = new();

    /// <summary>The queue for the paging file's write lock (SQLite, ADR-021): page 1 of a download never waits behind an order batch.</summary>
    private readonly WriterTurns _pagingWriters = new();

    /// <summary>Whether a writer of this process has the turn now (tests: a signal to wait for instead of a sleep).</summary>
    internal bool WriteTurnTaken => _writers.Taken;

    public DbConnectionFactory(IOptions<DatabaseOptions> options)
    {
        Provider = options.Value.Provider;
        ConnectionString = Normalize(options.Value);
        PagingConnectionString = Provider == DatabaseProvider.SqlServer ? ConnectionString : PagingFileOf(ConnectionString);
        _autoCheckpointPages = options.Value.BackgroundCheckpoint ? DatabaseOptions.SqliteCheckpointBackstopPages : DefaultAutoCheckpointPages;
        _maxSizeBytes = options.Value.SqliteMaxSizeMegabytes * 1024L * 1024L;
        _configuredTimeoutSeconds = Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DefaultTimeout : 30;
    }

    /// <summary>SQLite's own default for <c>wal_autocheckpoint</c>.</summary>
    internal const int DefaultAutoCheckpointPages = 1000;

    public DatabaseProvider Provider { get; }

    /// <summary>Tests only: build the provider's commands without a server (see the SQL Server parameter tests).</summary>
    internal Func<DbConnection>? CreateConnection { get; init; }

    /// <summary>Tests only: SQLite connections that send batches of commands (<see cref="QueuedWriterSqliteConnection.Batches"/>).</summary>
    internal Func<SqliteConnection, DbBatch>? SqliteBatches { get; init; }

    public string ConnectionString { get; }

    /// <summary>
    /// Where download runs keep their paging state (<see cref="Queries.SnapshotPager"/>). SQL Server: the database. SQLite:
    /// a file of its own beside the database (<c>channelbridge.db</c> → <c>channelbridge.paging.db</c>, ADR-021), with
    /// its own write lock and its own queue of writers, so starting a run never waits behind an order batch's transaction.
    /// </summary>
    public string PagingConnectionString { get; }

    /// <summary>
    /// Opens a connection. With <paramref name="timeLeft"/> (a call's time before its deadline, <see cref="CallConnections"/>),
    /// SQLite's busy wait (its command timeout) is cut to the whole seconds left less <see cref="DeadlineMargin"/>, so a
    /// call waiting on another writer gives up in time to answer "retry" (cancellation does not interrupt SQLite's wait).
    /// SQL Server commands are cancelled by the deadline token itself. On SQLite its writes wait for the writer as
    /// <paramref name="writer"/>'s (a store's id, null for the service's own work; <see cref="WriterTurns"/>).
    /// </summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken, TimeSpan? timeLeft = null, string? writer = null) =>
        OpenAsync(ConnectionString, _writers, writer, paging: false, cancellationToken, timeLeft);

    /// <summary>Opens a connection to the paging state (<see cref="PagingConnectionString"/>), bounded as <see cref="OpenAsync(CancellationToken, TimeSpan?, string?)"/>.</summary>
    public Task<DbConnection> OpenPagingAsync(CancellationToken cancellationToken, TimeSpan? timeLeft = null, string? writer = null) =>
        Provider == DatabaseProvider.SqlServer
            ? OpenAsync(cancellationToken, timeLeft)
            : OpenAsync(PagingConnectionString, _pagingWriters, writer, paging: true, cancellationToken, timeLeft);

    private async Task<DbConnection> OpenAsync(string connectionString, WriterTurns writers, string? writer, bool paging, CancellationToken cancellationToken, TimeSpan? timeLeft)
    {
        DbConnection connection = CreateConnection?.Invoke() ?? (Provider == DatabaseProvider.SqlServer
            ? new SqlConnection(connectionString)
            : BoundedBy(timeLeft, new QueuedWriterSqliteConnection(connectionString, writers, writer) { Batches = SqliteBatches }));
        try
        {
            await connection.OpenAsync(cancellationToken);
            return Prepared(connection, paging);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A connection for a call's hot reads whose statements stay prepared (<see cref="ReadSession"/>). SQLite: one of the
    /// open connections kept in this process's pool of readers (at most <see cref="MaxPooledReaders"/>), else a new one;
    /// SQL Server: a connection of its own. Bounded as <see cref="OpenAsync(CancellationToken, TimeSpan?, string?)"/>: each of its
    /// statements waits for a lock at most the whole seconds <paramref name="timeLeft"/> leaves, less <see cref="DeadlineMargin"/>.
    /// </summary>
    public async Task<ReadSession> OpenReadSessionAsync(CancellationToken cancellationToken, TimeSpan? timeLeft = null)
    {
        var reader = Provider == DatabaseProvider.Sqlite && _readers.TryTake(out var pooled)
            ? pooled
            : new ReadConnection(await OpenAsync(ConnectionString, _writers, writer: null, paging: false, cancellationToken, timeLeft: null));
        var seconds = TimeoutSeconds(timeLeft);
        if (reader.Connection is SqliteConnection sqlite)
        {
            sqlite.DefaultTimeout = seconds; // for the session's other statements, made on the connection as used
        }

        return new ReadSession(this, reader, seconds);
    }

    /// <summary>The most open connections the pool of readers keeps (SQLite); more at once are opened and closed as before.</summary>
    internal const int MaxPooledReaders = 32;

    private readonly System.Collections.Concurrent.ConcurrentBag<ReadConnection> _readers = [];

    /// <summary>Keeps <paramref name="reader"/> for the next session (SQLite, still open, the pool not full), else closes it.</summary>
    internal void ReturnReader(ReadConnection reader, bool keep)
    {
        if (keep && Provider == DatabaseProvider.Sqlite && reader.IsOpen && !_disposed && _readers.Count < MaxPooledReaders)
        {
            _readers.Add(reader);
            return;
        }

        reader.Dispose();
    }

    private bool _disposed;

    /// <summary>Closes the pooled readers (the host's shutdown), so their files are released.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    /// <summary>A statement's wait for a lock in whole seconds: the connection string's, or what a call's time left allows.</summary>
    private int TimeoutSeconds(TimeSpan? timeLeft) =>
        timeLeft is { } left ? Math.Clamp((int)(left - DeadlineMargin).TotalSeconds, 1, _configuredTimeoutSeconds) : _configuredTimeoutSeconds;

    /// <summary>The connection string's wait for a lock (SQLite's busy timeout; SQL Server's command timeout is 30 s).</summary>
    private readonly int _configuredTimeoutSeconds;

    /// <summary>Synchronous open, for the few framework callbacks that are synchronous (the Data Protection key ring).</summary>
    public DbConnection Open()
    {
        DbConnection connection = Provider == DatabaseProvider.SqlServer
            ? new SqlConnection(ConnectionString)
            : new QueuedWriterSqliteConnection(ConnectionString, _writers) { Batches = SqliteBatches };
        try
        {
            connection.Open();
            return Prepared(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A SQLite connection whose waits end within <paramref name="limit"/> (at least one second), for probes: to the
    /// database, or with <paramref name="paging"/> to the paging file beside it (ADR-021).
    /// </summary>
    public SqliteConnection OpenSqliteProbe(TimeSpan limit, bool paging = false)
    {
        var connection = new SqliteConnection(paging ? PagingConnectionString : ConnectionString) { DefaultTimeout = Math.Max(1, (int)limit.TotalSeconds) };
        connection.Open();
        return (SqliteConnection)Prepared(connection, paging); // pooled with the file's other connections
    }

    /// <summary>
    /// Sets up a SQLite connection. The database's: it checkpoints only past the backstop when the background service
    /// does it (ADR-012), set on every open (a pooled handle keeps it; the call is a setting on the handle, not a
    /// statement), and each new handle zeroes what it frees (<c>secure_delete</c>, ADR-018): an order's old version, an
    /// erased buyer's address, a deleted feed entry leave no readable copy in the file's free pages.
    /// The paging file's (ADR-021): each new handle commits without syncing the log (<c>synchronous = NORMAL</c>, which
    /// in WAL mode cannot corrupt the file), so a power cut may take the last runs started, and a page asked for after it
    /// starts its run again, as after a restart; its log checkpoints itself at SQLite's default size, its rows being
    /// small and holding no buyer's data. The database's own commits keep syncing: an answered order or despatch is durable.
    /// </summary>
    private DbConnection Prepared(DbConnection connection, bool paging = false)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            if (!paging)
            {
                SQLitePCL.raw.sqlite3_wal_autocheckpoint(handle, _autoCheckpointPages);
            }

            if (!_preparedHandles.TryGetValue(handle, out _))
            {
                SQLitePCL.raw.sqlite3_exec(handle, paging ? "PRAGMA synchronous = NORMAL;" : "PRAGMA secure_delete = ON;");
                if (_maxSizeBytes > 0)
                {
                    CapSize((SqliteConnection)connection);
                }

                _preparedHandles.AddOrUpdate(handle, new object());
            }
        }

        return connection;
    }

    /// <summary>
    /// <c>Database:SqliteMaxSizeMegabytes</c> as SQLite's page limit, a setting of each handle (of the database and of its
    /// paging file, each capped alone): a write that would grow the file past it fails with SQLITE_FULL, as on a full disk.
    /// </summary>
    private void CapSize(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size;";
        var pageSize = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        command.CommandText = $"PRAGMA max_page_count = {Math.Max(1, _maxSizeBytes / pageSize)};";
        command.ExecuteNonQuery();
    }

    /// <summary>The native handles (pooled across opens, each of one file) already set up once.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _preparedHandles = new();

    /// <summary>The paging file beside a SQLite database: its name with <c>.paging</c> before the extension.</summary>
    internal static string PagingFileOf(string sqliteConnectionString)
    {
        var builder = new SqliteConnectionStringBuilder(sqliteConnectionString);
        var source = builder.DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:")
        {
            return sqliteConnectionString; // a private in-memory database is one connection's: nothing beside it to share
        }

        var name = Path.GetFileNameWithoutExtension(source) + ".paging" + Path.GetExtension(source);
        var directory = Path.GetDirectoryName(source);
        builder.DataSource = string.IsNullOrEmpty(directory) ? name : Path.Combine(directory, name);
        return builder.ToString();
    }

    /// <summary>
    /// The part of a request's deadline a wait for the write lock leaves unused, for the rest of the call: a batch whose
    /// first item waited the lock out can still answer its other items (reads need no lock under WAL), and SQLite's
    /// sleeps (up to 100 ms) and the whole-second rounding cannot carry the wait past the deadline.
    /// </summary>
    internal static readonly TimeSpan DeadlineMargin = TimeSpan.FromSeconds(1);

    private static SqliteConnection BoundedBy(TimeSpan? timeLeft, SqliteConnection connection)
    {
        if (timeLeft is { } left)
        {
            // Whole seconds (Microsoft.Data.Sqlite's unit), at least 1 (0 would mean "wait for ever").
            connection.DefaultTimeout = Math.Clamp((int)(left - DeadlineMargin).TotalSeconds, 1, connection.DefaultTimeout);
        }

        return connection;
    }

    private static string Normalize(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            // A server that does not answer should fail in seconds, naming the setting, not after SqlClient's 15 s
            // timeout and its retries; an explicit Connect Timeout in the connection string wins.
            var sql = new SqlConnectionStringBuilder(options.ConnectionString);
            if (!options.ConnectionString!.Contains("timeout", StringComparison.OrdinalIgnoreCase))
            {
                sql.ConnectTimeout = 5;
            }

            return sql.ConnectionString;
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
