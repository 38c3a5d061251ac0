using Dapper;

namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>
/// A SHA-256 hex hash as a query parameter typed like its column (<c>CHAR(64)</c>): fixed-length ANSI. Sent as
/// Dapper's default NVARCHAR, SQL Server converts the column instead and scans the index on every authenticated
/// request; typed, it seeks.
/// </summary>
internal static class DbHash
{
    public static DbString Of(string hex) => new() { Value = hex, IsAnsi = true, IsFixedLength = true, Length = 64 };
}
