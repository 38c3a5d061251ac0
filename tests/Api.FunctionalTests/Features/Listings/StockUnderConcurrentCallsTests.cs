using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ChannelBridge.Api.FunctionalTests.Features.Listings;

/// <summary>
/// Stock levels from two Linnworks integrations of one store at once (ADR-043), some calls sent twice (a retry, at once
/// or after the answer), while the platform adds products to the store. Each call reads its listings before its write, so
/// calls meet each other's changes as in production. What the platform needs of its feed: every level answered as
/// recorded is on it, a level the listing already had from Linnworks adds nothing (no two entries in a row say the same),
/// nothing is there that Linnworks did not send, and its last entry for a SKU is the stock the listing holds.
/// </summary>
public abstract class StockUnderConcurrentCallsContract(ApiFactory factory)
{
    private const int Skus = 8;
    private const int CallsEach = 15;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task LevelsFromTwoIntegrationsAtOnce_WithRetries_ReachTheFeedInTheOrderTheListingsTookThem(int seed)
    {
        var (first, storeId, key) = await factory.Integrate();
        var second = await LinkAnotherAsync(storeId, key);
        var store = factory.ChannelClient(key);
        await PushAsync(store, storeId, [.. Enumerable.Range(0, Skus).Select(Sku)]);
        var sent = new ConcurrentBag<(string Sku, int Quantity, string? Error)>();

        await Task.WhenAll(
            SendLevelsAsync(new Random(seed * 10), first, sent),
            SendLevelsAsync(new Random(seed * 10 + 1), second, sent),
            AddProductsAsync(store, storeId));

        sent.Select(s => s.Error).OfType<string>().Where(e => !e.Contains("retry", StringComparison.OrdinalIgnoreCase))
            .Should().BeEmpty("every SKU is known and every level valid");
        var feed = await FeedAsync(store, storeId);
        var stock = await StockAsync(first);
        foreach (var sku in Enumerable.Range(0, Skus).Select(Sku))
        {
            var levels = feed.Where(f => f.Sku == sku).Select(f => f.Quantity).ToList();
            var recorded = sent.Where(s => s.Sku == sku && s.Error is null).Select(s => s.Quantity).ToHashSet();
            levels.Zip(levels.Skip(1)).Should().NotContain(pair => pair.First == pair.Second, "a level the listing already had from Linnworks adds no entry ({0})", sku);
            levels.Should().OnlyContain(q => sent.Any(s => s.Sku == sku && s.Quantity == q), "only levels Linnworks sent ({0})", sku);
            recorded.Should().BeSubsetOf(levels, "every level answered as recorded is on the feed ({0})", sku);
            if (levels.Count > 0)
            {
                stock[sku].Should().Be(levels[^1], "the feed's last level for {0} is the stock its listing holds", sku);
            }
        }
    }

    private static string Sku(int i) => $"ST-{i}";

    /// <summary>A second Linnworks integration linked to the store (ADR-043).</summary>
    private async Task<string> LinkAnotherAsync(string storeId, string key)
    {
        var client = factory.Client();
        var token = await client.AddNewUser("Second account");
        (await client.SaveConfig(token, "ConnectStore", ("StoreId", storeId), ("StoreKey", key))).Body["Error"].Should().BeNull();
        (await client.SaveConfig(token, "OrderSettings")).Body["Error"].Should().BeNull();
        return token;
    }

    /// <summary>One integration's InventoryUpdate calls: a few SKUs each, levels from a small range so that many repeat.</summary>
    private async Task SendLevelsAsync(Random random, string token, ConcurrentBag<(string, int, string?)> sent)
    {
        var linnworks = factory.Client();
        for (var call = 0; call < CallsEach; call++)
        {
            var levels = Enumerable.Range(0, random.Next(1, 5)).Select(_ => (Sku: Sku(random.Next(Skus)), Quantity: random.Next(4)))
                .DistinctBy(l => l.Sku).ToList();
            var body = new { AuthorizationToken = token, Products = levels.Select(l => new { SKU = l.Sku, l.Quantity }).ToArray() };
            async Task SendAsync()
            {
                var (_, answer) = await linnworks.PostJson("/api/Product/InventoryUpdate", body);
                answer["Error"].Should().BeNull();
                var products = answer["Products"]!.AsArray();
                products.Should().HaveCount(levels.Count, "every SKU sent is answered");
                for (var i = 0; i < levels.Count; i++)
                {
                    sent.Add((levels[i].Sku, levels[i].Quantity, products[i]!["Error"]?.GetValue<string>()));
                }
            }

            switch (random.Next(4))
            {
                case 0:
                    await Task.WhenAll(SendAsync(), SendAsync()); // Linnworks timed out and sends again while the first is under way
                    break;
                case 1:
                    await SendAsync();
                    await SendAsync();
                    break;
                default:
                    await SendAsync();
                    break;
            }
        }
    }

    /// <summary>The platform adds products meanwhile: each push writes the store's listing count.</summary>
    private static async Task AddProductsAsync(HttpClient store, string storeId)
    {
        for (var push = 0; push < 10; push++)
        {
            await PushAsync(store, storeId, [.. Enumerable.Range(0, 5).Select(i => $"NEW-{push}-{i}")]);
        }
    }

    private static async Task PushAsync(HttpClient store, string storeId, List<string> skus)
    {
        var (response, body) = await store.PostJson(
            $"/api/channel/v1/stores/{storeId}/products", new { Products = skus.Select(s => new { SKU = s, Title = "Mug", Quantity = 1, Price = 9.99m }).ToArray() });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, body.ToJsonString());
    }

    private static async Task<List<(string Sku, int Quantity)>> FeedAsync(HttpClient store, string storeId)
    {
        var body = await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates?limit=1000");
        return [.. body!["Updates"]!.AsArray()
            .Where(u => u!["Type"]!.GetValue<string>() == "Inventory")
            .Select(u => (u!["Payload"]!["SKU"]!.GetValue<string>(), Convert.ToInt32(u["Payload"]!["Quantity"]!.ToString(), CultureInfo.InvariantCulture)))];
    }

    /// <summary>Each listing's stock as Linnworks downloads it.</summary>
    private async Task<Dictionary<string, int>> StockAsync(string token)
    {
        var (_, body) = await factory.Client().PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 });
        return body["Products"]!.AsArray().ToDictionary(p => p!["SKU"]!.GetValue<string>(), p => p!["Quantity"]!.GetValue<int>(), StringComparer.Ordinal);
    }
}

/// <summary>The service as it runs on SQLite.</summary>
public sealed class StockUnderConcurrentCallsTests(ApiFactory factory) : StockUnderConcurrentCallsContract(factory), IClassFixture<ApiFactory>;

/// <summary>The same with the service's writes sent in batches, as on SQL Server (ADR-045, <see cref="BatchingApiFactory"/>).</summary>
public sealed class StockUnderConcurrentCallsWithBatchesTests(BatchingApiFactory factory) : StockUnderConcurrentCallsContract(factory), IClassFixture<BatchingApiFactory>;
