using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Application.Config;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Orders.Cancel;

internal sealed class CancelCommandHandler(LinkedStoreReader linkedStore, PostSaleRecorder recorder)
    : LinnworksRequestHandler<CancelCommand, CancelResponse>
{
    protected override async Task<CancelResponse> HandleAsync(CancelCommand request, CancellationToken cancellationToken)
    {
        var store = await linkedStore.GetAsync(cancellationToken);
        if (!store.TryGetValue(out var s))
        {
            return new CancelResponse { Error = store.ErrorMessage };
        }

        var cancellation = request.Cancellation!;
        var reference = cancellation.ReferenceNumber!.Trim();
        var recorded = await recorder.RecordAsync(
            s.Id, reference, StoreUpdateTypes.Cancel, cancellation,
            (order, now) => order.RecordCancellation([.. (cancellation.Items ?? []).Select(i => new PostSaleLine(i.OrderLineNumber, i.SKU, i.CancellationQuantity))], now),
            cancellationToken);
        return new CancelResponse { Error = recorded.IsSuccess ? null : recorded.ErrorMessage };
    }
}
