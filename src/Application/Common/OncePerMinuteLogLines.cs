using System.Threading.RateLimiting;

namespace ChannelBridge.Application.Common;

/// <summary>
/// Whether a line that repeats is written: the first for each reason and subject in each minute is. Refusals past a limit
/// are its main use (the subject a caller: an address, a Channel API key, a Linnworks integration), the rest counted in
/// <c>channelbridge.rate_limited</c> only: a caller sending in a loop past a limit is refused thousands of times a
/// second, and a line for each would cost the node more than the refusals do and bury the log the on-call engineer
/// reads. A damaged feed entry, read by its feed and its webhook again and again, is another. Per node, in memory.
/// </summary>
public sealed class OncePerMinuteLogLines : IDisposable
{
    private readonly PartitionedRateLimiter<string> _lines = PerMinuteLimit.PerKey(() => 1);

    /// <summary>The reason a damaged feed entry's line is logged under (its subject the store and cursor), by the feed and the webhook alike.</summary>
    public const string UnreadableFeedPayload = "unreadable_feed_payload";

    /// <summary>The reason a feed entry's damaged ReceivedUtc is logged under (its subject the store and cursor), by the feed and the webhook alike.</summary>
    public const string UnreadableFeedDate = "unreadable_feed_date";

    /// <summary>The words a logged refusal ends with, saying why no more follow this minute.</summary>
    public const string NotLoggedAgain = "(its further refusals for this reason this minute are counted in channelbridge.rate_limited, not logged)";

    /// <summary>Whether to log this line about <paramref name="caller"/> for <paramref name="reason"/>: the first in each minute.</summary>
    public bool Logs(string reason, string? caller)
    {
        using var lease = _lines.AttemptAcquire(reason + "|" + caller);
        return lease.IsAcquired;
    }

    /// <summary>
    /// Records one refusal past a limit: counted in <c>channelbridge.rate_limited</c> by <paramref name="api"/> and
    /// <paramref name="reason"/>; true when it is the one to log (<see cref="Logs"/>).
    /// </summary>
    public bool Refused(string api, string reason, string? caller)
    {
        ChannelBridgeTelemetry.CountRateLimited(api, reason);
        return Logs(reason, caller);
    }

    public void Dispose() => _lines.Dispose();
}
