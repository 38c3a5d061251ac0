using System.Diagnostics;
using System.Globalization;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Listings;
using ChannelBridge.Application.Listings.GetProducts;
using ChannelBridge.Application.Listings.InventoryUpdate;
using ChannelBridge.Application.Listings.PriceUpdate;
using ChannelBridge.Application.Listings.UpsertProducts;
using ChannelBridge.Application.Orders.Despatch;

namespace ChannelBridge.Benchmarks.Scenarios;

/// <summary>
/// Listings: a second store and integration, so the order data does not share its pages. Seeds it through
/// UpsertProductsCommand, times Products pages and InventoryUpdate/PriceUpdate batches of 1,000 SKUs (beside the
/// database's own floor under them), and full batches of the sizes the manifest declares.
/// </summary>
internal sealed class ListingsScenario(Bench bench)
{
    private readonly List<string> _rows = ["| Listings in store | Request | p50 ms | p99 ms |", "|---:|---|---:|---:|"];

    /// <summary>The listings store, its integration's token, and how fast it was seeded.</summary>
    public (string StoreId, string Token) Store { get; private set; }

    public double ListingsPerSecond { get; private set; }

    private int Target => bench.ListingTarget;

    public async Task RunAsync()
    {
        var (storeId, _, token) = await bench.IntegrateAsync("Listings benchmark", "Listings");
        Store = (storeId, token);
        await SeedAsync();
        await TimeProductsWalkAsync();
        await TimeUpdatesAsync();
        await TimeFullBatchesAsync();
        _rows.ForEach(bench.Emit);
        bench.Emit(string.Empty);
        bench.Emit($"Full batches: {bench.FullSamples} samples each; the manifest declares DespatchUpdateBatchSize {LinnworksBatchLimits.Despatch}, InventoryUpdateBatchSize {LinnworksBatchLimits.InventoryUpdate}, PriceUpdateBatchSize {LinnworksBatchLimits.PriceUpdate}; the deadline is 8,000 ms.");
    }

    /// <summary>One 1,000-SKU InventoryUpdate of random listings.</summary>
    public async Task InventoryUpdateOf1000Async(int i)
    {
        var items = Enumerable.Range(0, 1000).Select(_ => bench.Random.Next(Target)).Distinct()
            .Select(n => (ProductInventoryDto?)new ProductInventoryDto { SKU = Sku(n), Reference = "R" + n, Quantity = bench.Random.Next(1000) }).ToList();
        var response = await bench.Send(new InventoryUpdateCommand { AuthorizationToken = Store.Token, Products = items });
        if (response.Error is not null || response.Products.Count != items.Count || response.Products.Any(p => p.Error is not null))
        {
            throw new InvalidOperationException("InventoryUpdate failed: " + response.Error);
        }
    }

    public static string Sku(int n) => "SKU-" + n.ToString("D7", CultureInfo.InvariantCulture);

    private async Task SeedAsync()
    {
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < Target; start += 5000)
        {
            var batch = Enumerable.Range(start, Math.Min(5000, Target - start))
                .Select(i => new ProductDto { SKU = Sku(i), Title = "Listing " + i, Quantity = i % 50, Price = 9.99m, Reference = "R" + i }).ToList();
            var result = await bench.Send(new UpsertProductsCommand(Store.StoreId, batch));
            if (result.IsFailure || result.Value.Results.Any(r => r.Status != UpsertStatus.Created))
            {
                throw new InvalidOperationException("Listing seeding failed: " + result.ErrorMessage);
            }
        }

        ListingsPerSecond = Target / clock.Elapsed.TotalSeconds;
    }

    private async Task TimeProductsWalkAsync()
    {
        var lastPage = (Target + 99) / 100;
        var walkTimes = await Bench.Repeat(lastPage, async i =>
        {
            var page = await bench.Send(new ProductsQuery { AuthorizationToken = Store.Token, PageNumber = i + 1 });
            if (page.Error is not null || page.HasMorePages != (i + 1 < lastPage))
            {
                throw new InvalidOperationException($"Products page {i + 1}: {page.Error}");
            }
        });
        var (wp50, wp99) = Bench.Percentiles([.. walkTimes.Take(100)]);
        var (lp50, lp99) = Bench.Percentiles([.. walkTimes.Skip(Math.Max(0, walkTimes.Count - 100))]);
        _rows.Add($"| {Target:N0} | Products: first 100 pages of a walk | {wp50:F2} | {wp99:F2} |");
        _rows.Add($"| {Target:N0} | Products: last 100 pages (to page {lastPage:N0}) | {lp50:F2} | {lp99:F2} |");
    }

    private async Task TimeUpdatesAsync()
    {
        // Profiling aid, as for the Orders page: BENCH_INVENTORY_LOOP_SECONDS=N repeats the 1,000-SKU update for N seconds here.
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_INVENTORY_LOOP_SECONDS"), out var loopSeconds) && loopSeconds > 0)
        {
            Console.WriteLine($"Repeating the 1,000-SKU InventoryUpdate for {loopSeconds} s in process {Environment.ProcessId}.");
            for (var (loop, n) = (Stopwatch.StartNew(), 0); loop.Elapsed < TimeSpan.FromSeconds(loopSeconds); n++)
            {
                await InventoryUpdateOf1000Async(n);
            }
        }

        var (ip50, ip99) = Bench.Percentiles(await Bench.Repeat(bench.BatchSamples, InventoryUpdateOf1000Async));
        _rows.Add($"| {Target:N0} | InventoryUpdate, 1,000 SKUs | {ip50:F2} | {ip99:F2} |");
        _rows.AddRange(await new InventoryFloor(bench, this).CompareAsync());

        // The same updates arriving a quarter of a second apart, as many sellers' updates spread over Linnworks' 15 minutes do.
        var (sp50, sp99) = Bench.Percentiles(await Bench.Repeat(bench.BatchSamples, InventoryUpdateOf1000Async, TimeSpan.FromMilliseconds(250)));
        _rows.Add($"| {Target:N0} | InventoryUpdate, 1,000 SKUs, one every 250 ms | {sp50:F2} | {sp99:F2} |");
        var (pp50, pp99) = Bench.Percentiles(await Bench.Repeat(bench.BatchSamples, async i =>
        {
            var items = Enumerable.Range(0, 1000).Select(_ => bench.Random.Next(Target)).Distinct()
                .Select(n => (ProductPriceDto?)new ProductPriceDto { SKU = Sku(n), Reference = "R" + n, Price = bench.Random.Next(100, 10_000) / 100m, Tag = "" }).ToList();
            var response = await bench.Send(new PriceUpdateCommand { AuthorizationToken = Store.Token, Products = items });
            if (response.Error is not null || response.Products.Any(p => p.Error is not null))
            {
                throw new InvalidOperationException("PriceUpdate failed: " + response.Error);
            }
        }));
        _rows.Add($"| {Target:N0} | PriceUpdate, 1,000 SKUs | {pp50:F2} | {pp99:F2} |");
    }

    /// <summary>Full batches of the sizes the manifest declares (LinnworksBatchLimits): each must finish well inside the deadline.</summary>
    private async Task TimeFullBatchesAsync()
    {
        var inventory = Math.Min(LinnworksBatchLimits.InventoryUpdate, Target);
        var (fi50, fi99) = await FullBatchAsync(
            _ => new InventoryUpdateCommand
            {
                AuthorizationToken = Store.Token,
                Products = [.. Enumerable.Range(0, inventory).Select(n => (ProductInventoryDto?)new ProductInventoryDto { SKU = Sku(n), Quantity = bench.Random.Next(1000) })],
            },
            r => r.Error is null && r.Products.All(p => p.Error is null));
        _rows.Add($"| {Target:N0} | InventoryUpdate, full batch of {inventory:N0} SKUs | {fi50:F2} | {fi99:F2} |");
        var prices = Math.Min(LinnworksBatchLimits.PriceUpdate, Target);
        var (fp50, fp99) = await FullBatchAsync(
            _ => new PriceUpdateCommand
            {
                AuthorizationToken = Store.Token,
                Products = [.. Enumerable.Range(0, prices).Select(n => (ProductPriceDto?)new ProductPriceDto { SKU = Sku(n), Price = bench.Random.Next(100, 10_000) / 100m, Tag = "" })],
            },
            r => r.Error is null && r.Products.All(p => p.Error is null));
        _rows.Add($"| {Target:N0} | PriceUpdate, full batch of {prices:N0} SKUs | {fp50:F2} | {fp99:F2} |");
        var despatchBatch = Math.Min(LinnworksBatchLimits.Despatch, bench.Seeded / bench.FullSamples);
        var (fd50, fd99) = await FullBatchAsync(i => Despatches(i * despatchBatch, despatchBatch), r => r.Error is null && r.Orders.All(o => o.Error is null));
        _rows.Add($"| {bench.Seeded:N0} orders | Despatch, full batch of {despatchBatch:N0} orders | {fd50:F2} | {fd99:F2} |");
    }

    private DespatchCommand Despatches(int first, int count) => new()
    {
        AuthorizationToken = bench.Orders.Token,
        Orders = [.. Enumerable.Range(first, count).Select(n => (DespatchOrderDto?)new DespatchOrderDto
        {
            ReferenceNumber = "B" + n.ToString("D8", CultureInfo.InvariantCulture),
            ShippingVendor = "Royal Mail",
            TrackingNumber = "TN" + n,
            Items = [new DespatchItemDto { SKU = "SKU-" + (n % 5000), OrderLineNumber = "1", DespatchedQuantity = 2 }],
        })],
    };

    private async Task<(double, double)> FullBatchAsync<TResponse>(Func<int, ILinnworksRequest<TResponse>> make, Func<TResponse, bool> ok)
        where TResponse : LinnworksResponse, new() =>
        Bench.Percentiles(await Bench.Repeat(bench.FullSamples, async i =>
        {
            var response = await bench.Send(make(i));
            if (!ok(response))
            {
                throw new InvalidOperationException($"{typeof(TResponse).Name} failed: {response.Error}");
            }
        }));
}
