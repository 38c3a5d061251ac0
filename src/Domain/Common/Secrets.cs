using System.Security.Cryptography;

namespace ChannelBridge.Domain.Common;

/// <summary>Generates random secrets: 256 bits from the OS CSPRNG.</summary>
public static class Secrets
{
    /// <summary>64 lower-case hex characters, the shape Linnworks' samples use for tokens (but 256 bits, not 128).</summary>
    public static string NewHexToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>A URL-safe key with a readable prefix, e.g. <c>sk_…</c>.</summary>
    public static string NewPrefixedKey(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
