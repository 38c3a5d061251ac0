using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Listings.PriceUpdate;

internal sealed class PriceUpdateCommandHandler(CallContext call, ListingUpdateRecorder recorder)
    : LinnworksRequestHandler<PriceUpdateCommand, PriceUpdateResponse>(call)
{
    protected override async Task<PriceUpdateResponse> HandleAsync(PriceUpdateCommand request, CancellationToken cancellationToken) => new()
    {
        Products = await recorder.RecordAsync(
            Call.Store.Id, StoreUpdateTypes.Price, request.Products!,
            (listing, item, hash, now) => listing.ApplyPrice(item.Price, item.Tag, hash, now),
            cancellationToken),
    };
}
