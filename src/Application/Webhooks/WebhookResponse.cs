using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Application.Webhooks;

/// <summary>A store's webhook as the Channel API shows it: the secret only in the answer that made it.</summary>
public sealed class WebhookResponse
{
    public string Url { get; set; } = string.Empty;

    /// <summary>
    /// The signing secret (<c>whsec_…</c>), in the answer that made it only (a new webhook without a Secret sent, or a
    /// rotation); null everywhere else. Keep it: it is not shown again.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>After a rotation, the previous secret still signs beside the new one until this time.</summary>
    public DateTime? PreviousSecretValidUntilUtc { get; set; }

    /// <summary>Every update up to this cursor was accepted by the receiver.</summary>
    public long DeliveredCursor { get; set; }

    /// <summary>Failed attempts since the last success.</summary>
    public int Attempts { get; set; }

    public DateTime NextAttemptUtc { get; set; }

    public string? LastError { get; set; }

    public static WebhookResponse From(Webhook webhook, string? newSecret = null) => new()
    {
        Url = webhook.Url.ToString(),
        Secret = newSecret,
        PreviousSecretValidUntilUtc = webhook.PreviousSecretUntilUtc,
        DeliveredCursor = webhook.DeliveredCursor,
        Attempts = webhook.Attempts,
        NextAttemptUtc = webhook.NextAttemptUtc,
        LastError = webhook.LastError,
    };
}
