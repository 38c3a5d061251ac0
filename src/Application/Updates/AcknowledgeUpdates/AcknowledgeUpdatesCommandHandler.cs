using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using MediatR;

namespace ChannelBridge.Application.Updates.AcknowledgeUpdates;

/// <summary>Moves the store's acknowledged cursor forward (never back); a cursor past the newest update is refused.</summary>
internal sealed class AcknowledgeUpdatesCommandHandler(IStoreUpdateFeed feed, Domain.Stores.IStoreRepository stores)
    : IRequestHandler<AcknowledgeUpdatesCommand, Result<AcknowledgedResponse>>
{
    public async Task<Result<AcknowledgedResponse>> Handle(AcknowledgeUpdatesCommand request, CancellationToken cancellationToken)
    {
        if (await stores.GetByIdAsync(request.StoreId, cancellationToken) is null)
        {
            return Result<AcknowledgedResponse>.Failure(Error.NotFound($"Store '{request.StoreId}' was not found."));
        }

        var cursor = request.Cursor!.Value;
        if (cursor > 0)
        {
            var entry = await feed.ReadAsync(request.StoreId, cursor - 1, 1, cancellationToken);
            if (entry.Count == 0 || entry[0].Cursor != cursor)
            {
                return Result<AcknowledgedResponse>.Failure(Error.Validation($"Cursor {cursor} is not an update of this store."));
            }
        }

        return new AcknowledgedResponse { AcknowledgedCursor = await feed.AcknowledgeAsync(request.StoreId, cursor, cancellationToken) };
    }
}
