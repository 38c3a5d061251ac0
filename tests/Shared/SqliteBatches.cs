using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Tests;

/// <summary>
/// Batches of commands on SQLite, which has none of its own, in the shape SQL Server's SqlBatch takes them: each command
/// with its own parameters, <see cref="DbBatchCommand.RecordsAffected"/> per command, and one reader over the result sets
/// of the commands that have any, in order. The commands run one after another in the batch's transaction; SQL Server runs
/// them in one request. So the repositories' batched writes (<c>RepeatedStatement.ExecuteEachAsync</c>) run in the suite.
/// </summary>
internal sealed class SqliteBatches
{
    private int _batches;
    private int _commands;

    /// <summary>How many batches ran, and how many commands they held.</summary>
    public (int Batches, int Commands) Sent => (Volatile.Read(ref _batches), Volatile.Read(ref _commands));

    public DbBatch Create(SqliteConnection connection) => new Batch(connection, this);

    private void Count(int commands)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _commands, commands);
    }

    private sealed class Batch(SqliteConnection connection, SqliteBatches log) : DbBatch
    {

        private readonly Commands _commands = new();

        public override int Timeout { get; set; }

        protected override DbBatchCommandCollection DbBatchCommands => _commands;

        protected override DbConnection? DbConnection
        {
            get => connection;
            set => throw new NotSupportedException("A batch stays on the connection that made it.");
        }

        protected override DbTransaction? DbTransaction { get; set; }

        public override int ExecuteNonQuery() => Run().Sum(c => Math.Max(0, c.RecordsAffected));

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken = default) => Task.FromResult(ExecuteNonQuery());

        public override object? ExecuteScalar()
        {
            using var reader = ExecuteDbDataReader(CommandBehavior.Default);
            return reader.Read() ? reader.GetValue(0) : null;
        }

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken = default) => Task.FromResult(ExecuteScalar());

        public override void Prepare()
        {
        }

        public override Task PrepareAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public override void Cancel()
        {
        }

        protected override DbBatchCommand CreateDbBatchCommand() => new Command();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            var results = new List<DataTable>();
            Run(results);
            return new DataTableReader([.. results]);
        }

        protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
            Task.FromResult(ExecuteDbDataReader(behavior));

        private List<Command> Run(List<DataTable>? results = null)
        {
            log.Count(_commands.Count);
            foreach (var batchCommand in _commands.Items)
            {
                using var command = connection.CreateCommand();
                command.CommandText = batchCommand.CommandText;
                command.Transaction = (SqliteTransaction?)DbTransaction;
                command.CommandTimeout = Timeout;
                foreach (SqliteParameter parameter in batchCommand.Parameters)
                {
                    // A size only where the statement's own parameter has one (strings): a size set to 0 cuts a text to nothing.
                    var copy = command.Parameters.Add(new SqliteParameter(parameter.ParameterName, parameter.Value) { DbType = parameter.DbType });
                    if (parameter.Value is string)
                    {
                        copy.Size = parameter.Size;
                    }
                }

                using var reader = command.ExecuteReader();
                do
                {
                    if (reader.FieldCount > 0 && results is not null)
                    {
                        results.Add(Table(reader));
                    }
                }
                while (reader.NextResult());

                batchCommand.Affected = reader.RecordsAffected;
            }

            return _commands.Items;
        }

        private static DataTable Table(SqliteDataReader reader)
        {
            var table = new DataTable();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                table.Columns.Add(reader.GetName(i), typeof(object));
            }

            while (reader.Read())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                table.Rows.Add(values);
            }

            return table;
        }
    }

    private sealed class Command : DbBatchCommand
    {
        private readonly SqliteParameterCollection _parameters = new SqliteCommand().Parameters;

        [AllowNull]
        public override string CommandText { get; set; } = string.Empty;

        public override CommandType CommandType { get; set; } = CommandType.Text;

        public override int RecordsAffected => Affected;

        public int Affected { get; set; } = -1;

        public override bool CanCreateParameter => true;

        protected override DbParameterCollection DbParameterCollection => _parameters;

        public override DbParameter CreateParameter() => new SqliteParameter();
    }

    private sealed class Commands : DbBatchCommandCollection
    {
        public List<Command> Items { get; } = [];

        public override int Count => Items.Count;

        public override bool IsReadOnly => false;

        public override void Add(DbBatchCommand item) => Items.Add((Command)item);

        public override void Clear() => Items.Clear();

        public override bool Contains(DbBatchCommand item) => Items.Contains(item);

        public override void CopyTo(DbBatchCommand[] array, int arrayIndex) => Items.ToArray().CopyTo(array, arrayIndex);

        public override IEnumerator<DbBatchCommand> GetEnumerator() => Items.GetEnumerator();

        public override int IndexOf(DbBatchCommand item) => Items.IndexOf((Command)item);

        public override void Insert(int index, DbBatchCommand item) => Items.Insert(index, (Command)item);

        public override bool Remove(DbBatchCommand item) => Items.Remove((Command)item);

        public override void RemoveAt(int index) => Items.RemoveAt(index);

        protected override DbBatchCommand GetBatchCommand(int index) => Items[index];

        protected override void SetBatchCommand(int index, DbBatchCommand batchCommand) => Items[index] = (Command)batchCommand;
    }
}
