namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>Both providers store UTC without a kind (SQLite TEXT, SQL Server DATETIME2); restore the kind on read.</summary>
internal static class DbTime
{
    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
