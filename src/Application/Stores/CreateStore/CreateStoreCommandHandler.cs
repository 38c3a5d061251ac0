using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using MediatR;

namespace ChannelBridge.Application.Stores.CreateStore;

internal sealed class CreateStoreCommandHandler(IStoreRepository stores, TimeProvider time)
    : IRequestHandler<CreateStoreCommand, Result<CreatedStoreResponse>>
{
    public async Task<Result<CreatedStoreResponse>> Handle(CreateStoreCommand request, CancellationToken cancellationToken)
    {
        var created = Store.Create(request.Name, time.GetUtcNow().UtcDateTime);
        if (!created.TryGetValue(out var value))
        {
            return Result<CreatedStoreResponse>.Failure(created.Errors);
        }

        await stores.SaveAsync(value.Store, cancellationToken);
        return new CreatedStoreResponse
        {
            StoreId = value.Store.Id,
            Name = value.Store.Name,
            StoreKey = value.StoreKey,
            IsActive = value.Store.IsActive,
        };
    }
}
