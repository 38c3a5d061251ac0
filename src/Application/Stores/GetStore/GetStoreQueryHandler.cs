using AutoMapper;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using MediatR;

namespace ChannelBridge.Application.Stores.GetStore;

internal sealed class GetStoreQueryHandler(IStoreRepository stores, IMapper mapper) : IRequestHandler<GetStoreQuery, Result<StoreResponse>>
{
    public async Task<Result<StoreResponse>> Handle(GetStoreQuery request, CancellationToken cancellationToken)
    {
        var store = await stores.GetByIdAsync(request.StoreId, cancellationToken);
        return store is null
            ? Result<StoreResponse>.Failure(StoreErrors.NotFound(request.StoreId))
            : mapper.Map<StoreResponse>(store);
    }
}
