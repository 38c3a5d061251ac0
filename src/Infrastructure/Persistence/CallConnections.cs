using System.Data.Common;
using ChannelBridge.Application.Common.Calls;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// The connections of one call (scoped): opened by the process's <see cref="DbConnectionFactory"/>, with SQLite's busy
/// wait bounded by the time the call has left before its deadline (<see cref="CallContext.Remaining"/>). Repositories and
/// queries serving requests open through this; background services, which have no deadline, use the factory.
/// </summary>
internal sealed class CallConnections(DbConnectionFactory factory, CallContext call)
{
    /// <summary>The store's writes held by <see cref="HeldStoreWrites"/>, while the call is inside it.</summary>
    private HeldWrites? _held;

    public DatabaseProvider Provider => factory.Provider;

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => factory.OpenAsync(cancellationToken, call.Remaining, call.WritesFor);

    /// <summary>A connection for the call's hot reads, its statements kept prepared across calls (<see cref="ReadSession"/>).</summary>
    public Task<ReadSession> OpenReadSessionAsync(CancellationToken cancellationToken) => factory.OpenReadSessionAsync(cancellationToken, call.Remaining);

    /// <summary>A connection to the paging state (<see cref="DbConnectionFactory.PagingConnectionString"/>).</summary>
    public Task<DbConnection> OpenPagingAsync(CancellationToken cancellationToken) => factory.OpenPagingAsync(cancellationToken, call.Remaining, call.WritesFor);

    /// <summary>
    /// Where a repository reads what the call is about to change: inside the held writes, their transaction (it sees
    /// what nobody else may change until it commits); otherwise a connection of its own, without a transaction.
    /// </summary>
    public async Task<CallConnection> OpenForChangeAsync(CancellationToken cancellationToken) =>
        _held is { } held ? new CallConnection(held.Connection, held.Transaction, owned: false) : new CallConnection(await OpenAsync(cancellationToken), null, owned: true);

    /// <summary>
    /// Where a repository writes: inside the held writes, their transaction (committed when the held work ends, so the
    /// repository's <see cref="CallConnection.CommitAsync"/> only marks its write finished); otherwise a connection and
    /// transaction of its own.
    /// </summary>
    public async Task<CallConnection> BeginWriteAsync(CancellationToken cancellationToken)
    {
        if (_held is { } held)
        {
            return new CallConnection(held.Connection, held.Transaction, owned: false, held);
        }

        var connection = await OpenAsync(cancellationToken);
        try
        {
            return new CallConnection(connection, await connection.BeginTransactionAsync(cancellationToken), owned: true);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Makes <paramref name="held"/> the call's writes until <see cref="Release"/> (<see cref="HeldStoreWrites"/>).</summary>
    internal void Hold(HeldWrites held)
    {
        if (_held is not null)
        {
            throw new InvalidOperationException("A store's writes are already held by this call.");
        }

        _held = held;
    }

    internal void Release() => _held = null;
}

/// <summary>
/// The call's held writes (<see cref="HeldStoreWrites"/>): one connection and transaction, and how many of the
/// repositories' writes in it have begun and not finished. A write that did not finish failed part way (its exception
/// caught inside the work, say), so its holder must not commit what it left.
/// </summary>
internal sealed class HeldWrites(DbConnection connection, DbTransaction transaction)
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public int Unfinished { get; set; }
}

/// <summary>
/// A connection and, for a write, its transaction, as <see cref="CallConnections"/> hands them to a repository: its own
/// (committed and closed by the repository) or the call's held writes (which only their holder commits and closes). A
/// repository ends each write with <see cref="CommitAsync"/>, or <see cref="Unchanged"/> when it wrote nothing to keep.
/// </summary>
internal sealed class CallConnection : IAsyncDisposable
{
    private readonly bool _owned;
    private HeldWrites? _held;

    public CallConnection(DbConnection connection, DbTransaction? transaction, bool owned, HeldWrites? held = null)
    {
        (Connection, Transaction, _owned, _held) = (connection, transaction, owned, held);
        if (held is not null)
        {
            held.Unfinished++;
        }
    }

    public DbConnection Connection { get; }

    public DbTransaction? Transaction { get; }

    /// <summary>Commits the repository's own transaction; inside the held writes, marks this write finished (they commit when their work ends).</summary>
    public Task CommitAsync(CancellationToken cancellationToken)
    {
        Unchanged();
        return _owned && Transaction is not null ? Transaction.CommitAsync(cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Ends a write that changed nothing to keep: its own transaction is rolled back when disposed; inside the held writes it is finished.</summary>
    public void Unchanged()
    {
        if (_held is not null)
        {
            _held.Unfinished--;
            _held = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_owned)
        {
            return;
        }

        if (Transaction is not null)
        {
            await Transaction.DisposeAsync();
        }

        await Connection.DisposeAsync();
    }
}
