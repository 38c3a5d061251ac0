namespace ChannelBridge.Infrastructure.Persistence;

/// <summary>Both providers store UTC without a kind (SQLite TEXT, SQL Server DATETIME2); restore the kind on read.</summary>
internal static class DbTime
{
    public static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>
    /// A time read untyped, as each provider answers it (SQL Server a <see cref="DateTime"/>, SQLite text), in UTC; false
    /// for anything else, such as text an edit by hand left unreadable.
    /// </summary>
    public static bool TryUtc(object? value, out DateTime utc)
    {
        switch (value)
        {
            case DateTime time:
                utc = Utc(time);
                return true;
            case string text:
                return DateTime.TryParse(
                    text, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out utc);
            default:
                utc = default;
                return false;
        }
    }
}

/// <summary>
/// SQLite stores decimals as text with at least one fraction digit and SQL Server DECIMAL(19,4) pads to four;
/// drop the trailing zeros on read so 2 comes back as 2, not 2.0 or 2.0000.
/// </summary>
internal static class DbDecimal
{
    public static decimal? Trim(decimal? value) => value / 1.000000000000000000000000000000000m;
}
