using System.Globalization;
using System.Text.Json;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Json;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.Updates;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Listings;

/// <summary>
/// Applies a batch of InventoryUpdate or PriceUpdate items: every SKU gets an answer (unknown → "SKU does
/// not exist", unreadable → why), each change is recorded on the listing and as one feed entry naming the listing as
/// the store holds it (<see cref="LinnworksSkuItem.RelayedFor"/>), all in one transaction. An item identical to the
/// last one applied to its listing is a retry and adds nothing. A transient failure (busy database, conflict after
/// retries, the deadline) answers every SKU with "retry"; a store whose feed holds its limit (ADR-039) has every SKU it
/// holds answered with why, and nothing changed.
/// </summary>
internal sealed class ListingUpdateRecorder(IListingRepository listings, IStoreWriteLock storeLock, StoreFeedRoom feedRoom, ITransientFailures transient, TimeProvider time)
{
    public const string UnknownSku = "SKU does not exist";

    public async Task<IReadOnlyList<SkuResult>> RecordAsync<TItem>(
        string storeId, string type, IReadOnlyList<TItem?> items,
        Func<Listing, TItem, string, DateTime, Result<bool>> apply, CancellationToken cancellationToken)
        where TItem : LinnworksSkuItem
    {
        try
        {
            var full = (await feedRoom.RefusedAsync(storeId, cancellationToken))?.Message;

            // A listing changed meanwhile: reload and apply the batch again with the store's writes held; a conflict past
            // the attempts (transient) is answered below, every SKU "retry".
            return await ConflictRetry.RunAsync(
                storeLock.HeldAfterFirst(storeId, () => RecordOnceAsync(storeId, type, items, apply, full, cancellationToken), cancellationToken), whenExhausted: null);
        }
        catch (Exception ex) when (ex is OperationCanceledException || transient.IsTransient(ex))
        {
            return SkuResult.ForEach(items, transient.StorageFaultOf(ex) is var fault and not StorageFault.None ? LinnworksErrors.Storage(fault) : LinnworksErrors.TemporarilyUnavailable);
        }
    }

    private async Task<IReadOnlyList<SkuResult>> RecordOnceAsync<TItem>(
        string storeId, string type, IReadOnlyList<TItem?> items,
        Func<Listing, TItem, string, DateTime, Result<bool>> apply, string? full, CancellationToken cancellationToken)
        where TItem : LinnworksSkuItem
    {
        var now = time.GetUtcNow().UtcDateTime;
        var found = await listings.GetBySkusAsync(storeId, SkusToLookUp(items), cancellationToken);
        var results = new List<SkuResult>(items.Count);
        var changed = new Dictionary<string, Listing>(StringComparer.Ordinal);
        var updates = new List<StoreUpdate>();
        foreach (var item in items)
        {
            var sent = item?.ItemKey ?? string.Empty;
            var sku = sent.Trim();
            if ((Unapplicable(item, sku, found) ?? full) is { } refused)
            {
                results.Add(new SkuResult(sent, refused));
                continue;
            }

            var listing = found[sku];
            var payload = JsonSerializer.Serialize<object>(item!.RelayedFor(listing));
            var applied = apply(listing, item, ContentHashes.Of(type, payload), now);
            if (applied.TryGetValue(out var isChange) && isChange)
            {
                changed[sku] = listing;
                updates.Add(new StoreUpdate(0, storeId, type, now, payload, FeedKey(type, now, listing, updates.Count)));
            }

            results.Add(new SkuResult(sent, applied.IsSuccess ? null : applied.ErrorMessage));
        }

        if (changed.Count > 0)
        {
            await listings.SaveAsync([.. changed.Values], updates, cancellationToken);
        }

        return results;
    }

    /// <summary>The items' SKUs, trimmed, that a listing can have: one longer than a listing's is answered unknown without a look.</summary>
    private static List<string> SkusToLookUp<TItem>(IReadOnlyList<TItem?> items)
        where TItem : LinnworksSkuItem =>
        [.. items.Where(i => i is { ReadError: null }).Select(i => i!.ItemKey?.Trim()).OfType<string>()
            .Where(s => s.Length is > 0 and <= Listing.SkuMaxLength).Distinct(StringComparer.Ordinal)];

    /// <summary>Why an item cannot be applied (unreadable, no SKU, unknown SKU), or null when its listing was found.</summary>
    private static string? Unapplicable<TItem>(TItem? item, string sku, IReadOnlyDictionary<string, Listing> found)
        where TItem : class, ILinnworksItem => item switch
        {
            { ReadError: { } unreadable } => unreadable,
            null => "SKU is required.",
            _ when sku.Length == 0 => "SKU is required.",
            _ when !found.ContainsKey(sku) => UnknownSku,
            _ => null,
        };

    /// <summary>
    /// The feed entry's key, in the order entries are written: the batch's time, the entry's place in the batch, then
    /// what makes it unique, the listing at the version this batch loaded (two batches cannot both commit from one
    /// version; the place tells two changes of one SKU in a batch apart). A retried update needs no key to land once: it
    /// matches the listing's last applied hash and adds nothing. So the feed's unique index on the key is written at its
    /// end, not at a random place as a content hash would put it: at 100,000 listings that would be about a thousand more
    /// scattered pages written per 1,000-SKU batch (about a third of a 5,000-SKU batch; docs/performance.md).
    /// </summary>
    private static string FeedKey(string type, DateTime now, Listing listing, int position) =>
        string.Create(CultureInfo.InvariantCulture, $"{type}:{now.Ticks:D19}:{position:D6}:{listing.Id}:{listing.Version}");
}

/// <summary>
/// One SKU's answer in InventoryUpdate/PriceUpdate, under the SKU exactly as sent ("" when none was, never null):
/// Linnworks finds each item's answer by it, and one it cannot find reads as "not found". The listing is found by the
/// SKU trimmed, as listings are stored.
/// </summary>
public sealed record SkuResult(string SKU, string? Error)
{
    /// <summary>Every item answered with the same Error (a failure before or around the whole batch).</summary>
    public static IReadOnlyList<SkuResult> ForEach<TItem>(IReadOnlyList<TItem?>? items, string error)
        where TItem : class, ILinnworksItem =>
        [.. (items ?? []).Select(i => new SkuResult(i?.ItemKey ?? string.Empty, error))];
}
