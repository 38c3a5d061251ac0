using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using ChannelBridge.Tests;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>
/// Rotating DataProtection:KeyRingKey: the new key encrypts, the old one (listed under PreviousKeyRingKeys) still
/// decrypts, and the start-up step re-seals the key ring so the old key can then be dropped. Entries sealed with
/// the legacy SHA-256 derivation are upgraded to PBKDF2 the same way.
/// </summary>
public sealed class KeyRingRotationTests : IDisposable
{
    private const string OldKey = "old-key-ring-key-0123456789abcdef-rotation";
    private const string NewKey = "new-key-ring-key-0123456789abcdef-rotation";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"channelbridge-keyring-{Guid.NewGuid():N}.db");

    [Fact]
    public void Rotation_NewKeyEncrypts_OldKeyStillDecrypts_AndStartUpReseals()
    {
        string protectedValue;
        using (var before = Start(OldKey))
        {
            protectedValue = Protector(before).Protect("seller-api-password");
        }

        using (var rotating = Start(NewKey, OldKey))
        {
            Protector(rotating).Unprotect(protectedValue).Should().Be("seller-api-password");
        }

        Entries().Should().OnlyContain(e => e.Contains("kdf=\"pbkdf2-sha256-210000\"", StringComparison.Ordinal));
        using (var after = Start(NewKey))
        {
            Protector(after).Unprotect(protectedValue).Should().Be("seller-api-password", "the key ring was re-sealed, so the old key is no longer needed");
        }

        using var stale = Start(OldKey, reencrypt: false);
        var reading = () => Protector(stale).Unprotect(protectedValue);
        reading.Should().Throw<CryptographicException>("the old key alone no longer opens the key ring");
    }

    [Fact]
    public void LegacyEntries_AreUpgradedToTheStandardKdf()
    {
        string protectedValue;
        using (var before = Start(OldKey))
        {
            protectedValue = Protector(before).Protect("legacy");
        }

        RewriteAsLegacy(OldKey);
        Entries().Should().OnlyContain(e => !e.Contains("kdf=", StringComparison.Ordinal));

        using var upgraded = Start(OldKey);
        Protector(upgraded).Unprotect(protectedValue).Should().Be("legacy");
        Entries().Should().OnlyContain(e => e.Contains("kdf=\"pbkdf2-sha256-210000\"", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
    }

    private static IDataProtector Protector(ServiceProvider provider) =>
        provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("KeyRingRotationTests");

    private ServiceProvider Start(string key, string? previous = null, bool reencrypt = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChannelBridge"] = $"Data Source={_path}",
            ["ChannelApi:OperatorKey"] = "rotation-operator-key-0123456789abcdef",
            ["DataProtection:KeyRingKey"] = key,
            ["Webhooks:DeliveryEnabled"] = "false",
        };
        if (previous is not null)
        {
            settings["DataProtection:PreviousKeyRingKeys:0"] = previous;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var provider = new ServiceCollection().AddLogging().AddApplication(configuration).AddInfrastructure(configuration).BuildServiceProvider();
        if (reencrypt)
        {
            provider.MigrateDatabase();
        }

        return provider;
    }

    private List<string> Entries()
    {
        using var connection = new SqliteConnection($"Data Source={_path}");
        return [.. connection.Query<string>("SELECT Xml FROM DataProtectionKeys")];
    }

    /// <summary>Re-seals every entry as the previous release did: no kdf attribute, AES key = SHA-256("ChannelBridge.KeyRing.v1:" + key).</summary>
    private void RewriteAsLegacy(string key)
    {
        var legacyKey = SHA256.HashData(Encoding.UTF8.GetBytes("ChannelBridge.KeyRing.v1:" + key));
        var current = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes("ChannelBridge.KeyRing.v2"), 210_000, HashAlgorithmName.SHA256, 32);
        using var connection = new SqliteConnection($"Data Source={_path}");
        foreach (var (name, xml) in connection.Query<(string, string)>("SELECT FriendlyName, Xml FROM DataProtectionKeys").ToList())
        {
            var document = XElement.Parse(xml);
            foreach (var sealedKey in document.Descendants("encryptedKey").ToList())
            {
                var plain = Crypt(sealedKey, current, decrypt: true);
                sealedKey.ReplaceWith(Seal(plain, legacyKey));
            }

            connection.Execute("UPDATE DataProtectionKeys SET Xml = @Xml WHERE FriendlyName = @Name", new { Xml = document.ToString(SaveOptions.DisableFormatting), Name = name });
        }
    }

    private static byte[] Crypt(XElement sealedKey, byte[] key, bool decrypt)
    {
        var nonce = Convert.FromBase64String((string)sealedKey.Element("nonce")!);
        var tag = Convert.FromBase64String((string)sealedKey.Element("tag")!);
        var cipher = Convert.FromBase64String((string)sealedKey.Element("value")!);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(nonce, cipher, tag, plain);
        return decrypt ? plain : cipher;
    }

    private static XElement Seal(byte[] plain, byte[] key)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }

        return new XElement("encryptedKey",
            new XElement("nonce", Convert.ToBase64String(nonce)), new XElement("tag", Convert.ToBase64String(tag)), new XElement("value", Convert.ToBase64String(cipher)));
    }
}
