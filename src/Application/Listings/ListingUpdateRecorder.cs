using System.Data.Common;
using System.Text.Json;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Listings;

/// <summary>
/// Applies a batch of InventoryUpdate or PriceUpdate items: every SKU gets an answer (unknown → "SKU does
/// not exist"), each change is recorded on the listing and as one feed entry, all in one transaction. An
/// item identical to the last one applied to its listing is a retry and adds nothing.
/// </summary>
internal sealed class ListingUpdateRecorder(IListingRepository listings, TimeProvider time)
{
    private const int MaxAttempts = 3;
    public const string UnknownSku = "SKU does not exist";

    public async Task<IReadOnlyList<SkuResult>> RecordAsync<TItem>(
        string storeId, string type, IReadOnlyList<TItem?> items, Func<TItem, string?> skuOf,
        Func<Listing, TItem, string, DateTime, Result<bool>> apply, CancellationToken cancellationToken)
        where TItem : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecordOnceAsync(storeId, type, items, skuOf, apply, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // A listing changed meanwhile: reload and apply the batch again.
            }
            catch (Exception ex) when (ex is ConcurrencyConflictException or DbException or TimeoutException or OperationCanceledException)
            {
                return [.. items.Select(i => new SkuResult(i is null ? null : skuOf(i), LinnworksErrors.Timeout))];
            }
        }
    }

    private async Task<IReadOnlyList<SkuResult>> RecordOnceAsync<TItem>(
        string storeId, string type, IReadOnlyList<TItem?> items, Func<TItem, string?> skuOf,
        Func<Listing, TItem, string, DateTime, Result<bool>> apply, CancellationToken cancellationToken)
        where TItem : class
    {
        var now = time.GetUtcNow().UtcDateTime;
        var skus = items.Where(i => i is not null).Select(i => skuOf(i!)?.Trim()).OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var found = await listings.GetBySkusAsync(storeId, skus, cancellationToken);
        var results = new List<SkuResult>(items.Count);
        var changed = new Dictionary<string, Listing>(StringComparer.Ordinal);
        var updates = new List<StoreUpdate>();
        foreach (var item in items)
        {
            var sku = item is null ? null : skuOf(item)?.Trim();
            if (item is null || string.IsNullOrEmpty(sku))
            {
                results.Add(new SkuResult(sku, "SKU is required."));
                continue;
            }

            if (!found.TryGetValue(sku, out var listing))
            {
                results.Add(new SkuResult(sku, UnknownSku));
                continue;
            }

            var payload = JsonSerializer.Serialize(item);
            var hash = ContentHashes.Of(type, payload);
            var applied = apply(listing, item, hash, now);
            if (applied.TryGetValue(out var isChange) && isChange)
            {
                changed[sku] = listing;
                updates.Add(new StoreUpdate(0, storeId, type, now, payload, ContentHashes.Of(type, new { sku, hash, listing.Version, updates.Count })));
            }

            results.Add(new SkuResult(sku, applied.IsSuccess ? null : applied.ErrorMessage));
        }

        if (changed.Count > 0)
        {
            await listings.SaveAsync([.. changed.Values], updates, cancellationToken);
        }

        return results;
    }
}

/// <summary>One SKU's answer in InventoryUpdate/PriceUpdate.</summary>
public sealed record SkuResult(string? SKU, string? Error);
