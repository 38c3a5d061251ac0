using System.Diagnostics;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.ListingTool;
using ChannelBridge.Application.ListingTool.CheckFeed;
using ChannelBridge.Application.ListingTool.GetCategories;
using ChannelBridge.Application.ListingTool.ListingUpdate;
using ChannelBridge.Application.ListingTool.ReplaceListingCategories;
using ChannelBridge.Application.ListingTool.ReplaceListingSettings;
using ChannelBridge.Application.ListingTool.ReportListingResults;

namespace ChannelBridge.Benchmarks.Scenarios;

/// <summary>
/// Listing tool: a full ListingUpdate batch (50 listings, 5 variations and 10 attributes each), CheckFeed of a
/// 1,000-listing feed, and GetCategories pages across 50,000 categories (first pages against the last ones).
/// </summary>
internal sealed class ListingToolScenario(Bench bench, ListingsScenario listings)
{
    private const int CategoryCount = 50_000;

    private string Token => listings.Store.Token;

    public async Task RunAsync()
    {
        await bench.Send(new ReplaceListingSettingsCommand(new ConfiguratorSettingsDto { IsVariationsAllowed = true }));
        var categoryClock = Stopwatch.StartNew();
        await bench.Send(new ReplaceListingCategoriesCommand([.. Enumerable.Range(1, CategoryCount).Select(i => new CategoryDto { CategoryId = i, CategoryName = "Category " + i })]));
        categoryClock.Stop();
        var categoryPages = (CategoryCount + 99) / 100;
        var categoryTimes = await Bench.Repeat(categoryPages, async i =>
        {
            var page = await bench.Send(new GetCategoriesQuery { AuthorizationToken = Token, PageNumber = i + 1 });
            if (page.Error is not null || page.HasMorePages != (i + 1 < categoryPages))
            {
                throw new InvalidOperationException($"GetCategories page {i + 1}: {page.Error}");
            }
        });
        var (gc50, gc99) = Bench.Percentiles([.. categoryTimes.Take(100)]);
        var (gl50, gl99) = Bench.Percentiles([.. categoryTimes.Skip(categoryTimes.Count - 100)]);
        var (lu50, lu99) = await TimeListingUpdatesAsync();
        var (cf50, cf99) = await TimeCheckFeedAsync();
        bench.Emit(string.Empty);
        bench.Emit("| Listing tool | Request | p50 ms | p99 ms |");
        bench.Emit("|---|---|---:|---:|");
        bench.Emit($"| {CategoryCount:N0} categories | GetCategories: first 100 pages | {gc50:F2} | {gc99:F2} |");
        bench.Emit($"| {CategoryCount:N0} categories | GetCategories: last 100 pages (to page {categoryPages:N0}) | {gl50:F2} | {gl99:F2} |");
        bench.Emit($"| 50 listings × 5 variations × 10 attributes | ListingUpdate, full batch | {lu50:F2} | {lu99:F2} |");
        bench.Emit($"| 1,000-listing feed, all reported | CheckFeed | {cf50:F2} | {cf99:F2} |");
        bench.Emit(string.Empty);
        bench.Emit($"Replacing {CategoryCount:N0} categories took {categoryClock.Elapsed.TotalMilliseconds:N0} ms (one transaction).");
    }

    private static System.Text.Json.JsonElement ListingJson(int n) => System.Text.Json.JsonSerializer.SerializeToElement(new
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

    private async Task<(double, double)> TimeListingUpdatesAsync() =>
        Bench.Percentiles(await Bench.Repeat(bench.FullSamples * 4, async n =>
        {
            var response = await bench.Send(new ListingUpdateCommand
            {
                AuthorizationToken = Token,
                Type = ListingUpdateType.CREATE,
                Listings = [.. Enumerable.Range(n * LinnworksBatchLimits.ListingUpdate, LinnworksBatchLimits.ListingUpdate).Select(ListingJson)],
            });
            if (response.Error is not null)
            {
                throw new InvalidOperationException("ListingUpdate failed: " + response.Error);
            }
        }));

    /// <summary>A 1,000-listing delete feed the platform has reported whole, checked as Linnworks polls it.</summary>
    private async Task<(double, double)> TimeCheckFeedAsync()
    {
        var feed = (await bench.Send(new ListingDeleteCommand
        {
            AuthorizationToken = Token,
            ExternalListingIds = [.. Enumerable.Range(0, 1000).Select(i => System.Text.Json.JsonSerializer.SerializeToElement(new { ChannelSKU = $"GONE-{i:D5}", ExternalListingId = i, TemplateId = "1" }))],
        })).ChannelFeedId;
        await bench.Send(new ReportListingResultsCommand(listings.Store.StoreId, feed, [.. Enumerable.Range(0, 1000).Select(i => new ListingResultDto { SKU = $"GONE-{i:D5}" })]));
        return Bench.Percentiles(await Bench.Repeat(Math.Max(20, bench.Samples / 4), async _ =>
        {
            var check = await bench.Send(new CheckFeedQuery { AuthorizationToken = Token, ChannelFeedId = feed });
            if (!check.IsFeedReady || check.ProductFeeds.Count != 1000)
            {
                throw new InvalidOperationException("CheckFeed failed: " + check.Error);
            }
        }));
    }
}
