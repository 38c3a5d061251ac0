using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;
using MediatR;

namespace ChannelBridge.Application.Webhooks.ConfigureWebhook;

/// <summary>A new webhook starts after the updates the platform already acknowledged on the pull feed.</summary>
internal sealed class ConfigureWebhookCommandHandler(
    IWebhookRepository webhooks, IStoreRepository stores, IStoreUpdateFeed feed, IWebhookDestinationGuard destinations, TimeProvider time)
    : IRequestHandler<ConfigureWebhookCommand, Result<WebhookResponse>>
{
    public async Task<Result<WebhookResponse>> Handle(ConfigureWebhookCommand request, CancellationToken cancellationToken)
    {
        if (await stores.GetByIdAsync(request.StoreId, cancellationToken) is null)
        {
            return Result<WebhookResponse>.Failure(Error.NotFound($"Store '{request.StoreId}' was not found."));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var webhook = await webhooks.GetAsync(request.StoreId, cancellationToken);
        string? madeSecret = null;
        if (webhook is null)
        {
            var created = Webhook.Create(request.StoreId, request.Url, request.Secret, await feed.GetAcknowledgedAsync(request.StoreId, cancellationToken), now);
            if (!created.TryGetValue(out webhook))
            {
                return Result<WebhookResponse>.Failure(created.Errors);
            }

            madeSecret = request.Secret is null ? webhook.Secret : null;
        }
        else
        {
            var changed = webhook.Reconfigure(request.Url, request.Secret, now);
            if (changed.IsFailure)
            {
                return Result<WebhookResponse>.Failure(changed.Errors);
            }
        }

        var reachable = await destinations.CheckAsync(webhook.Url, cancellationToken);
        if (reachable.IsFailure)
        {
            return Result<WebhookResponse>.Failure(reachable.Errors);
        }

        await webhooks.SaveAsync(webhook, cancellationToken);
        return WebhookResponse.From(webhook, madeSecret);
    }
}
