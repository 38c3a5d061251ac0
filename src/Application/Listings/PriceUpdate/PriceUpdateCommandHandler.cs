using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Listings.PriceUpdate;

internal sealed class PriceUpdateCommandHandler(IntegrationContext integration, ListingUpdateRecorder recorder)
    : LinnworksRequestHandler<PriceUpdateCommand, PriceUpdateResponse>
{
    protected override async Task<PriceUpdateResponse> HandleAsync(PriceUpdateCommand request, CancellationToken cancellationToken) => new()
    {
        Products = await recorder.RecordAsync(
            integration.Store.Id, StoreUpdateTypes.Price, request.Products!,
            (listing, item, hash, now) => listing.ApplyPrice(item.Price, item.Tag, hash, now),
            cancellationToken),
    };
}
