// Linnworks simulator: drives any channel integration as Linnworks does and checks every answer.
//   dotnet run --project tools/LinnworksSimulator -- --base-url http://localhost:5080 --answers demo-answers.json
//   dotnet run --project tools/LinnworksSimulator -- demo --base-url http://localhost:5080 --operator-key …
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChannelBridge.LinnworksSimulator.Simulation;

namespace ChannelBridge.LinnworksSimulator;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var baseUrl = new Option<Uri?>("--base-url") { Description = "Where the integration runs; its manifest is read from <base-url>/api/manifest unless --manifest is given.", CustomParser = r => BaseUrl(r.Tokens.Single().Value) };
        var manifestFile = new Option<FileInfo?>("--manifest") { Description = "A manifest JSON file (portal shape or flat) for an integration that serves none." };
        var rebase = new Option<bool>("--rebase") { Description = "Send every manifest endpoint to --base-url (keep only the paths)." };
        var answersFile = new Option<FileInfo?>("--answers")
        {
            Description = "Wizard answers: a JSON object of ConfigItemId → value, or an array of them (load mode: seller i integrates with the i-th mod their number; otherwise the first).",
        };
        var interactive = new Option<bool>("--interactive") { Description = "Ask in the terminal for required wizard items the answers do not hold." };
        var sinceDays = new Option<int>("--since-days") { Description = "UTCTimeFrom for Orders, in days before now.", DefaultValueFactory = _ => 30 };
        var noDespatch = new Option<bool>("--no-despatch") { Description = "Do not despatch the downloaded orders." };
        var split = new Option<bool>("--split") { Description = "Despatch each order in two parts (first line, then the rest)." };
        var postSale = new Option<bool>("--post-sale") { Description = "Also call PostSaleOptions, Cancel and Refund." };
        var batch = new Option<int>("--batch") { Description = "InventoryUpdate/PriceUpdate batch size.", DefaultValueFactory = _ => 1000 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var sellers = new Option<int>("--sellers") { Description = "Load mode: this many simulated sellers polling at once (loopback only)." };
        var duration = new Option<int>("--duration") { Description = "Load mode: seconds to run.", DefaultValueFactory = _ => 30 };
        var callsPerMinute = new Option<int>("--calls-per-minute") { Description = "Load mode: calls per minute per seller, 0 for unpaced (default 500: under ChannelBridge's default limit of 600).", DefaultValueFactory = _ => 500 };

        var root = new RootCommand("Plays Linnworks against a channel integration and checks every answer against the contract.")
        {
            baseUrl, manifestFile, rebase, answersFile, interactive, sinceDays, noDespatch, split, postSale, batch, json, sellers, duration, callsPerMinute,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var url = parse.GetValue(baseUrl);
            var file = parse.GetValue(manifestFile);
            if (url is null && file is null)
            {
                Console.Error.WriteLine("Give --base-url (and/or --manifest).");
                return 2;
            }

            var manifestJson = file is not null ? await File.ReadAllTextAsync(file.FullName, cancellationToken) : await http.GetStringAsync(new Uri(url!, "api/manifest"), cancellationToken);
            var manifest = Manifest.Parse(manifestJson, parse.GetValue(rebase) ? url : null);
            var answerSets = parse.GetValue(answersFile) is { } a ? ReadAnswers(await File.ReadAllTextAsync(a.FullName, cancellationToken)) : [];
            var options = new ScenarioOptions
            {
                Answers = answerSets.Count > 0 ? answerSets[0] : new Dictionary<string, string>(),
                AnswerSets = answerSets,
                Prompt = parse.GetValue(interactive) ? AskInTerminal : null,
                OrdersSinceUtc = DateTime.UtcNow.AddDays(-parse.GetValue(sinceDays)),
                Despatch = !parse.GetValue(noDespatch),
                SplitDespatch = parse.GetValue(split),
                PostSale = parse.GetValue(postSale),
                UpdateBatchSize = parse.GetValue(batch),
                PlatformBaseUrl = url,
                CallsPerMinute = parse.GetValue(callsPerMinute),
                Progress = parse.GetValue(json) ? null : message => Console.Error.WriteLine($"  … {message}"),
            };

            var report = new Report();
            if (parse.GetValue(sellers) > 0)
            {
                var target = manifest.Endpoint("Orders") ?? url!;
                var rounds = await LoadRunner.RunAsync(() => new LinnworksClient(http, manifest, report), options, parse.GetValue(sellers), TimeSpan.FromSeconds(parse.GetValue(duration)), target, cancellationToken);
                Console.Error.WriteLine($"  … {parse.GetValue(sellers)} sellers completed {rounds} polling rounds in {parse.GetValue(duration)} s");
            }
            else
            {
                await new Scenario(new LinnworksClient(http, manifest, report), options).RunAsync(cancellationToken);
            }

            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(report.ToDocument(), new JsonSerializerOptions { WriteIndented = true }) : report.ToText());
            return report.Failed == 0 ? 0 : 1;
        });

        var operatorKey = new Option<string>("--operator-key") { Description = "The ChannelBridge operator key.", Required = true };
        var orders = new Option<int>("--orders") { Description = "Orders to create.", DefaultValueFactory = _ => 250 };
        var products = new Option<int>("--products") { Description = "Listings to create.", DefaultValueFactory = _ => 500 };
        var answersOut = new Option<FileInfo>("--answers-out") { Description = "Where to write the wizard answers for the demo store.", DefaultValueFactory = _ => new FileInfo("demo-answers.json") };
        var demoBaseUrl = new Option<Uri>("--base-url") { Description = "The ChannelBridge to create the demo store on.", Required = true, CustomParser = r => BaseUrl(r.Tokens.Single().Value) };
        var demo = new Command("demo", "Creates a demo store with realistic orders, listings and tags on a ChannelBridge, and writes the wizard answers.")
        {
            demoBaseUrl, operatorKey, orders, products, answersOut,
        };
        demo.SetAction(async (parse, cancellationToken) =>
        {
            using var http = new HttpClient();
            var target = parse.GetValue(demoBaseUrl)!;
            var answers = await Demo.CreateAsync(http, target, parse.GetValue(operatorKey)!, parse.GetValue(orders), parse.GetValue(products), cancellationToken);
            var file = parse.GetValue(answersOut)!;
            await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(answers, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
            Console.WriteLine($"Demo store {answers["StoreId"]} created with {parse.GetValue(orders)} orders and {parse.GetValue(products)} listings.");
            Console.WriteLine($"Wizard answers written to {file.Name}. Now run:");
            Console.WriteLine($"  dotnet run --project tools/LinnworksSimulator -- --base-url {target} --answers {file.Name}");
            return 0;
        });
        root.Subcommands.Add(demo);

        var ingestBaseUrl = new Option<Uri>("--base-url") { Description = "The ChannelBridge to ingest into.", Required = true, CustomParser = r => BaseUrl(r.Tokens.Single().Value) };
        var ingestOperatorKey = new Option<string>("--operator-key") { Description = "The ChannelBridge operator key (a new store is created).", Required = true };
        var ingestOrders = new Option<int>("--orders") { Description = "Orders to post, in batches of 500 with 3 lines each.", DefaultValueFactory = _ => 50_000 };
        var ingestClients = new Option<int>("--clients") { Description = "Concurrent HTTP clients.", DefaultValueFactory = _ => 2 };
        var ingestJson = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var ingestShape = new Option<IngestShape>("--shape") { Description = "Full: orders as a marketplace sends them (about 2 KB); Light: one address, three plain lines.", DefaultValueFactory = _ => IngestShape.Full };
        var ingestResend = new Option<bool>("--resend") { Description = "Then send every batch again, as a platform re-pushing its orders does; every order must come back Unchanged." };
        var ingest = new Command("ingest", "Measures order ingest through the Channel API: a new store, orders posted in batches of 500 (3 lines each), orders per second.")
        {
            ingestBaseUrl, ingestOperatorKey, ingestOrders, ingestClients, ingestJson, ingestShape, ingestResend,
        };
        ingest.SetAction(async (parse, cancellationToken) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var result = await IngestRunner.RunAsync(
                http, parse.GetValue(ingestBaseUrl)!, parse.GetValue(ingestOperatorKey)!, parse.GetValue(ingestOrders), parse.GetValue(ingestClients), cancellationToken, parse.GetValue(ingestShape), parse.GetValue(ingestResend));
            Console.WriteLine(parse.GetValue(ingestJson)
                ? JsonSerializer.Serialize(result)
                : $"{result.Orders:N0} orders in {result.Batches:N0} batches by {result.Clients} clients: {result.OrdersPerSecond:N0} orders/s; batch p50 {result.BatchP50Ms:F1} ms, p99 {result.BatchP99Ms:F1} ms." +
                  (result.ResendOrdersPerSecond > 0 ? $" Sent again (all Unchanged): {result.ResendOrdersPerSecond:N0} orders/s; batch p50 {result.ResendBatchP50Ms:F1} ms, p99 {result.ResendBatchP99Ms:F1} ms." : string.Empty));
            return 0;
        });
        root.Subcommands.Add(ingest);

        var heldBaseUrl = new Option<Uri>("--base-url") { Description = "The ChannelBridge to measure.", Required = true, CustomParser = r => BaseUrl(r.Tokens.Single().Value) };
        var heldToken = new Option<string>("--token") { Description = "The AuthorizationToken of a linked integration: the seller whose calls are measured.", Required = true };
        var heldConnections = new Option<int>("--connections") { Description = "Strangers holding bodies at once.", DefaultValueFactory = _ => 200 };
        var heldSeconds = new Option<int>("--seconds") { Description = "How long the strangers hold bodies.", DefaultValueFactory = _ => 20 };
        var heldSkus = new Option<int>("--skus") { Description = "How many of the demo store's listings each InventoryUpdate sets (at most the demo's --products).", DefaultValueFactory = _ => 1000 };
        var heldJson = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var held = new Command("hold-bodies", "Measures a seller's Linnworks calls while strangers hold large bodies with made-up tokens (ADR-026).")
        {
            heldBaseUrl, heldToken, heldConnections, heldSeconds, heldSkus, heldJson,
        };
        held.SetAction(async (parse, cancellationToken) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var result = await HeldBodiesRunner.RunAsync(
                http, parse.GetValue(heldBaseUrl)!, parse.GetValue(heldToken)!, parse.GetValue(heldConnections), TimeSpan.FromSeconds(parse.GetValue(heldSeconds)), parse.GetValue(heldSkus), cancellationToken);
            Console.WriteLine(parse.GetValue(heldJson)
                ? JsonSerializer.Serialize(result)
                : $"{result.Connections} strangers for {result.Seconds:F0} s ({result.StrangerBodiesRefused:N0} of their bodies refused): the seller's calls {result.SellerCalls}, " +
                  $"answered with an error {result.SellerErrors}{(result.FirstSellerError is null ? string.Empty : $" (first: {result.FirstSellerError})")}, slowest {result.SellerSlowestMs:F0} ms.");
            return 0;
        });
        root.Subcommands.Add(held);

        return await root.Parse(args).InvokeAsync();
    }

    // Relative endpoint paths resolve under the base URL's path only if it ends with '/'.
    private static Uri BaseUrl(string text) => new(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);

    /// <summary>An answers file: one object of ConfigItemId → value, or an array of them (one per store).</summary>
    private static List<IReadOnlyDictionary<string, string>> ReadAnswers(string json) => json.TrimStart().StartsWith('[')
        ? [.. JsonSerializer.Deserialize<List<Dictionary<string, string>>>(json)!]
        : [JsonSerializer.Deserialize<Dictionary<string, string>>(json)!];

    private static string? AskInTerminal(JsonObject item)
    {
        var list = item["ListValues"] is JsonArray values && values.Count > 0 ? $" [{string.Join(", ", values.Select(v => v?["Value"]))}]" : string.Empty;
        Console.Error.Write($"{item["Name"]} ({item["ValueType"]}){list}: ");
        return Console.ReadLine();
    }
}
