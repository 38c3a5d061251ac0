using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Listings;
using MediatR;

namespace ChannelBridge.Application.Listings.DeleteProduct;

internal sealed class DeleteProductCommandHandler(IListingRepository listings) : IRequestHandler<DeleteProductCommand, Result<DeletedProduct>>
{
    public async Task<Result<DeletedProduct>> Handle(DeleteProductCommand request, CancellationToken cancellationToken) =>
        await listings.DeleteAsync(request.StoreId, request.Sku, cancellationToken)
            ? new DeletedProduct(request.Sku)
            : Result<DeletedProduct>.Failure(Error.NotFound($"Store '{request.StoreId}' has no product with SKU '{request.Sku}'."));
}
