using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders.Despatch;

/// <summary>
/// Records each despatch on its order and on the feed, once. Every ReferenceNumber gets an answer, in
/// the order sent: unknown or unreadable → its own Error; a transient failure or the deadline → Retry:true.
/// </summary>
internal sealed class DespatchCommandHandler(CallContext call, PostSaleRecorder recorder, ITransientFailures transient)
    : LinnworksRequestHandler<DespatchCommand, DespatchResponse>(call)
{
    protected override async Task<DespatchResponse> HandleAsync(DespatchCommand request, CancellationToken cancellationToken)
    {
        var checkedOrders = request.Orders!.Select(Check).ToList();
        var reports = checkedOrders.Where(c => c.Report is not null).ToList();
        var together = reports.Count > 1 ? await RecordTogetherAsync(Call.Store.Id, reports, cancellationToken) : null;
        var results = new List<DespatchOrderResult>(checkedOrders.Count);
        var next = 0;
        foreach (var despatch in checkedOrders)
        {
            results.Add(
                despatch.Report is null ? despatch.Answer!
                : together is not null ? together[next++]
                : await RecordOneAsync(Call.Store.Id, despatch, cancellationToken));
        }

        return new DespatchResponse { Orders = results };
    }

    /// <summary>
    /// One order's despatch as sent, checked: answered already (unreadable, no reference, a reference longer than any
    /// order's, a negative quantity), or the report to record. Answered under its reference exactly as sent: Linnworks
    /// finds each order's answer by it, and one it cannot find reads as not despatched. The order is found by the
    /// reference trimmed, as it was stored.
    /// </summary>
    private static CheckedDespatch Check(DespatchOrderDto? despatch)
    {
        var sent = despatch?.ReferenceNumber ?? string.Empty;
        var reference = sent.Trim();
        if (despatch?.ReadError is { } unreadable)
        {
            return new(sent, new DespatchOrderResult { ReferenceNumber = sent, Error = unreadable }, null);
        }

        if (despatch is null || reference.Length == 0)
        {
            return new(sent, new DespatchOrderResult { ReferenceNumber = sent, Error = "ReferenceNumber is required." }, null);
        }

        if (OrderRules.NamesNoOrder(reference))
        {
            return new(sent, new DespatchOrderResult { ReferenceNumber = sent, Error = OrderRules.ReferenceNamesNoOrder }, null);
        }

        var normalized = Normalize(despatch, reference);
        var lines = normalized.Items.Count > 0 ? normalized.Items : normalized.Packages?.SelectMany(p => p.Items).ToList() ?? [];
        if (lines.Any(i => i.DespatchedQuantity < 0))
        {
            return new(sent, new DespatchOrderResult { ReferenceNumber = sent, Error = "DespatchedQuantity cannot be negative." }, null);
        }

        return new(sent, null, new PostSaleReport<DespatchOrderDto>(
            reference, normalized, (order, now) => order.RecordDespatch([.. lines.Select(i => new PostSaleLine(i.OrderLineNumber, i.SKU, i.DespatchedQuantity))], now)));
    }

    /// <summary>
    /// The call's despatches in one transaction (a full call of 500 was 500 transactions, each with its reads and its
    /// commit; ADR-032), decided again with the store's writes held if that met a concurrent change (ADR-037). Null when
    /// even that met one: each is then recorded on its own. On a busy database or
    /// at the deadline, each despatch the write would have recorded is answered "retry"; the rest keep their answers
    /// (an unknown order is told so, as a read can tell it).
    /// </summary>
    private async Task<IReadOnlyList<DespatchOrderResult>?> RecordTogetherAsync(string storeId, List<CheckedDespatch> despatches, CancellationToken cancellationToken)
    {
        PostSaleBatch? batch = null;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<PostSaleReport<DespatchOrderDto>> reports = [.. despatches.Select(d => d.Report!)];
            batch = await recorder.ApplyManyAsync(storeId, StoreUpdateTypes.Despatch, reports, cancellationToken);
            if (!await recorder.SaveAsync(batch, cancellationToken))
            {
                // Another writer changed one of these orders, or recorded one of these reports, between the reads and the
                // write: the call is decided again with the store's writes held (ADR-037), still one transaction.
                if (await recorder.ApplyManyHeldAsync(storeId, StoreUpdateTypes.Despatch, reports, cancellationToken) is not { } again)
                {
                    return null;
                }

                batch = again;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || transient.IsTransient(ex))
        {
            return [.. despatches.Select((d, i) => batch is null || batch.Written[i] ? Later(d.Sent) : Answer(d.Sent, batch.Results[i]))];
        }

        return [.. despatches.Select((d, i) => Answer(d.Sent, batch.Results[i]))];
    }

    private static DespatchOrderResult Answer(string sent, Result recorded) =>
        new() { ReferenceNumber = sent, Error = recorded.IsSuccess ? null : recorded.ErrorMessage };

    private async Task<DespatchOrderResult> RecordOneAsync(string storeId, CheckedDespatch despatch, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Later(despatch.Sent);
        }

        try
        {
            var report = despatch.Report!;
            var recorded = await recorder.RecordAsync(storeId, report.ReferenceNumber, StoreUpdateTypes.Despatch, report.Payload, report.Apply, cancellationToken);
            return Answer(despatch.Sent, recorded);
        }
        catch (Exception ex) when (ex is OperationCanceledException || transient.IsTransient(ex))
        {
            return Later(despatch.Sent);
        }
    }

    private static DespatchOrderResult Later(string reference) =>
        new() { ReferenceNumber = reference, Error = "Temporarily unable to record this despatch; please retry.", Retry = true };

    private static DespatchOrderDto Normalize(DespatchOrderDto d, string reference) => new()
    {
        ReferenceNumber = reference,
        ShippingVendor = string.IsNullOrWhiteSpace(d.ShippingVendor) ? "NONE" : d.ShippingVendor,
        ShippingMethod = string.IsNullOrWhiteSpace(d.ShippingMethod) ? "Default" : d.ShippingMethod,
        TrackingNumber = d.TrackingNumber,
        TrackingUrl = d.TrackingUrl,
        SecondaryTrackingNumbers = d.SecondaryTrackingNumbers ?? [],
        ProcessedOn = UnsetDate.AbsentIfUnset(d.ProcessedOn),
        Items = d.Items ?? [],
        Packages = d.Packages ?? [],
    };

    /// <summary>A despatch as sent: its answer when checking decided it, else the report to record.</summary>
    private sealed record CheckedDespatch(string Sent, DespatchOrderResult? Answer, PostSaleReport<DespatchOrderDto>? Report);
}
