using System.Data;
using System.Data.Common;
using System.Globalization;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// A connection for one call's reads whose statements stay prepared across calls (<see cref="DbConnectionFactory.OpenReadSessionAsync"/>).
/// Microsoft.Data.Sqlite prepares every command afresh: under Linnworks' Orders downloads, parsing and planning the page
/// statement was about half of the service's time in SQLite (docs/performance.md). On SQLite the session's connection
/// is kept open in the factory's pool of readers when the call ends, with its statements, so the next page only binds
/// and steps; SQL Server keeps its plans itself, and there the session is a connection of its own, as before.
/// Reads only: a session never begins a transaction.
/// </summary>
internal sealed class ReadSession : IAsyncDisposable
{
    private readonly DbConnectionFactory _factory;
    private readonly ReadConnection _reader;
    private readonly int _timeoutSeconds;
    private DbDataReader? _open;
    private bool _faulted;

    internal ReadSession(DbConnectionFactory factory, ReadConnection reader, int timeoutSeconds)
    {
        (_factory, _reader, _timeoutSeconds) = (factory, reader, timeoutSeconds);
    }

    /// <summary>The connection, for statements too rare to keep prepared (Dapper's, which prepare each time).</summary>
    public DbConnection Connection => _reader.Connection;

    /// <summary>
    /// The rows of <paramref name="sql"/> for <paramref name="args"/>' properties named in it (<see cref="RepeatedStatement"/>).
    /// Dispose the reader before the session's next statement.
    /// </summary>
    public async Task<DbDataReader> ReaderAsync(string sql, object args, CancellationToken cancellationToken) =>
        _open = await RunAsync(sql, args, statement => statement.ReaderAsync(args, cancellationToken));

    /// <summary>The first column of the first row of <paramref name="sql"/>, or null for none or a NULL.</summary>
    public async Task<long?> Int64Async(string sql, object args, CancellationToken cancellationToken) =>
        await RunAsync(sql, args, statement => statement.ScalarAsync(args, cancellationToken)) is { } value and not DBNull
            ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
            : null;

    /// <summary>Runs the prepared statement for <paramref name="sql"/>; a failure leaves the connection out of the pool.</summary>
    private async Task<T> RunAsync<T>(string sql, object args, Func<RepeatedStatement, Task<T>> run)
    {
        if (_open is { IsClosed: false })
        {
            throw new InvalidOperationException("The session's last reader is still open.");
        }

        var statement = _reader.Statement(sql, args.GetType());
        statement.TimeoutSeconds = _timeoutSeconds;
        try
        {
            return await run(statement);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    /// <summary>Gives the connection back to the pool of readers, or closes it when a statement failed or a reader was left open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_open is { IsClosed: false } open)
        {
            _faulted = true;
            await open.DisposeAsync();
        }

        _factory.ReturnReader(_reader, keep: !_faulted);
    }
}

/// <summary>An open connection and the statements prepared on it, used by one <see cref="ReadSession"/> at a time.</summary>
internal sealed class ReadConnection(DbConnection connection) : IDisposable
{
    /// <summary>More texts than the hot reads have: past it the statements are dropped and prepared again as used.</summary>
    private const int MaxStatements = 32;

    private readonly Dictionary<(string Sql, Type Args), RepeatedStatement> _statements = [];

    public DbConnection Connection { get; } = connection;

    public bool IsOpen => Connection.State == ConnectionState.Open;

    public RepeatedStatement Statement(string sql, Type args)
    {
        if (!_statements.TryGetValue((sql, args), out var statement))
        {
            if (_statements.Count >= MaxStatements)
            {
                DisposeStatements();
            }

            _statements[(sql, args)] = statement = new RepeatedStatement(Connection, transaction: null, sql, args);
        }

        return statement;
    }

    public void Dispose()
    {
        DisposeStatements();
        Connection.Dispose();
    }

    private void DisposeStatements()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }
}
