using ChannelBridge.Application.Common;
using ChannelBridge.Domain.Stores;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Application.Stores;

/// <summary>What the operator sees of a store's new orders or listings refused at its limit (ADR-039).</summary>
internal static partial class StoreLimitRefusals
{
    /// <summary>
    /// Counts a batch's <paramref name="refused"/> new items in <c>channelbridge.rate_limited</c> (reason
    /// <c>store_orders_limit</c> or <c>store_listings_limit</c>), and logs a warning once a minute a store.
    /// </summary>
    public static void Refused(this OncePerMinuteLogLines lines, ILogger logger, StoreLimit limit, string storeId, int refused)
    {
        if (refused > 0 && lines.Refused("channel", $"store_{limit.Items}_limit", storeId))
        {
            LogRefused(logger, storeId, limit.Max, limit.Items, limit.Setting, refused);
        }
    }

    /// <summary>
    /// Counts a batch's <paramref name="refused"/> orders that would pass the store's characters of orders in
    /// <c>channelbridge.rate_limited</c> (reason <c>store_order_chars_limit</c>), and logs a warning once a minute a store.
    /// </summary>
    public static void Refused(this OncePerMinuteLogLines lines, ILogger logger, StoreSizeLimit limit, string storeId, int refused)
    {
        if (refused > 0 && lines.Refused("channel", "store_order_chars_limit", storeId))
        {
            LogRefusedForSize(logger, storeId, limit.Max, StoreSizeLimit.Setting, refused);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Store {StoreId} holds its limit of {Limit} {Items} ({Setting}): {Refused} new ones of a batch refused " + OncePerMinuteLogLines.NotLoggedAgain)]
    private static partial void LogRefused(ILogger logger, string storeId, long limit, string items, string setting, int refused);

    [LoggerMessage(LogLevel.Warning, "The orders of store {StoreId} hold its limit of {Limit} characters ({Setting}): {Refused} orders of a batch, new or larger, refused " + OncePerMinuteLogLines.NotLoggedAgain)]
    private static partial void LogRefusedForSize(ILogger logger, string storeId, long limit, string setting, int refused);
}
