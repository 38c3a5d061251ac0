using System.Text.Json;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.Updates;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders;

/// <summary>
/// Records one thing Linnworks reported about an order (despatch, cancel, refund) on the order and on
/// the store's updates feed, exactly once: the same report sent again finds its feed entry by dedup key
/// and changes nothing. A new report to a store whose feed holds its limit is refused with why, and changes nothing
/// (ADR-039).
/// </summary>
internal sealed class PostSaleRecorder(
    IOrderRepository orders, GetOrders.IOrderDownloadRenderer renderer, IStoreWriteLock storeLock, StoreFeedRoom feedRoom, TimeProvider time)
{
    /// <summary>
    /// A call's reports of one type, decided together: the feed's dedup keys and the orders read once, and each report
    /// applied in order (reports on one order one after another on it). A report already recorded, before or earlier in
    /// the same call, succeeds and changes nothing, as it does alone. Nothing is written until <see cref="SaveAsync"/>.
    /// </summary>
    public async Task<PostSaleBatch> ApplyManyAsync<TPayload>(
        string storeId, string type, IReadOnlyList<PostSaleReport<TPayload>> reports, CancellationToken cancellationToken)
    {
        var keys = reports.Select(r => ContentHashes.Of(type, new { referenceNumber = r.ReferenceNumber, payload = r.Payload })).ToList();
        var recorded = await orders.FindUpdateKeysAsync(storeId, keys.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var loaded = await orders.GetByReferencesAsync(storeId, reports.Select(r => r.ReferenceNumber).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var batch = new PostSaleBatch(reports.Count) { Full = await feedRoom.RefusedAsync(storeId, cancellationToken) };
        for (var i = 0; i < reports.Count; i++)
        {
            batch.Results[i] = recorded.Contains(keys[i]) ? Result.Success() : Apply(reports[i], keys[i], loaded, now, batch, new(type, storeId));

            // A repeat within the call is recorded by the same write as the report it repeats.
            batch.Written[i] = batch.Results[i].IsSuccess && batch.Keys.Contains(keys[i]);
        }

        return batch;
    }

    /// <summary>
    /// Writes every changed order and new feed entry of <paramref name="batch"/> in one transaction. False when that met a
    /// concurrent change (an order changed, or a report recorded by another call) and nothing was written: then record
    /// each with <see cref="RecordAsync"/>, which retries its own conflicts.
    /// </summary>
    public async Task<bool> SaveAsync(PostSaleBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Entries.Count == 0)
        {
            return true;
        }

        try
        {
            await orders.SaveWithFeedEntriesAsync([.. batch.Changed.Select(renderer.ToSave)], batch.Entries, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    /// <summary>
    /// <see cref="ApplyManyAsync"/> and its write again, with the store's writes held (ADR-037), for a call whose write met
    /// a concurrent change: decided on what is stored now and written where no other writer can change it, still one
    /// transaction. Null if even that met a conflict; then record each with <see cref="RecordAsync"/>.
    /// </summary>
    public async Task<PostSaleBatch?> ApplyManyHeldAsync<TPayload>(
        string storeId, string type, IReadOnlyList<PostSaleReport<TPayload>> reports, CancellationToken cancellationToken)
    {
        try
        {
            return await storeLock.HeldAsync(storeId, async () =>
            {
                var batch = await ApplyManyAsync(storeId, type, reports, cancellationToken);
                if (batch.Entries.Count > 0)
                {
                    await orders.SaveWithFeedEntriesAsync([.. batch.Changed.Select(renderer.ToSave)], batch.Entries, cancellationToken);
                }

                return batch;
            }, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }
    }

    private static Result Apply<TPayload>(
        PostSaleReport<TPayload> report, string key, IReadOnlyDictionary<string, ChannelOrder> loaded, DateTime now, PostSaleBatch batch, (string Type, string StoreId) feed)
    {
        if (batch.Keys.Contains(key))
        {
            return Result.Success();
        }

        if (loaded.GetValueOrDefault(report.ReferenceNumber) is not { } order)
        {
            return Result.Failure(Error.NotFound($"Order {report.ReferenceNumber} was not found."));
        }

        if (batch.Full is { } full)
        {
            return Result.Failure(full);
        }

        var applied = report.Apply(order, now);
        if (applied.IsFailure)
        {
            return applied;
        }

        batch.Changed.Add(order);
        batch.Keys.Add(key);
        batch.Entries.Add(new StoreUpdate(0, feed.StoreId, feed.Type, now, JsonSerializer.Serialize(report.Payload), key));
        return Result.Success();
    }

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
        // order with the store's writes held. Past the attempts the conflict is left to the caller, which answers the
        // order "retry".
        return await ConflictRetry.RunAsync(
            storeLock.HeldAfterFirst(storeId, async () =>
            {
                var order = (await orders.GetByReferencesAsync(storeId, [referenceNumber], cancellationToken)).GetValueOrDefault(referenceNumber);
                if (order is null)
                {
                    return Result<StoreUpdate>.Failure(Error.NotFound($"Order {referenceNumber} was not found."));
                }

                if (await feedRoom.RefusedAsync(storeId, cancellationToken) is { } full)
                {
                    return Result<StoreUpdate>.Failure(full);
                }

                var now = time.GetUtcNow().UtcDateTime;
                var applied = apply(order, now);
                if (applied.IsFailure)
                {
                    return Result<StoreUpdate>.Failure(applied.Errors);
                }

                var update = new StoreUpdate(0, storeId, type, now, JsonSerializer.Serialize(payload), dedupKey);
                return await orders.SaveWithFeedEntryAsync(renderer.ToSave(order), update, cancellationToken);
            }, cancellationToken),
            whenExhausted: null);
    }
}

/// <summary>One report of a call for <see cref="PostSaleRecorder.ApplyManyAsync"/>: its order, what is relayed, and the change on the order.</summary>
internal sealed record PostSaleReport<TPayload>(string ReferenceNumber, TPayload Payload, Func<ChannelOrder, DateTime, Result> Apply);

/// <summary>
/// A call's reports decided by <see cref="PostSaleRecorder.ApplyManyAsync"/>: each one's result, whether it is this
/// batch's write that records it (false: answered already, or recorded before the call), and what the write saves.
/// </summary>
internal sealed class PostSaleBatch(int count)
{
    public Result[] Results { get; } = new Result[count];

    public bool[] Written { get; } = new bool[count];

    /// <summary>Why the store's feed takes no new entry (ADR-039): each report not recorded before is refused with it.</summary>
    public Error? Full { get; init; }

    /// <summary>The orders the write saves, each once.</summary>
    public HashSet<ChannelOrder> Changed { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The dedup keys of <see cref="Entries"/>.</summary>
    public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

    public List<StoreUpdate> Entries { get; } = [];
}
