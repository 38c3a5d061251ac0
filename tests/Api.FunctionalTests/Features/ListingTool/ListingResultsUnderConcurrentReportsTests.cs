using System.Net;

namespace ChannelBridge.Api.FunctionalTests.Features.ListingTool;

/// <summary>
/// A platform works a feed's listing jobs in parallel and reports each as it finishes, some twice at once (a worker's
/// retry), while Linnworks sends stock levels for listings the reports update. A platform's HTTP client takes a 4xx as
/// final: every report must be answered 200 with what became of it, never "conflict", and the feed must end ready with
/// every outcome once. And the same on Linnworks' side: a listing batch sent again while the first is under way is one feed.
/// </summary>
public abstract class ListingResultsUnderConcurrentReportsContract(ApiFactory factory)
{
    private const int Listings = 8;

    [Fact]
    public async Task JobsReportedInParallel_AndTwiceAtOnce_AreEachAnswered_RecordedOnce_AndTheFeedEndsReady()
    {
        var (token, storeId, key) = await factory.Integrate();
        var platform = factory.ChannelClient(key);
        var linnworks = factory.Client();
        var created = await FeedAsync(linnworks, token, "CREATE", price: 5m);

        var answers = await Task.WhenAll(Enumerable.Range(0, Listings).SelectMany(i => new[] { ReportAsync(platform, storeId, created, i), ReportAsync(platform, storeId, created, i) }));

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.OK, "a report met by another at once is still answered");
        answers.GroupBy(a => a.Sku).Should().OnlyContain(g => g.Count(a => a.Outcome == "Recorded") == 1 && g.Count(a => a.Outcome == "Unchanged") == 1);
        var ready = (await linnworks.PostJson("/api/Listing/CheckFeed", new { AuthorizationToken = token, ChannelFeedId = created })).Body;
        ready["IsFeedReady"]!.GetValue<bool>().Should().BeTrue();
        ready["ProductFeeds"]!.AsArray().Should().HaveCount(Listings);

        // Now the listings exist: Linnworks updates them through the tool while it sends their stock levels.
        var updated = await FeedAsync(linnworks, token, "UPDATE", price: 6m);
        var stock = Task.WhenAll(Enumerable.Range(0, Listings).Select(i => linnworks.PostJson("/api/Product/InventoryUpdate", new
        {
            AuthorizationToken = token,
            Products = new[] { new { SKU = Sku(i), Quantity = 7 } },
        })));
        var updates = await Task.WhenAll(Enumerable.Range(0, Listings).Select(i => ReportAsync(platform, storeId, updated, i)));
        (await stock).Select(s => s.Body["Products"]![0]!["Error"]?.GetValue<string>()).Should().OnlyContain(e => e == null);

        updates.Should().OnlyContain(a => a.Status == HttpStatusCode.OK && a.Outcome == "Recorded");
        var products = (await linnworks.PostJson("/api/Product/Products", new { AuthorizationToken = token, PageNumber = 1 })).Body["Products"]!.AsArray();
        products.Select(p => (p!["SKU"]!.GetValue<string>(), p["Reference"]!.GetValue<string>()))
            .Should().BeEquivalentTo(Enumerable.Range(0, Listings).Select(i => (Sku(i), $"REF-{i}")), "each listing once, as reported");
    }

    [Fact]
    public async Task OneListingBatchSentFourTimesAtOnce_IsOneFeed_WithItsJobsOnThePlatformsFeedOnce()
    {
        // Linnworks timed out and sent the batch again while the first was under way, more than once.
        var (token, storeId, key) = await factory.Integrate();
        var linnworks = factory.Client();

        var feeds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => FeedAsync(linnworks, token, "CREATE", price: 5m)));

        feeds.Distinct().Should().ContainSingle("the same batch is the same feed");
        var jobs = (await factory.ChannelClient(key).GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/channel/v1/stores/{storeId}/updates?limit=1000"))!["Updates"]!.AsArray();
        jobs.Select(j => j!["Reference"]!.GetValue<string>()).Should().Equal(Enumerable.Range(0, Listings).Select(Sku), "each job once");
    }

    private static string Sku(int i) => $"LT-{i}";

    private static async Task<string> FeedAsync(HttpClient linnworks, string token, string type, decimal price)
    {
        var (_, body) = await linnworks.PostJson("/api/Listing/ListingUpdate", new
        {
            AuthorizationToken = token,
            Type = type,
            Listings = Enumerable.Range(0, Listings).Select(i => new { TemplateId = 1, SKU = Sku(i), Title = "Mug", Quantity = 3, Price = price }).ToArray(),
        });
        body["Error"].Should().BeNull();
        return body["ChannelFeedId"]!.GetValue<string>();
    }

    private static async Task<(string Sku, HttpStatusCode Status, string? Outcome)> ReportAsync(HttpClient platform, string storeId, string feedId, int i)
    {
        var (response, body) = await platform.PostJson($"/api/channel/v1/stores/{storeId}/listing-results", new
        {
            ChannelFeedId = feedId,
            Results = new[] { new { SKU = Sku(i), ExternalListingId = $"{1000 + i}", ChannelReferences = new[] { new { SKU = Sku(i), Reference = $"REF-{i}" } } } },
        });
        return (Sku(i), response.StatusCode, body["Results"]?[0]?["Status"]?.GetValue<string>());
    }
}

/// <summary>The service as it runs on SQLite.</summary>
public sealed class ListingResultsUnderConcurrentReportsTests(ApiFactory factory) : ListingResultsUnderConcurrentReportsContract(factory), IClassFixture<ApiFactory>;

/// <summary>The same with the service's writes sent in batches, as on SQL Server (ADR-045, <see cref="BatchingApiFactory"/>).</summary>
public sealed class ListingResultsUnderConcurrentReportsWithBatchesTests(BatchingApiFactory factory) : ListingResultsUnderConcurrentReportsContract(factory), IClassFixture<BatchingApiFactory>;
