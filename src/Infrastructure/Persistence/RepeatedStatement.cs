using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// One statement run for many rows in one transaction (a batch of orders): the command and its parameters are made once,
/// so the database prepares the statement once and each row only binds its values. A command per row, as Dapper makes
/// it, parses and plans the same text again for every row. Parameters are the row's properties named in the text
/// (<c>@Name</c>), typed as Dapper would (DateTime as datetime2). Each row type's property getters are compiled once per
/// process: <see cref="PropertyInfo.GetValue(object)"/> emits and compiles a new invoke stub whenever the runtime has
/// dropped its reflection cache, which under ingest was hundreds of compilations a minute. Where the provider sends many
/// commands in one request (SQL Server's batch of RPCs, <see cref="DbConnection.CanCreateBatch"/>), a statement run for
/// a call's rows (<see cref="ExecuteEachAsync{TRow}(IReadOnlyList{TRow}, CancellationToken)"/>, <see cref="ScalarEachAsync"/>) is one round trip per
/// <see cref="RowsPerRequest"/> rows instead of one a row; SQLite, in process, runs its prepared command once a row.
/// </summary>
internal sealed partial class RepeatedStatement : IAsyncDisposable, IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbCommand _command;
    private static readonly ConcurrentDictionary<Type, (string Name, Type Type, Func<object, object?> Get)[]> Getters = new();

    private readonly (DbParameter Parameter, Func<object, object?> Get)[] _bindings;

    public RepeatedStatement(DbConnection connection, DbTransaction? transaction, string sql, Type rowType)
    {
        _connection = connection;
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _command.Transaction = transaction;
        var named = new HashSet<string>(ParameterName().Matches(sql).Select(m => m.Groups[1].Value), StringComparer.Ordinal);
        _bindings = [.. Getters.GetOrAdd(rowType, GettersOf).Where(p => named.Contains(p.Name)).Select(property =>
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = "@" + property.Name;
            parameter.DbType = TypeOf(property.Type);
            _command.Parameters.Add(parameter);
            return (parameter, property.Get);
        })];
    }

    /// <summary>
    /// The most rows one request carries where the provider sends batches: a Channel API batch of orders at its largest,
    /// so a request stays a few megabytes.
    /// </summary>
    internal const int RowsPerRequest = 500;

    /// <summary>
    /// Runs the statement for each row, in order, and answers each run's count of rows changed. A row that fails fails the
    /// call; the caller's transaction is then rolled back, whatever of the request the database went on with.
    /// </summary>
    public async Task<int[]> ExecuteEachAsync<TRow>(IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
        where TRow : notnull
    {
        var counts = new int[rows.Count];
        if (!SendsBatches)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                counts[i] = await ExecuteAsync(rows[i], cancellationToken);
            }

            return counts;
        }

        for (var first = 0; first < rows.Count; first += RowsPerRequest)
        {
            await using var batch = Batch(rows, first);
            await batch.ExecuteNonQueryAsync(cancellationToken);
            for (var i = 0; i < batch.BatchCommands.Count; i++)
            {
                counts[first + i] = batch.BatchCommands[i].RecordsAffected;
            }
        }

        return counts;
    }

    /// <summary>
    /// <paramref name="sql"/> run once for each of <paramref name="rows"/> (<see cref="ExecuteEachAsync{TRow}(IReadOnlyList{TRow}, CancellationToken)"/>)
    /// by a statement made for them and disposed after; each run's count of rows changed.
    /// </summary>
    public static async Task<int[]> ExecuteEachAsync<TRow>(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
        where TRow : notnull
    {
        if (rows.Count == 0)
        {
            return [];
        }

        await using var statement = new RepeatedStatement(connection, transaction, sql, rows[0].GetType());
        return await statement.ExecuteEachAsync(rows, cancellationToken);
    }

    /// <summary>Runs the statement for each row, in order, and answers each run's first value (an identity inserted).</summary>
    public async Task<object?[]> ScalarEachAsync<TRow>(IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
        where TRow : notnull
    {
        var values = new object?[rows.Count];
        if (!SendsBatches)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                values[i] = await ScalarAsync(rows[i], cancellationToken);
            }

            return values;
        }

        for (var first = 0; first < rows.Count; first += RowsPerRequest)
        {
            await using var batch = Batch(rows, first);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var answered = 0;
            do
            {
                // Every result is read to the end: an error of any command of the batch surfaces here, before a value
                // it left missing (SQL Server goes on with the next command after a failed insert) is looked at.
                if (await reader.ReadAsync(cancellationToken) && answered < batch.BatchCommands.Count)
                {
                    values[first + answered++] = reader.GetValue(0);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));

            if (answered != batch.BatchCommands.Count || values.Skip(first).Take(answered).Any(v => v is null or DBNull))
            {
                throw new InvalidOperationException($"A batch of {batch.BatchCommands.Count} commands answered {answered} values, or a null.");
            }
        }

        return values;
    }

    private bool SendsBatches => _connection.CanCreateBatch;

    /// <summary>The statement once for each of up to <see cref="RowsPerRequest"/> rows from <paramref name="first"/>, each with parameters of its own.</summary>
    private DbBatch Batch<TRow>(IReadOnlyList<TRow> rows, int first)
        where TRow : notnull
    {
        var batch = _connection.CreateBatch();
        batch.Transaction = _command.Transaction;
        batch.Timeout = _command.CommandTimeout;
        for (var i = first; i < Math.Min(rows.Count, first + RowsPerRequest); i++)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = _command.CommandText;
            foreach (var (template, get) in _bindings)
            {
                var parameter = _command.CreateParameter();
                parameter.ParameterName = template.ParameterName;
                parameter.DbType = template.DbType;
                Set(parameter, get(rows[i]));
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    public async Task<object?> ScalarAsync(object row, CancellationToken cancellationToken)
    {
        Bind(row);
        return await _command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<int> ExecuteAsync(object row, CancellationToken cancellationToken)
    {
        Bind(row);
        return await _command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The statement's rows for <paramref name="row"/>'s values; the reader is the caller's to dispose before the next use.</summary>
    public Task<DbDataReader> ReaderAsync(object row, CancellationToken cancellationToken)
    {
        Bind(row);
        return _command.ExecuteReaderAsync(cancellationToken);
    }

    /// <summary>How long (whole seconds) the statement may wait for a lock from its next run on (a call's time left).</summary>
    public int TimeoutSeconds
    {
        set => _command.CommandTimeout = value;
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();

    public void Dispose() => _command.Dispose();

    private void Bind(object row)
    {
        foreach (var (parameter, get) in _bindings)
        {
            Set(parameter, get(row));
        }
    }

    private static void Set(DbParameter parameter, object? value)
    {
        parameter.Value = value is Enum ? Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), System.Globalization.CultureInfo.InvariantCulture) : value ?? DBNull.Value;
        if (value is string text)
        {
            // As Dapper sends strings: one declared size up to 4,000, max beyond, so SQL Server keeps one plan.
            parameter.Size = text.Length <= 4000 ? 4000 : -1;
        }
    }

    private static (string Name, Type Type, Func<object, object?> Get)[] GettersOf(Type rowType) =>
        [.. rowType.GetProperties().Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0).Select(p => (p.Name, p.PropertyType, Getter(rowType, p)))];

    private static Func<object, object?> Getter(Type rowType, PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(object), "row");
        var value = Expression.Property(Expression.Convert(row, rowType), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), row).Compile();
    }

    private static DbType TypeOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t.IsEnum => TypeOf(Enum.GetUnderlyingType(t)), // as Dapper sends an enum: its number
        var t when t == typeof(DateTime) => DbType.DateTime2,
        var t when t == typeof(int) => DbType.Int32,
        var t when t == typeof(long) => DbType.Int64,
        var t when t == typeof(bool) => DbType.Boolean,
        var t when t == typeof(decimal) => DbType.Decimal,
        var t when t == typeof(byte[]) => DbType.Binary,
        _ => DbType.String,
    };

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterName();
}
