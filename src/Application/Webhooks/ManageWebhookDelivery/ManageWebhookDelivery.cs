using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using MediatR;

namespace ChannelBridge.Application.Webhooks.ManageWebhookDelivery;

/// <summary>Delivery resumes from the webhook's delivered cursor, at once (after a 410 or a run of failures disabled it).</summary>
public sealed record EnableWebhookCommand(string StoreId) : Stores.IChannelRequest<WebhookResponse>;

/// <summary>Operator: deliver again every update after <paramref name="After"/> (a platform that lost its own copy).</summary>
public sealed record RedeliverWebhookCommand(string StoreId, long? After) : Stores.IChannelRequest<WebhookResponse>;

internal sealed class ManageWebhookDeliveryHandlers(IWebhookRepository webhooks, TimeProvider time)
    : IRequestHandler<EnableWebhookCommand, Result<WebhookResponse>>, IRequestHandler<RedeliverWebhookCommand, Result<WebhookResponse>>
{
    public Task<Result<WebhookResponse>> Handle(EnableWebhookCommand request, CancellationToken cancellationToken) =>
        ChangeAsync(request.StoreId, (webhook, now) => { webhook.Enable(now); return Result.Success(); }, cancellationToken);

    public Task<Result<WebhookResponse>> Handle(RedeliverWebhookCommand request, CancellationToken cancellationToken) =>
        ChangeAsync(
            request.StoreId,
            (webhook, now) => request.After is { } after ? webhook.RedeliverAfter(after, now) : Result.Failure(Error.Validation("After is required: the cursor to deliver after.")),
            cancellationToken);

    private async Task<Result<WebhookResponse>> ChangeAsync(string storeId, Func<Webhook, DateTime, Result> change, CancellationToken cancellationToken)
    {
        if (await webhooks.GetAsync(storeId, cancellationToken) is not { } webhook)
        {
            return Result<WebhookResponse>.Failure(Error.NotFound($"Store '{storeId}' has no webhook."));
        }

        var changed = change(webhook, time.GetUtcNow().UtcDateTime);
        if (changed.IsFailure)
        {
            return Result<WebhookResponse>.Failure(changed.Errors);
        }

        await webhooks.SaveAsync(webhook, cancellationToken);
        var response = WebhookResponse.From(webhook);
        response.Backlog = await webhooks.BacklogAsync(storeId, webhook.DeliveredCursor, cancellationToken);
        return response;
    }
}
