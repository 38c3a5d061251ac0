using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Ports;
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
        var results = new List<DespatchOrderResult>(request.Orders!.Count);
        foreach (var despatch in request.Orders!)
        {
            results.Add(await DespatchOneAsync(Call.Store.Id, despatch, cancellationToken));
        }

        return new DespatchResponse { Orders = results };
    }

    /// <summary>
    /// One order's despatch, answered under its reference exactly as sent: Linnworks finds each order's answer by it, and
    /// one it cannot find reads as not despatched. The order is found by the reference trimmed, as it was stored.
    /// </summary>
    private async Task<DespatchOrderResult> DespatchOneAsync(string storeId, DespatchOrderDto? despatch, CancellationToken cancellationToken)
    {
        var sent = despatch?.ReferenceNumber ?? string.Empty;
        var reference = sent.Trim();
        if (despatch?.ReadError is { } unreadable)
        {
            return new DespatchOrderResult { ReferenceNumber = sent, Error = unreadable };
        }

        if (despatch is null || reference.Length == 0)
        {
            return new DespatchOrderResult { ReferenceNumber = sent, Error = "ReferenceNumber is required." };
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Later(sent);
        }

        var normalized = Normalize(despatch, reference);
        var lines = normalized.Items.Count > 0 ? normalized.Items : normalized.Packages?.SelectMany(p => p.Items).ToList() ?? [];
        if (lines.Any(i => i.DespatchedQuantity < 0))
        {
            return new DespatchOrderResult { ReferenceNumber = sent, Error = "DespatchedQuantity cannot be negative." };
        }

        try
        {
            var recorded = await recorder.RecordAsync(
                storeId, reference, StoreUpdateTypes.Despatch, normalized,
                (order, now) => order.RecordDespatch([.. lines.Select(i => new PostSaleLine(i.OrderLineNumber, i.SKU, i.DespatchedQuantity))], now),
                cancellationToken);
            return new DespatchOrderResult { ReferenceNumber = sent, Error = recorded.IsSuccess ? null : recorded.ErrorMessage };
        }
        catch (Exception ex) when (ex is OperationCanceledException || transient.IsTransient(ex))
        {
            return Later(sent);
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
        ProcessedOn = d.ProcessedOn,
        Items = d.Items ?? [],
        Packages = d.Packages ?? [],
    };
}
