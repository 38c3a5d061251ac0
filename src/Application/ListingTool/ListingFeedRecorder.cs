using System.Text.Json;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Listings;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.ListingFeeds;
using ChannelBridge.Domain.Orders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.ListingTool;

/// <summary>
/// Turns a ListingUpdate or ListingDelete batch into a feed with one job per listing, each put on the store's
/// updates feed (and webhooks) as ListingCreate/ListingUpdate/ListingDelete with the listing as Linnworks sent it.
/// The same batch sent again answers the same ChannelFeedId and adds nothing. A listing that cannot be read is
/// not sent to the platform: its job is reported at once with an Error message, which CheckFeed shows.
/// </summary>
internal sealed partial class ListingFeedRecorder(
    IListingFeedRepository feeds, IListingCatalogRepository catalog, TimeProvider time, IOptions<ListingsOptions> options, OncePerMinuteLogLines logLines,
    ILogger<ListingFeedRecorder> logger)
{
    public async Task<Result<string>> RecordAsync(
        string storeId, string integrationId, ListingFeedKind kind, IReadOnlyList<JsonElement> listings, CancellationToken cancellationToken)
    {
        var dedupKey = ContentHashes.Of(new { integrationId, kind, Listings = listings.Select(l => l.GetRawText()) });
        if (await feeds.FindByDedupKeyAsync(storeId, dedupKey, cancellationToken) is { } existing)
        {
            return existing.FeedId;
        }

        if (await RefusedAsync(storeId, cancellationToken) is { } full)
        {
            return Result<string>.Failure(full);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var items = FeedItems(kind, listings, kind == ListingFeedKind.Delete ? 0 : await MaxDescriptionLengthAsync(cancellationToken));
        var created = ListingFeed.Create(storeId, integrationId, kind, dedupKey, items, now);
        if (!created.TryGetValue(out var feed))
        {
            return Result<string>.Failure(created.Errors);
        }

        var jobs = Jobs(feed, storeId, now);
        try
        {
            await feeds.SaveNewAsync(feed, jobs, cancellationToken);
            return feed.FeedId;
        }
        catch (ConcurrencyConflictException)
        {
            // The same batch stored by a concurrent retry: answer its feed.
            return (await feeds.FindByDedupKeyAsync(storeId, dedupKey, cancellationToken))?.FeedId
                ?? throw new ConcurrencyConflictException(nameof(ListingFeed), dedupKey);
        }
    }

    /// <summary>
    /// Why the store may not take another batch of listing jobs: it holds its limit of their characters (ADR-039). Soft by
    /// the batches in flight: a batch read under the limit is stored whole, so a store passes it by those batches at most.
    /// </summary>
    private async Task<Error?> RefusedAsync(string storeId, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxListingJobCharsPerStore;
        if (max <= 0 || await feeds.GetJobCharsAsync(storeId, cancellationToken) is var held && held < max)
        {
            return null;
        }

        if (logLines.Refused("linnworks", "store_listing_jobs_limit", storeId))
        {
            LogRefused(storeId, max);
        }

        return Error.Validation(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The store holds its limit of {max} characters of listing jobs (Listings:MaxListingJobCharsPerStore), so this batch is not recorded; retry later. Jobs leave as the channel reports and acknowledges them and their retention passes; the service's operator can raise the limit."));
    }

    [LoggerMessage(LogLevel.Warning, "Store {StoreId} holds its limit of {Limit} characters of listing jobs (Listings:MaxListingJobCharsPerStore): a batch refused " + OncePerMinuteLogLines.NotLoggedAgain)]
    private partial void LogRefused(string storeId, long limit);

    /// <summary>
    /// The longest description the channel takes (its settings, GetConfiguratorSettings), 0 when it sets none. Linnworks'
    /// editor keeps to it; a listing past it is answered with an Error rather than stored and sent to the platform.
    /// </summary>
    private async Task<int> MaxDescriptionLengthAsync(CancellationToken cancellationToken) =>
        await catalog.GetDocumentAsync(ListingDocumentKind.Settings, string.Empty, cancellationToken) is { } json
            ? JsonSerializer.Deserialize<ConfiguratorSettingsDto>(json)!.MaxDescriptionLength
            : 0;

    /// <summary>One item per listing as sent; one that cannot be read, or breaks the channel's limits, carries its Error result at once.</summary>
    private static List<ListingFeedItem> FeedItems(ListingFeedKind kind, IReadOnlyList<JsonElement> listings, int maxDescriptionLength) =>
        [.. listings.Select((json, i) => (Json: json, Job: ListingJobs.Parse(json, titleRequired: kind == ListingFeedKind.Create, maxDescriptionLength), Index: i)).Select(p => new ListingFeedItem(
            p.Index, p.Job.Sku.Length > 0 ? p.Job.Sku : $"#{p.Index}", p.Job.ExternalListingId, p.Job.TemplateId, p.Json.GetRawText(),
            p.Job.Error is null ? null : JsonSerializer.Serialize(new ListingResultDto
            {
                SKU = p.Job.Sku,
                ExternalListingId = p.Job.ExternalListingId,
                Messages = [new FeedMessageDto { ProductFeedMessageType = ProductFeedMessageType.Error, Message = p.Job.Error }],
            })))];

    /// <summary>The feed entries of the jobs the platform has to do: one per readable listing.</summary>
    private static List<StoreUpdate> Jobs(ListingFeed feed, string storeId, DateTime now) =>
        [.. feed.Items.Where(i => i.ResultJson is null).Select(i => new StoreUpdate(
            0, storeId, feed.UpdateType, now,
            JsonSerializer.Serialize(new { ChannelFeedId = feed.FeedId, i.SKU, Listing = JsonElement.Parse(i.ListingJson) }),
            ContentHashes.Of(feed.UpdateType, new { feed.FeedId, i.SKU })))];
}
