using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Infrastructure.Persistence.Repositories;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.IntegrationTests.SqlServer;

/// <summary>
/// The real SQL Server commands the repositories send, built without a server: a connection that hands out
/// SqlParameters and captures the first command instead of executing it. What Dapper and SqlClient make of each
/// parameter is what SQL Server would receive.
/// </summary>
public class SqlServerParameterTests
{
    private static readonly string Hash = new('a', 64);

    [Fact]
    public async Task HashLookups_AreFixedLengthAnsi_SoTheyCanSeekTheirChar64Index()
    {
        var (connections, captured) = Capturing();

        await Attempt(() => new UserConfigRepository(new CallConnections(connections, new ChannelBridge.Application.Common.Calls.CallContext()), null!).GetByTokenHashAsync(Hash, default));
        await Attempt(() => new StoreRepository(new CallConnections(connections, new ChannelBridge.Application.Common.Calls.CallContext())).GetByKeyHashAsync(Hash, default));
        await Attempt(() => new AccessTokenRepository(new CallConnections(connections, new ChannelBridge.Application.Common.Calls.CallContext()), TimeProvider.System).GetByHashAsync(Hash, default));

        captured.Should().HaveCount(3);
        captured.Select(c => (c.Parameters.Single().SqlDbType, c.Parameters.Single().Size)).Should().AllBeEquivalentTo((SqlDbType.Char, 64));
    }

    [Fact]
    public async Task Dates_GoAsDateTime2_NotTheLegacyDateTime()
    {
        var (connections, captured) = Capturing();

        await Attempt(() => new Persistence.Maintenance.ChangeLogPruner(connections, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Persistence.Maintenance.ChangeLogPruner>.Instance).PruneAsync(default));

        var cutoff = captured.Single().Parameters.Single(p => p.ParameterName == "Cutoff");
        cutoff.SqlDbType.Should().Be(SqlDbType.DateTime2, "datetime would overflow before 1753 and round to 1/300 s");
    }

    [Fact]
    public async Task ThePrunerDeletes_UnderTheLockEscalationThreshold()
    {
        var (connections, captured) = Capturing();

        await Attempt(() => new Persistence.Maintenance.ChangeLogPruner(connections, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Persistence.Maintenance.ChangeLogPruner>.Instance).PruneAsync(default));

        ((int)captured.Single().Parameters.Single(p => p.ParameterName == "Limit").Value!).Should().BeLessThan(5000);
    }

    [Fact]
    public async Task KeySets_AreOneParameterPerKey_OnSqlServer()
    {
        var (connections, captured) = Capturing();

        await Attempt(() => new ListingRepository(new CallConnections(connections, new ChannelBridge.Application.Common.Calls.CallContext()), TimeProvider.System).GetBySkusAsync("s1", ["A", "B", "C"], default));
        await Attempt(() => new OrderRepository(new CallConnections(connections, new ChannelBridge.Application.Common.Calls.CallContext())).GetByReferencesAsync("s1", ["R1", "R2"], default));

        captured.Should().HaveCount(2);
        captured[0].Parameters.Where(p => p.ParameterName.StartsWith("Skus", StringComparison.Ordinal)).Select(p => p.Value).Should().Equal("A", "B", "C");
        captured[1].Parameters.Where(p => p.ParameterName.StartsWith("References", StringComparison.Ordinal)).Select(p => p.Value).Should().Equal("R1", "R2");
        captured.Should().OnlyContain(c => !c.Sql.Contains("json_each", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APreparedReadsParameters_AreTypedAsDappersWere()
    {
        // The Orders page's statements moved from Dapper to RepeatedStatement (ReadSession, ADR-029): on SQL Server each
        // value must still go as Dapper sent it, or the plan and the comparisons change.
        var (connections, captured) = Capturing();
        await using var session = await connections.OpenReadSessionAsync(CancellationToken.None);
        var args = new { StoreId = "s1", HighWater = 10L, IncludeUnpaid = true, Unpaid = "UNPAID", NotBefore = (DateTime?)null, After = 0L, Limit = 101, Status = Domain.Orders.OrderStatus.Despatched };

        await Attempt(() => session.ReaderAsync("SELECT TOP (@Limit) 1 WHERE @StoreId = @Unpaid AND @HighWater > @After AND @IncludeUnpaid = 1 AND @NotBefore IS NULL AND @Status = 2", args, default));

        var parameters = captured.Single().Parameters.ToDictionary(p => p.ParameterName.TrimStart('@'));
        parameters["StoreId"].Should().Match<SqlParameter>(p => p.SqlDbType == SqlDbType.NVarChar && p.Size == 4000);
        parameters["HighWater"].SqlDbType.Should().Be(SqlDbType.BigInt);
        parameters["Limit"].SqlDbType.Should().Be(SqlDbType.Int);
        parameters["IncludeUnpaid"].SqlDbType.Should().Be(SqlDbType.Bit);
        parameters["NotBefore"].Should().Match<SqlParameter>(p => p.SqlDbType == SqlDbType.DateTime2 && p.Value == DBNull.Value);
        parameters["Status"].Should().Match<SqlParameter>(p => p.SqlDbType == SqlDbType.Int && (int)p.Value == 2, "an enum goes as its number");
    }

    [Fact]
    public async Task AStatementRunForManyRows_IsOneSqlBatch_EachRowACommandWithItsParametersTypedAsTheSingleCommandsAre()
    {
        // SqlClient sends a SqlBatch as one request; each SqlBatchCommand must carry its own row's values, with the types
        // and sizes one command would send (a shared parameter would leave every command the last row's values).
        var captured = new List<(string, List<SqlParameter>)>();
        var connection = new CapturingConnection(captured) { Batches = true };
        var rows = Enumerable.Range(1, RepeatedStatement.RowsPerRequest + 2)
            .Select(i => new BatchRow(i, $"name {i}", new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i), i % 2 == 0 ? null : "x"))
            .ToList();
        await using (var single = new RepeatedStatement(connection, null, BatchedSql, typeof(BatchRow)))
        {
            await Attempt(() => single.ExecuteAsync(rows[0], default));
        }

        await using var statement = new RepeatedStatement(connection, null, BatchedSql, typeof(BatchRow));
        await Attempt(() => statement.ExecuteEachAsync(rows, default));

        var (single1, batch) = (captured[0], captured.Skip(1).ToList());
        batch.Should().HaveCount(RepeatedStatement.RowsPerRequest, "the first request carries 500 rows; the call fails there");
        batch.Should().OnlyContain(c => c.Item1 == BatchedSql);
        batch.Select(c => (long)c.Item2.Single(p => p.ParameterName == "@Id").Value).Should().Equal(rows.Take(RepeatedStatement.RowsPerRequest).Select(r => r.Id));
        batch[1].Item2.Single(p => p.ParameterName == "@Note").Value.Should().Be(DBNull.Value);
        batch[0].Item2.Select(Shape).Should().Equal(single1.Item2.Select(Shape));
        batch[0].Item2.Select(p => p.Value).Should().Equal(single1.Item2.Select(p => p.Value));
        batch[0].Item2.Single(p => p.ParameterName == "@Name").Should().Match<SqlParameter>(p => p.SqlDbType == SqlDbType.NVarChar && p.Size == 4000);
        batch[0].Item2.Single(p => p.ParameterName == "@At").SqlDbType.Should().Be(SqlDbType.DateTime2);
    }

    private const string BatchedSql = "UPDATE T SET Name = @Name, At = @At, Note = @Note WHERE Id = @Id";

    private static (string, SqlDbType, int) Shape(SqlParameter p) => (p.ParameterName, p.SqlDbType, p.Size);

    private sealed record BatchRow(long Id, string Name, DateTime At, string? Note);

    private static (DbConnectionFactory Connections, List<(string Sql, List<SqlParameter> Parameters)> Captured) Capturing()
    {
        var captured = new List<(string, List<SqlParameter>)>();
        var options = Options.Create(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = "Server=nowhere;Database=none" });
        return (new DbConnectionFactory(options) { CreateConnection = () => new CapturingConnection(captured) }, captured);
    }

    private static async Task Attempt(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (CapturedException)
        {
            // The command was built and captured instead of executed.
        }
    }

    private sealed class CapturedException : Exception;

    private sealed class CapturingConnection(List<(string, List<SqlParameter>)> captured) : DbConnection
    {
        private ConnectionState _state = ConnectionState.Closed;

        [AllowNull]
        public override string ConnectionString { get; set; } = string.Empty;

        public override string Database => "none";

        public override string DataSource => "nowhere";

        public override string ServerVersion => "16.0";

        public override ConnectionState State => _state;

        public override void ChangeDatabase(string databaseName)
        {
        }

        public override void Close() => _state = ConnectionState.Closed;

        public override void Open() => _state = ConnectionState.Open;

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new CapturedException();

        protected override DbCommand CreateDbCommand() => new CapturingCommand(this, captured);

        /// <summary>Whether it hands out batches, as a SqlConnection does: SqlClient's own batch commands, captured when run.</summary>
        public bool Batches { get; init; }

        public override bool CanCreateBatch => Batches;

        protected override DbBatch CreateDbBatch() => Batches ? new CapturingBatch(this, captured) : base.CreateDbBatch();
    }

    private sealed class CapturingBatch(DbConnection connection, List<(string, List<SqlParameter>)> captured) : DbBatch
    {
        private readonly DbBatchCommandCollection _commands = new SqlBatch().BatchCommands;

        public override int Timeout { get; set; }

        protected override DbBatchCommandCollection DbBatchCommands => _commands;

        protected override DbConnection? DbConnection { get; set; } = connection;

        protected override DbTransaction? DbTransaction { get; set; }

        public override int ExecuteNonQuery() => throw Capture();

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken = default) => throw Capture();

        public override object ExecuteScalar() => throw Capture();

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken = default) => throw Capture();

        public override void Prepare()
        {
        }

        public override Task PrepareAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public override void Cancel()
        {
        }

        protected override DbBatchCommand CreateDbBatchCommand() => new SqlBatchCommand();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw Capture();

        protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) => throw Capture();

        private CapturedException Capture()
        {
            foreach (SqlBatchCommand command in _commands)
            {
                captured.Add((command.CommandText, [.. command.Parameters.Cast<SqlParameter>()]));
            }

            return new CapturedException();
        }
    }

    private sealed class CapturingCommand(DbConnection connection, List<(string, List<SqlParameter>)> captured) : DbCommand
    {
        private readonly SqlParameterCollection _parameters = new SqlCommand().Parameters;

        [AllowNull]
        public override string CommandText { get; set; } = string.Empty;

        public override int CommandTimeout { get; set; }

        public override CommandType CommandType { get; set; }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get; set; } = connection;

        protected override DbParameterCollection DbParameterCollection => _parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override int ExecuteNonQuery() => throw Capture();

        public override object ExecuteScalar() => throw Capture();

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new SqlParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw Capture();

        private CapturedException Capture()
        {
            captured.Add((CommandText, [.. _parameters.Cast<SqlParameter>()]));
            return new CapturedException();
        }
    }
}
