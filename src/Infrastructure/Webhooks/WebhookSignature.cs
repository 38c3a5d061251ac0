using System.Security.Cryptography;
using System.Text;

namespace ChannelBridge.Infrastructure.Webhooks;

/// <summary>
/// The signature on every delivery: <c>v1=</c> + hex HMAC-SHA256 over <c>"{timestamp}.{body}"</c> with the
/// webhook's secret, where timestamp is the ChannelBridge-Timestamp header (Unix seconds).
/// </summary>
public static class WebhookSignature
{
    public const string DeliveryIdHeader = "ChannelBridge-Delivery-Id";
    public const string TimestampHeader = "ChannelBridge-Timestamp";
    public const string SignatureHeader = "ChannelBridge-Signature";
    public const string EventHeader = "ChannelBridge-Event";

    public static string Sign(string secret, long timestamp, string body) =>
        "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>What a receiver does: recompute and compare in constant time, and refuse old timestamps.</summary>
    public static bool Verify(string secret, string? timestampHeader, string body, string? signatureHeader, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, out var timestamp) || signatureHeader is null ||
            Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signatureHeader));
    }
}
