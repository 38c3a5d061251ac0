using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;
using MediatR;

namespace ChannelBridge.Application.Listings.DeleteProduct;

/// <summary>Removes a listing by its SKU trimmed, as listings are stored.</summary>
internal sealed class DeleteProductCommandHandler(IListingRepository listings) : IRequestHandler<DeleteProductCommand, Result<DeletedProduct>>
{
    public async Task<Result<DeletedProduct>> Handle(DeleteProductCommand request, CancellationToken cancellationToken) =>
        await listings.DeleteAsync(request.StoreId, request.Sku.Trim(), cancellationToken)
            ? new DeletedProduct(request.Sku.Trim())
            : Result<DeletedProduct>.Failure(Error.NotFound($"Store '{request.StoreId}' has no product with SKU '{request.Sku.Trim()}'."));
}
