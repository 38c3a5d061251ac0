using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;
using MediatR;

namespace ChannelBridge.Application.Listings.DeleteProduct;

/// <summary>Removes a listing by its SKU trimmed, as listings are stored.</summary>
internal sealed class DeleteProductCommandHandler(IListingRepository listings) : IRequestHandler<DeleteProductCommand, Result<DeletedProduct>>
{
    public async Task<Result<DeletedProduct>> Handle(DeleteProductCommand request, CancellationToken cancellationToken)
    {
        var sku = request.Sku.Trim();
        return (await listings.DeleteAsync(request.StoreId, [sku], cancellationToken)).Count == 1
            ? new DeletedProduct(sku)
            : Result<DeletedProduct>.Failure(Error.NotFound($"Store '{request.StoreId}' has no product with SKU '{sku}'."));
    }
}
