using ChannelBridge.Application.Common.Messaging;
using ChannelBridge.Application.Config;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Application.Listings.InventoryUpdate;

internal sealed class InventoryUpdateCommandHandler(LinkedStoreReader linkedStore, ListingUpdateRecorder recorder)
    : LinnworksRequestHandler<InventoryUpdateCommand, InventoryUpdateResponse>
{
    protected override async Task<InventoryUpdateResponse> HandleAsync(InventoryUpdateCommand request, CancellationToken cancellationToken)
    {
        var store = await linkedStore.GetAsync(cancellationToken);
        if (!store.TryGetValue(out var s))
        {
            return new InventoryUpdateResponse { Error = store.ErrorMessage, Products = [.. request.Products!.Select(p => new SkuResult(p?.SKU, store.ErrorMessage))] };
        }

        var results = await recorder.RecordAsync(
            s.Id, StoreUpdateTypes.Inventory, request.Products!, p => p.SKU,
            (listing, item, hash, now) => item.MultiLocationLevels?.Any(l => l.Quantity < 0) == true
                ? Result<bool>.Failure(Error.Validation("MultiLocationLevels quantities cannot be negative."))
                : listing.ApplyInventory(item.Quantity, hash, now),
            cancellationToken);
        return new InventoryUpdateResponse { Products = results };
    }
}
