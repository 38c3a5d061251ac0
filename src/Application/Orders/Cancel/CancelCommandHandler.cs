using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders.Cancel;

internal sealed class CancelCommandHandler(CallContext call, PostSaleRecorder recorder)
    : LinnworksRequestHandler<CancelCommand, CancelResponse>(call)
{
    protected override async Task<CancelResponse> HandleAsync(CancelCommand request, CancellationToken cancellationToken)
    {
        var cancellation = request.Cancellation!;
        var reference = cancellation.ReferenceNumber!.Trim();
        var relayed = cancellation.NamedAs(reference);
        var recorded = await recorder.RecordAsync(
            Call.Store.Id, reference, StoreUpdateTypes.Cancel, relayed,
            (order, now) => order.RecordCancellation([.. (cancellation.Items ?? []).Select(i => new PostSaleLine(i.OrderLineNumber, i.SKU, i.CancellationQuantity))], now),
            cancellationToken);
        return new CancelResponse { Error = recorded.IsSuccess ? null : recorded.ErrorMessage };
    }
}
