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

    /// <summary>Enabled, or Disabled (after a 410 Gone, or failing for Webhooks:DisableAfter): POST …/webhook/enable resumes from DeliveredCursor.</summary>
    public string State { get; set; } = "Enabled";

    public string? DisabledReason { get; set; }

    public DateTime? DisabledUtc { get; set; }

    /// <summary>When the current run of failures began; null after a success.</summary>
    public DateTime? FailingSinceUtc { get; set; }

    public DateTime? LastAttemptUtc { get; set; }

    /// <summary>The last attempts, newest first: when, which update (Cursor), Outcome (delivered, failed, throttled, unavailable, gone, unreachable; preempted when a slow receiver's request was cut short for other stores; error when the service itself could not send it), Error.</summary>
    public IReadOnlyList<WebhookAttempt> RecentAttempts { get; set; } = [];

    /// <summary>
    /// While later than now, the receiver counts as slow: an attempt held its delivery slot longer than the service allows
    /// (Webhooks:SlowReceiverThreshold, 3 s), so its deliveries share the few slots kept for slow receivers. Answering in
    /// time until then brings it back to the others' slots.
    /// </summary>
    public DateTime? SlowUntilUtc { get; set; }

    /// <summary>Feed updates waiting for delivery (after DeliveredCursor); in the GET answer.</summary>
    public long? Backlog { get; set; }

    public static WebhookResponse From(Webhook webhook, string? newSecret = null) => new()
    {
        Url = webhook.Url.ToString(),
        Secret = newSecret,
        PreviousSecretValidUntilUtc = webhook.PreviousSecretUntilUtc,
        DeliveredCursor = webhook.DeliveredCursor,
        Attempts = webhook.Attempts,
        NextAttemptUtc = webhook.NextAttemptUtc,
        LastError = webhook.LastError,
        State = webhook.IsEnabled ? "Enabled" : "Disabled",
        DisabledReason = webhook.DisabledReason,
        DisabledUtc = webhook.DisabledUtc,
        FailingSinceUtc = webhook.FailingSinceUtc,
        LastAttemptUtc = webhook.LastAttemptUtc,
        RecentAttempts = webhook.RecentAttempts,
        SlowUntilUtc = webhook.SlowUntilUtc,
    };
}
