// ChannelBridge benchmark (SQLite file, real pipeline: auth token, validation, deadline, Dapper; no HTTP). Each scenario
// is a class under Scenarios/ run in this order on one service (Bench): the orders store's pages as it grows, the
// pipeline against raw baselines, listings and their updates, personal data erasure, the change log's pruning, pathological orders, the listing tool.
// Usage: dotnet run -c Release --project benchmarks/ChannelBridge.Benchmarks -- [orders=1000000] [listings=100000] [samples=200] [markdown-out]
//        ... -- floor FILE URL   (the Bench's HTTP floor: Kestrel answering every POST with FILE's bytes)
using ChannelBridge.Benchmarks;
using ChannelBridge.Benchmarks.Scenarios;

// `floor FILE URL`: Kestrel answering with FILE's bytes (the Bench's HTTP floor, see HttpFloor).
if (args is ["floor", var floorFile, var floorUrl])
{
    await HttpFloor.RunAsync(floorFile, floorUrl);
    return;
}

await using var bench = await Bench.StartAsync(args);
Console.WriteLine($"ChannelBridge benchmark: SQLite file, {Environment.ProcessorCount} cores, {bench.Samples} samples per row, .NET {Environment.Version}");

var orders = new OrdersPagesScenario(bench);
await orders.FirstSizeAsync();
var pipeline = new OrdersPipelineScenario(bench);
await pipeline.RunAsync();
var firstIngestPerSecond = bench.Seeded / bench.IngestClock.Elapsed.TotalSeconds;
await orders.LargerSizesAsync();
orders.Table.ForEach(bench.Emit);
bench.Emit(string.Empty);
pipeline.Emit();
bench.Emit(string.Empty);
bench.Emit($"Ingest (UpsertOrdersCommand, batches of 500, 3 lines each): {firstIngestPerSecond:N0} orders/s for the first {Math.Min(10_000, bench.Target):N0}; {bench.Seeded / bench.IngestClock.Elapsed.TotalSeconds:N0} orders/s over all {bench.Seeded:N0}; {bench.IngestAllocatedBytes / 1024.0 / bench.Seeded:N1} KiB allocated an order.");
bench.Emit(string.Empty);
(await new IngestFloor(bench).CompareAsync(Math.Max(20, bench.Samples / 5))).ForEach(bench.Emit);
bench.Emit(string.Empty);
orders.EmitChart();

var listings = new ListingsScenario(bench);
await listings.RunAsync();
await new PersonalDataScenario(bench).RunAsync();
await new ChangeLogPruningScenario(bench).RunAsync();
await new PathologicalOrdersScenario(bench).RunAsync();
bench.Emit(string.Empty);
bench.Emit($"Listing ingest (UpsertProductsCommand, batches of 5,000): {listings.ListingsPerSecond:N0} listings/s; {bench.BatchSamples} samples per update row.");
await new ListingToolScenario(bench, listings).RunAsync();
