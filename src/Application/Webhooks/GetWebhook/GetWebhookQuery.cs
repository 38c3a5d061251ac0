using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using MediatR;

namespace ChannelBridge.Application.Webhooks.GetWebhook;

public sealed record GetWebhookQuery(string StoreId) : Stores.IChannelRequest<WebhookResponse>;

internal sealed class GetWebhookQueryHandler(IWebhookRepository webhooks) : IRequestHandler<GetWebhookQuery, Result<WebhookResponse>>
{
    public async Task<Result<WebhookResponse>> Handle(GetWebhookQuery request, CancellationToken cancellationToken) =>
        await webhooks.GetAsync(request.StoreId, cancellationToken) is { } webhook
            ? WebhookResponse.From(webhook)
            : Result<WebhookResponse>.Failure(Error.NotFound($"Store '{request.StoreId}' has no webhook."));
}
