using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Application.Config;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Listings.PriceUpdate;

internal sealed class PriceUpdateCommandHandler(LinkedStoreReader linkedStore, ListingUpdateRecorder recorder)
    : LinnworksRequestHandler<PriceUpdateCommand, PriceUpdateResponse>
{
    protected override async Task<PriceUpdateResponse> HandleAsync(PriceUpdateCommand request, CancellationToken cancellationToken)
    {
        var store = await linkedStore.GetAsync(cancellationToken);
        if (!store.TryGetValue(out var s))
        {
            return new PriceUpdateResponse { Error = store.ErrorMessage, Products = [.. request.Products!.Select(p => new SkuResult(p?.SKU, store.ErrorMessage))] };
        }

        var results = await recorder.RecordAsync(
            s.Id, StoreUpdateTypes.Price, request.Products!, p => p.SKU,
            (listing, item, hash, now) => listing.ApplyPrice(item.Price, hash, now),
            cancellationToken);
        return new PriceUpdateResponse { Products = results };
    }
}
