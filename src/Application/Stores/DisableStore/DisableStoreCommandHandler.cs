using AutoMapper;
using ChannelBridge.Domain.Common;
using MediatR;

namespace ChannelBridge.Application.Stores.DisableStore;

internal sealed class DisableStoreCommandHandler(StoreChanger changer, IMapper mapper, TimeProvider time)
    : IRequestHandler<DisableStoreCommand, Result<StoreResponse>>
{
    public Task<Result<StoreResponse>> Handle(DisableStoreCommand request, CancellationToken cancellationToken) =>
        changer.ChangeAsync(
            request.StoreId,
            store =>
            {
                store.Disable(time.GetUtcNow().UtcDateTime);
                return Result.Success(mapper.Map<StoreResponse>(store));
            },
            cancellationToken);
}
