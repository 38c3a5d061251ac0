namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>
/// A Linnworks call chooses its page number, up to int.MaxValue. The pager finds where a page starts from what it knows
/// of the run without counting down from that number, and answers a page past the run's end without walking there.
/// </summary>
public class SnapshotPagerTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public async Task APagePastTheRunsEnd_IsEmpty_WithoutAStatement_WhateverItsNumber()
    {
        var pager = database.Pager;
        var run = await pager.RunAsync(database.CallConnections, NewIntegration(), "orders:test", 1, () => Task.FromResult((101L, 400L, 0L)), CancellationToken.None);
        pager.RecordBoundary(run, 1, 200);
        pager.RecordBoundary(run, 2, 300);
        var statements = 0;
        Task<long?> Keys(long after)
        {
            statements++;
            return Task.FromResult(Enumerable.Range(1, 100).Select(i => after + i).Where(k => k <= 400).Select(k => (long?)k).LastOrDefault());
        }

        (await pager.StartOfPageAsync(run, int.MaxValue, Keys)).Should().BeNull();
        (await pager.StartOfPageAsync(run, 103, Keys)).Should().BeNull(
            "102 pages after page 2's last key need 102 keys, and 100 are left");
        statements.Should().Be(0);

        (await pager.StartOfPageAsync(run, 3, Keys)).Should().Be(300, "the page before is known");
        (await pager.StartOfPageAsync(run, 4, Keys)).Should().Be(400, "page 3 walked from page 2's last key");
        statements.Should().Be(1);
    }

    [Fact]
    public async Task APageAfterAGap_StartsFromTheNearestPageKnownBelowIt()
    {
        var pager = database.Pager;
        var run = await pager.RunAsync(database.CallConnections, NewIntegration(), "orders:test", 1, () => Task.FromResult((1L, 1_000L, 0L)), CancellationToken.None);
        pager.RecordBoundary(run, 1, 100);
        pager.RecordBoundary(run, 5, 500);
        pager.RecordBoundary(run, 9, 900);
        var walkedFrom = new List<long>();
        Task<long?> Keys(long after)
        {
            walkedFrom.Add(after);
            return Task.FromResult(Enumerable.Range(1, 100).Select(i => after + i).Where(k => k <= 1_000).Select(k => (long?)k).LastOrDefault());
        }

        (await pager.StartOfPageAsync(run, 8, Keys)).Should().Be(700);
        walkedFrom.Should().Equal(500, 600);
    }

    [Fact]
    public async Task ARunThatCannotBeRecordedForLackOfSpace_IsServedFromThisNodesMemory()
    {
        // A paging file without its tables: recording a run fails, and the policy below calls that failure storage that is
        // full (ADR-034), as SQLITE_FULL is when the paging file's volume fills.
        using var directory = new ChannelBridge.Tests.TemporaryDirectory("channelbridge-pager");
        using var factory = new Persistence.DbConnectionFactory(Microsoft.Extensions.Options.Options.Create(
            new Persistence.DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory.Path, "unmigrated.db")}" }));
        var connections = new Persistence.CallConnections(factory, new Application.Common.Calls.CallContext());
        var integration = NewIntegration();
        var starts = 0;
        Task<(long, long, long)> Bounds()
        {
            starts++;
            return Task.FromResult((1L, 500L, 0L));
        }

        var full = new Persistence.Queries.SnapshotPager(new Persistence.Queries.PageBoundaryWriter(factory, new Application.Common.Ports.TransientFailures(), Microsoft.Extensions.Logging.Abstractions.NullLogger<Persistence.Queries.PageBoundaryWriter>.Instance), TimeProvider.System, new EveryFailureIsStorageFull());
        var first = await full.RunAsync(connections, integration, "orders:test", 1, Bounds, CancellationToken.None);
        var second = await full.RunAsync(connections, integration, "orders:test", 2, Bounds, CancellationToken.None);

        (first.FromKey, first.HighWaterKey).Should().Be((1L, 500L));
        second.Should().Be(first, "page 2 finds the run in this node's memory");
        starts.Should().Be(1);
        var notFull = new Persistence.Queries.SnapshotPager(new Persistence.Queries.PageBoundaryWriter(factory, new Application.Common.Ports.TransientFailures(), Microsoft.Extensions.Logging.Abstractions.NullLogger<Persistence.Queries.PageBoundaryWriter>.Instance), TimeProvider.System, new Application.Common.Ports.TransientFailures());
        await FluentActions.Awaiting(() => notFull.RunAsync(connections, integration, "orders:test", 1, Bounds, CancellationToken.None))
            .Should().ThrowAsync<Microsoft.Data.Sqlite.SqliteException>("any other failure to record a run fails the page");
    }

    [Fact]
    public async Task APageServedWhereOtherNodesServeItsRuns_IsAnsweredOnceItsEndIsWritten_AndTheSmallestEndAnyNodeGaveIsKept()
    {
        // Linnworks may ask for the next page on another node as soon as it has this one: that node must find its end.
        var integration = NewIntegration();
        var (firstWriter, first) = NodeOf(database, shared: true);
        var (secondWriter, second) = NodeOf(database, shared: true);
        var run = await first.RunAsync(database.CallConnections, integration, "orders:test", 1, () => Task.FromResult((1L, 900L, 0L)), CancellationToken.None);

        await first.RecordServedBoundaryAsync(run, 1, 200, CancellationToken.None);
        (await RecordedAsync(integration)).Should().Equal([(1L, 200L)], "the page is answered once its end is written, not behind it");

        // A retry of page 1 counted again on another node, after orders changed, ends it elsewhere: the next page starts
        // at the smaller end, so it repeats orders and skips none, whichever answer reached Linnworks.
        await second.RecordServedBoundaryAsync(run, 1, 250, CancellationToken.None);
        (await RecordedAsync(integration)).Should().Equal([(1L, 200L)], "a later end is not kept");
        await second.RecordServedBoundaryAsync(run, 1, 150, CancellationToken.None);
        (await RecordedAsync(integration)).Should().Equal([(1L, 150L)], "an earlier end is");
        (await first.RunAsync(database.CallConnections, integration, "orders:test", 2, () => Task.FromResult((1L, 900L, 0L)), CancellationToken.None)).Should().Be(run);
        (await first.StartOfPageAsync(run, 2, _ => throw new InvalidOperationException("no walk"))).Should().Be(150, "the first node takes the smaller end it reads");

        await firstWriter.DisposeAsync();
        await secondWriter.DisposeAsync();
    }

    [Fact]
    public async Task APageWhoseEndCannotBeWrittenForLackOfSpace_IsAnswered_AndAnyOtherFailureToWriteItFailsThePage()
    {
        // While the storage refuses writes (ADR-034) no order is written either, so a node counting the page again agrees.
        using var directory = new ChannelBridge.Tests.TemporaryDirectory("channelbridge-pager");
        using var factory = new Persistence.DbConnectionFactory(Microsoft.Extensions.Options.Options.Create(
            new Persistence.DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(directory.Path, "unmigrated.db")}" }));
        var run = new Persistence.Queries.SnapshotPager.Run(NewIntegration(), "orders:test", 1, 500, 0, DateTime.UtcNow);
        Persistence.Queries.SnapshotPager Node(Application.Common.Ports.TransientFailures failures) => new(
            new Persistence.Queries.PageBoundaryWriter(factory, failures, Microsoft.Extensions.Logging.Abstractions.NullLogger<Persistence.Queries.PageBoundaryWriter>.Instance),
            TimeProvider.System,
            failures)
        { OtherNodesServeItsRuns = true };

        await Node(new EveryFailureIsStorageFull()).RecordServedBoundaryAsync(run, 1, 100, CancellationToken.None);
        await FluentActions.Awaiting(() => Node(new Application.Common.Ports.TransientFailures()).RecordServedBoundaryAsync(run, 1, 100, CancellationToken.None))
            .Should().ThrowAsync<Microsoft.Data.Sqlite.SqliteException>("another node could count the page again from an older end and skip orders");
    }

    [Fact]
    public async Task ABoundaryWrittenBehind_IsNotWrittenToARunThatReplacedItsOwn_ThoughOnlyTheDeletionMarkDiffers()
    {
        // Two nodes start the same Products run key over the same ids, the second after listings were deleted (a later mark):
        // the first node's page boundary, written behind after that, counted rows the second run does not count.
        var integration = NewIntegration();
        var (firstWriter, first) = NodeOf(database);
        var (secondWriter, second) = NodeOf(database);
        var before = await first.RunAsync(database.CallConnections, integration, "products", 1, () => Task.FromResult((1L, 500L, 5L)), CancellationToken.None);
        var after = await second.RunAsync(database.CallConnections, integration, "products", 1, () => Task.FromResult((1L, 500L, 7L)), CancellationToken.None);

        first.RecordBoundary(before, 1, 100);
        second.RecordBoundary(after, 2, 210);
        await firstWriter.DisposeAsync();
        await secondWriter.DisposeAsync();

        await using var paging = await database.Connections.OpenPagingAsync(default);
        (await Dapper.SqlMapper.QueryAsync<(long PageNumber, long LastSeq)>(
            paging, "SELECT PageNumber, LastSeq FROM PageBoundaries WHERE IntegrationId = @integration ORDER BY PageNumber", new { integration }))
            .Should().Equal([(2L, 210L)], "only the current run's boundary is written");
    }

    [Fact]
    public async Task ARunKeepsTheFilterItBeganWith_OnEveryNode_AndABoundaryWrittenBehindGoesOnlyToARunWithTheSameFilter()
    {
        // An Orders run begun with unpaid orders; the seller turns them off, and the run's later pages come with the new filter.
        var integration = NewIntegration();
        var (firstWriter, first) = NodeOf(database);
        var (secondWriter, second) = NodeOf(database);
        Task<(long, long, long)> Bounds() => Task.FromResult((1L, 500L, 0L));
        var began = await first.RunAsync(database.CallConnections, integration, "orders:test", 1, Bounds, CancellationToken.None, filter: () => "unpaid=1");

        (await first.RunAsync(database.CallConnections, integration, "orders:test", 2, Bounds, CancellationToken.None, filter: () => "unpaid=0")).Filter.Should().Be("unpaid=1");
        (await second.RunAsync(database.CallConnections, integration, "orders:test", 2, Bounds, CancellationToken.None, filter: () => "unpaid=0")).Filter.Should().Be("unpaid=1", "read from the run's session");

        // A new run over the same range with the new filter: the old run's boundary, written behind after it, does not go to it.
        var again = await second.RunAsync(database.CallConnections, integration, "orders:test", 1, Bounds, CancellationToken.None, filter: () => "unpaid=0");
        first.RecordBoundary(began, 1, 100);
        second.RecordBoundary(again, 2, 210);
        await firstWriter.DisposeAsync();
        await secondWriter.DisposeAsync();

        again.Filter.Should().Be("unpaid=0");
        await using var paging = await database.Connections.OpenPagingAsync(default);
        (await Dapper.SqlMapper.QueryAsync<(long PageNumber, long LastSeq)>(
            paging, "SELECT PageNumber, LastSeq FROM PageBoundaries WHERE IntegrationId = @integration ORDER BY PageNumber", new { integration }))
            .Should().Equal([(2L, 210L)], "only the current run's boundary is written");
    }

    [Fact]
    public async Task APageOfARunOlderThanItsLifetime_StartsTheRunAgain_OnTheNodeThatServedIt_AndOnAnother()
    {
        // The hourly maintenance keeps what a run up to a day old can count (LiveOrderRuns and the pruners), no more.
        var clock = new ChannelBridge.Tests.MovableClock();
        var (writer, node) = NodeOf(database, clock);
        var (otherWriter, other) = NodeOf(database, clock);
        var integration = NewIntegration();
        var highWater = 400L;
        Task<(long, long, long)> Bounds() => Task.FromResult((1L, highWater, 0L));
        var run = await node.RunAsync(database.CallConnections, integration, "orders:test", 1, Bounds, CancellationToken.None);
        highWater = 900;

        (await node.RunAsync(database.CallConnections, integration, "orders:test", 2, Bounds, CancellationToken.None)).Should().Be(run);
        clock.MoveOn(Persistence.Queries.SnapshotPager.RunLifetime - TimeSpan.FromMinutes(1));
        (await other.RunAsync(database.CallConnections, integration, "orders:test", 2, Bounds, CancellationToken.None)).HighWaterKey.Should().Be(400, "a day less a minute old");
        clock.MoveOn(TimeSpan.FromMinutes(2));
        var (thirdWriter, third) = NodeOf(database, clock);
        (await third.RunAsync(database.CallConnections, integration, "orders:test", 3, Bounds, CancellationToken.None)).HighWaterKey.Should().Be(900, "recorded, but too old");
        (await node.RunAsync(database.CallConnections, integration, "orders:test", 3, Bounds, CancellationToken.None)).HighWaterKey.Should().Be(900, "in memory, but too old");

        foreach (var w in new[] { writer, otherWriter, thirdWriter })
        {
            await w.DisposeAsync();
        }
    }

    private static (Persistence.Queries.PageBoundaryWriter Writer, Persistence.Queries.SnapshotPager Pager) NodeOf(
        SqliteDatabaseFixture database, TimeProvider? clock = null, bool shared = false)
    {
        var failures = new Application.Common.Ports.TransientFailures();
        var writer = new Persistence.Queries.PageBoundaryWriter(database.Connections, failures, Microsoft.Extensions.Logging.Abstractions.NullLogger<Persistence.Queries.PageBoundaryWriter>.Instance);
        return (writer, new Persistence.Queries.SnapshotPager(writer, clock ?? TimeProvider.System, failures) { OtherNodesServeItsRuns = shared });
    }

    private async Task<List<(long PageNumber, long LastSeq)>> RecordedAsync(string integration)
    {
        await using var paging = await database.Connections.OpenPagingAsync(default);
        return [.. await Dapper.SqlMapper.QueryAsync<(long PageNumber, long LastSeq)>(
            paging, "SELECT PageNumber, LastSeq FROM PageBoundaries WHERE IntegrationId = @integration ORDER BY PageNumber", new { integration })];
    }

    private sealed class EveryFailureIsStorageFull : Application.Common.Ports.TransientFailures
    {
        public override Application.Common.Ports.StorageFault StorageFaultOf(Exception exception) =>
            exception is Microsoft.Data.Sqlite.SqliteException ? Application.Common.Ports.StorageFault.Full : Application.Common.Ports.StorageFault.None;
    }

    private static string NewIntegration() => Guid.NewGuid().ToString("N");
}
