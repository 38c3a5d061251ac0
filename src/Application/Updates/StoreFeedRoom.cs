using System.Globalization;
using ChannelBridge.Application.Common;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Orders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Updates;

/// <summary>
/// Whether a store's updates feed takes another despatch, cancellation, refund, stock or price level: not once it holds
/// <see cref="UpdatesOptions.MaxFeedCharsPerStore"/> (ADR-039). Every store's feed shares one database, and an
/// integration's token may report at its rate limit. Soft by the calls in flight: a call that found room records its
/// entries whole.
/// </summary>
internal sealed partial class StoreFeedRoom(IStoreUpdateFeed feed, IOptions<UpdatesOptions> options, OncePerMinuteLogLines logLines, ILogger<StoreFeedRoom> logger)
{
    /// <summary>Why the store's feed takes nothing more now, or null when it has room.</summary>
    public async Task<Error?> RefusedAsync(string storeId, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxFeedCharsPerStore;
        if (max <= 0 || await feed.GetHeldCharsAsync(storeId, cancellationToken) < max)
        {
            return null;
        }

        if (logLines.Refused("linnworks", "store_feed_limit", storeId))
        {
            LogRefused(storeId, max);
        }

        return Error.Validation(string.Create(CultureInfo.InvariantCulture,
            $"The store's updates feed holds its limit of {max} characters (Updates:MaxFeedCharsPerStore), so this is not recorded; retry later. Entries leave once the channel has read them and the store's retention has passed; the service's operator can raise the limit."));
    }

    [LoggerMessage(LogLevel.Warning, "The updates feed of store {StoreId} holds its limit of {Limit} characters (Updates:MaxFeedCharsPerStore): a report refused " + OncePerMinuteLogLines.NotLoggedAgain)]
    private partial void LogRefused(string storeId, long limit);
}
