using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChannelBridge.LinnworksSimulator.Simulation;

/// <summary>
/// Linnworks' listing tool, when the manifest offers it: read the configurator settings, every category page,
/// attributes and variations; send a ListingUpdate with variations (and again: the same ChannelFeedId); CheckFeed
/// until ready. With the store's key and the platform's base URL (a ChannelBridge), the simulator also plays the
/// platform — reads the jobs from the feed and reports them — and checks that CheckFeed's references are what
/// Products reports, and that a confirmed ListingDelete removes the listing.
/// </summary>
public sealed class ListingFlow(LinnworksClient client, ScenarioOptions options)
{
    private Report Report => client.Report;

    public async Task RunAsync(string token, Func<CancellationToken, Task<List<JsonObject>>> products, CancellationToken cancellationToken)
    {
        if (!client.Has("GetConfiguratorSettings"))
        {
            return;
        }

        await client.PostAsync("GetConfiguratorSettings", new { }, cancellationToken);
        var categories = new List<string>();
        for (var page = 1; page <= options.MaxPages; page++)
        {
            var answer = await client.PostAsync("GetCategories", new { AuthorizationToken = token, PageNumber = page }, cancellationToken);
            categories.AddRange(Shape.Array(Report, "GetCategories", answer ?? [], "Categories").OfType<JsonObject>().Select(c => c["CategoryId"]?.ToString() ?? string.Empty));
            if (answer?["HasMorePages"]?.GetValue<bool>() != true)
            {
                break;
            }
        }

        var chosen = categories.Take(1).ToArray();
        await client.PostAsync("GetAttributesByCategory", new { AuthorizationToken = token, CategoryIds = chosen, GeneralSettings = Array.Empty<object>() }, cancellationToken);
        await client.PostAsync("GetVariationsByCategory", new { AuthorizationToken = token, CategoryIds = chosen, GeneralSettings = Array.Empty<object>() }, cancellationToken);

        var sku = "SIM-LISTING-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var update = new
        {
            AuthorizationToken = token,
            Type = "CREATE",
            Listings = new object[]
            {
                new
                {
                    TemplateId = 1, SKU = sku, Title = "Simulator listing", Quantity = 5, Price = 12.5m, Categories = chosen,
                    Variations = new object[] { new { SKU = sku + "-S", Title = "Small", Quantity = 2, Price = 12.5m }, new { SKU = sku + "-L", Title = "Large", Quantity = 3, Price = 13.5m } },
                },
            },
        };
        var feedId = (await client.PostAsync("ListingUpdate", update, cancellationToken))?["ChannelFeedId"]?.ToString();
        var again = (await client.PostAsync("ListingUpdate", update, cancellationToken))?["ChannelFeedId"]?.ToString();
        Report.Check("ListingUpdate", "answers a ChannelFeedId", !string.IsNullOrEmpty(feedId), "No ChannelFeedId: Linnworks has nothing to check.");
        Report.Check("ListingUpdate", "a retried batch answers the same ChannelFeedId", feedId == again, $"First {feedId}, then {again}: a retry would list twice.");
        if (string.IsNullOrEmpty(feedId))
        {
            return;
        }

        var first = await client.PostAsync("CheckFeed", new { AuthorizationToken = token, ChannelFeedId = feedId }, cancellationToken);
        Report.Check("CheckFeed", "not ready before the platform reports", first?["IsFeedReady"]?.GetValue<bool>() == false, "Ready before any outcome was reported.");

        var platform = Platform();
        if (platform is null)
        {
            return;
        }

        var (http, storeId) = platform.Value;
        var jobs = new List<JsonObject>();
        for (long after = 0, pages = 0; pages < 1000; pages++)
        {
            var page = (await http.GetFromJsonAsync<JsonObject>($"api/channel/v1/stores/{storeId}/updates?after={after}&limit=1000", cancellationToken))!;
            var updates = page["Updates"]!.AsArray().OfType<JsonObject>().ToList();
            jobs.AddRange(updates.Where(u => u["Payload"]?["ChannelFeedId"]?.ToString() == feedId));
            if (updates.Count == 0)
            {
                break;
            }

            after = page["NextCursor"]!.GetValue<long>();
        }

        Report.Check("ListingUpdate", "one job per listing on the store's feed", jobs.Count == 1 && jobs[0]["Reference"]?.ToString() == sku, $"{jobs.Count} jobs for feed {feedId}.");
        var references = new[] { (Sku: sku + "-S", Reference: "SIM-REF-S-" + sku), (Sku: sku + "-L", Reference: "SIM-REF-L-" + sku) };
        await ReportResultsAsync(http, storeId, feedId, sku, references, cancellationToken);

        var ready = await client.PostAsync("CheckFeed", new { AuthorizationToken = token, ChannelFeedId = feedId }, cancellationToken);
        Report.Check("CheckFeed", "ready once every listing is reported", ready?["IsFeedReady"]?.GetValue<bool>() == true, "Not ready after the platform reported every job.");
        var reported = Shape.Array(Report, "CheckFeed", ready ?? [], "ProductFeeds").OfType<JsonObject>()
            .SelectMany(f => f["ChannelReferences"]?.AsArray().OfType<JsonObject>() ?? []).ToDictionary(r => r["SKU"]!.ToString(), r => r["Reference"]!.ToString());
        var listed = (await products(cancellationToken)).ToDictionary(p => p["SKU"]!.ToString(), p => p["Reference"]?.ToString());
        foreach (var (childSku, reference) in reported)
        {
            Report.Check("CheckFeed", "each ChannelReference is what Products reports", listed.TryGetValue(childSku, out var shown) && shown == reference,
                $"CheckFeed says {childSku} → {reference}; Products says {(listed.TryGetValue(childSku, out var s) ? s : "nothing")}.");
        }

        var deleteFeed = (await client.PostAsync("ListingDelete", new { AuthorizationToken = token, ExternalListingIds = new[] { new { ChannelSKU = sku + "-S", ExternalListingId = "1", TemplateId = "1" } } }, cancellationToken))?["ChannelFeedId"]?.ToString();
        if (deleteFeed is not null)
        {
            await ReportResultsAsync(http, storeId, deleteFeed, sku + "-S", [], cancellationToken);
            var after = (await products(cancellationToken)).Select(p => p["SKU"]!.ToString()).ToHashSet();
            Report.Check("ListingDelete", "a confirmed delete removes the listing from Products", !after.Contains(sku + "-S") && after.Contains(sku + "-L"), "Products still lists the deleted variation, or lost the other one.");
        }
    }

    private async Task ReportResultsAsync(HttpClient http, string storeId, string feedId, string sku, IReadOnlyList<(string Sku, string Reference)> references, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"api/channel/v1/stores/{storeId}/listing-results", new
        {
            ChannelFeedId = feedId,
            Results = new[] { new { SKU = sku, ExternalListingId = "424242", URL = "https://platform.example.com/listing/424242", ChannelReferences = references.Select(r => new { SKU = r.Sku, r.Reference }) } },
        }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        client.Report.Check("listing-results", "the platform's report is accepted", response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
    }

    private (HttpClient Http, string StoreId)? Platform()
    {
        if (options.PlatformBaseUrl is not { } baseUrl || !options.Answers.TryGetValue("StoreId", out var storeId) || !options.Answers.TryGetValue("StoreKey", out var key))
        {
            return null;
        }

        var http = new HttpClient { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (http, storeId);
    }
}
