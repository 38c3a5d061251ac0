using System.Text.Json;
using ChannelBridge.Application.Common;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using MediatR;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Application.Updates.GetUpdates;

internal sealed class GetUpdatesQueryHandler(IStoreUpdateFeed feed, Domain.Stores.IStoreRepository stores, OncePerMinuteLogLines logLines, ILogger<GetUpdatesQueryHandler> logger)
    : IRequestHandler<GetUpdatesQuery, Result<UpdatesResponse>>
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
            Updates = [.. updates.Select(ToDto)],
            NextCursor = updates.Count > 0 ? updates[^1].Cursor : after,
        };
    }

    private UpdateDto ToDto(StoreUpdate update)
    {
        var dto = new UpdateDto { Cursor = update.Cursor, Type = update.Type, ReceivedUtc = update.ReceivedUtc, Reference = update.Reference };
        if (update.HasUnreadableReceivedUtc && logLines.Logs(OncePerMinuteLogLines.UnreadableFeedDate, $"{update.StoreId}:{update.Cursor}"))
        {
            logger.LogError("The stored ReceivedUtc of update {Cursor} of store {StoreId} ({Type}) is not a date; it is answered as 0001-01-01", update.Cursor, update.StoreId, update.Type);
        }

        try
        {
            dto.Payload = JsonElement.Parse(update.Payload);
        }
        catch (JsonException)
        {
            // One damaged entry must not stop the store's feed: it is answered without its payload, and the operator told
            // (once a minute for each entry, however often the platform reads it; never the payload, which may hold personal data).
            dto.Error = StoreUpdate.UnreadablePayload;
            if (logLines.Logs(OncePerMinuteLogLines.UnreadableFeedPayload, $"{update.StoreId}:{update.Cursor}"))
            {
                logger.LogError("The stored payload of update {Cursor} of store {StoreId} ({Type}) is not JSON; it is answered without it", update.Cursor, update.StoreId, update.Type);
            }
        }

        return dto;
    }
}
