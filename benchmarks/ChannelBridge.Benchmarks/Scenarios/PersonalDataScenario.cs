using System.Diagnostics;
using System.Globalization;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Orders.Despatch;
using ChannelBridge.Application.Orders.GetOrders;
using ChannelBridge.Application.PersonalData;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Benchmarks.Scenarios;

/// <summary>
/// Personal data (ADR-018): a tenth of the orders store (at most 100,000 orders) is despatched, the clock moves past the
/// retention, and the sweep erases them while Linnworks pages through the same store; the Orders pages are timed alone
/// first, then while the sweep runs.
/// </summary>
internal sealed class PersonalDataScenario(Bench bench)
{
    /// <summary>How far on the clock moves for the sweep: the erasures' changes are dated then (ChangeLogPruningScenario).</summary>
    internal static readonly TimeSpan ClockOffset = TimeSpan.FromDays(31);

    private DateTime ErasureFrom => bench.Since.AddSeconds(4);

    public async Task RunAsync()
    {
        var seeded = bench.Seeded;
        var eraseCount = Math.Min(100_000, seeded / 10);
        await DespatchAsync(seeded - eraseCount, seeded);
        bench.Clock.Offset = ClockOffset;
        await bench.Send(new OrdersQuery { AuthorizationToken = bench.Orders.Token, UTCTimeFrom = ErasureFrom, PageNumber = 1 });
        var pages = Math.Max(2, Math.Min(200, (seeded - eraseCount) / 100));
        var alone = new List<double>();
        for (var i = 0; i < Math.Max(1000, bench.Samples * 5); i++)
        {
            alone.Add(await PageAsync(i, pages));
        }

        var sweepClock = Stopwatch.StartNew();
        await using (var sweepScope = bench.Services.CreateAsyncScope())
        {
            var sweep = Task.Run(() => sweepScope.ServiceProvider.GetRequiredService<PersonalDataEraser>().SweepAsync(CancellationToken.None));
            var during = new List<double>();
            while (!sweep.IsCompleted)
            {
                during.Add(await PageAsync(during.Count, pages));
            }

            var erased = await sweep;
            sweepClock.Stop();
            if (erased.Orders < eraseCount)
            {
                throw new InvalidOperationException($"The sweep erased {erased.Orders:N0} orders; {eraseCount:N0} were due.");
            }

            Emit(alone, during, erased, sweepClock.Elapsed);
        }

        bench.Clock.Offset = TimeSpan.Zero;
    }

    private void Emit(List<double> alone, List<double> during, SweepResult erased, TimeSpan took)
    {
        var (a50, a99) = Bench.Percentiles(alone);
        var (d50, d99) = Bench.Percentiles(during);
        bench.Emit(string.Empty);
        bench.Emit("| Personal data (ADR-018) | Orders pages | p50 ms | p99 ms |");
        bench.Emit("|---|---:|---:|---:|");
        bench.Emit($"| {bench.Seeded:N0} orders, no sweep | {alone.Count:N0} | {a50:F2} | {a99:F2} |");
        bench.Emit($"| {bench.Seeded:N0} orders, while the sweep erases {erased.Orders:N0} finished ones | {during.Count:N0} | {d50:F2} | {d99:F2} |");
        bench.Emit(string.Empty);
        bench.Emit($"The sweep erased {erased.Orders:N0} finished orders in {took.TotalSeconds:N1} s ({erased.Orders / took.TotalSeconds:N0} orders/s, batches of {bench.Configuration.GetValue("Orders:PersonalDataBatchSize", 200)}), the log truncated after it; Orders p99 while it ran {d99 / a99:F2}× the p99 without it.");
    }

    /// <summary>Despatches the orders from <paramref name="first"/> up to <paramref name="end"/>, so they are finished.</summary>
    private async Task DespatchAsync(int first, int end)
    {
        for (; first < end; first += LinnworksBatchLimits.Despatch)
        {
            var despatched = await bench.Send(new DespatchCommand
            {
                AuthorizationToken = bench.Orders.Token,
                Orders = [.. Enumerable.Range(first, Math.Min(LinnworksBatchLimits.Despatch, end - first)).Select(n => (DespatchOrderDto?)new DespatchOrderDto
                {
                    ReferenceNumber = "B" + n.ToString("D8", CultureInfo.InvariantCulture), ShippingVendor = "Royal Mail", TrackingNumber = "PD" + n,
                })],
            });
            if (despatched.Error is not null || despatched.Orders.Any(o => o.Error is not null))
            {
                throw new InvalidOperationException("Despatch before the erasure failed: " + despatched.Error);
            }
        }
    }

    private Task<double> PageAsync(int i, int pages) => bench.OrdersPageMsAsync(ErasureFrom, 2 + (i % (pages - 1)), "the erasure");
}
