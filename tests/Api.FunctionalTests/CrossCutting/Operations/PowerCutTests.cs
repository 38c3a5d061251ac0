using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChannelBridge.LinnworksSimulator.Simulation;
using ChannelBridge.Tests;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>
/// An operator's power cut: the real service process is killed (SIGKILL) while full-shape order batches, Despatch
/// batches and InventoryUpdates are in flight, several times at random moments, and restarted on the same database.
/// Every call that was answered must be applied exactly once, nothing unanswered half-applied, the feed without a
/// duplicate; then every unanswered call is sent again, as a client would, and lands once.
/// </summary>
public class PowerCutTests(ITestOutputHelper output)
{
    private const string OperatorKey = "power-cut-tests-operator-key-0123456789abcdef";
    private const int Rounds = 4;
    private const int DespatchPool = 1000;
    private const int Skus = 4000;
    private const int SkusPerCall = 10;

    [Fact]
    public async Task KilledMidWrite_SeveralTimes_EveryAnsweredCallIsAppliedOnce_AndRetriesLandOnce()
    {
        var seed = System.Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        using var directory = new TemporaryDirectory("channelbridge-pc");
        var calls = new List<Call>();
        Setup setup;
        await using (var service = await ServiceProcess.StartAsync(directory.Path, Environment(directory.Path)))
        {
            setup = await SetUpAsync(service.Client);
            await service.KillAsync();
        }

        var nextDespatch = 0;
        var nextSku = 0;
        for (var round = 0; round < Rounds; round++)
        {
            await using var service = await ServiceProcess.StartAsync(directory.Path, Environment(directory.Path));
            using var stop = new CancellationTokenSource();
            var workers = new[]
            {
                Loop(calls, stop.Token, batch => OrderBatch(service.Client, setup, round, batch)),
                Loop(calls, stop.Token, _ => DespatchBatch(service.Client, setup, Interlocked.Add(ref nextDespatch, 20) - 20)),
                Loop(calls, stop.Token, _ => InventoryBatch(service.Client, setup, Interlocked.Add(ref nextSku, SkusPerCall) - SkusPerCall)),
            };
            await Task.Delay(random.Next(300, 1500));
            await service.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        var database = directory.File("cb.db");
        Verify(database, setup, calls, retried: false);
        output.WriteLine($"{calls.Count} calls, {calls.Count(c => c.Answered)} answered before the kills");

        // A client sends again what was not answered: it must land exactly once.
        await using (var service = await ServiceProcess.StartAsync(directory.Path, Environment(directory.Path)))
        {
            foreach (var call in calls.Where(c => !c.Answered).ToList())
            {
                call.Answered = await call.Send(service.Client);
            }

            await service.KillAsync();
        }

        calls.Should().OnlyContain(c => c.Answered, "every call is answered once the service is up");
        Verify(database, setup, calls, retried: true);
    }

    /// <summary>What the database holds must agree with what was answered (read with the service down, as after a restart).</summary>
    private static void Verify(string database, Setup setup, List<Call> calls, bool retried)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        var orders = Query(connection, "SELECT ReferenceNumber, Status FROM Orders WHERE StoreId = $s", setup.StoreId)
            .GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Count() == 1 ? int.Parse(g.Single()[1]) : -1);
        var feed = Query(connection, "SELECT Type, Payload FROM StoreUpdates WHERE StoreId = $s", setup.StoreId);
        var despatchEntries = feed.Where(f => f[0] == "Despatch").GroupBy(f => JsonNode.Parse(f[1])!["ReferenceNumber"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        var inventoryEntries = feed.Where(f => f[0] == "Inventory").Select(f => JsonNode.Parse(f[1])!)
            .GroupBy(p => (p["SKU"]!.GetValue<string>(), p["Quantity"]!.GetValue<int>())).ToDictionary(g => g.Key, g => g.Count());
        var quantities = Query(connection, "SELECT SKU, Quantity FROM Listings WHERE StoreId = $s", setup.StoreId).ToDictionary(r => r[0], r => int.Parse(r[1]));

        orders.Values.Should().NotContain(-1, "no order is stored twice");
        // Where-then-empty rather than OnlyContain: a run whose kills all came before the first despatch landed has none,
        // and that is not a duplicate.
        despatchEntries.Where(e => e.Value != 1).Should().BeEmpty("no despatch is recorded twice");
        inventoryEntries.Where(e => e.Value != 1).Should().BeEmpty("no stock level is recorded twice");
        foreach (var call in calls)
        {
            var state = call.Kind switch
            {
                "orders" => call.Keys.Count(k => orders.ContainsKey(k)),
                "despatch" => call.Keys.Count(k => orders[k] == 2 && despatchEntries.GetValueOrDefault(k) == 1),
                _ => call.Keys.Count(k => quantities[k] == call.Value && inventoryEntries.GetValueOrDefault((k, call.Value)) == 1),
            };
            if (call.Answered)
            {
                state.Should().Be(call.Keys.Count, $"{call.Kind} call {call.Id} was answered{(retried ? " (after a retry)" : string.Empty)}: all of it is applied");
            }
            else if (call.Kind == "orders")
            {
                state.Should().BeOneOf([0, call.Keys.Count], $"an unanswered order batch ({call.Id}) is one transaction: all or nothing");
            }
            else if (call.Kind == "inventory")
            {
                foreach (var sku in call.Keys)
                {
                    (quantities[sku] == call.Value).Should().Be(inventoryEntries.GetValueOrDefault((sku, call.Value)) == 1, $"{sku}: the new level and its feed entry go together");
                }
            }
        }

        // Each despatched order is despatched with its feed entry, or neither (one transaction per order).
        foreach (var reference in setup.DespatchPool)
        {
            (orders[reference] == 2).Should().Be(despatchEntries.GetValueOrDefault(reference) == 1, $"{reference}: status and feed entry go together");
        }

        VerifyStoreCounts(connection, setup.StoreId);
    }

    /// <summary>
    /// The store's counts, kept in the transactions that write its rows (ADR-039, ADR-041), agree with the rows a kill left:
    /// a count raised in a transaction of its own, or left behind by one rolled back, would be off for good.
    /// </summary>
    private static void VerifyStoreCounts(SqliteConnection connection, string storeId)
    {
        const string Held = """
            SELECT OrderCount, OrderChars, ListingCount, FeedSeq, FeedChars, ListingJobChars FROM Stores WHERE Id = $s
            """;
        const string Measured = """
            SELECT (SELECT COUNT(*) FROM Orders WHERE StoreId = $s),
                   (SELECT COALESCE(SUM(COALESCE(ContentChars, LENGTH(ContentJson))), 0) FROM Orders WHERE StoreId = $s),
                   (SELECT COUNT(*) FROM Listings WHERE StoreId = $s),
                   (SELECT COALESCE(MAX(Seq), 0) FROM StoreUpdates WHERE StoreId = $s),
                   (SELECT COALESCE(SUM(LENGTH(Payload) + LENGTH(DedupKey)), 0) FROM StoreUpdates WHERE StoreId = $s AND Type NOT IN ('ListingCreate', 'ListingUpdate', 'ListingDelete')),
                   (SELECT COALESCE(SUM(LENGTH(Payload)), 0) FROM StoreUpdates WHERE StoreId = $s AND Type IN ('ListingCreate', 'ListingUpdate', 'ListingDelete'))
            """;
        Query(connection, Held, storeId).Single().Should().Equal(Query(connection, Measured, storeId).Single(),
            "the store's counts (orders, their characters, listings, the feed's last cursor, its characters, listing jobs' characters) are what it holds");
    }

    private static List<string[]> Query(SqliteConnection connection, string sql, string storeId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", storeId);
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }

    /// <summary>Sends calls until stopped or the service is gone; each is recorded with whether it was answered.</summary>
    private static async Task Loop(List<Call> calls, CancellationToken stop, Func<int, Call?> next)
    {
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            if (next(batch) is not { } call)
            {
                return;
            }

            lock (calls)
            {
                calls.Add(call);
            }

            call.Answered = await call.Send(null);
            if (!call.Answered)
            {
                return;   // the service is gone
            }
        }
    }

    private static async Task<Setup> SetUpAsync(HttpClient client)
    {
        var (storeId, storeKey, token) = await ServiceCalls.LinkedStoreAsync(client, OperatorKey, "Power cut");
        var received = DateTime.UtcNow.AddHours(-1);
        var pool = Enumerable.Range(0, DespatchPool).Select(i => $"D-{i:D4}").ToList();
        foreach (var chunk in pool.Chunk(200))
        {
            await ServiceCalls.SendAsync(client, HttpMethod.Post, $"/api/channel/v1/stores/{storeId}/orders", storeKey, new { Orders = chunk.Select((r, i) => ServiceCalls.WithReference(IngestRunner.FullOrder(i, received), r)) });
        }

        await ServiceCalls.SendAsync(client, HttpMethod.Post, $"/api/channel/v1/stores/{storeId}/products", storeKey, new { Products = Enumerable.Range(0, Skus).Select(i => new { SKU = $"SKU-{i:D4}", Title = "Mug", Quantity = 0, Price = 9.99m }) });
        return new Setup(storeId, storeKey, token, pool);
    }

    private static Call OrderBatch(HttpClient client, Setup setup, int round, int batch)
    {
        var received = DateTime.UtcNow.AddHours(-1);
        var references = Enumerable.Range(0, 100).Select(i => $"R{round}-{batch:D3}-{i:D3}").ToList();
        var body = JsonSerializer.SerializeToUtf8Bytes(new { Orders = references.Select((r, i) => ServiceCalls.WithReference(IngestRunner.FullOrder(i, received), r)) });
        return new Call($"orders {round}/{batch}", "orders", references, 0, http => Send(http ?? client, $"/api/channel/v1/stores/{setup.StoreId}/orders", setup.StoreKey, body,
            answer => answer["Results"]!.AsArray().All(r => r!["Status"]!.GetValue<string>() is "Created" or "Unchanged")));
    }

    private static Call? DespatchBatch(HttpClient client, Setup setup, int first)
    {
        if (first + 20 > DespatchPool)
        {
            return null;
        }

        var references = setup.DespatchPool.Skip(first).Take(20).ToList();
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            AuthorizationToken = setup.Token,
            Orders = references.Select(r => new { ReferenceNumber = r, ShippingVendor = "Royal Mail", TrackingNumber = "T-" + r }),
        });
        return new Call($"despatch {first}", "despatch", references, 0, http => Send(http ?? client, "/api/Order/Despatch", null, body,
            answer => answer["Error"] is null && answer["Orders"]!.AsArray().All(o => o!["Error"] is null)));
    }

    private static Call? InventoryBatch(HttpClient client, Setup setup, int first)
    {
        if (first + SkusPerCall > Skus)
        {
            return null;
        }

        // Each call sets its own SKUs, so what an answered call set is what the listing must hold.
        var skus = Enumerable.Range(first, SkusPerCall).Select(i => $"SKU-{i:D4}").ToList();
        const int quantity = 7;
        var body = JsonSerializer.SerializeToUtf8Bytes(new { AuthorizationToken = setup.Token, Products = skus.Select(s => new { SKU = s, Quantity = quantity }) });
        return new Call($"inventory {first}", "inventory", skus, quantity, http => Send(http ?? client, "/api/Product/InventoryUpdate", null, body,
            answer => answer["Error"] is null && answer["Products"]!.AsArray().All(p => p!["Error"] is null)));
    }

    /// <summary>True when the service answered and the answer says every item was applied; false when it was gone or said retry.</summary>
    private static async Task<bool> Send(HttpClient client, string path, string? key, byte[] body, Func<JsonObject, bool> applied)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } } };
            if (key is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode && applied(JsonNode.Parse(text)!.AsObject());
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or JsonException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> Environment(string directory) => new()
    {
        ["ConnectionStrings__ChannelBridge"] = $"Data Source={Path.Combine(directory, "cb.db")}",
        ["ChannelApi__OperatorKey"] = OperatorKey,
        ["DataProtection__KeyRingKey"] = "power-cut-tests-key-ring-key-0123456789abcdef",
        ["RateLimits__LinnworksPerIntegrationPerMinute"] = "100000",
        ["RateLimits__ChannelPerKeyPerMinute"] = "100000",
    };

    private sealed record Setup(string StoreId, string StoreKey, string Token, List<string> DespatchPool);

    /// <summary>One call: its kind, the keys it touches (references or SKUs), the value it sets, and how to send it (again).</summary>
    private sealed class Call(string id, string kind, List<string> keys, int value, Func<HttpClient?, Task<bool>> send)
    {
        public string Id => id;

        public string Kind => kind;

        public List<string> Keys => keys;

        public int Value => value;

        public bool Answered { get; set; }

        public Task<bool> Send(HttpClient? client) => send(client);
    }
}
