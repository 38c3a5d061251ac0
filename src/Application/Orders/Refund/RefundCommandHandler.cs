using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders.Refund;

internal sealed class RefundCommandHandler(IntegrationContext integration, PostSaleRecorder recorder)
    : LinnworksRequestHandler<RefundCommand, RefundResponse>
{
    protected override async Task<RefundResponse> HandleAsync(RefundCommand request, CancellationToken cancellationToken)
    {
        var refund = request.Refund!;
        var recorded = await recorder.RecordAsync(
            integration.Store.Id, refund.ReferenceNumber!.Trim(), StoreUpdateTypes.Refund, refund,
            (order, now) => order.RecordRefund([.. (refund.Items ?? []).Select(i => new PostSaleLine(i.OrderLineNumber, i.SKU, 0))], now),
            cancellationToken);
        return recorded.TryGetValue(out var update)
            ? new RefundResponse { RefundReference = update.Reference ?? string.Empty }
            : new RefundResponse { Error = recorded.ErrorMessage };
    }
}
