using System.Security.Cryptography;
using System.Text;

namespace ChannelBridge.Infrastructure.Webhooks;

/// <summary>
/// How a delivery is signed: the Standard Webhooks specification, so a receiver verifies it with the official library
/// of its language. <c>webhook-id</c> is the update's (the same on every retry), <c>webhook-timestamp</c> Unix
/// seconds, <c>webhook-signature</c> <c>v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c> for each signing
/// secret, space-separated (the current one, and during a rotation's grace the previous one). The key is the base64
/// after <c>whsec_</c>. A webhook registered before Standard Webhooks (a secret of another form) is keyed by its
/// secret's UTF-8 bytes, and its deliveries also carry the older <c>ChannelBridge-Signature</c> header.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The update's type (Despatch, Inventory, …), also in the body.</summary>
    public const string EventHeader = "ChannelBridge-Event";

    /// <summary>The older scheme, for webhooks whose secret predates Standard Webhooks: <c>v1=</c> + hex HMAC of "{timestamp}.{body}".</summary>
    public const string LegacySignatureHeader = "ChannelBridge-Signature";
    public const string LegacyTimestampHeader = "ChannelBridge-Timestamp";
    public const string LegacyDeliveryIdHeader = "ChannelBridge-Delivery-Id";

    /// <summary>The <c>webhook-signature</c> value: one <c>v1,…</c> per secret, space-separated.</summary>
    public static string Sign(IEnumerable<string> secrets, string id, long timestamp, ReadOnlyMemory<byte> body) =>
        string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(Hmac(Key(secret), $"{id}.{timestamp}.", body.Span))));

    public static string SignLegacy(string secret, long timestamp, ReadOnlyMemory<byte> body) =>
        "v1=" + Convert.ToHexStringLower(Hmac(Encoding.UTF8.GetBytes(secret), $"{timestamp}.", body.Span));

    public static bool IsLegacy(string secret) => !secret.StartsWith(Domain.Stores.Webhook.SecretPrefix, StringComparison.Ordinal);

    /// <summary>The HMAC of the prefix's UTF-8 and then the body, without joining them into one copy of a large body.</summary>
    private static byte[] Hmac(byte[] key, string prefix, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(prefix));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static byte[] Key(string secret) =>
        IsLegacy(secret) ? Encoding.UTF8.GetBytes(secret) : Convert.FromBase64String(secret[Domain.Stores.Webhook.SecretPrefix.Length..]);
}
