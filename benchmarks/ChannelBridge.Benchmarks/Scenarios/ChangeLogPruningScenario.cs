using System.Diagnostics;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Orders;
using ChannelBridge.Application.Orders.GetOrders;
using ChannelBridge.Application.Orders.UpsertOrders;
using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Infrastructure.Persistence.Maintenance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChannelBridge.Benchmarks.Scenarios;

/// <summary>
/// The change log's pruning (ADR-031) at the Bench's size. A tenth of the orders (at most 100,000) is sent again changed,
/// as a platform pushes an order again when its status changes, so each has a first change its second supersedes. The
/// clock moves past the two days, and a pruner as a node has it after a start walks the whole log while Linnworks pages
/// through the orders sent again (the pages timed alone first); then its next round, with nothing new. The run begins
/// after the first changes: a store keeps the superseded changes a live run reaches back to (ADR-005), and the
/// scenario measures the walk that deletes them.
/// </summary>
internal sealed class ChangeLogPruningScenario(Bench bench)
{
    private DateTime From { get; set; }

    public async Task RunAsync()
    {
        // The orders sent again are dated ten minutes on, so the run's UTCTimeFrom, less its two minutes' overlap, is past
        // the orders' first changes.
        bench.Clock.Offset = TimeSpan.FromMinutes(10);
        From = bench.Clock.GetUtcNow().UtcDateTime;
        var resent = Math.Min(100_000, bench.Seeded / 10);
        await ResendChangedAsync(resent);
        // Past the cut-off for every change in the log, the personal-data scenario's erasures dated weeks on among them:
        // the walk stops at the first change not yet past it.
        bench.Clock.Offset = PersonalDataScenario.ClockOffset + ChangeLogPruner.SupersededAfter + TimeSpan.FromDays(1);
        var pruner = new ChangeLogPruner(bench.Services.GetRequiredService<DbConnectionFactory>(), bench.Clock, NullLogger<ChangeLogPruner>.Instance);
        await bench.Send(new OrdersQuery { AuthorizationToken = bench.Orders.Token, UTCTimeFrom = From, PageNumber = 1 });
        var pages = Math.Max(2, Math.Min(200, resent / 100)); // the run's pages: the orders sent again
        var alone = new List<double>();
        for (var i = 0; i < Math.Max(1000, bench.Samples * 5); i++)
        {
            alone.Add(await PageAsync(i, pages));
        }

        var walkClock = Stopwatch.StartNew();
        var walk = Task.Run(() => pruner.PruneAsync(CancellationToken.None));
        var during = new List<double>();
        while (!walk.IsCompleted)
        {
            during.Add(await PageAsync(during.Count, pages));
        }

        var deleted = await walk;
        walkClock.Stop();
        var nextClock = Stopwatch.StartNew();
        var next = await pruner.PruneAsync(CancellationToken.None);
        nextClock.Stop();
        bench.Clock.Offset = TimeSpan.Zero;
        Emit(alone, during, deleted, walkClock.Elapsed, next, nextClock.Elapsed);
    }

    private void Emit(List<double> alone, List<double> during, int deleted, TimeSpan walk, int next, TimeSpan nextTook)
    {
        var (a50, a99) = Bench.Percentiles(alone);
        var (d50, d99) = during.Count > 0 ? Bench.Percentiles(during) : (0, 0);
        bench.Emit(string.Empty);
        bench.Emit("| Change log pruning (ADR-031) | Orders pages | p50 ms | p99 ms |");
        bench.Emit("|---|---:|---:|---:|");
        bench.Emit($"| {bench.Seeded:N0} orders, no pruning | {alone.Count:N0} | {a50:F2} | {a99:F2} |");
        bench.Emit($"| while a node's first walk of the log deletes {deleted:N0} superseded changes | {during.Count:N0} | {d50:F2} | {d99:F2} |");
        bench.Emit(string.Empty);
        bench.Emit($"The first walk took {walk.TotalSeconds:N1} s in windows of {ChangeLogPruner.DefaultBatchSize:N0} changes, each window's delete a transaction of its own; Orders p99 while it ran {(a99 > 0 ? d99 / a99 : 0):F2}× the p99 without it. The next round, with nothing new, deleted {next:N0} rows in {nextTook.TotalMilliseconds:F3} ms.");
    }

    /// <summary>The first <paramref name="count"/> orders sent again with a new postage cost: each is Updated, a change.</summary>
    private async Task ResendChangedAsync(int count)
    {
        for (var first = 0; first < count; first += 500)
        {
            var batch = Enumerable.Range(first, Math.Min(500, count - first)).Select(Changed).ToList();
            var result = await bench.Send(new UpsertOrdersCommand(bench.Orders.StoreId, batch));
            if (result.IsFailure || result.Value.Results.Any(r => r.Status != UpsertStatus.Updated))
            {
                throw new InvalidOperationException("Sending the orders again changed failed: " + result.ErrorMessage);
            }
        }
    }

    private static OrderDto Changed(int i)
    {
        var order = Bench.NewOrder(i);
        order.PostalServiceCost = 4.99m;
        return order;
    }

    private Task<double> PageAsync(int i, int pages) => bench.OrdersPageMsAsync(From, 2 + (i % (pages - 1)), "the pruning");
}
