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
        var run = await pager.RunAsync(database.CallConnections, NewIntegration(), "orders:test", 1, () => Task.FromResult((101L, 400L)), CancellationToken.None);
        pager.RecordBoundary(run, 1, 200);
        pager.RecordBoundary(run, 2, 300);
        var statements = 0;
        Task<IReadOnlyList<long>> Keys(long after)
        {
            statements++;
            return Task.FromResult<IReadOnlyList<long>>([.. Enumerable.Range(1, 100).Select(i => after + i).Where(k => k <= 400)]);
        }

        (await pager.StartOfPageAsync(database.CallConnections, run, int.MaxValue, Keys, CancellationToken.None)).Should().BeNull();
        (await pager.StartOfPageAsync(database.CallConnections, run, 103, Keys, CancellationToken.None)).Should().BeNull(
            "102 pages after page 2's last key need 102 keys, and 100 are left");
        statements.Should().Be(0);

        (await pager.StartOfPageAsync(database.CallConnections, run, 3, Keys, CancellationToken.None)).Should().Be(300, "the page before is known");
        (await pager.StartOfPageAsync(database.CallConnections, run, 4, Keys, CancellationToken.None)).Should().Be(400, "page 3 walked from page 2's last key");
        statements.Should().Be(1);
    }

    [Fact]
    public async Task APageAfterAGap_StartsFromTheNearestPageKnownBelowIt()
    {
        var pager = database.Pager;
        var run = await pager.RunAsync(database.CallConnections, NewIntegration(), "orders:test", 1, () => Task.FromResult((1L, 1_000L)), CancellationToken.None);
        pager.RecordBoundary(run, 1, 100);
        pager.RecordBoundary(run, 5, 500);
        pager.RecordBoundary(run, 9, 900);
        var walkedFrom = new List<long>();
        Task<IReadOnlyList<long>> Keys(long after)
        {
            walkedFrom.Add(after);
            return Task.FromResult<IReadOnlyList<long>>([.. Enumerable.Range(1, 100).Select(i => after + i).Where(k => k <= 1_000)]);
        }

        (await pager.StartOfPageAsync(database.CallConnections, run, 8, Keys, CancellationToken.None)).Should().Be(700);
        walkedFrom.Should().Equal(500, 600);
    }

    private static string NewIntegration() => Guid.NewGuid().ToString("N");
}
