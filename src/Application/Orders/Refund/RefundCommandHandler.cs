using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Application.Config;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders.Refund;

internal sealed class RefundCommandHandler(LinkedStoreReader linkedStore, PostSaleRecorder recorder)
    : LinnworksRequestHandler<RefundCommand, RefundResponse>
{
    protected override async Task<RefundResponse> HandleAsync(RefundCommand request, CancellationToken cancellationToken)
    {
        var store = await linkedStore.GetAsync(cancellationToken);
        if (!store.TryGetValue(out var s))
        {
            return new RefundResponse { Error = store.ErrorMessage };
        }

        var refund = request.Refund!;
        var recorded = await recorder.RecordAsync(
            s.Id, refund.ReferenceNumber!.Trim(), StoreUpdateTypes.Refund, refund,
            (order, now) => order.RecordRefund([.. (refund.Items ?? []).Select(i => new PostSaleLine(i.OrderLineNumber, i.SKU, 0))], now),
            cancellationToken);
        return recorded.TryGetValue(out var update)
            ? new RefundResponse { RefundReference = update.Reference }
            : new RefundResponse { Error = recorded.ErrorMessage };
    }
}
