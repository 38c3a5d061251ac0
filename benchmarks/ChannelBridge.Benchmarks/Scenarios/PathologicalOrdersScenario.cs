using System.Diagnostics;
using System.Globalization;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Orders;
using ChannelBridge.Application.Orders.GetOrders;
using ChannelBridge.Application.Orders.UpsertOrders;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Benchmarks.Scenarios;

/// <summary>
/// Pathological orders: every order at the text limit (OrderRules.MaxOrderTextChars). Pages stop at the byte budget
/// (Orders:PageBudgetChars), so a page and the process stay bounded however large the orders are.
/// </summary>
internal sealed class PathologicalOrdersScenario(Bench bench)
{
    private const int BigOrders = 300;

    public async Task RunAsync()
    {
        var (storeId, _, token) = await bench.IntegrateAsync("Pathological", "Big");
        await SeedAsync(storeId);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        var (pages, maxBytes, maxOrders, times) = (0, 0L, 0, new List<double>());
        for (var page = 1; ; page++)
        {
            var clock = Stopwatch.StartNew();
            var response = await bench.Send(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = bench.Since, PageNumber = page });
            var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(response).LongLength;
            times.Add(clock.Elapsed.TotalMilliseconds);
            (pages, maxBytes, maxOrders) = (pages + 1, Math.Max(maxBytes, bytes), Math.Max(maxOrders, response.Orders.Count));
            if (!response.HasMorePages)
            {
                break;
            }
        }

        process.Refresh();
        var (bp50, bp99) = Bench.Percentiles(times);
        bench.Emit(string.Empty);
        bench.Emit("| Pathological orders | Figure |");
        bench.Emit("|---|---:|");
        bench.Emit($"| {BigOrders} orders of {OrderRules.MaxOrderTextChars / 1024} KB text limit (240,000 characters each) | {pages} pages |");
        bench.Emit($"| largest page on the wire | {maxBytes / 1024.0 / 1024.0:F2} MiB, {maxOrders} orders |");
        bench.Emit($"| page p50 / p99 | {bp50:F2} / {bp99:F2} ms |");
        bench.Emit($"| managed heap after the walk vs before | {(GC.GetTotalMemory(false) - before) / 1024.0 / 1024.0:F1} MiB; peak working set {process.PeakWorkingSet64 / 1024 / 1024:N0} MiB |");
    }

    private async Task SeedAsync(string storeId)
    {
        var noteText = new string('n', OrderRules.LongText);
        for (var start = 0; start < BigOrders; start += 20)
        {
            var batch = Enumerable.Range(start, 20).Select(i =>
            {
                var order = Bench.NewOrder(i);
                order.ReferenceNumber = "BIG" + i.ToString("D6", CultureInfo.InvariantCulture);
                order.Notes = [.. Enumerable.Range(0, 60).Select(n => new NoteDto { Note = noteText })];   // 240,000 characters
                return order;
            }).ToList();
            var result = await bench.Send(new UpsertOrdersCommand(storeId, batch));
            if (result.IsFailure || result.Value.Results.Any(r => r.Status != UpsertStatus.Created))
            {
                throw new InvalidOperationException("Pathological seeding failed: " + string.Join("; ", result.IsFailure ? [result.ErrorMessage] : result.Value.Results.SelectMany(r => r.Errors)));
            }
        }
    }
}
