using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Stores;

/// <summary>
/// Where a store's feed updates are pushed, signed with its secret, in order; how far delivery got, and
/// when to try again after a failure (exponential back-off, never giving up: nothing is dropped).
/// </summary>
public sealed class Webhook
{
    public const int SecretMinLength = 16;
    public const int SecretMaxLength = 256;
    public const int UrlMaxLength = 2000;

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

    /// <summary>The HMAC key; encrypted by the repository at rest and never returned.</summary>
    public string Secret { get; private set; }

    /// <summary>Every feed update up to this cursor was accepted (2xx) by the receiver.</summary>
    public long DeliveredCursor { get; private set; }

    /// <summary>Failed attempts since the last success.</summary>
    public int Attempts { get; private set; }

    public DateTime NextAttemptUtc { get; private set; }

    public string? LastError { get; private set; }

    public static Result<Webhook> Create(string storeId, string? url, string? secret, long startAfterCursor, DateTime utcNow)
    {
        var checkedUrl = CheckUrl(url);
        var errors = new List<Error>(checkedUrl.Errors);
        if (secret is null || secret.Length is < SecretMinLength or > SecretMaxLength)
        {
            errors.Add(Error.Validation($"Secret must be {SecretMinLength} to {SecretMaxLength} characters."));
        }

        return errors.Count > 0
            ? Result<Webhook>.Failure(errors)
            : new Webhook(storeId, checkedUrl.Value, secret!, startAfterCursor, 0, utcNow, null);
    }

    /// <summary>New URL or secret; delivery continues where it was, and is tried again at once.</summary>
    public Result Reconfigure(string? url, string? secret, DateTime utcNow)
    {
        var replacement = Create(StoreId, url, secret, DeliveredCursor, utcNow);
        if (!replacement.TryGetValue(out var w))
        {
            return Result.Failure(replacement.Errors);
        }

        Url = w.Url;
        Secret = w.Secret;
        Attempts = 0;
        NextAttemptUtc = utcNow;
        LastError = null;
        return Result.Success();
    }

    public void Delivered(long cursor)
    {
        DeliveredCursor = Math.Max(DeliveredCursor, cursor);
        Attempts = 0;
        LastError = null;
    }

    /// <summary>The receiver failed: wait 1 s, 2 s, 4 s … up to <paramref name="maxBackoff"/>, then keep trying at that pace.</summary>
    public void Failed(string error, DateTime utcNow, TimeSpan maxBackoff)
    {
        Attempts++;
        var seconds = Math.Min(Math.Pow(2, Math.Min(Attempts - 1, 30)), maxBackoff.TotalSeconds);
        NextAttemptUtc = utcNow + TimeSpan.FromSeconds(seconds);
        LastError = error.Length > 1000 ? error[..1000] : error;
    }

    internal static Webhook Rehydrate(string storeId, string url, string secret, long deliveredCursor, int attempts, DateTime nextAttemptUtc, string? lastError) =>
        new(storeId, new Uri(url), secret, deliveredCursor, attempts, nextAttemptUtc, lastError);

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

public interface IWebhookRepository
{
    Task<Webhook?> GetAsync(string storeId, CancellationToken cancellationToken);

    /// <summary>Inserts or updates the webhook's URL, secret and schedule (not its lease).</summary>
    Task SaveAsync(Webhook webhook, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string storeId, CancellationToken cancellationToken);
}
