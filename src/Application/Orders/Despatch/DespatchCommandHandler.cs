using System.Data.Common;
using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Application.Config;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders.Despatch;

/// <summary>
/// Records each despatch on its order and on the feed, once. Every ReferenceNumber gets an answer:
/// unknown → its own Error; a database hiccup or the deadline → Retry:true, never a dropped call.
/// </summary>
internal sealed class DespatchCommandHandler(LinkedStoreReader linkedStore, PostSaleRecorder recorder)
    : LinnworksRequestHandler<DespatchCommand, DespatchResponse>
{
    protected override async Task<DespatchResponse> HandleAsync(DespatchCommand request, CancellationToken cancellationToken)
    {
        var store = await linkedStore.GetAsync(cancellationToken);
        if (!store.TryGetValue(out var s))
        {
            return new DespatchResponse
            {
                Error = store.ErrorMessage,
                Orders = [.. request.Orders!.Select(o => new DespatchOrderResult { ReferenceNumber = o?.ReferenceNumber, Error = store.ErrorMessage })],
            };
        }

        var results = new List<DespatchOrderResult>(request.Orders!.Count);
        foreach (var despatch in request.Orders!)
        {
            results.Add(await DespatchOneAsync(s.Id, despatch, cancellationToken));
        }

        return new DespatchResponse { Orders = results };
    }

    private async Task<DespatchOrderResult> DespatchOneAsync(string storeId, DespatchOrderDto? despatch, CancellationToken cancellationToken)
    {
        var reference = despatch?.ReferenceNumber?.Trim();
        if (despatch is null || string.IsNullOrEmpty(reference))
        {
            return new DespatchOrderResult { ReferenceNumber = despatch?.ReferenceNumber, Error = "ReferenceNumber is required." };
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Later(reference);
        }

        var normalized = Normalize(despatch, reference);
        var lines = normalized.Items.Count > 0 ? normalized.Items : normalized.Packages?.SelectMany(p => p.Items).ToList() ?? [];
        if (lines.Any(i => i.DespatchedQuantity < 0))
        {
            return new DespatchOrderResult { ReferenceNumber = reference, Error = "DespatchedQuantity cannot be negative." };
        }

        try
        {
            var recorded = await recorder.RecordAsync(
                storeId, reference, StoreUpdateTypes.Despatch, normalized,
                (order, now) => order.RecordDespatch([.. lines.Select(i => new PostSaleLine(i.OrderLineNumber, i.SKU, i.DespatchedQuantity))], now),
                cancellationToken);
            return new DespatchOrderResult { ReferenceNumber = reference, Error = recorded.IsSuccess ? null : recorded.ErrorMessage };
        }
        catch (Exception ex) when (ex is OperationCanceledException or DbException or TimeoutException || ex is Domain.Common.ConcurrencyConflictException)
        {
            return Later(reference);
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
