using System.ComponentModel.DataAnnotations;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using MediatR;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Webhooks.RotateWebhookSecret;

/// <summary>
/// A new signing secret for the store's webhook, shown once. The old one keeps signing beside it for
/// <see cref="WebhookSecretOptions.SecretRotationGrace"/>, so receivers switch over without a failed delivery.
/// </summary>
public sealed record RotateWebhookSecretCommand(string StoreId) : Stores.IChannelRequest<WebhookResponse>;

/// <summary>Section <c>Webhooks</c>: what the Channel API needs of it (the delivery worker's settings are its own).</summary>
public sealed class WebhookSecretOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>How long a rotated-out secret keeps signing beside the new one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan SecretRotationGrace { get; set; } = TimeSpan.FromHours(24);
}

internal sealed class RotateWebhookSecretCommandHandler(IWebhookRepository webhooks, IOptions<WebhookSecretOptions> options, TimeProvider time)
    : IRequestHandler<RotateWebhookSecretCommand, Result<WebhookResponse>>
{
    public async Task<Result<WebhookResponse>> Handle(RotateWebhookSecretCommand request, CancellationToken cancellationToken)
    {
        if (await webhooks.GetAsync(request.StoreId, cancellationToken) is not { } webhook)
        {
            return Result<WebhookResponse>.Failure(Error.NotFound($"Store '{request.StoreId}' has no webhook."));
        }

        var secret = webhook.RotateSecret(time.GetUtcNow().UtcDateTime, options.Value.SecretRotationGrace);
        await webhooks.SaveAsync(webhook, cancellationToken);
        return WebhookResponse.From(webhook, secret);
    }
}
