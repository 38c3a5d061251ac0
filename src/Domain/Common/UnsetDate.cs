namespace ChannelBridge.Domain.Common;

/// <summary>
/// A platform written in C# with value-type dates sends <c>default(DateTime)</c> — 0001-01-01, with or without a zone or
/// a fraction — for a date it does not have. Such a date means "absent", not a date in year 1.
/// </summary>
public static class UnsetDate
{
    /// <summary>True for any instant on 0001-01-01 (UTC), which is how an unset DateTime arrives whatever its zone.</summary>
    public static bool IsUnset(DateTime date) => date.Year == 1 && date.DayOfYear == 1;

    /// <summary>Null for an unset date, else the date.</summary>
    public static DateTime? AbsentIfUnset(DateTime? date) => date is { } d && IsUnset(d) ? null : date;
}
