using System.Reflection;
using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Infrastructure.Persistence.Maintenance;
using Dapper;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>
/// The change log's deletes as SQLite plans them in the service, which gathers no statistics (no ANALYZE): each reads
/// the window's changes first, by their numbers, and finds their orders' earlier changes by order. Begun from the other
/// end, a delete read every change of a store below where its live run begins, once a window: quadratic in the store's
/// changes (docs/performance.md, "The change log's pruning under a live run").
/// </summary>
public sealed class ChangeLogPruningPlanTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    [Theory]
    [InlineData("DeleteSuperseded")]
    [InlineData("DeleteSupersededBeforeTheRuns")]
    [InlineData("DeleteSupersededBeforeEveryRun")]
    public async Task EachDelete_ReadsTheWindowFirst_AndTheEarlierChangesOfItsOrdersByOrder(string statement)
    {
        var sql = (string)typeof(ChangeLogPruner).GetField(statement, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;
        var (text, parameters) = SqlDialect.Sqlite.KeySet(sql, "Held", ["a-store"], new { After = 0L, Through = 1000L, StoreId = "a-store", LiveFrom = 500L });
        await using var connection = await database.Connections.OpenAsync(default);

        var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + text, parameters))
            .Select(step => step.Detail).Where(d => d.StartsWith("SEARCH n ", StringComparison.Ordinal) || d.StartsWith("SEARCH c ", StringComparison.Ordinal)).ToList();

        plan.Should().HaveCount(2);
        plan[0].Should().Be("SEARCH n USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)", "the window's changes, by their numbers, are the outer loop");
        plan[1].Should().StartWith("SEARCH c USING").And.Contain("IX_OrderChanges_OrderId_Seq (OrderId=?", "each order's earlier changes are found by order, not by store");
    }
}
