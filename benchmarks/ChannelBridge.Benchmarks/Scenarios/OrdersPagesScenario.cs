using System.Diagnostics;
using System.Globalization;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Orders.GetOrders;
using ChannelBridge.Application.Orders.UpsertOrders;

namespace ChannelBridge.Benchmarks.Scenarios;

/// <summary>
/// Orders pages as the store grows: seeds the orders store through UpsertOrdersCommand (batches of 500), and at each size
/// times page 1 of a new download run, a whole walk's first and last pages, and the last page repeated; the chart of
/// the first and last pages' p50 against the store's size.
/// </summary>
internal sealed class OrdersPagesScenario(Bench bench)
{
    private readonly List<(int Size, double FirstPage, double LastPage)> _chart = [];

    public List<string> Table { get; } = ["| Orders in store | Request | p50 ms | p99 ms |", "|---:|---|---:|---:|"];

    /// <summary>Warm-up (not reported: JIT and connection pool, so the first row is not the compiler's), then the first size.</summary>
    public async Task FirstSizeAsync()
    {
        await SeedToAsync(1_000);
        await TimeAsync(i => 1 + (i % 10), 300, bench.Since.AddSeconds(-1));
        Table.AddRange(await MeasureAsync(Math.Min(10_000, bench.Target)));
    }

    /// <summary>100,000 orders and the target, each seeded and measured in turn.</summary>
    public async Task LargerSizesAsync()
    {
        foreach (var size in new[] { 100_000, bench.Target }.Where(n => n > bench.Seeded && n <= bench.Target).Distinct().Order())
        {
            Table.AddRange(await MeasureAsync(size));
        }
    }

    public void EmitChart()
    {
        bench.Emit("```mermaid");
        bench.Emit("xychart-beta");
        bench.Emit("    title \"Orders page p50 (ms) against orders in the store\"");
        bench.Emit($"    x-axis [{string.Join(", ", _chart.Select(c => $"\"{c.Size:N0}\""))}]");
        bench.Emit($"    y-axis \"ms\" 0 --> {Math.Ceiling(_chart.Max(c => Math.Max(c.FirstPage, c.LastPage)) * 2)}");
        bench.Emit($"    line [{string.Join(", ", _chart.Select(c => c.FirstPage.ToString("F2", CultureInfo.InvariantCulture)))}]");
        bench.Emit($"    line [{string.Join(", ", _chart.Select(c => c.LastPage.ToString("F2", CultureInfo.InvariantCulture)))}]");
        bench.Emit("```");
        bench.Emit(string.Empty);
        bench.Emit("Lines: page 1 of a new download run, and the last page of a completed walk.");
        bench.Emit(string.Empty);
    }

    private async Task SeedToAsync(int count)
    {
        while (bench.Seeded < count)
        {
            var batch = Enumerable.Range(bench.Seeded, Math.Min(500, count - bench.Seeded)).Select(Bench.NewOrder).ToList();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            bench.IngestClock.Start();
            var result = await bench.Send(new UpsertOrdersCommand(bench.Orders.StoreId, batch));
            bench.IngestClock.Stop();
            bench.IngestAllocatedBytes += GC.GetTotalAllocatedBytes(precise: true) - allocated;
            if (result.IsFailure || result.Value.Results.Any(r => r.Status != UpsertStatus.Created))
            {
                throw new InvalidOperationException("Seeding failed: " + result.ErrorMessage);
            }

            bench.Seeded += batch.Count;
            if (bench.Seeded % 100_000 == 0 || bench.Seeded == 10_000)
            {
                Console.Error.WriteLine($"  seeded {bench.Seeded:N0} ({bench.Seeded / bench.IngestClock.Elapsed.TotalSeconds:N0} orders/s)");
            }
        }
    }

    private async Task<(double P50, double P99)> TimeAsync(Func<int, int> pageOf, int count, DateTime from)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var page = pageOf(i);
            var clock = Stopwatch.StartNew();
            var response = await bench.Send(new OrdersQuery { AuthorizationToken = bench.Orders.Token, UTCTimeFrom = from, PageNumber = page });
            clock.Stop();
            if (response.Error is not null || response.Orders.Count == 0)
            {
                throw new InvalidOperationException($"Page {page}: {response.Error ?? "empty"}");
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return Bench.Percentiles(times);
    }

    private async Task<List<string>> MeasureAsync(int size)
    {
        await SeedToAsync(size);
        var lastPage = (size + 99) / 100;
        var rows = new List<string>();
        var first = await TimeAsync(_ => 1, bench.Samples, bench.Since);
        rows.Add($"| {size:N0} | page 1 (new download run) | {first.P50:F2} | {first.P99:F2} |");

        // Walk every page once, as Linnworks does; then time the first and last pages of the walk.
        var walkFrom = bench.Since.AddSeconds(1);
        var walk = await WalkAsync(walkFrom, lastPage);
        var head = walk.Take(Math.Min(100, walk.Count)).Order().ToList();
        var tail = walk.Skip(Math.Max(0, walk.Count - 100)).Order().ToList();
        rows.Add($"| {size:N0} | walk: first {head.Count} pages | {head[head.Count / 2]:F2} | {head[(int)Math.Ceiling(head.Count * 0.99) - 1]:F2} |");
        rows.Add($"| {size:N0} | walk: last {tail.Count} pages (to page {lastPage:N0}) | {tail[tail.Count / 2]:F2} | {tail[(int)Math.Ceiling(tail.Count * 0.99) - 1]:F2} |");
        var last = await TimeAsync(_ => lastPage, bench.Samples, walkFrom);
        rows.Add($"| {size:N0} | page {lastPage:N0} (last, repeated) | {last.P50:F2} | {last.P99:F2} |");
        _chart.Add((size, first.P50, last.P50));
        return rows;
    }

    private async Task<List<double>> WalkAsync(DateTime from, int lastPage)
    {
        var walk = new List<double>(lastPage);
        for (var page = 1; page <= lastPage; page++)
        {
            var clock = Stopwatch.StartNew();
            var response = await bench.Send(new OrdersQuery { AuthorizationToken = bench.Orders.Token, UTCTimeFrom = from, PageNumber = page });
            walk.Add(clock.Elapsed.TotalMilliseconds);
            if (response.Error is not null || response.HasMorePages != (page < lastPage))
            {
                throw new InvalidOperationException($"Page {page}: {response.Error ?? "HasMorePages wrong"}");
            }
        }

        return walk;
    }
}
