using System.Collections.Concurrent;
using System.Net;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.Features.Orders;

/// <summary>
/// A platform's workers push overlapping batches of the same orders and products at once, one batch sometimes twice at
/// once, while Linnworks sends stock levels for those products (ADR-037's case, as the platforms make it). A platform's
/// HTTP client takes a 4xx as final, so every push must be answered 200 with each item's outcome: each order Created once
/// in all, the rest Updated or Unchanged, and what is stored at the end one of the versions pushed.
/// </summary>
public abstract class ChannelPushesUnderContentionContract(ApiFactory factory)
{
    private const int References = 40;
    private const int Workers = 3;
    private const int PushesEach = 6;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task OverlappingPushesAtOnce_AreEachAnswered_EachOrderCreatedOnce_AndOneVersionPushedIsKept(int seed)
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        var pushed = new ConcurrentBag<(string Reference, decimal Cost)>();
        var statuses = new ConcurrentBag<(string Reference, string Status)>();
        var productPushes = new ConcurrentBag<HttpStatusCode>();

        await Task.WhenAll([
            .. Enumerable.Range(0, Workers).Select(w => PushOrdersAsync(new Random(seed * 10 + w), w, store, storeId, pushed, statuses)),
            .. Enumerable.Range(0, 2).Select(w => PushProductsAsync(new Random(seed * 10 + Workers + w), store, storeId, productPushes)),
            SendStockAsync(new Random(seed), token)]);

        productPushes.Should().OnlyContain(s => s == HttpStatusCode.OK, "a push that meets another is decided again, not refused");
        statuses.Select(s => s.Status).Should().OnlyContain(s => s == "Created" || s == "Updated" || s == "Unchanged");
        statuses.Where(s => s.Status == "Created").GroupBy(s => s.Reference).Should().OnlyContain(g => g.Count() == 1, "an order is created once, whoever pushed it first");
        statuses.Where(s => s.Status == "Created").Select(s => s.Reference).Should().BeEquivalentTo(pushed.Select(p => p.Reference).Distinct());
        var (_, page) = await factory.Client().PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2020-01-01T00:00:00Z", PageNumber = 1 });
        var stored = page["Orders"]!.AsArray().ToDictionary(o => o!["ReferenceNumber"]!.GetValue<string>(), o => o!["PostalServiceCost"]!.GetValue<decimal>(), StringComparer.Ordinal);
        stored.Keys.Should().BeEquivalentTo(pushed.Select(p => p.Reference).Distinct(), "every order pushed is downloaded once");
        foreach (var (reference, cost) in stored)
        {
            pushed.Should().Contain((reference, cost), "what is stored for {0} is a version pushed", reference);
        }
    }

    private static string Reference(int i) => $"CP-{i:D2}";

    /// <summary>One worker's pushes: a part of the store's orders, each at a postage cost of this push's own.</summary>
    private static async Task PushOrdersAsync(
        Random random, int worker, HttpClient store, string storeId, ConcurrentBag<(string, decimal)> pushed, ConcurrentBag<(string, string)> statuses)
    {
        for (var push = 0; push < PushesEach; push++)
        {
            var cost = 1m + worker + (push * Workers);
            var references = Enumerable.Range(0, References).Where(_ => random.Next(2) == 0).Select(Reference).ToList();
            var orders = references.Select(r => OrderWithPostage(r, cost)).ToArray<object>();
            references.ForEach(r => pushed.Add((r, cost)));
            var answers = random.Next(3) == 0 ? await Task.WhenAll(store.Push(storeId, orders), store.Push(storeId, orders)) : [await store.Push(storeId, orders)];
            foreach (var result in answers.SelectMany(a => a["Results"]!.AsArray()))
            {
                statuses.Add((result!["ReferenceNumber"]!.GetValue<string>(), result["Status"]!.GetValue<string>()));
            }
        }
    }

    /// <summary>A worker pushing the store's products again and again, titles changed, beside the other.</summary>
    private static async Task PushProductsAsync(Random random, HttpClient store, string storeId, ConcurrentBag<HttpStatusCode> statuses)
    {
        for (var push = 0; push < PushesEach; push++)
        {
            var products = Enumerable.Range(0, 20).Select(i => new { SKU = $"CP-SKU-{i}", Title = $"Mug {random.Next(5)}", Quantity = 5, Price = 9.99m }).ToArray();
            var (response, _) = await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = products });
            statuses.Add(response.StatusCode);
        }
    }

    /// <summary>Linnworks' stock levels for those products meanwhile: a SKU not pushed yet is answered as unknown.</summary>
    private async Task SendStockAsync(Random random, string token)
    {
        var linnworks = factory.Client();
        for (var call = 0; call < PushesEach * 2; call++)
        {
            var (_, body) = await linnworks.PostJson("/api/Product/InventoryUpdate", new
            {
                AuthorizationToken = token,
                Products = Enumerable.Range(0, 20).Select(i => new { SKU = $"CP-SKU-{i}", Quantity = random.Next(10) }).ToArray(),
            });
            body["Error"].Should().BeNull();
            body["Products"]!.AsArray().Select(p => p!["Error"]?.GetValue<string>())
                .Should().OnlyContain(e => e == null || e == "SKU does not exist", "no level is answered retry or conflict");
        }
    }
}

/// <summary>The service as it runs on SQLite.</summary>
public sealed class ChannelPushesUnderContentionTests(ApiFactory factory) : ChannelPushesUnderContentionContract(factory), IClassFixture<ApiFactory>;

/// <summary>The same with the service's writes sent in batches, as on SQL Server (ADR-045, <see cref="BatchingApiFactory"/>).</summary>
public sealed class ChannelPushesUnderContentionWithBatchesTests(BatchingApiFactory factory) : ChannelPushesUnderContentionContract(factory), IClassFixture<BatchingApiFactory>
{
    [Fact]
    public async Task APushOfOrders_IsWrittenInBatches_HereAsOnSqlServer()
    {
        var (_, storeId, key) = await factory.Integrate();
        var before = factory.Batches.Sent;

        await factory.ChannelClient(key).Push(storeId, [OrderWithPostage("WB-1", 1m), OrderWithPostage("WB-2", 1m), OrderWithPostage("WB-3", 1m)]);

        (factory.Batches.Sent.Commands - before.Commands).Should().BeGreaterThanOrEqualTo(6, "the three orders' inserts and their three change rows");
    }
}
