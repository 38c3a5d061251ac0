using ChannelBridge.Application.Common;
using ChannelBridge.Application.Orders;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.PersonalData;

/// <summary>
/// Erases buyers' personal data from orders (ADR-018): for an erasure request, and for the retention sweep, which takes
/// every store's finished orders past its retention and its delivered feed entries past it too. Orders are erased in
/// batches of <see cref="OrdersOptions.PersonalDataBatchSize"/>, one short transaction each, so a Linnworks call never
/// waits long behind it.
/// </summary>
public sealed partial class PersonalDataEraser(
    IOrderRepository orders, Orders.GetOrders.IOrderDownloadRenderer renderer, IPersonalDataRepository data, PendingScrub pendingScrub, IOptions<OrdersOptions> options,
    IOptions<Updates.UpdatesOptions> updates, TimeProvider time, ILogger<PersonalDataEraser> logger)
{
    private const int FeedBatch = 1000;

    /// <summary>
    /// Erases those of the store's orders named that <paramref name="applies"/> accepts; each reference's outcome.
    /// Fails only when other writers kept changing the same orders (retry later).
    /// </summary>
    public async Task<Result<Dictionary<string, ErasureOutcome>>> EraseAsync(
        string storeId, IReadOnlyList<string> references, Func<ChannelOrder, bool> applies, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, ErasureOutcome>(StringComparer.Ordinal);
        foreach (var batch in references.Distinct(StringComparer.Ordinal).Chunk(options.Value.PersonalDataBatchSize))
        {
            var erased = await EraseBatchAsync(storeId, batch, applies, cancellationToken);
            if (!erased.TryGetValue(out var batchOutcomes))
            {
                return Result<Dictionary<string, ErasureOutcome>>.Failure(erased.Errors);
            }

            foreach (var (reference, outcome) in batchOutcomes)
            {
                outcomes[reference] = outcome;
            }
        }

        return outcomes;
    }

    /// <summary>
    /// One pass over every store: finished orders past its retention, then delivered feed entries past the shorter of its
    /// retention and the feed's own (<see cref="Updates.UpdatesOptions.DeliveredRetentionDays"/>).
    /// </summary>
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var defaultDays = options.Value.PersonalDataRetentionDays;
        var now = time.GetUtcNow().UtcDateTime;
        var total = new SweepResult(0, 0);
        foreach (var store in await data.GetRetentionsAsync(cancellationToken))
        {
            var days = store.Days ?? defaultDays;
            var feedDays = FeedRetentionDays(days);
            var erased = days > 0 ? await SweepOrdersAsync(store.StoreId, now - TimeSpan.FromDays(days), cancellationToken) : 0;
            var feed = feedDays > 0 ? await SweepFeedAsync(store.StoreId, now - TimeSpan.FromDays(feedDays), cancellationToken) : 0;
            if (erased + feed > 0)
            {
                await data.RecordErasureAsync(new ErasureRecord(store.StoreId, now, ErasureRecord.Retention, erased, feed), cancellationToken);
                Record(store.StoreId, ErasureRecord.Retention, erased, feed);
                total = new SweepResult(total.Orders + erased, total.FeedEntries + feed);
            }
        }

        if (total.Orders + total.FeedEntries > 0 || pendingScrub.IsPending)
        {
            await ScrubAsync(cancellationToken);
        }

        return total;
    }

    /// <summary>
    /// Leaves no copy of what was erased in the database's files. When the database is too busy for it now, it stays
    /// pending (on this node) and the next sweep pass tries again, whether or not that pass erases anything.
    /// </summary>
    public async Task ScrubAsync(CancellationToken cancellationToken)
    {
        pendingScrub.IsPending = true;
        if (await data.ScrubAsync(cancellationToken))
        {
            pendingScrub.IsPending = false;
        }
        else
        {
            LogScrubDeferred();
        }
    }

    /// <summary>Counts an erasure in the metrics and the log (counts and the store only: never what was erased).</summary>
    public void Record(string storeId, string reason, int orderCount, int feedEntries)
    {
        var tag = new KeyValuePair<string, object?>("reason", reason.ToLowerInvariant());
        ChannelBridgeTelemetry.PersonalDataErasedOrders.Add(orderCount, tag);
        ChannelBridgeTelemetry.PersonalDataDeletedFeedEntries.Add(feedEntries, tag);
        LogErased(orderCount, feedEntries, storeId, reason);
    }

    /// <summary>The days a store's delivered feed entries are kept: the shorter of its personal-data retention and the feed's own, where set; 0: kept.</summary>
    private int FeedRetentionDays(int personalDataDays)
    {
        var feedDays = updates.Value.DeliveredRetentionDays;
        return personalDataDays <= 0 ? feedDays : feedDays <= 0 ? personalDataDays : Math.Min(personalDataDays, feedDays);
    }

    private async Task<int> SweepOrdersAsync(string storeId, DateTime cutoff, CancellationToken cancellationToken)
    {
        var erased = 0;
        while (true)
        {
            var due = await data.FindFinishedBeforeAsync(storeId, cutoff, options.Value.PersonalDataBatchSize, cancellationToken);
            if (due.Count == 0)
            {
                return erased;
            }

            var batch = await EraseBatchAsync(storeId, due, order => order.IsFinished, cancellationToken);
            var count = batch.TryGetValue(out var outcomes) ? outcomes.Values.Count(o => o == ErasureOutcome.Erased) : 0;
            if (count == 0)
            {
                // Other writers kept changing these orders, or they stopped being finished: the next pass sees them again.
                return erased;
            }

            erased += count;
        }
    }

    private async Task<int> SweepFeedAsync(string storeId, DateTime cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        int batch;
        do
        {
            batch = await data.DeleteDeliveredFeedAsync(storeId, cutoff, FeedBatch, cancellationToken);
            deleted += batch;
        }
        while (batch == FeedBatch);
        return deleted;
    }

    private Task<Result<Dictionary<string, ErasureOutcome>>> EraseBatchAsync(
        string storeId, IReadOnlyList<string> references, Func<ChannelOrder, bool> applies, CancellationToken cancellationToken) =>
        ConflictRetry.RunAsync(
            async () =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                var found = await orders.GetByReferencesAsync(storeId, references, cancellationToken);
                var outcomes = new Dictionary<string, ErasureOutcome>(StringComparer.Ordinal);
                var changed = new List<ChannelOrder>();
                foreach (var reference in references)
                {
                    if (!found.TryGetValue(reference, out var order) || !applies(order))
                    {
                        outcomes[reference] = ErasureOutcome.NotFound;
                    }
                    else if (order.ErasePersonalData(now))
                    {
                        changed.Add(order);
                        outcomes[reference] = ErasureOutcome.Erased;
                    }
                    else
                    {
                        outcomes[reference] = ErasureOutcome.AlreadyErased;
                    }
                }

                if (changed.Count > 0)
                {
                    await orders.SaveErasedAsync([.. changed.Select(renderer.ToSave)], cancellationToken);
                }

                return outcomes;
            },
            "These orders were being changed at the same time. Retry the erasure.");

    [LoggerMessage(LogLevel.Information, "Erased the personal data of {Orders} orders and deleted {FeedEntries} delivered feed entries of store {StoreId} ({Reason})")]
    private partial void LogErased(int orders, int feedEntries, string storeId, string reason);

    [LoggerMessage(LogLevel.Warning, "Personal data was erased, but the database's files could not be scrubbed now (busy); the next sweep tries again")]
    private partial void LogScrubDeferred();
}

public enum ErasureOutcome
{
    Erased,
    AlreadyErased,
    NotFound,
}

public sealed record SweepResult(int Orders, int FeedEntries);

/// <summary>An erasure whose scrub of the database's files could not finish yet (one per node).</summary>
public sealed class PendingScrub
{
    private volatile bool _pending;

    public bool IsPending
    {
        get => _pending;
        set => _pending = value;
    }
}
