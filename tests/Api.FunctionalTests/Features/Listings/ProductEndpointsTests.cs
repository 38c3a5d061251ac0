using System.Net;
using System.Text.Json.Nodes;
using ChannelBridge.Domain.Orders;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Api.FunctionalTests.Features.Listings;

public abstract class ProductEndpointsContract(ApiFactory factory)
{
    private readonly HttpClient _linnworks = factory.Client();

    [Fact]
    public async Task Upsert_AnswersPerItem_AndProductsReportsWhatWasStored()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await Push(store, storeId, new { SKU = "A", Title = "Mug", Quantity = 5, Price = 9.99m }, new { SKU = "B", Title = "Saucer", Quantity = 1, Price = 2m });

        var body = await Push(store, storeId,
            new { SKU = "A", Title = "Mug", Quantity = 5, Price = 9.99m },
            new { SKU = "B", Title = "Saucer", Quantity = 3, Price = 2m },
            new { SKU = "", Title = "x", Quantity = -1, Price = 0m },
            new { SKU = "C", Title = "Spoon", Quantity = 0, Price = 1m });

        body["Results"]!.AsArray().Select(r => (r!["SKU"]!.GetValue<string>(), r["Status"]!.GetValue<string>()))
            .Should().Equal(("A", "Unchanged"), ("B", "Updated"), ("", "Rejected"), ("C", "Created"));
        var products = await AllProducts(token);
        products.Select(p => p.ToJsonString()).Should().Equal(
            """{"SKU":"A","Title":"Mug","Quantity":5,"Price":9.99,"Reference":"A"}""",
            """{"SKU":"B","Title":"Saucer","Quantity":3,"Price":2,"Reference":"B"}""",
            """{"SKU":"C","Title":"Spoon","Quantity":0,"Price":1,"Reference":"C"}""");
    }

    [Fact]
    public async Task Products_PagesAreStable_AndAPagePastTheEndIsEmptyWithoutError()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await Push(store, storeId, [.. Enumerable.Range(1, 250).Select(i => (object)new { SKU = $"S{i:D3}", Title = "T", Quantity = i })]);

        var read = new List<string>();
        var page1 = await Page(token, 1);
        read.AddRange(Skus(page1));
        await Push(store, storeId, [.. Enumerable.Range(1, 20).Select(i => (object)new { SKU = $"NEW{i}", Title = "T", Quantity = 1 })]);
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/products/S005")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/products/S150")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var page2 = await Page(token, 2);
        var page3 = await Page(token, 3);
        read.AddRange(Skus(page2));
        read.AddRange(Skus(page3));
        var past = await Page(token, 9);

        new[] { page1, page2, page3 }.Select(p => p["HasMorePages"]!.GetValue<bool>()).Should().Equal(true, true, false);
        read.Should().OnlyHaveUniqueItems().And.HaveCount(249, "S150 was deleted before its page was read; nothing shifted");
        read.Should().NotContain(s => s.StartsWith("NEW", StringComparison.Ordinal));
        past["Error"].Should().BeNull();
        past["Products"]!.AsArray().Should().BeEmpty();
        past["HasMorePages"]!.GetValue<bool>().Should().BeFalse();
        var last = await Page(token, int.MaxValue);
        last["Error"].Should().BeNull("the caller chooses the page number, up to int.MaxValue, and past the end is an empty page");
        last["Products"]!.AsArray().Should().BeEmpty();
        (await AllProducts(token)).Should().HaveCount(268);
    }

    [Fact]
    public async Task InventoryUpdate_AnswersEverySku_RecordsTheQuantity_AndARetryAddsNoFeedEntry()
    {
        var (token, storeId, key) = await factory.Integrate();
        await Push(factory.ChannelClient(key), storeId, new { SKU = "ABC1234", Title = "Mug", Quantity = 1, Reference = "122440" });
        var update = new
        {
            AuthorizationToken = token,
            Products = new object[]
            {
                new { SKU = "ABC1234", Reference = "122440", Quantity = "10", MultiLocationLevels = new[] { new { Tag = "1234", Quantity = 5 }, new { Tag = "9876", Quantity = 5 } } },
                new { SKU = "MyNonExistantSKU", Reference = "x", Quantity = 3 },
            },
        };

        var first = (await _linnworks.PostJson("/api/Product/InventoryUpdate", update)).Body;
        var retry = (await _linnworks.PostJson("/api/Product/InventoryUpdate", update)).Body;

        foreach (var answer in new[] { first, retry })
        {
            answer.ToJsonString().Should().Be("""{"Error":null,"Products":[{"SKU":"ABC1234","Error":null},{"SKU":"MyNonExistantSKU","Error":"SKU does not exist"}]}""");
        }

        (await AllProducts(token)).Single()["Quantity"]!.GetValue<int>().Should().Be(10);
        var feed = await Feed(key, storeId);
        feed.Should().ContainSingle();
        feed[0]["Type"]!.GetValue<string>().Should().Be("Inventory");
        feed[0]["Payload"]!["MultiLocationLevels"]!.AsArray().Should().HaveCount(2);

        (await _linnworks.PostJson("/api/Product/InventoryUpdate", new { AuthorizationToken = token, Products = new[] { new { SKU = "ABC1234", Quantity = -2 } } }))
            .Body["Products"]![0]!["Error"]!.GetValue<string>().Should().Be("Quantity cannot be negative.");
    }

    [Fact]
    public async Task PriceUpdate_RecordsThePrice_AndPutsOneFeedEntryPerItem()
    {
        var (token, storeId, key) = await factory.Integrate();
        await Push(factory.ChannelClient(key), storeId, new { SKU = "P1", Title = "Mug", Quantity = 1, Price = 1m }, new { SKU = "P2", Title = "Cup", Quantity = 1, Price = 1m });

        var body = (await _linnworks.PostJson("/api/Product/PriceUpdate", new
        {
            AuthorizationToken = token,
            Products = new[] { new { SKU = "P1", Reference = "P1", Price = 10.99m, Tag = "" }, new { SKU = "P2", Reference = "P2", Price = 5.5m, Tag = "Sale" }, new { SKU = "P3", Reference = "P3", Price = 1m, Tag = "" } },
        })).Body;

        body["Products"]!.AsArray().Select(p => p!["Error"]?.GetValue<string>()).Should().Equal(null, null, "SKU does not exist");
        // A tagged price (Tag "Sale") is kept beside the selling price: Products keeps reporting the untagged one.
        (await AllProducts(token)).Select(p => p["Price"]!.GetValue<decimal>()).Should().Equal(10.99m, 1m);
        (await Feed(key, storeId)).Select(u => (u["Type"]!.GetValue<string>(), u["Payload"]!["SKU"]!.GetValue<string>())).Should().Equal(("Price", "P1"), ("Price", "P2"));
    }

    [Fact]
    public async Task InventoryAndPriceUpdates_ReachTheFeed_NamingTheListingAsTheStoreHoldsIt_AtThePriceTheListingKeeps()
    {
        var (token, storeId, key) = await factory.Integrate();
        await Push(factory.ChannelClient(key), storeId, new { SKU = "MUG-1", Title = "Mug", Quantity = 1, Price = 1m, Reference = "shop-77" });

        // Linnworks' SKU padded, its Reference missing or out of date, a computed price with many decimals, a padded tag.
        var stock = (await _linnworks.PostJson("/api/Product/InventoryUpdate", new { AuthorizationToken = token, Products = new[] { new { SKU = " MUG-1 ", Quantity = 4 } } })).Body;
        var prices = (await _linnworks.PostJson("/api/Product/PriceUpdate", new
        {
            AuthorizationToken = token,
            Products = new[] { new { SKU = "MUG-1\t", Reference = "old-ref", Price = 19.999999999999998m, Tag = " " }, new { SKU = "MUG-1", Reference = "shop-77", Price = 5.55555m, Tag = " Sale " } },
        })).Body;
        // The same change sent again as the store names it is a retry, not a second entry.
        (await _linnworks.PostJson("/api/Product/InventoryUpdate", new { AuthorizationToken = token, Products = new[] { new { SKU = "MUG-1", Reference = "shop-77", Quantity = 4 } } })).Body["Products"]![0]!["Error"].Should().BeNull();

        stock.ToJsonString().Should().Be("""{"Error":null,"Products":[{"SKU":" MUG-1 ","Error":null}]}""", "each SKU is answered as sent");
        prices["Products"]!.AsArray().Select(p => p!["SKU"]!.GetValue<string>()).Should().Equal("MUG-1\t", "MUG-1");
        (await AllProducts(token)).Single()["Price"]!.GetValue<decimal>().Should().Be(20m);
        var payloads = (await Feed(key, storeId)).Select(u => u["Payload"]!.AsObject()).ToList();
        payloads.Select(p => (p["SKU"]!.GetValue<string>(), p["Reference"]!.GetValue<string>())).Should().AllBeEquivalentTo(("MUG-1", "shop-77"));
        payloads.Should().HaveCount(3);
        payloads[0]["Quantity"]!.GetValue<int>().Should().Be(4);
        (payloads[1]["Price"]!.GetValue<decimal>(), payloads[1]["Tag"]).Should().Be((20m, null), "the feed says the price the listing keeps, as Products does");
        (payloads[2]["Price"]!.GetValue<decimal>(), payloads[2]["Tag"]!.GetValue<string>()).Should().Be((5.5556m, "Sale"));
    }

    [Fact]
    public async Task InventoryUpdate_OfABatchOf1000_IsAnsweredInFull()
    {
        var (token, storeId, key) = await factory.Integrate();
        await Push(factory.ChannelClient(key), storeId, [.. Enumerable.Range(1, 1000).Select(i => (object)new { SKU = $"K{i}", Title = "T", Quantity = 0 })]);

        var body = (await _linnworks.PostJson("/api/Product/InventoryUpdate", new
        {
            AuthorizationToken = token,
            Products = Enumerable.Range(1, 1000).Select(i => new { SKU = $"K{i}", Quantity = i }).ToArray(),
        })).Body;

        body["Products"]!.AsArray().Should().HaveCount(1000).And.OnlyContain(p => p!["Error"] == null);
        (await Feed(key, storeId)).Should().HaveCount(1000);
    }

    [Fact]
    public async Task StockAndPriceFeedEntries_AreKeyedInTheOrderTheyAreWritten_SoTheKeyIndexGrowsAtItsEnd()
    {
        var (token, storeId, key) = await factory.Integrate();
        await Push(factory.ChannelClient(key), storeId, [.. Enumerable.Range(1, 30).Select(i => (object)new { SKU = $"O{i:D2}", Title = "T", Quantity = 0 })]);
        var shuffled = Enumerable.Range(1, 30).OrderBy(i => (i * 7) % 30).ToArray();

        foreach (var round in new[] { 1, 2 })
        {
            (await _linnworks.PostJson("/api/Product/InventoryUpdate", new { AuthorizationToken = token, Products = shuffled.Select(i => new { SKU = $"O{i:D2}", Quantity = i + round }).ToArray() }))
                .Body["Products"]!.AsArray().Should().OnlyContain(p => p!["Error"] == null);
            (await _linnworks.PostJson("/api/Product/PriceUpdate", new { AuthorizationToken = token, Products = shuffled.Select(i => new { SKU = $"O{i:D2}", Price = i + round }).ToArray() }))
                .Body["Products"]!.AsArray().Should().OnlyContain(p => p!["Error"] == null);
        }

        var feed = await factory.Services.GetRequiredService<IStoreUpdateFeed>().ReadAsync(storeId, 0, 1000, default);
        feed.Should().HaveCount(120);
        foreach (var type in new[] { "Inventory", "Price" })
        {
            var keys = feed.Where(u => u.Type == type).OrderBy(u => u.Cursor).Select(u => u.DedupKey).ToList();
            keys.Should().HaveCount(60).And.OnlyHaveUniqueItems();
            keys.Should().BeInAscendingOrder(StringComparer.Ordinal, "each key sorts after the one written before it, so the unique index on it is appended to");
        }
    }

    [Fact]
    public async Task ABatchDelete_AnswersEverySku_InOneCall_AndLinnworksNoLongerSeesThem()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await Push(store, storeId, [.. Enumerable.Range(1, 150).Select(i => (object)new { SKU = $"BD{i:D3}", Title = "Mug", Quantity = 1 }), new { SKU = "A/B %", Title = "Mug", Quantity = 1 }]);
        var (otherId, otherKey) = await factory.CreateStore("Other");
        await Push(factory.ChannelClient(otherKey), otherId, new { SKU = "BD001", Title = "Mug", Quantity = 1 });
        string?[] skus = [.. Enumerable.Range(1, 120).Select(i => $"BD{i:D3}"), " BD121 ", "A/B %", "NOPE", "BD001", "", new string('x', 101)];

        var (response, body) = await store.PostJson($"/api/channel/v1/stores/{storeId}/products/delete", new { SKUs = skus });
        var again = (await store.PostJson($"/api/channel/v1/stores/{storeId}/products/delete", new { SKUs = new[] { "BD001", "BD150" } })).Body;

        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        var results = body["Results"]!.AsArray().Select(r => (r!["SKU"]?.GetValue<string>(), r["Status"]!.GetValue<string>(), r["Errors"]!.AsArray().Select(e => e!.GetValue<string>()).SingleOrDefault())).ToList();
        results.Should().HaveCount(skus.Length, "one result per SKU sent, in order");
        results.Take(122).Should().OnlyContain(r => r.Item2 == "Deleted" && r.Item3 == null);
        results[120].Item1.Should().Be("BD121", "trimmed, as listings are stored");
        results.Skip(122).Should().Equal(
            ("NOPE", "NotFound", null), ("BD001", "Rejected", "SKU 'BD001' appears more than once in this batch."), ("", "Rejected", "SKU is required."),
            (new string('x', 101), "Rejected", "SKU is longer than 100 characters."));
        again["Results"]!.AsArray().Select(r => r!["Status"]!.GetValue<string>()).Should().Equal("NotFound", "Deleted");
        (await AllProducts(token)).Select(p => p["SKU"]!.GetValue<string>()).Should().Equal([.. Enumerable.Range(122, 28).Select(i => $"BD{i:D3}")]);
        (await factory.ChannelClient(otherKey).PostJson($"/api/channel/v1/stores/{otherId}/products/delete", new { SKUs = new[] { "BD002" } })).Body["Results"]![0]!["Status"]!
            .GetValue<string>().Should().Be("NotFound", "another store's SKUs are not this store's");
        (await factory.ChannelClient(otherKey).PostJson($"/api/channel/v1/stores/{storeId}/products/delete", new { SKUs = new[] { "BD150" } })).Response.StatusCode
            .Should().Be(HttpStatusCode.Forbidden);
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/products/delete", new { SKUs = Array.Empty<string>() })).Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var unreadable = await store.PostJson($"/api/channel/v1/stores/{storeId}/products/delete", new { SKUs = new[] { "BD122", null } });
        unreadable.Response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a value that cannot be read refuses the call, as on every Channel API body (ADR-017)");
        unreadable.Body.ToJsonString().Should().Contain("skUs[1] is null; send a value or leave it out.", "named as sent (this client writes camelCase)");
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/products/delete", new { SKUs = "BD122" })).Body.ToJsonString().Should().Contain("skUs: Expected a list");
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/products/delete", new { SKUs = Enumerable.Range(0, 10_001).Select(i => $"S{i}") })).Response.StatusCode
            .Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ChannelApi_RejectsBadBatches_AndUnknownDeletes()
    {
        var (storeId, key) = await factory.CreateStore();
        var store = factory.ChannelClient(key);

        (await store.PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/products", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/products/NOPE")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await Push(store, storeId, new { SKU = "A/B", Title = "T", Quantity = 1 }, new { SKU = "C D%", Title = "T", Quantity = 1 }, new { SKU = "TS/RED/XL", Title = "T", Quantity = 1 }, new { SKU = "E%2FF", Title = "T", Quantity = 1 });
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/products/{Uri.EscapeDataString("TS/RED/XL")}")).StatusCode.Should().Be(HttpStatusCode.NoContent,
            "a slash escaped in the path, as client libraries escape it, is a slash");
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/products/{Uri.EscapeDataString("E%2FF")}")).StatusCode.Should().Be(HttpStatusCode.NoContent,
            "a percent sign escaped is a percent sign, not the start of an escape");
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/products/{Uri.EscapeDataString("E%2FF")}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/products?sku={Uri.EscapeDataString("A/B")}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/products?sku={Uri.EscapeDataString("C D%")}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/products?sku={Uri.EscapeDataString("A/B")}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await store.DeleteAsync($"/api/channel/v1/stores/{storeId}/products")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (_, otherKey) = await factory.CreateStore();
        (await factory.ChannelClient(otherKey).PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/products", new { Products = new[] { new { SKU = "A", Title = "T" } } }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task InventoryUpdate_ThatMeetsAPlatformsSaveOfTheSameSku_IsAppliedAgainWithTheStoresWritesHeld_NotAnsweredRetry()
    {
        var (token, storeId, key) = await factory.Integrate();
        await Push(factory.ChannelClient(key), storeId, new { SKU = "RACE", Title = "Mug", Quantity = 1, Price = 9.99m });
        var reads = 0;
        // After each of this call's reads, a platform's push saves the same listing (in another scope, as another request
        // would): every optimistic save meets a conflict. With the store's writes held, the push waits for them instead.
        using var racing = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddScoped<ChannelBridge.Infrastructure.Persistence.Repositories.ListingRepository>();
            s.AddScoped<Domain.Listings.IListingRepository>(p => new PlatformSavesAfterEachRead(
                p.GetRequiredService<ChannelBridge.Infrastructure.Persistence.Repositories.ListingRepository>(), p.GetRequiredService<IServiceScopeFactory>(), () => Interlocked.Increment(ref reads)));
        }));

        var (_, body) = await racing.CreateClient().PostJson("/api/Product/InventoryUpdate", new { AuthorizationToken = token, Products = new[] { new { SKU = "RACE", Quantity = 7 } } });

        body["Products"]!.AsArray().Select(p => (p!["SKU"]!.GetValue<string>(), p["Error"]?.GetValue<string>())).Should().Equal([("RACE", (string?)null)], body.ToJsonString());
        reads.Should().Be(2, "the update read the listing twice: once raced, once with the writes held");
        (await AllProducts(token)).Single(p => p["SKU"]!.GetValue<string>() == "RACE")["Quantity"]!.GetValue<int>().Should().Be(7);
    }

    /// <summary>
    /// The listings, with another writer's save of what was just read before they are handed back. That save is waited
    /// for a moment only: while the store's writes are held it cannot go through, and it conflicts once they are released.
    /// </summary>
    private sealed class PlatformSavesAfterEachRead(Domain.Listings.IListingRepository real, IServiceScopeFactory scopes, Action read) : Domain.Listings.IListingRepository
    {
        public async Task<IReadOnlyDictionary<string, Domain.Listings.Listing>> GetBySkusAsync(string storeId, IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
        {
            var found = await real.GetBySkusAsync(storeId, skus, cancellationToken);
            read();
            var platform = Task.Run(async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var listings = scope.ServiceProvider.GetRequiredService<ChannelBridge.Infrastructure.Persistence.Repositories.ListingRepository>();
                var stored = await listings.GetBySkusAsync(storeId, skus, CancellationToken.None);
                foreach (var listing in stored.Values)
                {
                    listing.Replace(new Domain.Listings.ListingData(listing.SKU, listing.Title + "!", listing.Quantity, listing.Price, listing.Reference), DateTime.UtcNow);
                }

                await listings.SaveAsync([.. stored.Values], [], CancellationToken.None);
            });
            _ = platform.ContinueWith(t => t.Exception, TaskScheduler.Default); // its conflict after the held writes is expected
            await Task.WhenAny(platform, Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken));
            return found;
        }

        public Task SaveAsync(IReadOnlyList<Domain.Listings.Listing> listings, IReadOnlyList<StoreUpdate> updates, CancellationToken cancellationToken) =>
            real.SaveAsync(listings, updates, cancellationToken);

        public Task<IReadOnlySet<string>> DeleteAsync(string storeId, IReadOnlyCollection<string> skus, CancellationToken cancellationToken) => real.DeleteAsync(storeId, skus, cancellationToken);

        public Task<long> CountAsync(string storeId, CancellationToken cancellationToken) => real.CountAsync(storeId, cancellationToken);
    }

    private static async Task<JsonObject> Push(HttpClient store, string storeId, params object[] products)
    {
        var (response, body) = await store.PostJson($"/api/channel/v1/stores/{storeId}/products", new { Products = products });
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private async Task<JsonObject> Page(string token, int page) =>
        (await _linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = page })).Body;

    private static IEnumerable<string> Skus(JsonObject page) => page["Products"]!.AsArray().Select(p => p!["SKU"]!.GetValue<string>());

    private async Task<List<JsonObject>> AllProducts(string token)
    {
        var all = new List<JsonObject>();
        for (var page = 1; ; page++)
        {
            var body = await Page(token, page);
            body["Error"].Should().BeNull();
            all.AddRange(body["Products"]!.AsArray().Select(p => p!.AsObject()));
            if (!body["HasMorePages"]!.GetValue<bool>())
            {
                return all;
            }
        }
    }

    private async Task<List<JsonObject>> Feed(string key, string storeId) =>
        [.. (await factory.ChannelClient(key).GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates?limit=1000"))!["Updates"]!.AsArray().Select(u => u!.AsObject())];
}

/// <summary>The service as it runs on SQLite.</summary>
public sealed class ProductEndpointsTests(ApiFactory factory) : ProductEndpointsContract(factory), IClassFixture<ApiFactory>;

/// <summary>The same with the service's writes sent in batches, as on SQL Server (ADR-045, <see cref="BatchingApiFactory"/>).</summary>
public sealed class ProductEndpointsWithBatchesTests(BatchingApiFactory factory) : ProductEndpointsContract(factory), IClassFixture<BatchingApiFactory>;
