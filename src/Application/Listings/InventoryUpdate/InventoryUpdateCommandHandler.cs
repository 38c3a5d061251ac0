using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Listings.InventoryUpdate;

internal sealed class InventoryUpdateCommandHandler(CallContext call, ListingUpdateRecorder recorder)
    : LinnworksRequestHandler<InventoryUpdateCommand, InventoryUpdateResponse>(call)
{
    protected override async Task<InventoryUpdateResponse> HandleAsync(InventoryUpdateCommand request, CancellationToken cancellationToken) => new()
    {
        Products = await recorder.RecordAsync(
            Call.Store.Id, StoreUpdateTypes.Inventory, request.Products!,
            (listing, item, hash, now) => item.MultiLocationLevels?.Any(l => l.Quantity < 0) == true
                ? Result<bool>.Failure(Error.Validation("MultiLocationLevels quantities cannot be negative."))
                : listing.ApplyInventory(item.Quantity, hash, now),
            cancellationToken),
    };
}
