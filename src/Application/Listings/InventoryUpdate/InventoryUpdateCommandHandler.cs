using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Listings.InventoryUpdate;

internal sealed class InventoryUpdateCommandHandler(IntegrationContext integration, ListingUpdateRecorder recorder)
    : LinnworksRequestHandler<InventoryUpdateCommand, InventoryUpdateResponse>
{
    protected override async Task<InventoryUpdateResponse> HandleAsync(InventoryUpdateCommand request, CancellationToken cancellationToken) => new()
    {
        Products = await recorder.RecordAsync(
            integration.Store.Id, StoreUpdateTypes.Inventory, request.Products!,
            (listing, item, hash, now) => item.MultiLocationLevels?.Any(l => l.Quantity < 0) == true
                ? Result<bool>.Failure(Error.Validation("MultiLocationLevels quantities cannot be negative."))
                : listing.ApplyInventory(item.Quantity, hash, now),
            cancellationToken),
    };
}
