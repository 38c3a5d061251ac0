using System.Security.Cryptography;
using System.Text;

namespace ChannelBridge.Domain.Common;

/// <summary>
/// The SHA-256 of a high-entropy secret (authorization token, store key). Secrets are generated
/// here with at least 256 bits of entropy, so a fast hash is safe and lets the database index the
/// hash for lookup; the secret itself is never stored. Comparison is constant-time.
/// </summary>
public sealed record SecretHash
{
    private SecretHash(string hex) => Hex = hex;

    /// <summary>Lower-case hex of the SHA-256 digest (64 characters).</summary>
    public string Hex { get; }

    public static SecretHash Of(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new SecretHash(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
    }

    public static SecretHash FromHex(string hex)
    {
        if (hex is not { Length: 64 } || !hex.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("A secret hash is 64 lower-case hex characters.", nameof(hex));
        }

        return new SecretHash(hex);
    }

    public bool Matches(string? secret) => secret is not null && SameAs(Of(secret));

    /// <summary>Constant-time comparison of two hashes.</summary>
    public bool SameAs(SecretHash other) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hex), Encoding.ASCII.GetBytes(other.Hex));

    public override string ToString() => "sha256:" + Hex[..8] + "…";
}
