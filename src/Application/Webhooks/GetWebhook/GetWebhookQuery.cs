using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using MediatR;

namespace ChannelBridge.Application.Webhooks.GetWebhook;

public sealed record GetWebhookQuery(string StoreId) : Stores.IChannelRequest<WebhookResponse>;

internal sealed class GetWebhookQueryHandler(IWebhookRepository webhooks) : IRequestHandler<GetWebhookQuery, Result<WebhookResponse>>
{
    public async Task<Result<WebhookResponse>> Handle(GetWebhookQuery request, CancellationToken cancellationToken)
    {
        if (await webhooks.GetAsync(request.StoreId, cancellationToken) is not { } webhook)
        {
            return Result<WebhookResponse>.Failure(Error.NotFound($"Store '{request.StoreId}' has no webhook."));
        }

        var response = WebhookResponse.From(webhook);
        response.Backlog = await webhooks.BacklogAsync(webhook.StoreId, webhook.DeliveredCursor, cancellationToken);
        return response;
    }
}
