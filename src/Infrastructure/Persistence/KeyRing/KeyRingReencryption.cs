using System.Xml.Linq;
using Dapper;

namespace ChannelBridge.Infrastructure.Persistence.KeyRing;

/// <summary>
/// Start-up step of a key-ring key rotation: every key ring entry not sealed under the current
/// DataProtection:KeyRingKey and KDF (sealed under a previous key, or with the legacy derivation) is opened and
/// sealed again under the current one, in one transaction. Idempotent: with nothing to do it writes nothing.
/// </summary>
internal sealed class KeyRingReencryption(DbConnectionFactory connections, KeyRingKeys keys)
{
    private const string SelectEntries = "SELECT FriendlyName, Xml FROM DataProtectionKeys";
    private const string UpdateEntry = "UPDATE DataProtectionKeys SET Xml = @Xml WHERE FriendlyName = @FriendlyName";

    /// <summary>Returns how many entries were re-encrypted.</summary>
    public int Run()
    {
        using var connection = connections.Open();
        using var tx = connection.BeginTransaction();
        var changed = 0;
        foreach (var (name, xml) in connection.Query<(string FriendlyName, string Xml)>(SelectEntries, transaction: tx).ToList())
        {
            var document = XElement.Parse(xml);
            var rewritten = false;
            foreach (var sealedKey in document.Descendants("encryptedKey").ToList())
            {
                var (plain, underCurrent) = KeyRingEncryptor.Open(sealedKey, keys);
                if (!underCurrent)
                {
                    sealedKey.ReplaceWith(KeyRingEncryptor.Seal(plain, keys.Current));
                    rewritten = true;
                }
            }

            if (rewritten)
            {
                connection.Execute(UpdateEntry, new { FriendlyName = name, Xml = document.ToString(SaveOptions.DisableFormatting) }, tx);
                changed++;
            }
        }

        tx.Commit();
        return changed;
    }
}
