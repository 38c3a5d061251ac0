using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.Persistence.KeyRing;

/// <summary>Section <c>DataProtection</c>: the secret that encrypts the key ring stored in the database.</summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>Any string of at least 32 characters; the same on every node. Keep it in a secret store.</summary>
    public string KeyRingKey { get; set; } = string.Empty;

    /// <summary>
    /// Keys used before a rotation: they still decrypt the key ring, and at start-up every entry they (or the
    /// legacy derivation) decrypt is re-encrypted under <see cref="KeyRingKey"/>. Remove them once every node
    /// has started with the new key.
    /// </summary>
    public string[] PreviousKeyRingKeys { get; set; } = [];
}

/// <summary>
/// Turns a configured key-ring key into the AES-256 key, with a standard KDF: PBKDF2-HMAC-SHA256, 210,000
/// iterations, a fixed application salt (OWASP's 2023 figure for PBKDF2-SHA256). Entries written before this
/// carry no <c>kdf</c> attribute and were keyed with SHA-256 of a prefix and the key ("legacy"); they still
/// decrypt and are re-encrypted by <see cref="KeyRingReencryption"/>.
/// </summary>
internal sealed class KeyRingKeys(IOptions<KeyRingOptions> options)
{
    public const string Kdf = "pbkdf2-sha256-210000";
    private static readonly byte[] Salt = Encoding.UTF8.GetBytes("ChannelBridge.KeyRing.v2");
    private readonly Dictionary<(string, string?), byte[]> _derived = [];

    public byte[] Current => Derive(options.Value.KeyRingKey, Kdf);

    /// <summary>Every key that may decrypt an entry written with <paramref name="kdf"/>: the current one first.</summary>
    public IEnumerable<(byte[] Key, bool IsCurrent)> Candidates(string? kdf) =>
        new[] { options.Value.KeyRingKey }.Concat(options.Value.PreviousKeyRingKeys)
            .Select((secret, i) => (Derive(secret, kdf), i == 0 && kdf == Kdf));

    private byte[] Derive(string secret, string? kdf)
    {
        lock (_derived)
        {
            if (!_derived.TryGetValue((secret, kdf), out var key))
            {
                key = kdf == Kdf
                    ? Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), Salt, 210_000, HashAlgorithmName.SHA256, 32)
                    : SHA256.HashData(Encoding.UTF8.GetBytes("ChannelBridge.KeyRing.v1:" + secret));
                _derived[(secret, kdf)] = key;
            }

            return key;
        }
    }
}

/// <summary>AES-GCM over each key's XML, so the key ring in the database holds no key in clear.</summary>
internal sealed class KeyRingEncryptor(KeyRingKeys keys) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) => new(Seal(plaintextElement, keys.Current), typeof(KeyRingDecryptor));

    internal static XElement Seal(XElement plaintextElement, byte[] key)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }

        return new XElement("encryptedKey",
            new XAttribute("kdf", KeyRingKeys.Kdf),
            new XComment(" Encrypted with AES-256-GCM under a key derived from DataProtection:KeyRingKey "),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(cipher)));
    }

    /// <summary>Opens an entry with the first candidate key that authenticates it; says whether that was the current key and KDF.</summary>
    internal static (XElement Plain, bool UnderCurrentKey) Open(XElement encryptedElement, KeyRingKeys keys)
    {
        var kdf = (string?)encryptedElement.Attribute("kdf");
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var cipher = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        foreach (var (key, isCurrent) in keys.Candidates(kdf))
        {
            var plain = new byte[cipher.Length];
            try
            {
                using var aes = new AesGcm(key, 16);
                aes.Decrypt(nonce, cipher, tag, plain);
                return (XElement.Parse(Encoding.UTF8.GetString(plain)), isCurrent);
            }
            catch (CryptographicException)
            {
                // Not this key: try the previous ones.
            }
        }

        throw new CryptographicException(
            "No configured key decrypts this key ring entry: set DataProtection:KeyRingKey (or list the old key under DataProtection:PreviousKeyRingKeys).");
    }
}

/// <summary>Created by Data Protection through its activator, which passes the service provider.</summary>
internal sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) => KeyRingEncryptor.Open(encryptedElement, services.GetRequiredService<KeyRingKeys>()).Plain;
}
