using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Application.Webhooks;

/// <summary>A store's webhook as the Channel API shows it: never the secret.</summary>
public sealed class WebhookResponse
{
    public string Url { get; set; } = string.Empty;

    /// <summary>Every update up to this cursor was accepted by the receiver.</summary>
    public long DeliveredCursor { get; set; }

    /// <summary>Failed attempts since the last success.</summary>
    public int Attempts { get; set; }

    public DateTime NextAttemptUtc { get; set; }

    public string? LastError { get; set; }

    public static WebhookResponse From(Webhook webhook) => new()
    {
        Url = webhook.Url.ToString(),
        DeliveredCursor = webhook.DeliveredCursor,
        Attempts = webhook.Attempts,
        NextAttemptUtc = webhook.NextAttemptUtc,
        LastError = webhook.LastError,
    };
}
