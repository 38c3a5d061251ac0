using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders.Refund;

internal sealed class RefundCommandHandler(CallContext call, PostSaleRecorder recorder)
    : LinnworksRequestHandler<RefundCommand, RefundResponse>(call)
{
    protected override async Task<RefundResponse> HandleAsync(RefundCommand request, CancellationToken cancellationToken)
    {
        var refund = request.Refund!;
        var reference = refund.ReferenceNumber!.Trim();
        var relayed = refund.NamedAs(reference);
        var recorded = await recorder.RecordAsync(
            Call.Store.Id, reference, StoreUpdateTypes.Refund, relayed,
            (order, now) => order.RecordRefund([.. (refund.Items ?? []).Select(i => new PostSaleLine(i.OrderLineNumber, i.SKU, 0))], now),
            cancellationToken);
        return recorded.TryGetValue(out var update)
            ? new RefundResponse { RefundReference = update.Reference ?? string.Empty }
            : new RefundResponse { Error = recorded.ErrorMessage };
    }
}
