using ChannelBridge.Domain.Common;
using MediatR;

namespace ChannelBridge.Application.Stores.RotateStoreKey;

/// <summary>The old key stops working at once; Linnworks integrations set up with it fail ConfigTest until updated.</summary>
internal sealed class RotateStoreKeyCommandHandler(StoreChanger changer, TimeProvider time)
    : IRequestHandler<RotateStoreKeyCommand, Result<StoreKeyResponse>>
{
    public Task<Result<StoreKeyResponse>> Handle(RotateStoreKeyCommand request, CancellationToken cancellationToken) =>
        changer.ChangeAsync(
            request.StoreId,
            store => Result.Success(new StoreKeyResponse { StoreKey = store.RotateKey(time.GetUtcNow().UtcDateTime) }),
            cancellationToken);
}
