using System.Text.Json;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using MediatR;

namespace ChannelBridge.Application.Updates.GetUpdates;

internal sealed class GetUpdatesQueryHandler(IStoreUpdateFeed feed, Domain.Stores.IStoreRepository stores) : IRequestHandler<GetUpdatesQuery, Result<UpdatesResponse>>
{
    public async Task<Result<UpdatesResponse>> Handle(GetUpdatesQuery request, CancellationToken cancellationToken)
    {
        if (await stores.GetByIdAsync(request.StoreId, cancellationToken) is null)
        {
            return Result<UpdatesResponse>.Failure(Error.NotFound($"Store '{request.StoreId}' was not found."));
        }

        var after = request.After ?? await feed.GetAcknowledgedAsync(request.StoreId, cancellationToken);
        var updates = await feed.ReadAsync(request.StoreId, after, request.Limit, cancellationToken);
        return new UpdatesResponse
        {
            Updates = [.. updates.Select(u => new UpdateDto
            {
                Cursor = u.Cursor,
                Type = u.Type,
                ReceivedUtc = u.ReceivedUtc,
                Reference = u.Reference,
                Payload = JsonElement.Parse(u.Payload),
            })],
            NextCursor = updates.Count > 0 ? updates[^1].Cursor : after,
        };
    }
}
