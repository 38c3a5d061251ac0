using ChannelBridge.Domain.Orders;
using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>A call's hot reads keep their statements prepared on a pooled connection across calls (ReadSession).</summary>
public sealed class ReadSessionTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"channelbridge-reads-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        SqliteFiles.Delete(_path);
    }

    [Fact]
    public async Task TheNextSession_HasTheConnectionAndItsPreparedStatement()
    {
        using var connections = Factory();
        await Seed();

        await using (var first = await connections.OpenReadSessionAsync(CancellationToken.None))
        {
            (await first.Int64Async("SELECT MAX(n) FROM t WHERE n < @Below", new { Below = 10 }, CancellationToken.None)).Should().Be(3);
            Remember(first);
        }

        await using var second = await connections.OpenReadSessionAsync(CancellationToken.None);
        second.Connection.Should().BeSameAs(_remembered, "the connection went back to the pool of readers, open");
        (await second.Int64Async("SELECT MAX(n) FROM t WHERE n < @Below", new { Below = 3 }, CancellationToken.None)).Should().Be(2, "the prepared statement binds the new value");
    }

    [Fact]
    public async Task APreparedStatement_SeesTheSchemaAsItIsNow()
    {
        using var connections = Factory();
        await Seed();
        await using (var first = await connections.OpenReadSessionAsync(CancellationToken.None))
        {
            await (await first.ReaderAsync("SELECT * FROM t ORDER BY n", new { }, CancellationToken.None)).DisposeAsync();
        }

        await Execute("ALTER TABLE t ADD COLUMN label TEXT DEFAULT 'x'");

        await using var second = await connections.OpenReadSessionAsync(CancellationToken.None);
        await using var reader = await second.ReaderAsync("SELECT * FROM t ORDER BY n", new { }, CancellationToken.None);
        reader.FieldCount.Should().Be(2, "SQLite prepares a statement again when the schema it was planned on has changed");
    }

    [Fact]
    public async Task ASessionThatLeftItsReaderOpen_DoesNotGiveItsConnectionBack()
    {
        using var connections = Factory();
        await Seed();
        await using (var first = await connections.OpenReadSessionAsync(CancellationToken.None))
        {
            await first.ReaderAsync("SELECT n FROM t", new { }, CancellationToken.None); // never disposed by the caller
            Remember(first);
        }

        _remembered!.State.Should().Be(System.Data.ConnectionState.Closed, "a connection in an unknown state is closed, not pooled");
        await using var second = await connections.OpenReadSessionAsync(CancellationToken.None);
        second.Connection.Should().NotBeSameAs(_remembered);
    }

    [Fact]
    public async Task AnEnum_IsBoundAsItsNumber()
    {
        // As Dapper sends it: Orders.Status is an integer column, compared with OrderStatus values.
        using var connections = Factory();
        await Seed();
        await using var session = await connections.OpenReadSessionAsync(CancellationToken.None);
        await using var reader = await session.ReaderAsync("SELECT typeof(@Status), @Status", new { Status = OrderStatus.Despatched }, CancellationToken.None);
        (await reader.ReadAsync()).Should().BeTrue();
        reader.GetString(0).Should().Be("integer");
        reader.GetInt64(1).Should().Be((long)OrderStatus.Despatched);
    }

    [Fact]
    public async Task ACallsTimeLeft_BoundsItsStatementsWaitForALock()
    {
        using var connections = Factory();
        await Seed();
        await using (var bounded = await connections.OpenReadSessionAsync(CancellationToken.None, TimeSpan.FromSeconds(4)))
        {
            ((SqliteConnection)bounded.Connection).DefaultTimeout.Should().Be(3, "four seconds left, less the margin kept for the answer");
        }

        await using var unbounded = await connections.OpenReadSessionAsync(CancellationToken.None);
        ((SqliteConnection)unbounded.Connection).DefaultTimeout.Should().Be(30, "the next call's session starts from the configured wait again");
    }

    private System.Data.Common.DbConnection? _remembered;

    private void Remember(ReadSession session) => _remembered = session.Connection;

    private async Task Seed()
    {
        await Execute("CREATE TABLE IF NOT EXISTS t (n INTEGER); DELETE FROM t; INSERT INTO t VALUES (1), (2), (3), (40)");
    }

    private async Task Execute(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private DbConnectionFactory Factory() =>
        new(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}" }));
}
