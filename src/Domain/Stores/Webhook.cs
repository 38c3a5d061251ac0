using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Stores;

/// <summary>
/// Where a store's feed updates are pushed, signed with its secret (Standard Webhooks), in order; how far delivery got,
/// and when to try again after a failure (exponential back-off, never giving up: nothing is dropped). A rotated secret
/// keeps signing beside the new one until <see cref="PreviousSecretUntilUtc"/>, so a receiver never sees a gap.
/// </summary>
public sealed class Webhook
{
    /// <summary>Standard Webhooks' secret prefix: <c>whsec_</c> + base64 of the key bytes.</summary>
    public const string SecretPrefix = "whsec_";
    public const int SecretMinBytes = 24;
    public const int SecretMaxBytes = 64;
    public const int UrlMaxLength = 2000;

    private static readonly Error SecretProblem = Error.Validation(
        $"Secret must be '{SecretPrefix}' followed by the base64 of {SecretMinBytes} to {SecretMaxBytes} random bytes; or leave it out and one is made and shown once.");

    private Webhook(string storeId, Uri url, string secret, long deliveredCursor, int attempts, DateTime nextAttemptUtc, string? lastError)
    {
        StoreId = storeId;
        Url = url;
        Secret = secret;
        DeliveredCursor = deliveredCursor;
        Attempts = attempts;
        NextAttemptUtc = nextAttemptUtc;
        LastError = lastError;
    }

    public string StoreId { get; }

    public Uri Url { get; private set; }

    /// <summary>The HMAC key (<c>whsec_…</c>); encrypted by the repository at rest, shown once when made, never returned after.</summary>
    public string Secret { get; private set; }

    /// <summary>The secret before the last rotation, still signing until <see cref="PreviousSecretUntilUtc"/>.</summary>
    public string? PreviousSecret { get; private set; }

    public DateTime? PreviousSecretUntilUtc { get; private set; }

    /// <summary>Every feed update up to this cursor was accepted (2xx) by the receiver.</summary>
    public long DeliveredCursor { get; private set; }

    /// <summary>Failed attempts since the last success.</summary>
    public int Attempts { get; private set; }

    public DateTime NextAttemptUtc { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>When the last attempt was made (delivered or not).</summary>
    public DateTime? LastAttemptUtc { get; private set; }

    /// <summary>When the current run of failures began; null after a success.</summary>
    public DateTime? FailingSinceUtc { get; private set; }

    /// <summary>When delivery was stopped (410 Gone, or failing past the limit); null while enabled. The feed keeps every update meanwhile.</summary>
    public DateTime? DisabledUtc { get; private set; }

    public string? DisabledReason { get; private set; }

    public bool IsEnabled => DisabledUtc is null;

    /// <summary>
    /// Until when the receiver counts as slow: an attempt held its delivery slot longer than the node allows a fast one.
    /// Meanwhile its deliveries share the few slots kept for slow receivers, so slow or hanging receivers (one platform's
    /// many stores among them) cannot hold every store's deliveries; null, or past, for a receiver that answers in time.
    /// </summary>
    public DateTime? SlowUntilUtc { get; private set; }

    /// <summary>The last <see cref="RecentAttemptsKept"/> attempts, newest first: what a platform looks at when deliveries stop.</summary>
    public IReadOnlyList<WebhookAttempt> RecentAttempts => _recentAttempts;

    public const int RecentAttemptsKept = 10;

    private List<WebhookAttempt> _recentAttempts = [];

    /// <summary>
    /// A new webhook. Without <paramref name="secret"/> one is made (<see cref="NewSecret"/>); one sent must be in
    /// Standard Webhooks' form, so every receiver library can use it as it is.
    /// </summary>
    public static Result<Webhook> Create(string storeId, string? url, string? secret, long startAfterCursor, DateTime utcNow)
    {
        var checkedUrl = CheckUrl(url);
        var errors = new List<Error>(checkedUrl.Errors);
        if (secret is not null && !IsStandardSecret(secret))
        {
            errors.Add(SecretProblem);
        }

        return errors.Count > 0
            ? Result<Webhook>.Failure(errors)
            : new Webhook(storeId, checkedUrl.Value, secret ?? NewSecret(), startAfterCursor, 0, utcNow, null);
    }

    /// <summary><c>whsec_</c> + base64 of 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>True for <c>whsec_</c> + base64 of <see cref="SecretMinBytes"/> to <see cref="SecretMaxBytes"/> bytes.</summary>
    public static bool IsStandardSecret(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> key = stackalloc byte[SecretMaxBytes + 3];
        return Convert.TryFromBase64String(secret[SecretPrefix.Length..], key, out var length) && length is >= SecretMinBytes and <= SecretMaxBytes;
    }

    /// <summary>New URL (and secret, when one is sent); delivery continues where it was, and is tried again at once.</summary>
    public Result Reconfigure(string? url, string? secret, DateTime utcNow)
    {
        var checkedUrl = CheckUrl(url);
        var errors = new List<Error>(checkedUrl.Errors);
        if (secret is not null && !IsStandardSecret(secret))
        {
            errors.Add(SecretProblem);
        }

        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Url = checkedUrl.Value;
        if (secret is not null)
        {
            Secret = secret;
            PreviousSecret = null;
            PreviousSecretUntilUtc = null;
        }

        Enable(utcNow);   // a new configuration is a fresh start, also after a 410 or a run of failures (not for slowness: that runs out by itself)
        return Result.Success();
    }

    /// <summary>
    /// A new secret, returned once. The old one keeps signing beside it for <paramref name="grace"/>, so deliveries verify
    /// with either while the platform switches its receivers over.
    /// </summary>
    public string RotateSecret(DateTime utcNow, TimeSpan grace)
    {
        PreviousSecret = Secret;
        PreviousSecretUntilUtc = utcNow + grace;
        Secret = NewSecret();
        return Secret;
    }

    /// <summary>
    /// The secrets that sign a delivery made at <paramref name="utcNow"/>: within a rotation's grace the previous one first,
    /// then the current one. The order matters to one library: the .NET StandardWebhooks package (1.1.2) checks only the
    /// first of several signatures, and a receiver that has not switched over yet must keep verifying; one that has can
    /// try the previous secret too until the grace ends. Libraries that follow the specification check every signature.
    /// </summary>
    public IReadOnlyList<string> SigningSecrets(DateTime utcNow) =>
        PreviousSecret is not null && PreviousSecretUntilUtc > utcNow ? [PreviousSecret, Secret] : [Secret];

    public void Delivered(long cursor, DateTime? utcNow = null)
    {
        DeliveredCursor = Math.Max(DeliveredCursor, cursor);
        Attempts = 0;
        LastError = null;
        FailingSinceUtc = null;
        LastAttemptUtc = utcNow ?? LastAttemptUtc;
        if (utcNow is { } now)
        {
            Attempted(new WebhookAttempt(now, cursor, "delivered", null));
        }
    }

    public bool IsSlow(DateTime utcNow) => SlowUntilUtc > utcNow;

    /// <summary>
    /// An attempt held its slot too long (<paramref name="utcNow"/> is when that showed): the receiver counts as slow for
    /// <paramref name="slowFor"/> from now, however it answers meanwhile. True when it did not count as slow before.
    /// </summary>
    public bool AnsweredSlowly(DateTime utcNow, TimeSpan slowFor)
    {
        var wasSlow = IsSlow(utcNow);
        SlowUntilUtc = utcNow + slowFor;
        return !wasSlow;
    }

    /// <summary>
    /// The store's turn at delivery ended: still due (when nothing failed), but behind every store that has waited
    /// longer, so a store with a long backlog takes turns with the others instead of keeping its place at the front.
    /// </summary>
    public void TurnEnded(DateTime utcNow)
    {
        if (NextAttemptUtc < utcNow)
        {
            NextAttemptUtc = utcNow;
        }
    }

    /// <summary>
    /// The receiver failed: wait 1 s, 2 s, 4 s … up to <see cref="DeliveryPolicy.MaxBackoff"/>, or as long as it asked
    /// (Retry-After, bounded by <see cref="DeliveryPolicy.MaxRetryAfter"/>) when that is longer. Failing without a break
    /// for <see cref="DeliveryPolicy.DisableAfter"/> disables the webhook.
    /// </summary>
    public void Failed(string error, DateTime utcNow, DeliveryPolicy policy, TimeSpan? retryAfter = null, long? cursor = null, string outcome = "failed")
    {
        Attempted(new WebhookAttempt(utcNow, cursor, outcome, error));
        Attempts++;
        LastAttemptUtc = utcNow;
        FailingSinceUtc ??= utcNow;
        var backoff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(Attempts - 1, 30)), policy.MaxBackoff.TotalSeconds));
        var asked = retryAfter is { } wait ? TimeSpan.FromTicks(Math.Clamp(wait.Ticks, 0, policy.MaxRetryAfter.Ticks)) : TimeSpan.Zero;
        NextAttemptUtc = utcNow + (asked > backoff ? asked : backoff);
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (utcNow - FailingSinceUtc >= policy.DisableAfter)
        {
            Disable($"failing since {FailingSinceUtc:yyyy-MM-dd HH:mm:ss}Z (last: {LastError})", utcNow);
        }
    }

    /// <summary>The receiver answered 410 Gone: it wants no more deliveries. Disabled at once.</summary>
    public void Gone(DateTime utcNow, long? cursor = null)
    {
        Attempted(new WebhookAttempt(utcNow, cursor, "gone", "HTTP 410 Gone"));
        LastAttemptUtc = utcNow;
        LastError = "HTTP 410 Gone";
        Disable("the receiver answered 410 Gone", utcNow);
    }

    /// <summary>Delivery resumes from the delivered cursor, at once; nothing was lost meanwhile (the feed kept every update).</summary>
    public void Enable(DateTime utcNow)
    {
        DisabledUtc = null;
        DisabledReason = null;
        FailingSinceUtc = null;
        Attempts = 0;
        LastError = null;
        NextAttemptUtc = utcNow;
    }

    /// <summary>Delivers again every update after <paramref name="cursor"/> (a platform that lost its copy); same webhook-ids as before.</summary>
    public Result RedeliverAfter(long cursor, DateTime utcNow)
    {
        if (cursor < 0)
        {
            return Result.Failure(Error.Validation("After must be a cursor (0 or more)."));
        }

        DeliveredCursor = Math.Min(DeliveredCursor, cursor);
        NextAttemptUtc = utcNow;
        return Result.Success();
    }

    private void Attempted(WebhookAttempt attempt)
    {
        _recentAttempts.Insert(0, attempt);
        if (_recentAttempts.Count > RecentAttemptsKept)
        {
            _recentAttempts.RemoveRange(RecentAttemptsKept, _recentAttempts.Count - RecentAttemptsKept);
        }
    }

    private void Disable(string reason, DateTime utcNow)
    {
        DisabledUtc = utcNow;
        DisabledReason = reason.Length > 500 ? reason[..500] : reason;
    }

    internal static Webhook Rehydrate(
        string storeId, string url, string secret, long deliveredCursor, int attempts, DateTime nextAttemptUtc, string? lastError,
        string? previousSecret = null, DateTime? previousSecretUntilUtc = null, WebhookHealth? health = null, IReadOnlyList<WebhookAttempt>? recentAttempts = null) =>
        new(storeId, new Uri(url), secret, deliveredCursor, attempts, nextAttemptUtc, lastError)
        {
            PreviousSecret = previousSecret,
            PreviousSecretUntilUtc = previousSecretUntilUtc,
            LastAttemptUtc = health?.LastAttemptUtc,
            FailingSinceUtc = health?.FailingSinceUtc,
            DisabledUtc = health?.DisabledUtc,
            DisabledReason = health?.DisabledReason,
            SlowUntilUtc = health?.SlowUntilUtc,
            _recentAttempts = [.. recentAttempts ?? []],
        };

    private static Result<Uri> CheckUrl(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || url!.Length > UrlMaxLength)
        {
            return Result<Uri>.Failure(Error.Validation("Url must be an absolute http(s) URL."));
        }

        // A password in the URL would be stored and shown in clear: the signature authenticates deliveries instead.
        return string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : Result<Uri>.Failure(Error.Validation("Url must not contain a user name or password; authenticate the request with its signature."));
    }
}

/// <summary>How failed deliveries are retried and when a webhook gives up (Webhooks:MaxBackoff, MaxRetryAfter, DisableAfter).</summary>
public sealed record DeliveryPolicy(TimeSpan MaxBackoff, TimeSpan MaxRetryAfter, TimeSpan DisableAfter);

/// <summary>One delivery attempt: when, which update, how it went (delivered, failed, throttled, unavailable, gone, unreachable, preempted; error when the service itself failed) and why.</summary>
public sealed record WebhookAttempt(DateTime AttemptUtc, long? Cursor, string Outcome, string? Error);

/// <summary>A stored webhook's delivery health, as loaded.</summary>
public sealed record WebhookHealth(DateTime? LastAttemptUtc, DateTime? FailingSinceUtc, DateTime? DisabledUtc, string? DisabledReason, DateTime? SlowUntilUtc = null);

public interface IWebhookRepository
{
    Task<Webhook?> GetAsync(string storeId, CancellationToken cancellationToken);

    /// <summary>Inserts or updates the webhook's URL, secret and schedule (not its lease).</summary>
    Task SaveAsync(Webhook webhook, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string storeId, CancellationToken cancellationToken);

    /// <summary>Feed updates of the store after the webhook's delivered cursor: what waits for delivery.</summary>
    Task<long> BacklogAsync(string storeId, long deliveredCursor, CancellationToken cancellationToken);
}
