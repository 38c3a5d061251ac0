using System.Data.Common;
using ChannelBridge.Infrastructure.Persistence;
using Dapper;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>
/// What the repositories rely on when a statement runs for many rows (ADR-045): each row's own count and value, in order,
/// across requests of <see cref="RepeatedStatement.RowsPerRequest"/> rows; and a row that fails (a duplicate key) fails
/// the call as a unique-key violation, even when SQL Server goes on with the batch's other commands. The same checks on
/// SQLite (a command a row), on SQLite with batches in SqlBatch's shape, and on SQL Server's own batches where one is
/// available: there they hold the test double to what SqlClient does.
/// </summary>
public abstract class RepeatedStatementContract(DatabaseFixture database)
{
    private const int Rows = RepeatedStatement.RowsPerRequest * 2 + 1;

    [SkippableFact]
    public async Task EachRowsCount_IsAnsweredInOrder_AcrossRequests()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        await using var probe = await ProbeTable.CreateAsync(database);
        await probe.InsertAsync(Enumerable.Range(1, Rows).Where(i => i % 7 != 0).Select(i => new Row(i, "old")).ToList());

        await using var update = new RepeatedStatement(probe.Connection, null, $"UPDATE {probe.Name} SET Name = @Name WHERE Id = @Id", typeof(Row));
        var counts = await update.ExecuteEachAsync(Enumerable.Range(1, Rows).Select(i => new Row(i, "new")).ToList(), default);

        counts.Should().Equal(Enumerable.Range(1, Rows).Select(i => i % 7 != 0 ? 1 : 0), "each row's count is its own, every seventh row missing");
    }

    [SkippableFact]
    public async Task EachRowsValue_IsAnsweredInOrder_AcrossRequests()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        await using var probe = await ProbeTable.CreateAsync(database);

        await using var insert = new RepeatedStatement(probe.Connection, null, $"INSERT INTO {probe.Name} (Id, Name) VALUES (@Id, @Name); SELECT @Id * 10", typeof(Row));
        var values = await insert.ScalarEachAsync(Enumerable.Range(1, Rows).Select(i => new Row(i, "n")).ToList(), default);

        values.Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).Should().Equal(Enumerable.Range(1, Rows).Select(i => i * 10L));
        (await probe.Connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {probe.Name}")).Should().Be(Rows);
    }

    [SkippableFact]
    public async Task ADuplicateKeyInTheMiddle_FailsTheCall_AsAUniqueKeyViolation_AndTheRollbackKeepsNone()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        await using var probe = await ProbeTable.CreateAsync(database);
        var rows = Enumerable.Range(1, 10).Select(i => new Row(i == 6 ? 3 : i, "n")).ToList();

        await using (var tx = await probe.Connection.BeginTransactionAsync())
        {
            await using var insert = new RepeatedStatement(probe.Connection, tx, $"INSERT INTO {probe.Name} (Id, Name) VALUES (@Id, @Name); SELECT @Id", typeof(Row));
            var run = () => insert.ScalarEachAsync(rows, default);

            (await run.Should().ThrowAsync<DbException>()).Which.Should().Match<DbException>(e => UniqueKey.IsViolation(e));
            await tx.RollbackAsync();
        }

        (await probe.Connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {probe.Name}")).Should().Be(0);
    }

    private sealed record Row(long Id, string Name);

    /// <summary>A table of this test's own, dropped after it.</summary>
    private sealed class ProbeTable(DbConnection connection, string name) : IAsyncDisposable
    {
        public DbConnection Connection => connection;

        public string Name => name;

        public static async Task<ProbeTable> CreateAsync(DatabaseFixture database)
        {
            var connection = await database.Connections.OpenAsync(default);
            var name = $"BatchProbe_{Guid.NewGuid():N}";
            await connection.ExecuteAsync($"CREATE TABLE {name} (Id BIGINT NOT NULL PRIMARY KEY, Name NVARCHAR(50) NOT NULL)");
            return new ProbeTable(connection, name);
        }

        public async Task InsertAsync(IReadOnlyList<Row> rows)
        {
            await using var insert = new RepeatedStatement(connection, null, $"INSERT INTO {name} (Id, Name) VALUES (@Id, @Name)", typeof(Row));
            await insert.ExecuteEachAsync(rows, default);
        }

        public async ValueTask DisposeAsync()
        {
            await connection.ExecuteAsync($"DROP TABLE {name}");
            await connection.DisposeAsync();
        }
    }
}

public sealed class SqliteRepeatedStatementTests(SqliteDatabaseFixture database) : RepeatedStatementContract(database), IClassFixture<SqliteDatabaseFixture>;

/// <summary>The same on SQLite with batches in SqlBatch's shape (<see cref="SqliteBatchingDatabaseFixture"/>).</summary>
public sealed class SqliteBatchedRepeatedStatementTests(SqliteBatchingDatabaseFixture database)
    : RepeatedStatementContract(database), IClassFixture<SqliteBatchingDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerRepeatedStatementTests(SqlServer.SqlServerDatabaseFixture database) : RepeatedStatementContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
