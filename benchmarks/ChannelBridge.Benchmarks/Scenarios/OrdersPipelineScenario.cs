using System.Diagnostics;
using ChannelBridge.Application.Orders;
using ChannelBridge.Application.Orders.GetOrders;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Benchmarks.Scenarios;

/// <summary>
/// Page 2 of a run under way, three ways, interleaved so all see the same machine: the raw baseline (one SQL statement
/// over ADO.NET written with Utf8JsonWriter), the raw baseline with the service's own page statement, and the full
/// pipeline to bytes; then where the pipeline's time goes, and what the stored renderings (ADR-011) bought.
/// </summary>
internal sealed class OrdersPipelineScenario(Bench bench)
{
    private readonly System.Text.Json.JsonSerializerOptions _apiJson = ApiJson();

    // Every page below is written into this one reused buffer, as the service writes into pooled pages
    // (ContentLengthMiddleware): a new 170 KiB array per page would time the large object heap and its collections.
    private readonly System.Buffers.ArrayBufferWriter<byte> _pageBuffer = new(256 * 1024);
    private readonly Figures _figures = new();
    private System.Text.Json.Utf8JsonWriter? _pageWriter;
    private long _servedAfter;
    private long _servedHighWater;

    /// <summary>Page 2 of a run under way (page 1 started it): the common case, which reads only.</summary>
    private DateTime BaselineFrom => bench.Since.AddSeconds(2);

    public async Task RunAsync()
    {
        await FindServedRangeAsync();
        await bench.Send(new OrdersQuery { AuthorizationToken = bench.Orders.Token, UTCTimeFrom = BaselineFrom, PageNumber = 1 });

        // Warm-up to steady state: tiered compilation (with dynamic PGO) promotes a method only after many calls and a
        // quiet delay, so a handful of calls would measure half-compiled code (serialization looked 4× slower than it is).
        for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(3);)
        {
            await RawPageAsync();
            await RawServedPageAsync();
            await PipelinePageAsync();
        }

        await TimeInterleavedAsync();
        await LoopForProfilerAsync();
        await TimePartsAsync();
        await TimeStoredRenderingsAsync();
        await CheckSamePagesAsync();
    }

    public void Emit()
    {
        var f = _figures;
        bench.Emit($"Orders page 2 of a run under way. Raw baseline (one SQL statement over ADO.NET, Utf8JsonWriter): p50 {f.Raw50:F3} ms, p99 {f.Raw99:F3} ms, {f.RawBytes / 1024.0:F0} KiB; " +
             $"full pipeline to bytes (MediatR, behaviours, mapping, serialization): p50 {f.Pipe50:F3} ms, p99 {f.Pipe99:F3} ms, {f.PipeBytes / 1024.0:F0} KiB — " +
             $"{f.Pipe50 / f.Raw50:F2}× the baseline at p50 (goal 1.3×). The raw baseline with the service's own page statement (its filters): p50 {f.RawServed50:F3} ms, p99 {f.RawServed99:F3} ms — " +
             $"the pipeline is {f.Pipe50 / f.RawServed50:F2}× it at p50. Of the pipeline: MediatR to the typed answer (behaviours, handler, mapping) p50 {f.Send50:F3} ms, " +
             $"of which, each called alone: the token's integration p50 {f.Integration50:F3} ms, its store's access data p50 {f.Store50:F3} ms, the page read (paging and page statement) p50 {f.PageRead50:F3} ms; " +
             $"serialization of the built answer p50 {f.Serialize50:F3} ms.");
        bench.Emit(string.Empty);
        bench.Emit($"Stored renderings (ADR-011), same run: the page mapped on every download, as before (each stored order deserialized, mapped and serialized), " +
             $"p50 {f.Mapped50:F2} ms, p99 {f.Mapped99:F2} ms — {f.Mapped50 / f.Pipe50:F1}× the page copied from renderings. Rendering the page's {f.PageOrders} orders at save " +
             $"costs p50 {f.Render50:F2} ms ({f.Render50 * 1000 / Math.Max(1, f.PageOrders):F1} µs an order, paid once per order change instead of once per download).");
    }

    private static System.Text.Json.JsonSerializerOptions ApiJson()
    {
        var options = new System.Text.Json.JsonSerializerOptions();
        ChannelBridge.Api.Json.JsonOptionsSetup.Apply(options);
        return options;
    }

    private System.Text.Json.Utf8JsonWriter NewPage()
    {
        _pageBuffer.ResetWrittenCount();
        _pageWriter ??= new System.Text.Json.Utf8JsonWriter(_pageBuffer);
        _pageWriter.Reset(_pageBuffer);
        return _pageWriter;
    }

    /// <summary>The raw baseline: the same page read with one plain SQL statement over ADO.NET, no pipeline.</summary>
    private async Task<ReadOnlyMemory<byte>> RawPageAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={bench.DbPath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o.DownloadJson FROM OrderChanges c JOIN Orders o ON o.Id = c.OrderId
            WHERE c.StoreId = $store AND o.Status <> 2 ORDER BY c.Seq LIMIT 101 OFFSET 100
            """;
        command.Parameters.AddWithValue("$store", bench.Orders.StoreId);
        return await WritePageAsync(command);
    }

    private async Task<ReadOnlyMemory<byte>> WritePageAsync(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        var orders = new List<byte[]>(101);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                // The service's statement says whether a row is served (it keeps its place on the page either way).
                if (reader.FieldCount == 1 || reader.GetInt32(1) == 0)
                {
                    orders.Add((byte[])reader.GetValue(0));
                }
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
        return _pageBuffer.WrittenMemory;
    }

    /// <summary>
    /// The key range of the same page read with the statement the service runs (OrderQueries' page statement, SQLite form):
    /// its filters (each order once, at its latest change in the run; despatched orders, unpaid ones and the age floor left
    /// out) cost SQLite more than the plain statement, which only happens to give the same page here. The ratio to this
    /// baseline is the pipeline's own cost; the ratio to the plain one includes what those filters cost.
    /// </summary>
    private async Task FindServedRangeAsync()
    {
        await using var setup = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={bench.DbPath}");
        await setup.OpenAsync();
        await using var command = setup.CreateCommand();
        command.CommandText = "SELECT (SELECT Seq FROM OrderChanges WHERE StoreId = $store ORDER BY Seq LIMIT 1 OFFSET 99), (SELECT MAX(Seq) FROM OrderChanges WHERE StoreId = $store)";
        command.Parameters.AddWithValue("$store", bench.Orders.StoreId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        (_servedAfter, _servedHighWater) = (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<ReadOnlyMemory<byte>> RawServedPageAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={bench.DbPath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o.DownloadJson,
                   CASE WHEN o.HiddenSeq IS NULL AND ($includeUnpaid = 1 OR o.PaymentStatus <> 'UNPAID')
                        AND ($notBefore IS NULL OR o.ReceivedDate IS NULL OR o.ReceivedDate >= $notBefore) THEN 0 ELSE 1 END
            FROM OrderChanges c JOIN Orders o ON o.Id = c.OrderId
            WHERE c.StoreId = $store AND c.Seq > $after AND c.Seq <= $highWater
              AND NOT EXISTS (SELECT 1 FROM OrderChanges n WHERE n.OrderId = c.OrderId AND n.Seq > c.Seq AND n.Seq <= $highWater)
              AND ((o.Status <> 2 AND o.ErasedUtc IS NULL) OR o.HiddenSeq > $highWater)
              AND ((($includeUnpaid = 1 OR o.PaymentStatus <> 'UNPAID') AND ($notBefore IS NULL OR o.ReceivedDate IS NULL OR o.ReceivedDate >= $notBefore))
                   OR EXISTS (SELECT 1 FROM OrderChanges m WHERE m.OrderId = c.OrderId AND m.Seq > $highWater))
            ORDER BY c.Seq LIMIT 101
            """;
        command.Parameters.AddWithValue("$store", bench.Orders.StoreId);
        command.Parameters.AddWithValue("$after", _servedAfter);
        command.Parameters.AddWithValue("$highWater", _servedHighWater);
        command.Parameters.AddWithValue("$includeUnpaid", 1);
        command.Parameters.AddWithValue("$notBefore", DBNull.Value);
        return await WritePageAsync(command);
    }

    private async Task<ReadOnlyMemory<byte>> PipelinePageAsync()
    {
        var answer = await bench.Send(new OrdersQuery { AuthorizationToken = bench.Orders.Token, UTCTimeFrom = BaselineFrom, PageNumber = 2 });
        var writer = NewPage();
        System.Text.Json.JsonSerializer.Serialize(writer, answer, _apiJson);
        writer.Flush();
        return _pageBuffer.WrittenMemory;
    }

    /// <summary>
    /// Interleaved, one of each in turn, so that both see the same machine: measured one after the other, the raw
    /// baseline's p50 moved between 0.13 and 0.33 ms from run to run while the pipeline's barely did.
    /// </summary>
    private async Task TimeInterleavedAsync()
    {
        var (raw, rawServed, pipe) = (new List<double>(bench.Samples), new List<double>(bench.Samples), new List<double>(bench.Samples));
        for (var i = 0; i < bench.Samples; i++)
        {
            var clock = Stopwatch.StartNew();
            await RawPageAsync();
            raw.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await RawServedPageAsync();
            rawServed.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await PipelinePageAsync();
            pipe.Add(clock.Elapsed.TotalMilliseconds);
        }

        (_figures.Raw50, _figures.Raw99) = Bench.Percentiles(raw);
        (_figures.Pipe50, _figures.Pipe99) = Bench.Percentiles(pipe);
        (_figures.RawServed50, _figures.RawServed99) = Bench.Percentiles(rawServed);
    }

    /// <summary>
    /// Profiling aid: BENCH_PIPELINE_LOOP_SECONDS=N repeats the pipeline's page for N seconds here, so a profiler
    /// attached to this process (its id is printed) sees that page alone.
    /// </summary>
    private async Task LoopForProfilerAsync()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_PIPELINE_LOOP_SECONDS"), out var loopSeconds) && loopSeconds > 0)
        {
            Console.WriteLine($"Repeating the pipeline page for {loopSeconds} s in process {Environment.ProcessId}.");
            for (var loop = Stopwatch.StartNew(); loop.Elapsed < TimeSpan.FromSeconds(loopSeconds);)
            {
                await PipelinePageAsync();
            }
        }
    }

    /// <summary>
    /// Where the pipeline's time goes: the query through MediatR (behaviours, handler, mapping) without serialization;
    /// its parts each called alone through their own interface (the token's integration, its store's access data, the
    /// page read); and serialization alone of one answer already built.
    /// </summary>
    private async Task TimePartsAsync()
    {
        var (token, storeId, samples) = (bench.Orders.Token, bench.Orders.StoreId, bench.Samples);
        (_figures.Send50, _) = Bench.Percentiles(await Bench.Repeat(samples, async _ => await bench.Send(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = BaselineFrom, PageNumber = 2 })));
        await using (var partsScope = bench.Services.CreateAsyncScope())
        {
            var parts = partsScope.ServiceProvider;
            var integrations = parts.GetRequiredService<ChannelBridge.Domain.UserConfigs.IUserConfigRepository>();
            var stores = parts.GetRequiredService<ChannelBridge.Domain.Stores.IStoreRepository>();
            var orderQueries = parts.GetRequiredService<IOrderQueries>();
            var tokenHash = ChannelBridge.Domain.Common.SecretHash.Of(token).Hex;
            var integration = (await integrations.GetByTokenHashAsync(tokenHash, default))!;
            var pageRequest = new OrderPageRequest(
                integration.Id, storeId, BaselineFrom.AddMinutes(-30), 2, 100, true, null, 4_000_000, parts.GetRequiredService<IOrderDownloadRenderer>().Format);
            await orderQueries.GetPageAsync(pageRequest, default); // starts that run: the timed calls below read page 2 of it
            _figures.Integration50 = Bench.Percentiles(await Bench.Repeat(samples, async _ => await integrations.GetByTokenHashAsync(tokenHash, default))).Item1;
            _figures.Store50 = Bench.Percentiles(await Bench.Repeat(samples, async _ => await stores.GetAccessAsync(storeId, default))).Item1;
            _figures.PageRead50 = Bench.Percentiles(await Bench.Repeat(samples, async _ => await orderQueries.GetPageAsync(pageRequest, default))).Item1;
        }

        var builtPage = await bench.Send(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = BaselineFrom, PageNumber = 2 });
        (_figures.Serialize50, _) = Bench.Percentiles(await Bench.Repeat(samples, _ =>
        {
            var writer = NewPage();
            System.Text.Json.JsonSerializer.Serialize(writer, builtPage, _apiJson);
            writer.Flush();
            return Task.FromResult(_pageBuffer.WrittenCount);
        }));
    }

    /// <summary>
    /// What the stored renderings bought (ADR-011), in the same run: the same page with every rendering marked as another
    /// format, so each order is deserialized, mapped and serialized per download as before; and what rendering costs at
    /// save, once per order change (the 100 orders of the page, warm).
    /// </summary>
    private async Task TimeStoredRenderingsAsync()
    {
        string currentFormat;
        IReadOnlyList<ChannelBridge.Domain.Orders.OrderContent> pageContents;
        await using (var scope = bench.Services.CreateAsyncScope())
        {
            currentFormat = scope.ServiceProvider.GetRequiredService<IOrderDownloadRenderer>().Format;
            var references = Enumerable.Range(100, 100).Select(i => Bench.NewOrder(i).ReferenceNumber!).ToList();
            pageContents = [.. (await scope.ServiceProvider.GetRequiredService<ChannelBridge.Domain.Orders.IOrderRepository>().GetByReferencesAsync(bench.Orders.StoreId, references, default)).Values.Select(o => o.Content)];
        }

        await MarkRenderingsAsync(currentFormat, "older");
        for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(2);)
        {
            await PipelinePageAsync();
        }

        (_figures.Mapped50, _figures.Mapped99) = Bench.Percentiles(await Bench.Repeat(bench.Samples, async _ => await PipelinePageAsync()));
        await MarkRenderingsAsync("older", currentFormat);
        var renderer = bench.Services.CreateScope().ServiceProvider.GetRequiredService<IOrderDownloadRenderer>();
        (_figures.Render50, _) = Bench.Percentiles(await Bench.Repeat(bench.Samples, _ => Task.FromResult(pageContents.Sum(c => renderer.Render(c)!.Length))));
        _figures.PageOrders = pageContents.Count;
    }

    private async Task MarkRenderingsAsync(string from, string to)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={bench.DbPath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE Orders SET DownloadFormat = $to WHERE StoreId = $store AND DownloadFormat = $from";
        command.Parameters.AddWithValue("$to", to);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$store", bench.Orders.StoreId);
        await command.ExecuteNonQueryAsync();
    }

    private async Task CheckSamePagesAsync()
    {
        var rawPage = (await RawPageAsync()).ToArray();
        var pipelinePage = (await PipelinePageAsync()).ToArray();
        if (!rawPage.AsSpan().SequenceEqual(pipelinePage) || !(await RawServedPageAsync()).Span.SequenceEqual(pipelinePage))
        {
            throw new InvalidOperationException("The raw baseline and the pipeline wrote different pages: the comparison would mean nothing.");
        }

        (_figures.RawBytes, _figures.PipeBytes) = (rawPage.Length, pipelinePage.Length);
    }

    private sealed class Figures
    {
        public double Raw50 { get; set; }

        public double Raw99 { get; set; }

        public double Pipe50 { get; set; }

        public double Pipe99 { get; set; }

        public double RawServed50 { get; set; }

        public double RawServed99 { get; set; }

        public double Send50 { get; set; }

        public double Integration50 { get; set; }

        public double Store50 { get; set; }

        public double PageRead50 { get; set; }

        public double Serialize50 { get; set; }

        public double Mapped50 { get; set; }

        public double Mapped99 { get; set; }

        public double Render50 { get; set; }

        public int PageOrders { get; set; }

        public int RawBytes { get; set; }

        public int PipeBytes { get; set; }
    }
}
