using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using MediatR;

namespace ChannelBridge.Application.Webhooks.DeleteWebhook;

/// <summary>Stops pushing; the pull feed keeps every update.</summary>
public sealed record DeleteWebhookCommand(string StoreId) : Stores.IChannelRequest<bool>;

internal sealed class DeleteWebhookCommandHandler(IWebhookRepository webhooks) : IRequestHandler<DeleteWebhookCommand, Result<bool>>
{
    public async Task<Result<bool>> Handle(DeleteWebhookCommand request, CancellationToken cancellationToken) =>
        await webhooks.DeleteAsync(request.StoreId, cancellationToken)
            ? true
            : Result<bool>.Failure(Error.NotFound($"Store '{request.StoreId}' has no webhook."));
}
