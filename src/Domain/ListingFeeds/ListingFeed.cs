using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Domain.ListingFeeds;

/// <summary>What a listing feed asks the platform to do with each listing.</summary>
public enum ListingFeedKind
{
    Create,
    Update,
    Delete,
}

/// <summary>
/// One ListingUpdate or ListingDelete call from Linnworks' listing tool: a feed id minted by us (the channel has
/// no feed concept of its own) and one job per listing, each put on the store's updates feed. The platform
/// reports each job's outcome; the feed is ready for CheckFeed once every job is reported.
/// </summary>
public sealed class ListingFeed
{
    private readonly List<ListingFeedItem> _items;

    private ListingFeed(string feedId, string storeId, string integrationId, ListingFeedKind kind, string dedupKey, DateTime createdUtc, List<ListingFeedItem> items)
    {
        FeedId = feedId;
        StoreId = storeId;
        IntegrationId = integrationId;
        Kind = kind;
        DedupKey = dedupKey;
        CreatedUtc = createdUtc;
        _items = items;
    }

    public string FeedId { get; }

    public string StoreId { get; }

    public string IntegrationId { get; }

    public ListingFeedKind Kind { get; }

    /// <summary>Hash of what Linnworks sent: the same batch sent again finds this feed and adds no jobs.</summary>
    public string DedupKey { get; }

    public DateTime CreatedUtc { get; }

    public IReadOnlyList<ListingFeedItem> Items => _items;

    public bool IsReady => _items.All(i => i.ResultJson is not null);

    /// <summary>The feed entry type of this feed's jobs.</summary>
    public string UpdateType => Kind switch
    {
        ListingFeedKind.Create => StoreUpdateTypes.ListingCreate,
        ListingFeedKind.Update => StoreUpdateTypes.ListingUpdate,
        _ => StoreUpdateTypes.ListingDelete,
    };

    public static Result<ListingFeed> Create(
        string storeId, string integrationId, ListingFeedKind kind, string dedupKey, IReadOnlyList<ListingFeedItem> items, DateTime utcNow)
    {
        if (items.Count == 0)
        {
            return Result<ListingFeed>.Failure(Error.Validation("The batch has no listings."));
        }

        var duplicate = items.GroupBy(i => i.SKU, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is not null
            ? Result<ListingFeed>.Failure(Error.Validation($"SKU '{duplicate.Key}' appears more than once in the batch."))
            : new ListingFeed("lf_" + Guid.NewGuid().ToString("N"), storeId, integrationId, kind, dedupKey, utcNow, [.. items]);
    }

    /// <summary>
    /// The platform's outcome for one job. True when recorded; false when the same outcome was already recorded
    /// (a repeated report changes nothing). A different outcome for a reported job, or an unknown SKU, is refused.
    /// </summary>
    public Result<bool> Report(string sku, string resultJson)
    {
        var index = _items.FindIndex(i => i.SKU == sku);
        if (index < 0)
        {
            return Result<bool>.Failure(Error.NotFound($"SKU '{sku}' is not a job of feed {FeedId}."));
        }

        var item = _items[index];
        if (item.ResultJson is not null)
        {
            return item.ResultJson == resultJson
                ? false
                : Result<bool>.Failure(Error.Conflict($"SKU '{sku}' of feed {FeedId} was already reported with another outcome; each job is reported once."));
        }

        _items[index] = item with { ResultJson = resultJson };
        return true;
    }

    public static ListingFeed Rehydrate(
        string feedId, string storeId, string integrationId, ListingFeedKind kind, string dedupKey, DateTime createdUtc, IEnumerable<ListingFeedItem> items) =>
        new(feedId, storeId, integrationId, kind, dedupKey, createdUtc, [.. items]);
}

/// <summary>One listing job: the listing as Linnworks sent it, and the platform's reported outcome once known.</summary>
public sealed record ListingFeedItem(int Position, string SKU, string? ExternalListingId, int TemplateId, string ListingJson, string? ResultJson);

public interface IListingFeedRepository
{
    Task<ListingFeed?> GetAsync(string storeId, string feedId, CancellationToken cancellationToken);

    Task<ListingFeed?> FindByDedupKeyAsync(string storeId, string dedupKey, CancellationToken cancellationToken);

    /// <summary>
    /// The characters of listing jobs the store holds: its listing feeds' listings and their entries on its updates feed,
    /// each kept until it is deleted (ADR-039); one row's read.
    /// </summary>
    Task<long> GetJobCharsAsync(string storeId, CancellationToken cancellationToken);

    /// <summary>Stores the new feed, its jobs and one feed entry per job in one transaction, adding their characters to the store's.</summary>
    /// <exception cref="ConcurrencyConflictException">The same batch was stored at the same moment by another call.</exception>
    Task SaveNewAsync(ListingFeed feed, IReadOnlyList<StoreUpdate> jobs, CancellationToken cancellationToken);

    /// <summary>
    /// Records the reported outcomes of <paramref name="reported"/> jobs, saves the listings they create or change and
    /// removes the ones confirmed deleted — one transaction.
    /// </summary>
    Task SaveResultsAsync(ListingFeed feed, IReadOnlyList<ListingFeedItem> reported, IReadOnlyList<Listings.Listing> listings, IReadOnlyList<string> deletedSkus, CancellationToken cancellationToken);
}
