namespace ChannelBridge.Domain.Common;

/// <summary>
/// Money keeps four decimal places, as both databases store it (SQL Server DECIMAL(19,4)) and as Linnworks does.
/// Platforms compute prices (a net price from a gross one, a currency conversion) and send every digit; those are
/// rounded half away from zero, never refused, so the same value sent again is the same value stored.
/// </summary>
public static class Money
{
    public const int Decimals = 4;

    /// <summary>The largest amount DECIMAL(19,4) holds; more is refused on both databases alike.</summary>
    public const decimal Max = 999_999_999_999_999.9999m;

    public static decimal Round(decimal amount) => decimal.Round(amount, Decimals, MidpointRounding.AwayFromZero);

    public static decimal? Round(decimal? amount) => amount is { } a ? Round(a) : null;
}
