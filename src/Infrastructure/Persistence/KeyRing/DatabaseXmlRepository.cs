using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ChannelBridge.Infrastructure.Persistence.KeyRing;

/// <summary>
/// Keeps the Data Protection key ring in the database, so every node reads what another wrote
/// (PASSWORD config values encrypted on one node decrypt on any other).
/// </summary>
internal sealed class DatabaseXmlRepository(DbConnectionFactory connections, TimeProvider time) : IXmlRepository
{
    private const string SelectKeys = "SELECT Xml FROM DataProtectionKeys ORDER BY CreatedUtc";

    private const string InsertKey = """
        INSERT INTO DataProtectionKeys (FriendlyName, Xml, CreatedUtc) VALUES (@FriendlyName, @Xml, @CreatedUtc)
        """;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = connections.Open();
        return [.. connection.Query<string>(SelectKeys).Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = connections.Open();
        connection.Execute(InsertKey, new { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting), CreatedUtc = time.GetUtcNow().UtcDateTime });
    }
}
