using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>SQLite write transactions of one process take turns in arrival order before asking for SQLite's lock (ADR-013).</summary>
public sealed class QueuedWriterTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"channelbridge-queue-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
    }

    [Fact]
    public async Task AWriter_WaitsForTheOneBeforeIt_AndGoesOnItsCommit()
    {
        var connections = Factory();
        await using var first = await connections.OpenAsync(CancellationToken.None);
        await using var second = await connections.OpenAsync(CancellationToken.None);
        var holding = await first.BeginTransactionAsync();

        var waiting = second.BeginTransactionAsync().AsTask();
        connections.WriteTurnTaken.Should().BeTrue("the first writer has the turn");
        waiting.IsCompleted.Should().BeFalse("the second is queued for the turn, not refused and not let in");

        await holding.CommitAsync();
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        await next.RollbackAsync();
    }

    [Theory]
    [InlineData("rollback")]
    [InlineData("dispose")]
    [InlineData("close")]
    public async Task TheTurnEnds_HoweverTheTransactionDoes(string ending)
    {
        var connections = Factory();
        var first = await connections.OpenAsync(CancellationToken.None);
        await using var second = await connections.OpenAsync(CancellationToken.None);
        var holding = await first.BeginTransactionAsync();
        var waiting = second.BeginTransactionAsync().AsTask();

        switch (ending)
        {
            case "rollback":
                await holding.RollbackAsync();
                break;
            case "dispose":
                await holding.DisposeAsync();
                break;
            default:
                await first.CloseAsync();
                break;
        }

        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        await first.DisposeAsync();
    }

    [Fact]
    public async Task AReadOnlyTransaction_DoesNotQueue()
    {
        var connections = Factory();
        await using var writer = await connections.OpenAsync(CancellationToken.None);
        await using var reader = (SqliteConnection)await connections.OpenAsync(CancellationToken.None);
        await using var holding = await writer.BeginTransactionAsync();

        using var read = reader.BeginTransaction(deferred: true);
        read.Rollback();
    }

    [Fact]
    public async Task AWriterThatWaitsPastTheBusyTimeout_FailsAsSqliteBusy_AndTheQueueGoesOn()
    {
        var connections = Factory();
        await using var first = await connections.OpenAsync(CancellationToken.None);
        await using var second = await connections.OpenAsync(CancellationToken.None);
        ((SqliteConnection)second).DefaultTimeout = 1; // as a Linnworks request with a second of its deadline left
        await using var third = await connections.OpenAsync(CancellationToken.None);
        var holding = await first.BeginTransactionAsync();

        var act = () => second.BeginTransactionAsync().AsTask();
        (await act.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(5, "SQLITE_BUSY: answered 'retry' like SQLite's own timeout");

        await holding.CommitAsync();
        await using var next = await third.BeginTransactionAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task TheWaitForTheTurn_ComesOutOfTheBusyTimeout_SoAQueuedWriterDoesNotWaitTwice()
    {
        var connections = Factory();

        // Another process (a plain connection, outside the queue) holds SQLite's write lock throughout.
        await using var other = new SqliteConnection($"Data Source={_path}");
        await other.OpenAsync();
        await using var lockHeld = await other.BeginTransactionAsync();

        await using var first = (SqliteConnection)await connections.OpenAsync(CancellationToken.None);
        await using var second = (SqliteConnection)await connections.OpenAsync(CancellationToken.None);
        // Five seconds each: waiting once ends near 5 s, waiting twice near 9.8 s (4.8 s for the turn, 5 for the lock); the
        // bound sits between with room for a loaded machine (SQLite's retries sleep 150 ms and overshoot; a 3 s version of
        // this test once took 4.8 s, and this one 7.1 s during a full suite run).
        first.DefaultTimeout = 5;
        second.DefaultTimeout = 5;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Each on its own thread: SQLite's wait blocks the caller, so started inline the first would finish waiting before
        // the second even asked for the turn, and the second would never queue behind it.
        var firstTry = Task.Run(() => Assert.ThrowsAsync<SqliteException>(() => first.BeginTransactionAsync().AsTask()));
        TurnTaken(connections, firstTry);
        var secondTry = Task.Run(() => Assert.ThrowsAsync<SqliteException>(() => second.BeginTransactionAsync().AsTask()));

        (await secondTry).SqliteErrorCode.Should().Be(5);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8), "the second had 5 s in all, not 4.8 s for its turn and 5 more for the lock");
        (await firstTry).SqliteErrorCode.Should().Be(5);
    }

    [Fact]
    public async Task InsideALinnworksRequest_WritersQueuedBehindALock_GiveUpASecondBeforeTheDeadline()
    {
        var connections = Factory();
        await using (var create = await connections.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(create, "CREATE TABLE IF NOT EXISTS T (X INTEGER)");
        }

        await using var other = new SqliteConnection($"Data Source={_path}");
        await other.OpenAsync();
        await using var lockHeld = other.BeginTransaction(deferred: false); // another process's writer: BEGIN IMMEDIATE

        // Two writers of one Linnworks call (a batch's items), the second queued behind the first for the turn: the
        // turn's wait and SQLite's (in whole seconds, at least one) must both end with time left to answer the rest.
        var call = new ChannelBridge.Application.Common.Calls.CallContext();
        using var deadline = new CancellationTokenSource();
        using var started = call.StartDeadline(DateTimeOffset.UtcNow.AddSeconds(3.6), TimeProvider.System, deadline.Token);
        var callConnections = new CallConnections(connections, call);
        {
            await using var first = await callConnections.OpenAsync(CancellationToken.None);
            await using var second = await callConnections.OpenAsync(CancellationToken.None);
            // Each on its own thread (SQLite's wait blocks its caller), the second asking while the first has the turn.
            async Task<int> Write(System.Data.Common.DbConnection connection)
            {
                try
                {
                    await (await connection.BeginTransactionAsync()).DisposeAsync();
                    return 0;
                }
                catch (SqliteException ex)
                {
                    return ex.SqliteErrorCode;
                }
            }

            var firstWrite = Task.Run(() => Write(first));
            TurnTaken(connections, firstWrite);
            var secondWrite = Task.Run(() => Write(second));

            (await Task.WhenAll(firstWrite, secondWrite)).Should().Equal(5, 5);
            // Without the margin SQLite's fixed waits (2 s, then at least 1) leave at most 0.6 s; with it about 1.3-1.6 s.
            call.Remaining.Should().BeGreaterThan(TimeSpan.FromSeconds(0.7),
                "both gave up a second before the deadline (SQLite's minimum wait of one second included)");
        }
    }

    /// <summary>
    /// Returns once <paramref name="first"/>'s writer has the process's writer turn (and waits on SQLite's lock). Watched
    /// on the test's own thread, not by a poll on the thread pool, whose turns a loaded machine can delay past the
    /// seconds the first writer holds the turn.
    /// </summary>
    private static void TurnTaken(DbConnectionFactory connections, Task first)
    {
        SpinWait.SpinUntil(() => connections.WriteTurnTaken || first.IsCompleted, TimeSpan.FromSeconds(20));
        connections.WriteTurnTaken.Should().BeTrue("the first writer takes the turn, then waits on SQLite's lock");
    }

    private DbConnectionFactory Factory() =>
        new(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}" }));
}
