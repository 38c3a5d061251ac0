using System.Text.Json;
using ChannelBridge.Application.Common;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders;

/// <summary>
/// Records one thing Linnworks reported about an order (despatch, cancel, refund) on the order and on
/// the store's updates feed, exactly once: the same report sent again finds its feed entry by dedup key
/// and changes nothing.
/// </summary>
internal sealed class PostSaleRecorder(IOrderRepository orders, GetOrders.IOrderDownloadRenderer renderer, TimeProvider time)
{
    /// <param name="apply">The domain change on the order; a failure is answered as the order's Error.</param>
    public async Task<Result<StoreUpdate>> RecordAsync<TPayload>(
        string storeId, string referenceNumber, string type, TPayload payload,
        Func<ChannelOrder, DateTime, Result> apply, CancellationToken cancellationToken)
    {
        var dedupKey = ContentHashes.Of(type, new { referenceNumber, payload });
        var existing = await orders.FindUpdateAsync(storeId, dedupKey, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        // A conflict means the order changed meanwhile (a channel update or another report): apply again on the fresh
        // order. Past the attempts the conflict is left to the caller, which answers the order "retry".
        return await ConflictRetry.RunAsync(
            async _ =>
            {
                var order = (await orders.GetByReferencesAsync(storeId, [referenceNumber], cancellationToken)).GetValueOrDefault(referenceNumber);
                if (order is null)
                {
                    return Result<StoreUpdate>.Failure(Error.NotFound($"Order {referenceNumber} was not found."));
                }

                var now = time.GetUtcNow().UtcDateTime;
                var applied = apply(order, now);
                if (applied.IsFailure)
                {
                    return Result<StoreUpdate>.Failure(applied.Errors);
                }

                var update = new StoreUpdate(0, storeId, type, now, JsonSerializer.Serialize(payload), dedupKey);
                return await orders.SaveWithFeedEntryAsync(renderer.ToSave(order), update, cancellationToken);
            },
            whenExhausted: null);
    }
}
