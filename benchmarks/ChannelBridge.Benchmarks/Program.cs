// ChannelBridge benchmark (SQLite file, real pipeline: auth token, validation, deadline, Dapper; no HTTP).
// Orders: seeds one store through UpsertOrdersCommand (batches of 500), times Linnworks Orders pages
// (100 orders of 3 lines) at 10k and at the target size (default 1,000,000).
// Listings: seeds a second store with listings (default 100,000) through UpsertProductsCommand, times
// Products pages and InventoryUpdate/PriceUpdate batches of 1,000 SKUs.
// Usage: dotnet run -c Release --project benchmarks/ChannelBridge.Benchmarks -- [orders=1000000] [listings=100000] [samples=200] [markdown-out]
//        ... -- floor FILE URL   (the Bench's HTTP floor: Kestrel answering every POST with FILE's bytes)
using System.Diagnostics;
using System.Globalization;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Config.AddNewUser;
using ChannelBridge.Application.Config.SaveConfig;
using ChannelBridge.Application.Listings;
using ChannelBridge.Application.Listings.GetProducts;
using ChannelBridge.Application.Listings.InventoryUpdate;
using ChannelBridge.Application.Listings.PriceUpdate;
using ChannelBridge.Application.Listings.UpsertProducts;
using ChannelBridge.Application.Orders;
using ChannelBridge.Application.Orders.Despatch;
using ChannelBridge.Application.Orders.GetOrders;
using ChannelBridge.Application.Orders.UpsertOrders;
using ChannelBridge.Application.PersonalData;
using ChannelBridge.Application.Stores.CreateStore;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// `floor FILE URL`: Kestrel answering with FILE's bytes (the Bench's HTTP floor, see HttpFloor).
if (args is ["floor", var floorFile, var floorUrl])
{
    await HttpFloor.RunAsync(floorFile, floorUrl);
    return;
}

var target = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var listingTarget = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var samples = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
var markdownOut = args.Length > 3 ? args[3] : null;
var chart = new List<(int Size, double FirstPage, double LastPage)>();
var directory = Path.Combine(Path.GetTempPath(), "channelbridge-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(directory);
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:ChannelBridge"] = $"Data Source={Path.Combine(directory, "bench.db")}",
    ["ChannelApi:OperatorKey"] = "benchmark-operator-key-0123456789abcdef",
    ["DataProtection:KeyRingKey"] = "benchmark-key-ring-key-0123456789abcdef",
    ["RateLimits:LinnworksPerIntegrationPerMinute"] = "1000000",
    ["Webhooks:DeliveryEnabled"] = "false",
    ["Orders:PersonalDataSweepInterval"] = "1.00:00:00",   // the personal data section runs its sweep itself
}).AddEnvironmentVariables().Build(); // e.g. Database__SqliteCheckpointInterval=0 for an A/B run
// The service's clock, which the personal data section moves past the retention (no waiting for 30 days).
var benchClock = new BenchClock();
var services = new ServiceCollection()
    .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("ChannelBridge", LogLevel.Error))
    .AddApplication(configuration)
    .AddInfrastructure(configuration)
    .AddSingleton<TimeProvider>(benchClock)
    .BuildServiceProvider();
services.MigrateDatabase();

// The service's background work runs as it does in the service (the write-ahead log's checkpoints, ADR-012, included).
var hosted = services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().ToList();
foreach (var service in hosted)
{
    await service.StartAsync(CancellationToken.None);
}

async Task<T> Send<T>(IRequest<T> request)
{
    await using var scope = services.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
}

var store = (await Send(new CreateStoreCommand { Name = "Benchmark" })).Value;
var token = (await Send(new AddNewUserCommand { LinnworksUniqueIdentifier = Guid.NewGuid().ToString(), Email = "bench@example.com", AccountName = "Bench" })).AuthorizationToken!;
await Send(new SaveConfigCommand { AuthorizationToken = token, StepName = "ConnectStore", ConfigItems = [new() { ConfigItemId = "StoreId", SelectedValue = store.StoreId }, new() { ConfigItemId = "StoreKey", SelectedValue = store.StoreKey }] });
await Send(new SaveConfigCommand { AuthorizationToken = token, StepName = "OrderSettings", ConfigItems = [] });

var seeded = 0;
var ingestClock = new Stopwatch();
async Task SeedTo(int count)
{
    while (seeded < count)
    {
        var batch = Enumerable.Range(seeded, Math.Min(500, count - seeded)).Select(NewOrder).ToList();
        ingestClock.Start();
        var result = await Send(new UpsertOrdersCommand(store.StoreId, batch));
        ingestClock.Stop();
        if (result.IsFailure || result.Value.Results.Any(r => r.Status != UpsertStatus.Created))
        {
            throw new InvalidOperationException("Seeding failed: " + result.ErrorMessage);
        }

        seeded += batch.Count;
        if (seeded % 100_000 == 0 || seeded == 10_000)
        {
            Console.Error.WriteLine($"  seeded {seeded:N0} ({seeded / ingestClock.Elapsed.TotalSeconds:N0} orders/s)");
        }
    }
}

var since = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
async Task<(double P50, double P99)> Time(Func<int, int> pageOf, int count, DateTime from)
{
    var times = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var page = pageOf(i);
        var clock = Stopwatch.StartNew();
        var response = await Send(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = from, PageNumber = page });
        clock.Stop();
        if (response.Error is not null || response.Orders.Count == 0)
        {
            throw new InvalidOperationException($"Page {page}: {response.Error ?? "empty"}");
        }

        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    return (times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.99) - 1)]);
}

async Task<List<string>> Measure(int size)
{
    await SeedTo(size);
    var lastPage = (size + 99) / 100;
    var rows = new List<string>();
    var first = await Time(_ => 1, samples, since);
    rows.Add($"| {size:N0} | page 1 (new download run) | {first.P50:F2} | {first.P99:F2} |");

    // Walk every page once, as Linnworks does; then time the first and last pages of the walk.
    var walkFrom = since.AddSeconds(1);
    var walk = new List<double>(lastPage);
    for (var page = 1; page <= lastPage; page++)
    {
        var clock = Stopwatch.StartNew();
        var response = await Send(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = walkFrom, PageNumber = page });
        walk.Add(clock.Elapsed.TotalMilliseconds);
        if (response.Error is not null || response.HasMorePages != (page < lastPage))
        {
            throw new InvalidOperationException($"Page {page}: {response.Error ?? "HasMorePages wrong"}");
        }
    }

    var head = walk.Take(Math.Min(100, walk.Count)).Order().ToList();
    var tail = walk.Skip(Math.Max(0, walk.Count - 100)).Order().ToList();
    rows.Add($"| {size:N0} | walk: first {head.Count} pages | {head[head.Count / 2]:F2} | {head[(int)Math.Ceiling(head.Count * 0.99) - 1]:F2} |");
    rows.Add($"| {size:N0} | walk: last {tail.Count} pages (to page {lastPage:N0}) | {tail[tail.Count / 2]:F2} | {tail[(int)Math.Ceiling(tail.Count * 0.99) - 1]:F2} |");
    var last = await Time(_ => lastPage, samples, walkFrom);
    rows.Add($"| {size:N0} | page {lastPage:N0} (last, repeated) | {last.P50:F2} | {last.P99:F2} |");
    chart.Add((size, first.P50, last.P50));
    return rows;
}

Console.WriteLine($"ChannelBridge benchmark: SQLite file, {Environment.ProcessorCount} cores, {samples} samples per row, .NET {Environment.Version}");

// Warm-up (not reported): JIT and connection pool, so the first row is not the compiler's.
await SeedTo(1_000);
await Time(i => 1 + (i % 10), 300, since.AddSeconds(-1));
var table = new List<string> { "| Orders in store | Request | p50 ms | p99 ms |", "|---:|---|---:|---:|" };
table.AddRange(await Measure(Math.Min(10_000, target)));

// Raw baseline (issue 14): the same first page read with one SQL statement over ADO.NET and written with
// Utf8JsonWriter, no pipeline — against the full pipeline to bytes (MediatR, behaviours, mapping, serialization).
var apiJson = new System.Text.Json.JsonSerializerOptions();
ChannelBridge.Api.Json.JsonOptionsSetup.Apply(apiJson);
var dbPath = Path.Combine(directory, "bench.db");
async Task<ReadOnlyMemory<byte>> RawPage()
{
    await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dbPath}");
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = """
        SELECT o.DownloadJson FROM OrderChanges c JOIN Orders o ON o.Id = c.OrderId
        WHERE c.StoreId = $store AND o.Status <> 2 ORDER BY c.Seq LIMIT 101 OFFSET 100
        """;
    command.Parameters.AddWithValue("$store", store.StoreId);
    return await WritePage(command);
}

// Every page below is written into this one reused buffer, as the service writes into pooled pages
// (ContentLengthMiddleware): a new 170 KiB array per page would time the large object heap and its collections.
var pageBuffer = new System.Buffers.ArrayBufferWriter<byte>(256 * 1024);
var pageWriter = new System.Text.Json.Utf8JsonWriter(pageBuffer);
System.Text.Json.Utf8JsonWriter NewPage()
{
    pageBuffer.ResetWrittenCount();
    pageWriter.Reset(pageBuffer);
    return pageWriter;
}

async Task<ReadOnlyMemory<byte>> WritePage(Microsoft.Data.Sqlite.SqliteCommand command)
{
    var orders = new List<byte[]>(101);
    await using (var reader = await command.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            orders.Add((byte[])reader.GetValue(0));
        }
    }

    var writer = NewPage();
    writer.WriteStartObject();
    writer.WriteNull("Error");
    writer.WriteBoolean("HasMorePages", orders.Count > 100);
    writer.WriteStartArray("Orders");
    foreach (var order in orders.Take(100))
    {
        writer.WriteRawValue(order, skipInputValidation: true);
    }

    writer.WriteEndArray();
    writer.WriteEndObject();
    writer.Flush();
    return pageBuffer.WrittenMemory;
}

// The same page read with the statement the service runs (OrderQueries' page statement, SQLite form): its filters
// (each order once, at its latest change in the run; despatched orders, unpaid ones and the age floor left out) cost
// SQLite more than the plain statement above, which only happens to give the same page here. The ratio to this
// baseline is the pipeline's own cost; the ratio to the plain one includes what those filters cost.
long servedAfter, servedHighWater;
await using (var setup = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dbPath}"))
{
    await setup.OpenAsync();
    await using var command = setup.CreateCommand();
    command.CommandText = "SELECT (SELECT Seq FROM OrderChanges WHERE StoreId = $store ORDER BY Seq LIMIT 1 OFFSET 99), (SELECT MAX(Seq) FROM OrderChanges WHERE StoreId = $store)";
    command.Parameters.AddWithValue("$store", store.StoreId);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    (servedAfter, servedHighWater) = (reader.GetInt64(0), reader.GetInt64(1));
}

async Task<ReadOnlyMemory<byte>> RawServedPage()
{
    await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dbPath}");
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = """
        SELECT o.DownloadJson FROM OrderChanges c JOIN Orders o ON o.Id = c.OrderId
        WHERE c.StoreId = $store AND c.Seq > $after AND c.Seq <= $highWater
          AND NOT EXISTS (SELECT 1 FROM OrderChanges n WHERE n.OrderId = c.OrderId AND n.Seq > c.Seq AND n.Seq <= $highWater)
          AND o.Status <> 2 AND ($includeUnpaid = 1 OR o.PaymentStatus <> 'UNPAID') AND ($notBefore IS NULL OR o.ReceivedDate IS NULL OR o.ReceivedDate >= $notBefore)
        ORDER BY c.Seq LIMIT 101
        """;
    command.Parameters.AddWithValue("$store", store.StoreId);
    command.Parameters.AddWithValue("$after", servedAfter);
    command.Parameters.AddWithValue("$highWater", servedHighWater);
    command.Parameters.AddWithValue("$includeUnpaid", 1);
    command.Parameters.AddWithValue("$notBefore", DBNull.Value);
    return await WritePage(command);
}

// Page 2 of a run under way (page 1 started it): the common case, which reads only.
var baselineFrom = since.AddSeconds(2);
await Send(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = baselineFrom, PageNumber = 1 });
async Task<ReadOnlyMemory<byte>> PipelinePage()
{
    var answer = await Send(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = baselineFrom, PageNumber = 2 });
    var writer = NewPage();
    System.Text.Json.JsonSerializer.Serialize(writer, answer, apiJson);
    writer.Flush();
    return pageBuffer.WrittenMemory;
}

// Warm-up to steady state: tiered compilation (with dynamic PGO) promotes a method only after many calls and a
// quiet delay, so a handful of calls would measure half-compiled code (serialization looked 4× slower than it is).
for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(3);)
{
    await RawPage();
    await RawServedPage();
    await PipelinePage();
}

// Interleaved, one of each in turn, so that both see the same machine: measured one after the other, the raw
// baseline's p50 moved between 0.13 and 0.33 ms from run to run while the pipeline's barely did.
var rawTimes = new List<double>(samples);
var rawServedTimes = new List<double>(samples);
var pipeTimes = new List<double>(samples);
for (var i = 0; i < samples; i++)
{
    var clock = Stopwatch.StartNew();
    await RawPage();
    rawTimes.Add(clock.Elapsed.TotalMilliseconds);
    clock.Restart();
    await RawServedPage();
    rawServedTimes.Add(clock.Elapsed.TotalMilliseconds);
    clock.Restart();
    await PipelinePage();
    pipeTimes.Add(clock.Elapsed.TotalMilliseconds);
}

// Profiling aid: BENCH_PIPELINE_LOOP_SECONDS=N repeats the pipeline's page for N seconds here, so a profiler
// attached to this process (its id is printed) sees that page alone.
if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_PIPELINE_LOOP_SECONDS"), out var loopSeconds) && loopSeconds > 0)
{
    Console.WriteLine($"Repeating the pipeline page for {loopSeconds} s in process {Environment.ProcessId}.");
    for (var loop = Stopwatch.StartNew(); loop.Elapsed < TimeSpan.FromSeconds(loopSeconds);)
    {
        await PipelinePage();
    }
}

var (raw50, raw99) = Percentiles(rawTimes);
var (pipe50, pipe99) = Percentiles(pipeTimes);
var (rawServed50, rawServed99) = Percentiles(rawServedTimes);
// Where the pipeline's time goes: the query through MediatR (behaviours, handler, mapping) without serialization,
// and serialization alone of one answer already built.
var (send50, _) = Percentiles(await Repeat(samples, async _ => await Send(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = baselineFrom, PageNumber = 2 })));
// And the pipeline's parts, each called alone through its own interface: the token's integration, its store's access
// data (what the access check reads; the whole store with its tags only for the tag endpoints), the page read.
double integration50, store50, pageRead50;
await using (var partsScope = services.CreateAsyncScope())
{
    var parts = partsScope.ServiceProvider;
    var integrations = parts.GetRequiredService<ChannelBridge.Domain.UserConfigs.IUserConfigRepository>();
    var stores = parts.GetRequiredService<ChannelBridge.Domain.Stores.IStoreRepository>();
    var orderQueries = parts.GetRequiredService<IOrderQueries>();
    var tokenHash = ChannelBridge.Domain.Common.SecretHash.Of(token).Hex;
    var integration = (await integrations.GetByTokenHashAsync(tokenHash, default))!;
    var pageRequest = new OrderPageRequest(
        integration.Id, store.StoreId, baselineFrom.AddMinutes(-30), 2, 100, true, null, 4_000_000, parts.GetRequiredService<IOrderDownloadRenderer>().Format);
    await orderQueries.GetPageAsync(pageRequest, default); // starts that run: the timed calls below read page 2 of it
    integration50 = Percentiles(await Repeat(samples, async _ => await integrations.GetByTokenHashAsync(tokenHash, default))).Item1;
    store50 = Percentiles(await Repeat(samples, async _ => await stores.GetAccessAsync(store.StoreId, default))).Item1;
    pageRead50 = Percentiles(await Repeat(samples, async _ => await orderQueries.GetPageAsync(pageRequest, default))).Item1;
}

var builtPage = await Send(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = baselineFrom, PageNumber = 2 });
var (serialize50, _) = Percentiles(await Repeat(samples, _ =>
{
    var writer = NewPage();
    System.Text.Json.JsonSerializer.Serialize(writer, builtPage, apiJson);
    writer.Flush();
    return Task.FromResult(pageBuffer.WrittenCount);
}));
// What the stored renderings bought (ADR-011), in the same run: the same page with every rendering marked as
// another format, so each order is deserialized, mapped and serialized per download as before; and what rendering
// costs at save, once per order change (the 100 orders of the page, warm).
async Task MarkRenderings(string from, string to)
{
    await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dbPath}");
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "UPDATE Orders SET DownloadFormat = $to WHERE StoreId = $store AND DownloadFormat = $from";
    command.Parameters.AddWithValue("$to", to);
    command.Parameters.AddWithValue("$from", from);
    command.Parameters.AddWithValue("$store", store.StoreId);
    await command.ExecuteNonQueryAsync();
}

string currentFormat;
IReadOnlyList<ChannelBridge.Domain.Orders.OrderContent> pageContents;
await using (var scope = services.CreateAsyncScope())
{
    currentFormat = scope.ServiceProvider.GetRequiredService<IOrderDownloadRenderer>().Format;
    var references = Enumerable.Range(100, 100).Select(i => NewOrder(i).ReferenceNumber!).ToList();
    pageContents = [.. (await scope.ServiceProvider.GetRequiredService<ChannelBridge.Domain.Orders.IOrderRepository>().GetByReferencesAsync(store.StoreId, references, default)).Values.Select(o => o.Content)];
}

await MarkRenderings(currentFormat, "older");
for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(2);)
{
    await PipelinePage();
}

var (mapped50, mapped99) = Percentiles(await Repeat(samples, async _ => await PipelinePage()));
await MarkRenderings("older", currentFormat);
var renderer = services.CreateScope().ServiceProvider.GetRequiredService<IOrderDownloadRenderer>();
var (render50, _) = Percentiles(await Repeat(samples, _ => Task.FromResult(pageContents.Sum(c => renderer.Render(c)!.Length))));

var rawPage = (await RawPage()).ToArray();
var pipelinePage = (await PipelinePage()).ToArray();
if (!rawPage.AsSpan().SequenceEqual(pipelinePage) || !(await RawServedPage()).Span.SequenceEqual(pipelinePage))
{
    throw new InvalidOperationException("The raw baseline and the pipeline wrote different pages: the comparison would mean nothing.");
}

var rawBytes = rawPage.Length;
var pipeBytes = pipelinePage.Length;
var ingestSmall = seeded / ingestClock.Elapsed.TotalSeconds;
foreach (var size in new[] { 100_000, target }.Where(n => n > seeded && n <= target).Distinct().Order())
{
    table.AddRange(await Measure(size));
}

var output = new List<string>();
void Emit(string line)
{
    Console.WriteLine(line);
    output.Add(line);
}

table.ForEach(Emit);
Emit(string.Empty);
Emit($"Orders page 2 of a run under way. Raw baseline (one SQL statement over ADO.NET, Utf8JsonWriter): p50 {raw50:F3} ms, p99 {raw99:F3} ms, {rawBytes / 1024.0:F0} KiB; " +
     $"full pipeline to bytes (MediatR, behaviours, mapping, serialization): p50 {pipe50:F3} ms, p99 {pipe99:F3} ms, {pipeBytes / 1024.0:F0} KiB — " +
     $"{pipe50 / raw50:F2}× the baseline at p50 (goal 1.3×). The raw baseline with the service's own page statement (its filters): p50 {rawServed50:F3} ms, p99 {rawServed99:F3} ms — " +
     $"the pipeline is {pipe50 / rawServed50:F2}× it at p50. Of the pipeline: MediatR to the typed answer (behaviours, handler, mapping) p50 {send50:F3} ms, " +
     $"of which, each called alone: the token's integration p50 {integration50:F3} ms, its store's access data p50 {store50:F3} ms, the page read (paging and page statement) p50 {pageRead50:F3} ms; " +
     $"serialization of the built answer p50 {serialize50:F3} ms.");
Emit(string.Empty);
Emit($"Stored renderings (ADR-011), same run: the page mapped on every download, as before (each stored order deserialized, mapped and serialized), " +
     $"p50 {mapped50:F2} ms, p99 {mapped99:F2} ms — {mapped50 / pipe50:F1}× the page copied from renderings. Rendering the page's {pageContents.Count} orders at save " +
     $"costs p50 {render50:F2} ms ({render50 * 1000 / Math.Max(1, pageContents.Count):F1} µs an order, paid once per order change instead of once per download).");
Emit(string.Empty);
Emit($"Ingest (UpsertOrdersCommand, batches of 500, 3 lines each): {ingestSmall:N0} orders/s for the first {Math.Min(10_000, target):N0}; {seeded / ingestClock.Elapsed.TotalSeconds:N0} orders/s over all {seeded:N0}.");
Emit(string.Empty);
Emit("```mermaid");
Emit("xychart-beta");
Emit("    title \"Orders page p50 (ms) against orders in the store\"");
Emit($"    x-axis [{string.Join(", ", chart.Select(c => $"\"{c.Size:N0}\""))}]");
Emit($"    y-axis \"ms\" 0 --> {Math.Ceiling(chart.Max(c => Math.Max(c.FirstPage, c.LastPage)) * 2)}");
Emit($"    line [{string.Join(", ", chart.Select(c => c.FirstPage.ToString("F2", CultureInfo.InvariantCulture)))}]");
Emit($"    line [{string.Join(", ", chart.Select(c => c.LastPage.ToString("F2", CultureInfo.InvariantCulture)))}]");
Emit("```");
Emit(string.Empty);
Emit("Lines: page 1 of a new download run, and the last page of a completed walk.");
Emit(string.Empty);

// ---- Listings: a second store and integration, so the order data does not share its pages.
var listingStore = (await Send(new CreateStoreCommand { Name = "Listings benchmark" })).Value;
var listingToken = (await Send(new AddNewUserCommand { LinnworksUniqueIdentifier = Guid.NewGuid().ToString(), Email = "bench@example.com", AccountName = "Listings" })).AuthorizationToken!;
await Send(new SaveConfigCommand { AuthorizationToken = listingToken, StepName = "ConnectStore", ConfigItems = [new() { ConfigItemId = "StoreId", SelectedValue = listingStore.StoreId }, new() { ConfigItemId = "StoreKey", SelectedValue = listingStore.StoreKey }] });
var listingClock = Stopwatch.StartNew();
for (var start = 0; start < listingTarget; start += 5000)
{
    var batch = Enumerable.Range(start, Math.Min(5000, listingTarget - start))
        .Select(i => new ProductDto { SKU = "SKU-" + i.ToString("D7", CultureInfo.InvariantCulture), Title = "Listing " + i, Quantity = i % 50, Price = 9.99m, Reference = "R" + i }).ToList();
    var result = await Send(new UpsertProductsCommand(listingStore.StoreId, batch));
    if (result.IsFailure || result.Value.Results.Any(r => r.Status != UpsertStatus.Created))
    {
        throw new InvalidOperationException("Listing seeding failed: " + result.ErrorMessage);
    }
}

listingClock.Stop();
var random = new Random(42);
var lastProductsPage = (listingTarget + 99) / 100;
var listingRows = new List<string> { "| Listings in store | Request | p50 ms | p99 ms |", "|---:|---|---:|---:|" };
(double, double) Percentiles(List<double> times)
{
    times.Sort();
    return (times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.99) - 1)]);
}

async Task<List<double>> Repeat(int count, Func<int, Task> call, TimeSpan pause = default)
{
    var times = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause);
        }

        var clock = Stopwatch.StartNew();
        await call(i);
        times.Add(clock.Elapsed.TotalMilliseconds);
    }

    return times;
}

var walkTimes = await Repeat(lastProductsPage, async i =>
{
    var page = await Send(new ProductsQuery { AuthorizationToken = listingToken, PageNumber = i + 1 });
    if (page.Error is not null || page.HasMorePages != (i + 1 < lastProductsPage))
    {
        throw new InvalidOperationException($"Products page {i + 1}: {page.Error}");
    }
});
var (wp50, wp99) = Percentiles([.. walkTimes.Take(100)]);
var (lp50, lp99) = Percentiles([.. walkTimes.Skip(Math.Max(0, walkTimes.Count - 100))]);
listingRows.Add($"| {listingTarget:N0} | Products: first 100 pages of a walk | {wp50:F2} | {wp99:F2} |");
listingRows.Add($"| {listingTarget:N0} | Products: last 100 pages (to page {lastProductsPage:N0}) | {lp50:F2} | {lp99:F2} |");
// At least 100 samples a row: of 50, the p99 is the slowest one (one disk hiccup), not a percentile.
var batchSamples = Math.Max(100, samples);
async Task InventoryUpdateOf1000(int i)
{
    var items = Enumerable.Range(0, 1000).Select(_ => random.Next(listingTarget)).Distinct()
        .Select(n => (ProductInventoryDto?)new ProductInventoryDto { SKU = "SKU-" + n.ToString("D7", CultureInfo.InvariantCulture), Reference = "R" + n, Quantity = random.Next(1000) }).ToList();
    var response = await Send(new InventoryUpdateCommand { AuthorizationToken = listingToken, Products = items });
    if (response.Error is not null || response.Products.Count != items.Count || response.Products.Any(p => p.Error is not null))
    {
        throw new InvalidOperationException("InventoryUpdate failed: " + response.Error);
    }
}

// Profiling aid, as for the Orders page: BENCH_INVENTORY_LOOP_SECONDS=N repeats the 1,000-SKU update for N seconds here.
if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_INVENTORY_LOOP_SECONDS"), out var inventoryLoopSeconds) && inventoryLoopSeconds > 0)
{
    Console.WriteLine($"Repeating the 1,000-SKU InventoryUpdate for {inventoryLoopSeconds} s in process {Environment.ProcessId}.");
    for (var (loop, n) = (Stopwatch.StartNew(), 0); loop.Elapsed < TimeSpan.FromSeconds(inventoryLoopSeconds); n++)
    {
        await InventoryUpdateOf1000(n);
    }
}

var (ip50, ip99) = Percentiles(await Repeat(batchSamples, InventoryUpdateOf1000));
listingRows.Add($"| {listingTarget:N0} | InventoryUpdate, 1,000 SKUs | {ip50:F2} | {ip99:F2} |");

// The floor under that row: the same database work with nothing else — read the 1,000 listings, update each one,
// add a feed entry each, commit — with plain ADO.NET and statements prepared once, on the same file. Interleaved with
// the pipeline, one of each per sample, so both see the same disk. The pipeline's distance from it is what the
// service adds (token, validation, hashing, the version checks, serialization); the floor itself is SQLite and the disk.
var floorListingStore = listingStore.StoreId;
async Task RawInventoryFloor(int i)
{
    var skus = Enumerable.Range(0, 1000).Select(_ => random.Next(listingTarget)).Distinct().Select(n => "SKU-" + n.ToString("D7", CultureInfo.InvariantCulture)).ToList();
    await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, "bench.db")};Pooling=True");
    await connection.OpenAsync();
    // As the service's connections: the background service checkpoints, commits only past a backstop of 10,000 pages (ADR-012).
    await using (var pragma = connection.CreateCommand())
    {
        pragma.CommandText = "PRAGMA wal_autocheckpoint = 10000;";
        await pragma.ExecuteNonQueryAsync();
    }

    await using var tx = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync();
    var ids = new List<(long Id, string Sku)>(skus.Count);
    await using (var read = connection.CreateCommand())
    {
        read.Transaction = tx;
        read.CommandText = "SELECT Id, SKU FROM Listings WHERE StoreId = $s AND SKU IN (SELECT value FROM json_each($skus))";
        read.Parameters.AddWithValue("$s", floorListingStore);
        read.Parameters.AddWithValue("$skus", System.Text.Json.JsonSerializer.Serialize(skus));
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add((reader.GetInt64(0), reader.GetString(1)));
        }
    }

    await using var update = connection.CreateCommand();
    update.Transaction = tx;
    update.CommandText = "UPDATE Listings SET Quantity = $q, LastInventoryHash = $h, UpdatedUtc = $u, Version = Version + 1 WHERE Id = $id";
    var (q, h, u, id) = (update.Parameters.Add("$q", Microsoft.Data.Sqlite.SqliteType.Integer), update.Parameters.Add("$h", Microsoft.Data.Sqlite.SqliteType.Text),
        update.Parameters.Add("$u", Microsoft.Data.Sqlite.SqliteType.Text), update.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Integer));
    await using var insert = connection.CreateCommand();
    insert.Transaction = tx;
    insert.CommandText = "INSERT INTO StoreUpdates (StoreId, Type, ReceivedUtc, Payload, DedupKey) VALUES ($s, 'Inventory', $u, $p, $k)";
    var (fs, fu, fp, fk) = (insert.Parameters.Add("$s", Microsoft.Data.Sqlite.SqliteType.Text), insert.Parameters.Add("$u", Microsoft.Data.Sqlite.SqliteType.Text),
        insert.Parameters.Add("$p", Microsoft.Data.Sqlite.SqliteType.Text), insert.Parameters.Add("$k", Microsoft.Data.Sqlite.SqliteType.Text));
    var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
    var stamp = DateTime.UtcNow.Ticks.ToString("D19", CultureInfo.InvariantCulture);   // keys in time order, as the service's (the index grows at its end)
    var n = 0;
    foreach (var (listingId, sku) in ids)
    {
        var quantity = random.Next(1000);
        (q.Value, h.Value, u.Value, id.Value) = (quantity, Guid.NewGuid().ToString("N"), now, listingId);
        await update.ExecuteNonQueryAsync();
        (fs.Value, fu.Value, fp.Value, fk.Value) = (floorListingStore, now, $$"""{"SKU":"{{sku}}","Quantity":{{quantity}}}""", $"floor:{stamp}:{n++:D4}");
        await insert.ExecuteNonQueryAsync();
    }

    await tx.CommitAsync();
}

var floorTimes = new List<double>(batchSamples);
var pipelineTimes = new List<double>(batchSamples);
for (var sample = 0; sample < batchSamples; sample++)
{
    var clock = Stopwatch.StartNew();
    await RawInventoryFloor(sample);
    floorTimes.Add(clock.Elapsed.TotalMilliseconds);
    clock.Restart();
    await InventoryUpdateOf1000(sample);
    pipelineTimes.Add(clock.Elapsed.TotalMilliseconds);
}

var (floor50, floor99) = Percentiles(floorTimes);
var (paired50, paired99) = Percentiles(pipelineTimes);
listingRows.Add($"| {listingTarget:N0} | the same database work alone (floor: read, update, feed entry, commit) | {floor50:F2} | {floor99:F2} |");
listingRows.Add($"| {listingTarget:N0} | InventoryUpdate, 1,000 SKUs, interleaved with the floor ({paired50 / floor50:F2}× it at p50, {paired99 / floor99:F2}× at p99) | {paired50:F2} | {paired99:F2} |");

// The same updates arriving a quarter of a second apart, as many sellers' updates spread over Linnworks' 15 minutes do.
var (sp50, sp99) = Percentiles(await Repeat(batchSamples, InventoryUpdateOf1000, TimeSpan.FromMilliseconds(250)));
listingRows.Add($"| {listingTarget:N0} | InventoryUpdate, 1,000 SKUs, one every 250 ms | {sp50:F2} | {sp99:F2} |");
var (pp50, pp99) = Percentiles(await Repeat(batchSamples, async i =>
{
    var items = Enumerable.Range(0, 1000).Select(_ => random.Next(listingTarget)).Distinct()
        .Select(n => (ProductPriceDto?)new ProductPriceDto { SKU = "SKU-" + n.ToString("D7", CultureInfo.InvariantCulture), Reference = "R" + n, Price = random.Next(100, 10_000) / 100m, Tag = "" }).ToList();
    var response = await Send(new PriceUpdateCommand { AuthorizationToken = listingToken, Products = items });
    if (response.Error is not null || response.Products.Any(p => p.Error is not null))
    {
        throw new InvalidOperationException("PriceUpdate failed: " + response.Error);
    }
}));
listingRows.Add($"| {listingTarget:N0} | PriceUpdate, 1,000 SKUs | {pp50:F2} | {pp99:F2} |");

// Full batches of the sizes the manifest declares (LinnworksBatchLimits): each must finish well inside the deadline.
var fullSamples = Math.Max(5, samples / 20);
async Task<(double, double)> FullBatch<TResponse>(Func<int, ILinnworksRequest<TResponse>> make, Func<TResponse, bool> ok)
    where TResponse : LinnworksResponse, new() =>
    Percentiles(await Repeat(fullSamples, async i =>
    {
        var response = await Send(make(i));
        if (!ok(response))
        {
            throw new InvalidOperationException($"{typeof(TResponse).Name} failed: {response.Error}");
        }
    }));
var (fi50, fi99) = await FullBatch(
    _ => new InventoryUpdateCommand
    {
        AuthorizationToken = listingToken,
        Products = [.. Enumerable.Range(0, Math.Min(LinnworksBatchLimits.InventoryUpdate, listingTarget)).Select(n => (ProductInventoryDto?)new ProductInventoryDto { SKU = "SKU-" + n.ToString("D7", CultureInfo.InvariantCulture), Quantity = random.Next(1000) })],
    },
    r => r.Error is null && r.Products.All(p => p.Error is null));
listingRows.Add($"| {listingTarget:N0} | InventoryUpdate, full batch of {Math.Min(LinnworksBatchLimits.InventoryUpdate, listingTarget):N0} SKUs | {fi50:F2} | {fi99:F2} |");
var (fp50, fp99) = await FullBatch(
    _ => new PriceUpdateCommand
    {
        AuthorizationToken = listingToken,
        Products = [.. Enumerable.Range(0, Math.Min(LinnworksBatchLimits.PriceUpdate, listingTarget)).Select(n => (ProductPriceDto?)new ProductPriceDto { SKU = "SKU-" + n.ToString("D7", CultureInfo.InvariantCulture), Price = random.Next(100, 10_000) / 100m, Tag = "" })],
    },
    r => r.Error is null && r.Products.All(p => p.Error is null));
listingRows.Add($"| {listingTarget:N0} | PriceUpdate, full batch of {Math.Min(LinnworksBatchLimits.PriceUpdate, listingTarget):N0} SKUs | {fp50:F2} | {fp99:F2} |");
var despatchBatch = Math.Min(LinnworksBatchLimits.Despatch, seeded / fullSamples);
var (fd50, fd99) = await FullBatch(
    i => new DespatchCommand
    {
        AuthorizationToken = token,
        Orders = [.. Enumerable.Range(i * despatchBatch, despatchBatch).Select(n => (DespatchOrderDto?)new DespatchOrderDto
        {
            ReferenceNumber = "B" + n.ToString("D8", CultureInfo.InvariantCulture),
            ShippingVendor = "Royal Mail",
            TrackingNumber = "TN" + n,
            Items = [new DespatchItemDto { SKU = "SKU-" + (n % 5000), OrderLineNumber = "1", DespatchedQuantity = 2 }],
        })],
    },
    r => r.Error is null && r.Orders.All(o => o.Error is null));
listingRows.Add($"| {seeded:N0} orders | Despatch, full batch of {despatchBatch:N0} orders | {fd50:F2} | {fd99:F2} |");
listingRows.ForEach(Emit);
Emit(string.Empty);
Emit($"Full batches: {fullSamples} samples each; the manifest declares DespatchUpdateBatchSize {LinnworksBatchLimits.Despatch}, InventoryUpdateBatchSize {LinnworksBatchLimits.InventoryUpdate}, PriceUpdateBatchSize {LinnworksBatchLimits.PriceUpdate}; the deadline is 8,000 ms.");

// ---- Personal data (ADR-018): a tenth of the orders store (at most 100,000 orders) is despatched, the clock moves past
// the retention, and the sweep erases them while Linnworks pages through the same store; the Orders pages are timed
// alone first, then while the sweep runs.
var eraseCount = Math.Min(100_000, seeded / 10);
for (var first = seeded - eraseCount; first < seeded; first += LinnworksBatchLimits.Despatch)
{
    var despatched = await Send(new DespatchCommand
    {
        AuthorizationToken = token,
        Orders = [.. Enumerable.Range(first, Math.Min(LinnworksBatchLimits.Despatch, seeded - first)).Select(n => (DespatchOrderDto?)new DespatchOrderDto
        {
            ReferenceNumber = "B" + n.ToString("D8", CultureInfo.InvariantCulture), ShippingVendor = "Royal Mail", TrackingNumber = "PD" + n,
        })],
    });
    if (despatched.Error is not null || despatched.Orders.Any(o => o.Error is not null))
    {
        throw new InvalidOperationException("Despatch before the erasure failed: " + despatched.Error);
    }
}

benchClock.Offset = TimeSpan.FromDays(31);
var erasureFrom = since.AddSeconds(4);
await Send(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = erasureFrom, PageNumber = 1 });
var erasurePages = Math.Max(2, Math.Min(200, (seeded - eraseCount) / 100));
async Task<double> ErasurePage(int i)
{
    var clock = Stopwatch.StartNew();
    var response = await Send(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = erasureFrom, PageNumber = 2 + (i % (erasurePages - 1)) });
    if (response.Error is not null)
    {
        throw new InvalidOperationException("Orders page during the erasure failed: " + response.Error);
    }

    return clock.Elapsed.TotalMilliseconds;
}

var alone = new List<double>();
for (var i = 0; i < Math.Max(1000, samples * 5); i++)
{
    alone.Add(await ErasurePage(i));
}

var sweepClock = Stopwatch.StartNew();
Task<SweepResult> sweep;
await using (var sweepScope = services.CreateAsyncScope())
{
    sweep = Task.Run(() => sweepScope.ServiceProvider.GetRequiredService<PersonalDataEraser>().SweepAsync(CancellationToken.None));
    var during = new List<double>();
    while (!sweep.IsCompleted)
    {
        during.Add(await ErasurePage(during.Count));
    }

    var erasedResult = await sweep;
    sweepClock.Stop();
    if (erasedResult.Orders < eraseCount)
    {
        throw new InvalidOperationException($"The sweep erased {erasedResult.Orders:N0} orders; {eraseCount:N0} were due.");
    }

    var (a50, a99) = Percentiles(alone);
    var (d50, d99) = Percentiles(during);
    Emit(string.Empty);
    Emit("| Personal data (ADR-018) | Orders pages | p50 ms | p99 ms |");
    Emit("|---|---:|---:|---:|");
    Emit($"| {seeded:N0} orders, no sweep | {alone.Count:N0} | {a50:F2} | {a99:F2} |");
    Emit($"| {seeded:N0} orders, while the sweep erases {erasedResult.Orders:N0} finished ones | {during.Count:N0} | {d50:F2} | {d99:F2} |");
    Emit(string.Empty);
    Emit($"The sweep erased {erasedResult.Orders:N0} finished orders in {sweepClock.Elapsed.TotalSeconds:N1} s ({erasedResult.Orders / sweepClock.Elapsed.TotalSeconds:N0} orders/s, batches of {configuration.GetValue("Orders:PersonalDataBatchSize", 200)}), the log truncated after it; Orders p99 while it ran {d99 / a99:F2}× the p99 without it.");
}

benchClock.Offset = TimeSpan.Zero;

// ---- Pathological orders: every order at the text limit (OrderRules.MaxOrderTextChars). Pages stop at the
// byte budget (Orders:PageBudgetChars), so a page and the process stay bounded however large the orders are.
var bigStore = (await Send(new CreateStoreCommand { Name = "Pathological" })).Value;
var bigToken = (await Send(new AddNewUserCommand { LinnworksUniqueIdentifier = Guid.NewGuid().ToString(), Email = "bench@example.com", AccountName = "Big" })).AuthorizationToken!;
await Send(new SaveConfigCommand { AuthorizationToken = bigToken, StepName = "ConnectStore", ConfigItems = [new() { ConfigItemId = "StoreId", SelectedValue = bigStore.StoreId }, new() { ConfigItemId = "StoreKey", SelectedValue = bigStore.StoreKey }] });
var noteText = new string('n', ChannelBridge.Domain.Orders.OrderRules.LongText);
const int bigOrders = 300;
for (var start = 0; start < bigOrders; start += 20)
{
    var batch = Enumerable.Range(start, 20).Select(i =>
    {
        var order = NewOrder(i);
        order.ReferenceNumber = "BIG" + i.ToString("D6", CultureInfo.InvariantCulture);
        order.Notes = [.. Enumerable.Range(0, 60).Select(n => new NoteDto { Note = noteText })];   // 240,000 characters
        return order;
    }).ToList();
    var result = await Send(new UpsertOrdersCommand(bigStore.StoreId, batch));
    if (result.IsFailure || result.Value.Results.Any(r => r.Status != UpsertStatus.Created))
    {
        throw new InvalidOperationException("Pathological seeding failed: " + string.Join("; ", result.IsFailure ? [result.ErrorMessage] : result.Value.Results.SelectMany(r => r.Errors)));
    }
}

GC.Collect();
var before = GC.GetTotalMemory(forceFullCollection: true);
var process = Process.GetCurrentProcess();
var (pages, maxBytes, maxOrders, bigTimes) = (0, 0L, 0, new List<double>());
for (var page = 1; ; page++)
{
    var clock = Stopwatch.StartNew();
    var response = await Send(new OrdersQuery { AuthorizationToken = bigToken, UTCTimeFrom = since, PageNumber = page });
    var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(response).LongLength;
    bigTimes.Add(clock.Elapsed.TotalMilliseconds);
    (pages, maxBytes, maxOrders) = (pages + 1, Math.Max(maxBytes, bytes), Math.Max(maxOrders, response.Orders.Count));
    if (!response.HasMorePages)
    {
        break;
    }
}

process.Refresh();
var (bp50, bp99) = Percentiles(bigTimes);
Emit(string.Empty);
Emit("| Pathological orders | Figure |");
Emit("|---|---:|");
Emit($"| {bigOrders} orders of {ChannelBridge.Domain.Orders.OrderRules.MaxOrderTextChars / 1024} KB text limit (240,000 characters each) | {pages} pages |");
Emit($"| largest page on the wire | {maxBytes / 1024.0 / 1024.0:F2} MiB, {maxOrders} orders |");
Emit($"| page p50 / p99 | {bp50:F2} / {bp99:F2} ms |");
Emit($"| managed heap after the walk vs before | {(GC.GetTotalMemory(false) - before) / 1024.0 / 1024.0:F1} MiB; peak working set {process.PeakWorkingSet64 / 1024 / 1024:N0} MiB |");
Emit(string.Empty);
Emit($"Listing ingest (UpsertProductsCommand, batches of 5,000): {listingTarget / listingClock.Elapsed.TotalSeconds:N0} listings/s; {batchSamples} samples per update row.");
// ---- Listing tool: a full ListingUpdate batch (50 listings, 5 variations and 10 attributes each), CheckFeed of a
// 1,000-listing feed, and GetCategories pages across 50,000 categories (first pages against the last ones).
await Send(new ChannelBridge.Application.ListingTool.ReplaceListingSettings.ReplaceListingSettingsCommand(new ChannelBridge.Application.ListingTool.ConfiguratorSettingsDto { IsVariationsAllowed = true }));
var categoryCount = 50_000;
var categoryClock = Stopwatch.StartNew();
await Send(new ChannelBridge.Application.ListingTool.ReplaceListingCategories.ReplaceListingCategoriesCommand(
    [.. Enumerable.Range(1, categoryCount).Select(i => new ChannelBridge.Application.ListingTool.CategoryDto { CategoryId = i, CategoryName = "Category " + i })]));
categoryClock.Stop();
var categoryPages = (categoryCount + 99) / 100;
var categoryTimes = await Repeat(categoryPages, async i =>
{
    var page = await Send(new ChannelBridge.Application.ListingTool.GetCategories.GetCategoriesQuery { AuthorizationToken = listingToken, PageNumber = i + 1 });
    if (page.Error is not null || page.HasMorePages != (i + 1 < categoryPages))
    {
        throw new InvalidOperationException($"GetCategories page {i + 1}: {page.Error}");
    }
});
var (gc50, gc99) = Percentiles([.. categoryTimes.Take(100)]);
var (gl50, gl99) = Percentiles([.. categoryTimes.Skip(categoryTimes.Count - 100)]);
System.Text.Json.JsonElement ListingJson(int n) => System.Text.Json.JsonSerializer.SerializeToElement(new
{
    TemplateId = 1,
    SKU = $"LT-{n:D6}",
    Title = "Benchmark listing " + n,
    Description = new string('d', 2000),
    Quantity = 10,
    Price = 19.99m,
    Categories = new[] { "17" },
    Attributes = Enumerable.Range(1, 10).Select(a => new { IsCustomAttribute = false, AttributeID = "A" + a, AttributeValue = "Value " + a }),
    Variations = Enumerable.Range(1, 5).Select(v => new { SKU = $"LT-{n:D6}-{v}", Title = $"Variant {v}", Quantity = 2, Price = 19.99m, OptionValues = new[] { new { Name = "Size", Position = 1, Value = new { Position = v, Value = "S" + v } } } }),
});
var batchNumber = 0;
var (lu50, lu99) = Percentiles(await Repeat(fullSamples * 4, async i =>
{
    var n = batchNumber++;
    var response = await Send(new ChannelBridge.Application.ListingTool.ListingUpdate.ListingUpdateCommand
    {
        AuthorizationToken = listingToken,
        Type = ChannelBridge.Application.ListingTool.ListingUpdateType.CREATE,
        Listings = [.. Enumerable.Range(n * LinnworksBatchLimits.ListingUpdate, LinnworksBatchLimits.ListingUpdate).Select(ListingJson)],
    });
    if (response.Error is not null)
    {
        throw new InvalidOperationException("ListingUpdate failed: " + response.Error);
    }
}));
var bigFeed = (await Send(new ChannelBridge.Application.ListingTool.ListingUpdate.ListingDeleteCommand
{
    AuthorizationToken = listingToken,
    ExternalListingIds = [.. Enumerable.Range(0, 1000).Select(i => System.Text.Json.JsonSerializer.SerializeToElement(new { ChannelSKU = $"GONE-{i:D5}", ExternalListingId = i, TemplateId = "1" }))],
})).ChannelFeedId;
await Send(new ChannelBridge.Application.ListingTool.ReportListingResults.ReportListingResultsCommand(listingStore.StoreId, bigFeed,
    [.. Enumerable.Range(0, 1000).Select(i => new ChannelBridge.Application.ListingTool.ListingResultDto { SKU = $"GONE-{i:D5}" })]));
var (cf50, cf99) = Percentiles(await Repeat(Math.Max(20, samples / 4), async _ =>
{
    var check = await Send(new ChannelBridge.Application.ListingTool.CheckFeed.CheckFeedQuery { AuthorizationToken = listingToken, ChannelFeedId = bigFeed });
    if (!check.IsFeedReady || check.ProductFeeds.Count != 1000)
    {
        throw new InvalidOperationException("CheckFeed failed: " + check.Error);
    }
}));
Emit(string.Empty);
Emit("| Listing tool | Request | p50 ms | p99 ms |");
Emit("|---|---|---:|---:|");
Emit($"| {categoryCount:N0} categories | GetCategories: first 100 pages | {gc50:F2} | {gc99:F2} |");
Emit($"| {categoryCount:N0} categories | GetCategories: last 100 pages (to page {categoryPages:N0}) | {gl50:F2} | {gl99:F2} |");
Emit($"| 50 listings × 5 variations × 10 attributes | ListingUpdate, full batch | {lu50:F2} | {lu99:F2} |");
Emit($"| 1,000-listing feed, all reported | CheckFeed | {cf50:F2} | {cf99:F2} |");
Emit(string.Empty);
Emit($"Replacing {categoryCount:N0} categories took {categoryClock.Elapsed.TotalMilliseconds:N0} ms (one transaction).");

if (markdownOut is not null)
{
    await File.WriteAllLinesAsync(markdownOut, output);
}
Console.WriteLine($"Database file: {new FileInfo(Path.Combine(directory, "bench.db")).Length / 1024 / 1024:N0} MiB");
foreach (var service in hosted)
{
    await service.StopAsync(CancellationToken.None);
}

await services.DisposeAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(directory, recursive: true);

static OrderDto NewOrder(int i) => new()
{
    ReferenceNumber = "B" + i.ToString("D8", CultureInfo.InvariantCulture),
    PaymentStatus = i % 10 == 0 ? "UNPAID" : "PAID",
    Currency = "GBP",
    ReceivedDate = DateTime.UtcNow.AddMinutes(-i % 10_000),
    PostalServiceCost = 3.99m,
    DeliveryAddress = new AddressDto { FullName = "Buyer " + i, Address1 = i + " High Street", Town = "London", PostCode = "EC1V 9HL", Country = "United Kingdom", CountryCode = "GB", EmailAddress = $"buyer{i}@example.com" },
    OrderItems =
    [
        new OrderItemDto { OrderLineNumber = "1", SKU = "SKU-" + (i % 5000), ItemTitle = "Blue mug", Qty = 2, PricePerUnit = 9.99m, TaxRate = 20 },
        new OrderItemDto { OrderLineNumber = "2", SKU = "SKU-" + ((i + 1) % 5000), ItemTitle = "Saucer", Qty = 1, PricePerUnit = 4.50m, TaxRate = 20 },
        new OrderItemDto { OrderLineNumber = "3", SKU = "SKU-" + ((i + 2) % 5000), ItemTitle = "Spoon", Qty = 3, PricePerUnit = 1.25m, TaxRate = 20 },
    ],
};

/// <summary>The system clock moved on by <see cref="Offset"/>: retention passes without waiting.</summary>
internal sealed class BenchClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
