using System.Data.Common;
using ChannelBridge.Domain.Common;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// An aggregate saved as one row plus child rows (a store and its tags, an integration and its values): the row
/// inserted when new or updated only at the version it was read at, then its children replaced, inside the caller's
/// transaction.
/// </summary>
internal sealed record AggregateRows(string Kind, string Id, bool IsNew, string Insert, string Update, object Row, string DeleteChildren, string InsertChild, IReadOnlyList<object> Children)
{
    /// <summary>Writes the row and its children; <see cref="ConcurrencyConflictException"/> when another writer saved it first.</summary>
    public async Task WriteAsync(DbConnection connection, DbTransaction tx, CancellationToken cancellationToken)
    {
        var affected = await connection.ExecuteAsync(new CommandDefinition(IsNew ? Insert : Update, Row, tx, cancellationToken: cancellationToken));
        if (affected != 1)
        {
            throw new ConcurrencyConflictException(Kind, Id);
        }

        await connection.ExecuteAsync(new CommandDefinition(DeleteChildren, new { Id }, tx, cancellationToken: cancellationToken));
        // One request for all of them where the provider sends batches (ADR-045): an integration's wizard values, a store's tags.
        await RepeatedStatement.ExecuteEachAsync(connection, tx, InsertChild, Children, cancellationToken);
    }

    /// <summary>
    /// Saves the aggregate in one transaction of its own: <paramref name="first"/> (what else the change implies, inside
    /// the same transaction), then the row and its children.
    /// </summary>
    public async Task SaveAsync(CallConnections connections, CancellationToken cancellationToken, Func<DbConnection, DbTransaction, Task>? first = null)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        if (first is not null)
        {
            await first(connection, tx);
        }

        await WriteAsync(connection, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Reads an aggregate's row (the first <paramref name="sql"/> finds) and its children (<paramref name="childrenSql"/> by the row's Id), or null.</summary>
    public static async Task<(TRow Row, List<TChild> Children)?> ReadAsync<TRow, TChild>(
        CallConnections connections, string sql, object parameters, string childrenSql, Func<TRow, string> idOf, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var children = await connection.QueryAsync<TChild>(new CommandDefinition(childrenSql, new { Id = idOf(row) }, cancellationToken: cancellationToken));
        return (row, children.AsList());
    }
}
