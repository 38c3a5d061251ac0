// The Bench target's body (build.cake keeps the tasks): the in-process benchmarks, then the service over HTTP on
// loopback with a fresh SQLite file, driven by the simulator (load mode, the sellers curve, ingest), and
// docs/performance.md rewritten from benchmarks/performance.template.md.

void RunBenchmarks(string configuration, ConvertableDirectoryPath artifacts)
{
    var bench = artifacts + Directory("bench");
    CleanDirectory(bench);
    var benchmarkMarkdown = MakeAbsolute(bench + File("benchmark.md")).FullPath;
    DotNetRun("./benchmarks/ChannelBridge.Benchmarks/ChannelBridge.Benchmarks.csproj", new ProcessArgumentBuilder()
        .Append(Argument("bench-orders", "1000000")).Append(Argument("bench-listings", "100000")).Append("200").AppendQuoted(benchmarkMarkdown),
        new DotNetRunSettings
        {
            Configuration = configuration, NoBuild = true, NoRestore = true,
            // The garbage collector's gen0 budget as the service is deployed with it (ADR-020).
            EnvironmentVariables = new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x2000000" },
        });

    // The service over HTTP on loopback with a fresh SQLite file, driven by the simulator's load mode.
    var url = "http://127.0.0.1:5099";
    // Another process on the port would answer in the service's place (and with another operator key): stop first.
    if (Answers(url + "/health"))
    {
        throw new CakeException($"Something already answers on {url}; stop it before running the Bench.");
    }

    var operatorKey = "bench-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
    var serviceDll = MakeAbsolute(File($"./artifacts/bin/Api/{configuration.ToLowerInvariant()}/ChannelBridge.Api.dll")).FullPath;
    var api = StartService(serviceDll, url, MakeAbsolute(bench + File("load.db")).FullPath, operatorKey, bench);
    try
    {
        WaitForHealth(url + "/health");
        var simulator = MakeAbsolute(File($"./artifacts/bin/LinnworksSimulator/{configuration.ToLowerInvariant()}/ChannelBridge.LinnworksSimulator.dll")).FullPath;
        var answers = MakeAbsolute(bench + File("answers.json")).FullPath;
        RunOrThrow(simulator, $"demo --base-url {url} --operator-key {operatorKey} --orders 500 --products 1000 --answers-out \"{answers}\"", out _);
        var stores = SellerStores(simulator, url, operatorKey, answers);
        var sellers = Argument("bench-sellers", 8);
        var seconds = Argument("bench-seconds", 20);
        RunOrThrow(simulator, $"--base-url {url} --answers \"{stores}\" --sellers {sellers} --duration {seconds} --calls-per-minute 0 --json", out var loadJson);
        var load = System.Text.Json.JsonDocument.Parse(string.Join("\n", loadJson)).RootElement;
        var lines = new List<string>
        {
            $"{sellers} sellers for {seconds} s, each with one of ten stores of 500 orders and 1,000 listings: {load.GetProperty("checks").GetInt32():N0} checks, {load.GetProperty("failed").GetInt32()} failed.",
            string.Empty,
            "| Endpoint | calls | p50 ms | p99 ms | max ms |",
            "|---|---:|---:|---:|---:|",
        };
        foreach (var t in load.GetProperty("timings").EnumerateArray())
        {
            lines.Add($"| {t.GetProperty("Endpoint").GetString()} | {t.GetProperty("Calls").GetInt32():N0} | {t.GetProperty("P50").GetDouble():F1} | {t.GetProperty("P99").GetDouble():F1} | {t.GetProperty("Max").GetDouble():F1} |");
        }

        // Latency against concurrent sellers (unpaced, shorter runs): where the one node stops keeping up.
        var curveSeconds = Argument("bench-curve-seconds", 30);
        var curve = new List<(int Sellers, double P50, double P99, double PagesPerSecond, double RoundsPerSecond, double ServiceCpu, int Failed, double ConfigTestP99, long Rss, long PeakRss, double? ServerP50, double? ServerP99, double? ConfigTestServerP99)>();
        var service = ServiceProcess(url);
        foreach (var n in new[] { 1, 8, 50, 200 })
        {
            // Failed checks are reported, not fatal, here: the point is to see where they start.
            service?.Refresh();
            var cpuBefore = service?.TotalProcessorTime ?? TimeSpan.Zero;
            var wall = System.Diagnostics.Stopwatch.StartNew();
            StartProcess("dotnet", new ProcessSettings { Arguments = $"\"{simulator}\" --base-url {url} --answers \"{stores}\" --sellers {n} --duration {curveSeconds} --calls-per-minute 0 --json", RedirectStandardOutput = true }, out var curveJson);
            service?.Refresh();
            // The service's share of the machine while the simulator ran (the simulator has the rest); NaN where unknown.
            var serviceCpu = service is null ? double.NaN : (service.TotalProcessorTime - cpuBefore).TotalSeconds / (wall.Elapsed.TotalSeconds * Environment.ProcessorCount);
            var run = System.Text.Json.JsonDocument.Parse(string.Join("\n", curveJson)).RootElement;
            var timings = run.GetProperty("timings").EnumerateArray().ToList();
            var orders = timings.First(t => t.GetProperty("Endpoint").GetString() == "Orders");
            // Each polling round starts with ConfigTest: its calls count the rounds.
            var configTest = timings.First(t => t.GetProperty("Endpoint").GetString() == "ConfigTest");
            var rounds = configTest.GetProperty("Calls").GetInt32();
            curve.Add((n, orders.GetProperty("P50").GetDouble(), orders.GetProperty("P99").GetDouble(), orders.GetProperty("Calls").GetInt32() / (double)curveSeconds,
                rounds / (double)curveSeconds, serviceCpu, run.GetProperty("failed").GetInt32(), configTest.GetProperty("P99").GetDouble(),
                service?.WorkingSet64 ?? 0, service?.PeakWorkingSet64 ?? 0, Number(orders, "ServerP50"), Number(orders, "ServerP99"), Number(configTest, "ServerP99")));
        }

        lines.Add(string.Empty);
        lines.Add($"Orders pages against concurrent sellers ({curveSeconds} s each, unpaced, simulator on the same cores):");
        lines.Add(string.Empty);
        lines.Add("| Sellers | Orders p50 ms | Orders p99 ms | of which in the service: p50 / p99 ms | ConfigTest p99 ms | in the service | Orders pages/s | rounds/s | service's share of the CPU | service RSS after / peak so far | failed checks |");
        lines.Add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        lines.AddRange(curve.Select(c => $"| {c.Sellers} | {c.P50:F1} | {c.P99:F1} | {(c.ServerP50 is { } s50 && c.ServerP99 is { } s99 ? $"{s50:F1} / {s99:F1}" : "—")} | {c.ConfigTestP99:F1} | " +
            $"{(c.ConfigTestServerP99 is { } cs99 ? $"{cs99:F1}" : "—")} | " +
            $"{c.PagesPerSecond:N0} | {c.RoundsPerSecond:N1} | {c.ServiceCpu:P0} | {(c.Rss > 0 ? $"{c.Rss / 1048576.0:N0} / {c.PeakRss / 1048576.0:N0} MiB" : "—")} | {c.Failed} |"));
        lines.Add(string.Empty);
        lines.Add("\"In the service\" is the service's own Server-Timing: from the request's arrival (its wait for a turn included) to its " +
                  "answer ready to send. The rest of the Orders latency is the simulator's: its sellers share the same two cores and " +
                  "each reads and checks every 165 KB page before it asks again.");
        // A round (ConfigTest, a whole Orders download of the demo store's 500 orders, a Products page) is more than a
        // seller's work per 10 minutes at Linnworks' cadence unless that seller took 500 orders in those 10 minutes.
        var bestRounds = curve.Max(c => c.RoundsPerSecond);
        lines.Add(string.Empty);
        lines.Add($"At Linnworks' cadence (Orders every 10 minutes, stock every 15) one round per seller per 10 minutes is a generous " +
                  $"seller: the best {bestRounds:N1} rounds/s measured here means about {bestRounds * 600:N0} such sellers per node, " +
                  "with the simulator taking the rest of the same two cores.");
        lines.Add(string.Empty);
        lines.Add("```mermaid");
        lines.Add("xychart-beta");
        lines.Add("    title \"Orders page latency (ms) against concurrent sellers\"");
        lines.Add($"    x-axis [{string.Join(", ", curve.Select(c => $"\"{c.Sellers}\""))}]");
        lines.Add($"    y-axis \"ms\" 0 --> {Math.Ceiling(curve.Max(c => c.P99) / 100) * 100:F0}");
        lines.Add($"    line [{string.Join(", ", curve.Select(c => c.P50.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}]");
        lines.Add($"    line [{string.Join(", ", curve.Select(c => c.P99.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}]");
        lines.Add("```");
        lines.Add(string.Empty);
        lines.Add("Lines: p50 and p99.");

        // Ingest through the Channel API from an outside client (batches of 500, 3 lines each): a first pass of
        // 10,000 orders on a service that has not ingested much yet, then 50,000 with one and with two clients, in
        // the full shape a marketplace sends (about 2 KB an order), the one-client batches then sent again as a
        // platform re-pushing its orders does (every order Unchanged); then the light shape (one address, plain lines).
        lines.Add(string.Empty);
        lines.Add("| Ingest over HTTP (new store each) | orders/s | batch p50 ms | batch p99 ms |");
        lines.Add("|---|---:|---:|---:|");
        foreach (var (orders, clients, shape, resend, label) in new[]
                 {
                     (10_000, 1, "Full", false, "first 10,000, one client"), (50_000, 1, "Full", true, "50,000, one client"), (50_000, 2, "Full", false, "50,000, two clients"),
                     (50_000, 1, "Light", false, "50,000 light orders, one client"),
                 })
        {
            RunOrThrow(simulator, $"ingest --base-url {url} --operator-key {operatorKey} --orders {orders} --clients {clients} --shape {shape} --json{(resend ? " --resend" : string.Empty)}", out var ingestJson);
            var ingest = System.Text.Json.JsonDocument.Parse(string.Join("\n", ingestJson)).RootElement;
            lines.Add($"| {label} | {ingest.GetProperty("OrdersPerSecond").GetDouble():N0} | {ingest.GetProperty("BatchP50Ms").GetDouble():F1} | {ingest.GetProperty("BatchP99Ms").GetDouble():F1} |");
            if (resend)
            {
                lines.Add($"| the same 50,000 sent again, one client (all Unchanged) | {ingest.GetProperty("ResendOrdersPerSecond").GetDouble():N0} | {ingest.GetProperty("ResendBatchP50Ms").GetDouble():F1} | {ingest.GetProperty("ResendBatchP99Ms").GetDouble():F1} |");
            }
        }

        lines.Add(string.Empty);
        lines.AddRange(ServiceAloneOrdersPages(url, answers, bench, RawBaselineP50(benchmarkMarkdown), configuration));
        lines.Add(string.Empty);
        lines.AddRange(ReadsUnderIngest(url, operatorKey, stores, simulator, bench));
        lines.Add(string.Empty);
        lines.AddRange(ReadsUnderBackfill(url, operatorKey, stores, simulator, bench));
        lines.Add(string.Empty);
        lines.AddRange(ReadsUnderIntegrationFlood(url, operatorKey, stores, simulator, bench));
        lines.Add(string.Empty);
        lines.AddRange(SellerAmongHeldBodies(url, answers, simulator));
        lines.Add(string.Empty);
        lines.AddRange(IngestAgainstBaseline(serviceDll, simulator, bench));

        var page = System.IO.File.ReadAllText("./benchmarks/performance.template.md")
            .Replace("{{DATE}}", DateTime.UtcNow.ToString("yyyy-MM-dd"))
            .Replace("{{MACHINE}}", $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {configuration}")
            .Replace("{{BENCHMARK}}", System.IO.File.ReadAllText(benchmarkMarkdown).TrimEnd())
            .Replace("{{LOAD}}", string.Join("\n", lines));
        System.IO.File.WriteAllText("./docs/performance.md", page);
        Information("Wrote docs/performance.md");
    }
    finally
    {
        api.Kill();
    }
}

// The service alone, without the simulator's checking on the same cores: one Orders page (page 2 of the demo store's
// run, about 165 KB) asked for over and over by wrk (Debian's package), 1 and 8 connections. Skipped, with a line
// saying so, where wrk is not installed.
IEnumerable<string> ServiceAloneOrdersPages(string url, string answers, ConvertableDirectoryPath bench, double? rawP50Ms, string configuration)
{
    var wrk = new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(System.IO.File.Exists);
    if (wrk is null)
    {
        return ["Orders pages with the service alone: not measured (wrk is not installed; `apt-get install wrk`)."];
    }

    using var http = new System.Net.Http.HttpClient { BaseAddress = new Uri(url) };
    string Post(string path, string json) => PostJson(http, path, json);
    var token = LinkedIntegration(http, answers, "Bench");
    var body = $"{{\"AuthorizationToken\":\"{token}\",\"UTCTimeFrom\":\"2020-01-01 00:00:00Z\",\"PageNumber\":2}}";
    Post("/api/Order/Orders", body.Replace("\"PageNumber\":2", "\"PageNumber\":1"));
    var script = MakeAbsolute(bench + File("orders-page.lua")).FullPath;
    System.IO.File.WriteAllText(script, $"wrk.method = \"POST\"\nwrk.body = '{body}'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");

    // The HTTP floor: the same page's bytes answered by Kestrel alone (the benchmark's `floor` mode), on the same cores.
    var pageFile = MakeAbsolute(bench + File("orders-page.json")).FullPath;
    using (var captured = http.PostAsync("/api/Order/Orders", new System.Net.Http.StringContent(body, System.Text.Encoding.UTF8, "application/json")).GetAwaiter().GetResult())
    {
        System.IO.File.WriteAllBytes(pageFile, captured.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
    }

    var lines = new List<string>
    {
        $"Orders page 2 ({new System.IO.FileInfo(pageFile).Length / 1024.0:N0} KiB) from wrk on the same cores (10 s each): the service alone, and the HTTP floor — the same " +
        "bytes held in memory and answered by Kestrel with nothing else (no middleware, controller or database):",
        string.Empty,
        "| Answered by | Connections | pages/s | p50 | p99 | p50 against the raw baseline's |",
        "|---|---:|---:|---:|---:|---:|",
    };
    void Measure(string label, string target)
    {
        foreach (var connections in new[] { 1, 8 })
        {
            StartProcess(wrk, new ProcessSettings { Arguments = $"-t1 -c{connections} -d10s --latency -s \"{script}\" {target}", RedirectStandardOutput = true }, out var output);
            var text = output.ToList();
            string Field(string prefix) => text.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "?";
            var p50 = WrkMilliseconds(Field("50%"));
            var ratio = connections == 1 && p50 is { } ms && rawP50Ms is { } raw ? $"{ms / raw:F2}×" : "—";
            lines.Add($"| {label} | {connections} | {Field("Requests/sec:")} | {Field("50%")} | {Field("99%")} | {ratio} |");
        }
    }

    Measure("the service", $"{url}/api/Order/Orders");
    var floorUrl = "http://127.0.0.1:5097";
    var floor = StartAndReturnProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(MakeAbsolute(File($"./artifacts/bin/ChannelBridge.Benchmarks/{configuration.ToLowerInvariant()}/ChannelBridge.ChannelBridge.Benchmarks.dll")).FullPath)
            .Append("floor").AppendQuoted(pageFile).Append(floorUrl),
    });
    try
    {
        WaitForHealth(floorUrl + "/health");
        Measure("Kestrel alone (floor)", $"{floorUrl}/api/Order/Orders");
    }
    finally
    {
        floor.Kill();
    }

    lines.Add(string.Empty);
    lines.Add("The issue's goal is the service's one-connection p50 within 2× the raw baseline's. Set it against the floor's row: what " +
              "is left for the service's own work is the difference between the two.");
    return lines;
}

// Reads while orders pour in: Orders pages for 200 integrations linked to ten sellers' stores (wrk, 64 connections, each
// integration walking pages 1 to 5 in turn), alone and then while two clients ingest full-shape orders through the
// Channel API. Skipped, with a line saying so, where wrk is not installed.
IEnumerable<string> ReadsUnderIngest(string url, string operatorKey, string stores, string simulator, ConvertableDirectoryPath bench)
{
    if (Wrk() is not { } wrk)
    {
        return ["Reads under ingest: not measured (wrk is not installed; `apt-get install wrk`)."];
    }

    var (alone, during, ingest) = MeasureReadsUnderIngest(wrk, url, operatorKey, stores, simulator, bench);
    var p99Ratio = P99Ratio(alone.P99, during.P99);
    return
    [
        "Reads while orders pour in: Orders pages for 200 integrations linked to ten stores of 500 orders, 20 to each (wrk, 64 connections, 15 s each, pages 1-5 in turn), " +
        "alone and while two clients ingest 60,000 full-shape orders through the Channel API (the ingest runs a little longer than the 15 s of reads):",
        string.Empty,
        "| Orders pages | pages/s | p50 | p99 |",
        "|---|---:|---:|---:|",
        $"| alone | {alone.PagesPerSecond} | {alone.P50} | {alone.P99} |",
        $"| while two clients ingest | {during.PagesPerSecond} | {during.P50} | {during.P99} |",
        string.Empty,
        $"Orders p99 while ingesting: {p99Ratio} its p99 alone. The ingest under those reads: {ingest.GetProperty("OrdersPerSecond").GetDouble():N0} orders/s " +
        $"(batch p50 {ingest.GetProperty("BatchP50Ms").GetDouble():F1} ms, p99 {ingest.GetProperty("BatchP99Ms").GetDouble():F1} ms" +
        (Number(ingest, "BatchBeforeTurnP50Ms") is { } beforeTurn ? $"; of a batch's time in the service, p50 {beforeTurn:F1} ms before its turn: its body read and its wait in the queue)." : ")."),
    ];
}

// Reads while one platform backfills (ADR-024): the reads paced to about 150 pages a second, as sellers' polls arrive,
// alone and while platform A sends 120,000 full-shape orders with 16 clients and platform B, once A is sending (A builds
// its bodies first, about 2.5 s here), 5,000 with one client; each platform its own store and key.
IEnumerable<string> ReadsUnderBackfill(string url, string operatorKey, string stores, string simulator, ConvertableDirectoryPath bench)
{
    if (Wrk() is not { } wrk)
    {
        return ["Reads under a backfill: not measured (wrk is not installed; `apt-get install wrk`)."];
    }

    var (alone, during, ingests) = MeasureReads(wrk, url, stores, bench, 150, 12, () =>
    {
        var backfill = StartIngest(simulator, url, operatorKey, 120_000, 16);
        System.Threading.Thread.Sleep(5000);
        return [backfill, StartIngest(simulator, url, operatorKey, 5_000, 1)];
    });
    string Ingest(string output) =>
        $"{Json(output).GetProperty("OrdersPerSecond").GetDouble():N0} | {Json(output).GetProperty("BatchP50Ms").GetDouble():F1} ms | {Json(output).GetProperty("BatchP99Ms").GetDouble():F1} ms";
    return
    [
        "Reads while one platform backfills (ADR-024): the same Orders pages paced to about 150 a second (each of the 64 connections waits a random " +
        "0-853 ms before its next request), 12 s alone and 12 s while platform A sends 120,000 full-shape orders with 16 clients and platform B, " +
        "once A is sending, 5,000 with one client (each platform its own store and key):",
        string.Empty,
        "| Orders pages | pages/s | p50 | p99 |",
        "|---|---:|---:|---:|",
        $"| alone | {alone.PagesPerSecond} | {alone.P50} | {alone.P99} |",
        $"| while A backfills and B sends | {during.PagesPerSecond} | {during.P50} | {during.P99} |",
        string.Empty,
        "| Platform | orders/s | batch p50 | batch p99 |",
        "|---|---:|---:|---:|",
        $"| A, 16 clients | {Ingest(ingests[0])} |",
        $"| B, one client | {Ingest(ingests[1])} |",
        string.Empty,
        $"Orders p99 during the backfill: {P99Ratio(alone.P99, during.P99)} its p99 alone.",
    ];
}

// Reads while one seller floods (ADR-025): the same paced reads, alone and while one more seller, with a store of its own
// and its own valid token, asks for Orders page 1 on 256 connections without pause.
IEnumerable<string> ReadsUnderIntegrationFlood(string url, string operatorKey, string stores, string simulator, ConvertableDirectoryPath bench)
{
    if (Wrk() is not { } wrk)
    {
        return ["Reads under one seller's flood: not measured (wrk is not installed; `apt-get install wrk`)."];
    }

    var script = MakeAbsolute(bench + File("flood.lua")).FullPath;
    var floodStore = MakeAbsolute(bench + File("answers-flooding-seller.json")).FullPath;
    RunOrThrow(simulator, $"demo --base-url {url} --operator-key {operatorKey} --orders 500 --products 0 --answers-out \"{floodStore}\"", out _);
    var (alone, during, outputs) = MeasureReads(wrk, url, stores, bench, 150, 12, () =>
    {
        using var http = new System.Net.Http.HttpClient { BaseAddress = new Uri(url) };
        System.IO.File.WriteAllText(script,
            "wrk.method = \"POST\"\n" +
            $"wrk.body = '{{\"AuthorizationToken\":\"{LinkedIntegration(http, floodStore, "Flooding seller")}\",\"UTCTimeFrom\":\"2020-01-01 00:00:00Z\",\"PageNumber\":1}}'\n" +
            "wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        var flood = StartAndReturnProcess(wrk, new ProcessSettings { Arguments = $"-t1 -c256 -d16s -s \"{script}\" {url}/api/Order/Orders", RedirectStandardOutput = true });
        System.Threading.Thread.Sleep(2000);
        return [flood];
    });
    var floodCalls = outputs[0].Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Requests/sec:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "?";
    return
    [
        "Reads while one seller floods (ADR-025): the same Orders pages paced to about 150 a second, 12 s alone and 12 s while one more seller, " +
        "with a store of its own (500 orders) and its own valid token, asks for Orders page 1 on 256 connections without pause (the per-minute limit out of the way):",
        string.Empty,
        "| Orders pages of the other sellers | pages/s | p50 | p99 |",
        "|---|---:|---:|---:|",
        $"| alone | {alone.PagesPerSecond} | {alone.P50} | {alone.P99} |",
        $"| while one integration floods | {during.PagesPerSecond} | {during.P50} | {during.P99} |",
        string.Empty,
        $"Orders p99 during the flood: {P99Ratio(alone.P99, during.P99)} its p99 alone; the flooding integration was served {floodCalls} calls/s within its share.",
    ];
}

// A seller's Linnworks calls while strangers hold large bodies with made-up tokens (ADR-026): the simulator's
// hold-bodies mode, on the service's default limits for the bodies held.
IEnumerable<string> SellerAmongHeldBodies(string url, string answers, string simulator)
{
    using var http = new System.Net.Http.HttpClient { BaseAddress = new Uri(url) };
    var token = LinkedIntegration(http, answers, "Seller among strangers");
    RunOrThrow(simulator, $"hold-bodies --base-url {url} --token {token} --connections 200 --seconds 20 --json", out var output);
    var result = Json(string.Join("\n", output));
    return
    [
        "A seller among strangers holding bodies (ADR-026): 200 connections each send an Orders body of about 2 MB with a made-up token, all of it " +
        "but its last byte (held without a trickle), and a body of half the size after each refusal, for 20 s; meanwhile a linked seller sends an " +
        "Orders call and an InventoryUpdate of 1,000 of the demo store's listings (new quantities each time, so each is a write) every half second; " +
        "an error of the call or of an item counts (the default `Api:MaxRequestBodyBytesHeld`, 128 MiB):",
        string.Empty,
        "| The seller's calls | answered with an error | slowest | the strangers' bodies refused |",
        "|---:|---:|---:|---:|",
        $"| {result.GetProperty("SellerCalls").GetInt32()} | {result.GetProperty("SellerErrors").GetInt32()} | {result.GetProperty("SellerSlowestMs").GetDouble():N0} ms | {result.GetProperty("StrangerBodiesRefused").GetInt32():N0} |",
    ];
}

// wrk's p99 under load against its p99 alone ("2.07×"), or "?" where either could not be read.
string P99Ratio(string alone, string during) =>
    WrkMilliseconds(during) is { } d && WrkMilliseconds(alone) is { } a && a > 0 ? $"{d / a:F2}×" : "?";

string Wrk() => new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(System.IO.File.Exists);

// Wrk's figures for 15 s of reads alone and 15 s while the simulator ingests 60,000 full-shape orders with two clients,
// and the ingest's.
((string PagesPerSecond, string P50, string P99) Alone, (string PagesPerSecond, string P50, string P99) During, System.Text.Json.JsonElement Ingest)
    MeasureReadsUnderIngest(string wrk, string url, string operatorKey, string stores, string simulator, ConvertableDirectoryPath bench, int? pagesPerSecond = null)
{
    var (alone, during, ingests) = MeasureReads(wrk, url, stores, bench, pagesPerSecond, 15, () =>
    {
        var ingest = StartIngest(simulator, url, operatorKey, 60_000, 2);
        System.Threading.Thread.Sleep(500);
        return [ingest];
    });
    return (alone, during, Json(ingests[0]));
}

System.Text.Json.JsonElement Json(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement;

// The simulator's ingest into a store of its own (its own key), printing its figures as JSON when it ends.
IProcess StartIngest(string simulator, string url, string operatorKey, int orders, int clients) =>
    StartAndReturnProcess("dotnet", new ProcessSettings
    {
        Arguments = $"\"{simulator}\" ingest --base-url {url} --operator-key {operatorKey} --orders {orders} --clients {clients} --shape Full --json",
        RedirectStandardOutput = true,
    });

// 200 integrations linked to the sellers' stores (`stores`, SellerStores: integration i to store i mod 10, so that consecutive
// requests are different stores', as many sellers' are; made once for each service), wrk walking their pages 1-5 for `seconds` alone, then for
// as long again once `startLoad` has started its load (ingests, a flood): wrk's figures both times, and what each load
// process printed when it ended.
((string PagesPerSecond, string P50, string P99) Alone, (string PagesPerSecond, string P50, string P99) During, string[] LoadOutputs)
    MeasureReads(string wrk, string url, string stores, ConvertableDirectoryPath bench, int? pagesPerSecond, int seconds, Func<IProcess[]> startLoad)
{
    using var http = new System.Net.Http.HttpClient { BaseAddress = new Uri(url) };
    if (!readerTokens.TryGetValue(stores, out var tokens))
    {
        readerTokens[stores] = tokens = [.. Enumerable.Range(0, 200).Select(i => LinkedIntegration(http, stores, $"Reader {i}", i))];
    }

    var script = MakeAbsolute(bench + File("orders-200.lua")).FullPath;
    System.IO.File.WriteAllText(script,
        "tokens = { " + string.Join(", ", tokens.Select(t => $"\"{t}\"")) + " }\n" +
        "n = 0\n" +
        "request = function()\n" +
        "  n = n + 1\n" +
        "  local token = tokens[(n % #tokens) + 1]\n" +
        "  local page = (math.floor(n / #tokens) % 5) + 1\n" +
        "  return wrk.format(\"POST\", \"/api/Order/Orders\", { [\"Content-Type\"] = \"application/json\" }, " +
        "'{\"AuthorizationToken\":\"' .. token .. '\",\"UTCTimeFrom\":\"2020-01-01 00:00:00Z\",\"PageNumber\":' .. page .. '}')\n" +
        "end\n" +
        // Paced: each connection waits a random 0 to 2×(64/rate) s before its next request, so the 64 together ask
        // about `rate` pages a second, as sellers' Linnworks polls arrive, instead of as fast as the service answers.
        (pagesPerSecond is { } rate ? $"delay = function() return math.random(0, {2 * 64_000 / rate}) end\n" : string.Empty));
    (string PagesPerSecond, string P50, string P99) Run(int seconds)
    {
        StartProcess(wrk, new ProcessSettings { Arguments = $"-t2 -c64 -d{seconds}s --latency -s \"{script}\" {url}/api/Order/Orders", RedirectStandardOutput = true }, out var output);
        var text = output.ToList();
        string Field(string prefix) => text.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "?";
        return (Field("Requests/sec:"), Field("50%"), Field("99%"));
    }

    Run(5); // every integration's first run started, the service warm
    var alone = Run(seconds);
    var ingests = startLoad();
    var during = Run(seconds);
    foreach (var ingest in ingests)
    {
        ingest.WaitForExit();
    }

    return (alone, during, ingests.Select(i => string.Join("\n", i.GetStandardOutput())).ToArray());
}

// The service as the Bench runs it: the build's ChannelBridge.Api.dll on loopback with its own settings file (its folder
// as the content root, as deployed), a SQLite file of its own, warnings only, no rate limits in the way of the load,
// Server-Timing on (the curve sets the service's share of a latency apart from the simulator's, which shares the
// cores), and the garbage collector's gen0 budget as deployed (ADR-020).
IProcess StartService(string dll, string url, string database, string operatorKey, ConvertableDirectoryPath workingDirectory) =>
    StartAndReturnProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(dll).Append("--urls").Append(url)
            .Append("--contentRoot").AppendQuoted(System.IO.Path.GetDirectoryName(dll)!),
        WorkingDirectory = workingDirectory,
        EnvironmentVariables = new Dictionary<string, string>
        {
            ["ChannelApi__OperatorKey"] = operatorKey,
            ["DataProtection__KeyRingKey"] = "bench-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            ["ConnectionStrings__ChannelBridge"] = "Data Source=" + database,
            ["Logging__LogLevel__Default"] = "Warning",
            ["RateLimits__LinnworksPerIntegrationPerMinute"] = "1000000",
            ["RateLimits__ChannelPerKeyPerMinute"] = "1000000",
            ["RateLimits__NewIntegrationsPerAddressPerMinute"] = "1000000",
            // The Bench links hundreds of integrations to its stores over a run (ADR-039's limit is not what it measures).
            ["Integrations__MaxLinkedPerStore"] = "0",
            ["Api__ServerTiming"] = "true",
            ["DOTNET_GCgen0size"] = "0x2000000",
        },
    });

// Full-shape ingest against an earlier commit (--bench-baseline, 59d4f62 by default; "none" skips it), in this run:
// the commit's service is built from a git worktree, and each build in turn gets a fresh SQLite file, 80,000 orders to
// warm up (tiered compilation settles only after that many), then 50,000 each with one, two and four clients. Each
// figure is the service's own CPU time an order besides the client's orders/s. Two rounds, builds alternated.
IEnumerable<string> IngestAgainstBaseline(string serviceDll, string simulator, ConvertableDirectoryPath bench)
{
    var commit = Argument("bench-baseline", "59d4f62");
    if (commit == "none")
    {
        return [];
    }

    if (StartProcess("git", new ProcessSettings { Arguments = $"cat-file -e {commit}^{{commit}}", RedirectStandardError = true }) != 0)
    {
        return [$"Ingest against {commit}: not measured (the commit is not in this clone; fetch its history or pass --bench-baseline)."];
    }

    var tree = MakeAbsolute(Directory($"./artifacts/baseline/{commit}"));
    if (!DirectoryExists(tree))
    {
        RunGit("worktree prune");   // a worktree whose folder a clean removed is still registered until pruned
        RunGit($"worktree add --detach \"{tree.FullPath}\" {commit}");
    }

    var output = tree.Combine("out");
    DotNetBuild(tree.CombineWithFilePath("src/Api/Api.csproj").FullPath, new DotNetBuildSettings { Configuration = "Release", OutputDirectory = output });
    var builds = new[] { (Label: commit, Dll: output.CombineWithFilePath("ChannelBridge.Api.dll").FullPath), (Label: "this build", Dll: serviceDll) };
    var runs = builds.ToDictionary(b => b.Label, _ => new List<(double One, double OneCpu, double Two, double TwoCpu, double Four, double FourCpu)>());
    for (var round = 0; round < 2; round++)
    {
        foreach (var build in builds)
        {
            runs[build.Label].Add(IngestRun(build.Dll, simulator, bench, $"baseline-{round}-{runs[build.Label].Count}-{build.Label.Replace(' ', '-')}"));
        }
    }

    string Pair(IEnumerable<double> values, string format) => string.Join(" / ", values.Select(v => v.ToString(format, System.Globalization.CultureInfo.InvariantCulture)));
    double Ratio(Func<(double One, double OneCpu, double Two, double TwoCpu, double Four, double FourCpu), double> figure) =>
        runs["this build"].Average(figure) / runs[commit].Average(figure);
    var lines = new List<string>
    {
        $"Full-shape ingest against {commit}, in this run (each build on a fresh SQLite file after 80,000 orders of warm-up, 50,000 orders " +
        "with one client, then two, then four (as the issue first measured it), two rounds with the builds alternated; CPU is the service's own, an order):",
        string.Empty,
        "| Build | 1 client: orders/s | µs CPU an order | 2 clients: orders/s | µs CPU an order | 4 clients: orders/s | µs CPU an order |",
        "|---|---:|---:|---:|---:|---:|---:|",
    };
    lines.AddRange(builds.Select(b => $"| {b.Label} | {Pair(runs[b.Label].Select(r => r.One), "N0")} | {Pair(runs[b.Label].Select(r => r.OneCpu), "N0")} | " +
        $"{Pair(runs[b.Label].Select(r => r.Two), "N0")} | {Pair(runs[b.Label].Select(r => r.TwoCpu), "N0")} | " +
        $"{Pair(runs[b.Label].Select(r => r.Four), "N0")} | {Pair(runs[b.Label].Select(r => r.FourCpu), "N0")} |"));
    lines.Add(string.Empty);
    lines.Add($"This build against {commit}, means of the rounds: {Ratio(r => r.One):F2}× the orders/s with one client, {Ratio(r => r.Two):F2}× with two " +
              $"and {Ratio(r => r.Four):F2}× with four; {Ratio(r => r.OneCpu):F2}×, {Ratio(r => r.TwoCpu):F2}× and {Ratio(r => r.FourCpu):F2}× the CPU an order.");
    lines.Add(string.Empty);
    lines.AddRange(ReadsUnderIngestAgainstBaseline(commit, tree, builds, simulator, bench));
    return lines;
}

// The reads-under-ingest measurement on each build in turn, each on a fresh service and demo store (the commit's demo
// store made by the commit's own simulator: the current one calls endpoints an older service may not have).
IEnumerable<string> ReadsUnderIngestAgainstBaseline(string commit, DirectoryPath tree, (string Label, string Dll)[] builds, string simulator, ConvertableDirectoryPath bench)
{
    if (Wrk() is not { } wrk)
    {
        return [$"Reads under ingest against {commit}: not measured (wrk is not installed)."];
    }

    var commitSimulator = tree.Combine("sim");
    DotNetBuild(tree.CombineWithFilePath("tools/LinnworksSimulator/LinnworksSimulator.csproj").FullPath, new DotNetBuildSettings { Configuration = "Release", OutputDirectory = commitSimulator });
    var demoSimulator = System.IO.Directory.GetFiles(commitSimulator.FullPath, "*LinnworksSimulator.dll").Single();
    var url = "http://127.0.0.1:5098";
    ((string PagesPerSecond, string P50, string P99) Alone, (string PagesPerSecond, string P50, string P99) During, double Ingest) Measure((string Label, string Dll) build, int? pace)
    {
        var operatorKey = "bench-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var name = build.Label.Replace(' ', '-') + (pace is null ? string.Empty : "-paced");
        var service = StartService(build.Dll, url, MakeAbsolute(bench + File($"reads-{name}.db")).FullPath, operatorKey, bench);
        try
        {
            WaitForHealth(url + "/health");
            var answers = MakeAbsolute(bench + File($"answers-{name}.json")).FullPath;
            var demo = build.Label == commit ? demoSimulator : simulator;
            RunOrThrow(demo, $"demo --base-url {url} --operator-key {operatorKey} --orders 500 --products 1000 --answers-out \"{answers}\"", out _);
            var (alone, during, ingest) = MeasureReadsUnderIngest(wrk, url, operatorKey, SellerStores(demo, url, operatorKey, answers), simulator, bench, pace);
            return (alone, during, ingest.GetProperty("OrdersPerSecond").GetDouble());
        }
        finally
        {
            service.Kill();
            service.WaitForExit();
        }
    }

    var lines = new List<string>
    {
        $"Reads while orders pour in, against {commit} in this run (the same measurement as above, each build on a fresh service and demo store):",
        string.Empty,
        "| Build | pages/s alone | p99 alone | pages/s while ingesting | p99 while ingesting | p99 against alone | ingest under the reads, orders/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    };
    foreach (var build in builds)
    {
        var (alone, during, ingest) = Measure(build, pace: null);
        lines.Add($"| {build.Label} | {alone.PagesPerSecond} | {alone.P99} | {during.PagesPerSecond} | {during.P99} | {P99Ratio(alone.P99, during.P99)} | {ingest:N0} |");
    }

    // Unpaced, each build's reads take every turn the ingest leaves, so a build that serves more pages leaves its ingest
    // less CPU. The same reads at one fixed rate, below what either build serves while ingesting, set that apart.
    const int PacedRate = 150;
    lines.AddRange(
    [
        string.Empty,
        $"The same with the 64 connections paced to about {PacedRate} Orders pages a second together (each waits a random 0-{2 * 64_000 / PacedRate} ms " +
        "before its next request), so both builds serve the same reads and the ingest gets what is left:",
        string.Empty,
        "| Build | pages/s alone | p99 alone | pages/s while ingesting | p99 while ingesting | ingest under the reads, orders/s |",
        "|---|---:|---:|---:|---:|---:|",
    ]);
    var paced = new Dictionary<string, double>();
    foreach (var build in builds)
    {
        var (alone, during, ingest) = Measure(build, PacedRate);
        paced[build.Label] = ingest;
        lines.Add($"| {build.Label} | {alone.PagesPerSecond} | {alone.P99} | {during.PagesPerSecond} | {during.P99} | {ingest:N0} |");
    }

    lines.Add(string.Empty);
    lines.Add($"Ingest under paced reads: this build {paced["this build"] / paced[commit]:F2}× {commit}'s.");
    return lines;
}

// One build's ingest: a fresh service and store, the warm-up, then one, two and four clients; orders/s and the service's CPU µs an order.
(double One, double OneCpu, double Two, double TwoCpu, double Four, double FourCpu) IngestRun(string dll, string simulator, ConvertableDirectoryPath bench, string name)
{
    var url = "http://127.0.0.1:5098";
    var operatorKey = "bench-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
    var service = StartService(dll, url, MakeAbsolute(bench + File(name + ".db")).FullPath, operatorKey, bench);
    try
    {
        WaitForHealth(url + "/health");
        var process = ServiceProcess(url) ?? throw new Exception("The service's process was not found (its CPU time is read from /proc).");
        (double PerSecond, double CpuMicroseconds) Ingest(int orders, int clients)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            RunOrThrow(simulator, $"ingest --base-url {url} --operator-key {operatorKey} --orders {orders} --clients {clients} --shape Full --json", out var json);
            process.Refresh();
            var perSecond = System.Text.Json.JsonDocument.Parse(string.Join("\n", json)).RootElement.GetProperty("OrdersPerSecond").GetDouble();
            return (perSecond, (process.TotalProcessorTime - cpu).TotalMilliseconds * 1000 / orders);
        }

        Ingest(80_000, 1);
        var one = Ingest(50_000, 1);
        var two = Ingest(50_000, 2);
        var four = Ingest(50_000, 4);
        return (one.PerSecond, one.CpuMicroseconds, two.PerSecond, two.CpuMicroseconds, four.PerSecond, four.CpuMicroseconds);
    }
    finally
    {
        service.Kill();
        service.WaitForExit();
    }
}

void RunGit(string arguments)
{
    if (StartProcess("git", new ProcessSettings { Arguments = arguments }) != 0)
    {
        throw new Exception($"git {arguments} failed.");
    }
}

// The reader integrations MeasureReads linked, by the stores file they were linked to (each service's own).
Dictionary<string, List<string>> readerTokens = new();

// The sellers' stores: the demo store (`answers`) and nine more like it (500 orders, 1,000 listings), made by `simulator`'s demo, as one
// answers file holding an array of them (the simulator's load mode takes it: seller i integrates with store i mod 10).
// Sellers are stores of their own in production; one store's integrations share its turns (ADR-043), so sellers who
// were all one store's would measure that store's share, not the node.
string SellerStores(string simulator, string url, string operatorKey, string answers)
{
    var files = new List<string> { answers };
    for (var i = 1; i < 10; i++)
    {
        var file = System.IO.Path.ChangeExtension(answers, null) + $"-seller-{i}.json";
        RunOrThrow(simulator, $"demo --base-url {url} --operator-key {operatorKey} --orders 500 --products 1000 --answers-out \"{file}\"", out _);
        files.Add(file);
    }

    var stores = System.IO.Path.ChangeExtension(answers, null) + "-stores.json";
    System.IO.File.WriteAllText(stores, "[" + string.Join(",", files.Select(System.IO.File.ReadAllText)) + "]");
    return stores;
}

// POSTs JSON and answers the body (the Bench's setup calls; their answers are read, not checked).
string PostJson(System.Net.Http.HttpClient http, string path, string json)
{
    using var response = http.PostAsync(path, new System.Net.Http.StringContent(json, System.Text.Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
    return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
}

// A new integration linked through the wizard to a store (an answers file: one store, or an array of them, of which the
// one at `index` mod their number), with the default order settings: its token.
string LinkedIntegration(System.Net.Http.HttpClient http, string answers, string accountName, int index = 0)
{
    var root = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(answers)).RootElement;
    var store = root.ValueKind == System.Text.Json.JsonValueKind.Array ? root[index % root.GetArrayLength()] : root;
    var token = System.Text.Json.JsonDocument.Parse(PostJson(http, "/api/Config/AddNewUser",
        $"{{\"LinnworksUniqueIdentifier\":\"{Guid.NewGuid()}\",\"Email\":\"bench@example.com\",\"AccountName\":\"{accountName}\"}}")).RootElement.GetProperty("AuthorizationToken").GetString()!;
    PostJson(http, "/api/Config/SaveConfig", $"{{\"AuthorizationToken\":\"{token}\",\"StepName\":\"ConnectStore\",\"ConfigItems\":[{{\"ConfigItemId\":\"StoreId\",\"SelectedValue\":\"{store.GetProperty("StoreId").GetString()}\"}},{{\"ConfigItemId\":\"StoreKey\",\"SelectedValue\":\"{store.GetProperty("StoreKey").GetString()}\"}}]}}");
    PostJson(http, "/api/Config/SaveConfig", $"{{\"AuthorizationToken\":\"{token}\",\"StepName\":\"OrderSettings\",\"ConfigItems\":[]}}");
    return token;
}

// A number property of a simulator timing, or null where it is absent or null (a service without Server-Timing).
double? Number(System.Text.Json.JsonElement element, string name) =>
    element.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.Number ? value.GetDouble() : null;

// The raw baseline's p50 (ms) from the in-process benchmark's page of this run, to set the HTTP page against it.
double? RawBaselineP50(string benchmarkMarkdown)
{
    var match = System.Text.RegularExpressions.Regex.Match(System.IO.File.ReadAllText(benchmarkMarkdown), @"Raw baseline[^:]*: p50 ([0-9.]+) ms");
    return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
}

// A wrk latency ("701.00us", "1.23ms", "1.02s") in milliseconds; null if it reads otherwise.
double? WrkMilliseconds(string text)
{
    var match = System.Text.RegularExpressions.Regex.Match(text, @"^([0-9.]+)(us|ms|s)$");
    if (!match.Success)
    {
        return null;
    }

    var value = double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
}

// The service started for the load (Cake's IProcess does not expose its id): the dotnet process whose command line
// names the API and the URL, read from /proc (Linux); null elsewhere, and the CPU share is then not reported.
System.Diagnostics.Process ServiceProcess(string url)
{
    foreach (var process in System.Diagnostics.Process.GetProcessesByName("dotnet"))
    {
        var cmdline = $"/proc/{process.Id}/cmdline";
        if (System.IO.File.Exists(cmdline))
        {
            var text = System.IO.File.ReadAllText(cmdline);
            if (text.Contains("ChannelBridge.Api.dll") && text.Contains(url))
            {
                return process;
            }
        }
    }

    return null;
}

// The status a GET of url answers with, or null when nothing answers (within 2 s).
System.Net.HttpStatusCode? Probe(string url)
{
    using var http = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    try
    {
        using var response = http.GetAsync(url).GetAwaiter().GetResult();
        return response.StatusCode;
    }
    catch (Exception ex) when (ex is System.Net.Http.HttpRequestException or TaskCanceledException)
    {
        return null;
    }
}

bool Answers(string url) => Probe(url) is not null;

void WaitForHealth(string url)
{
    for (var i = 0; i < 60; i++)
    {
        if (Probe(url) is System.Net.HttpStatusCode.OK)
        {
            return;
        }

        System.Threading.Thread.Sleep(500);
    }

    throw new Exception($"{url} did not become healthy.");
}

void RunOrThrow(string dll, string arguments, out IEnumerable<string> output)
{
    var exit = StartProcess("dotnet", new ProcessSettings { Arguments = $"\"{dll}\" {arguments}", RedirectStandardOutput = true }, out output);
    if (exit != 0)
    {
        throw new Exception($"dotnet {dll} {arguments} exited {exit}:\n{string.Join("\n", output)}");
    }
}
