using System.Threading.RateLimiting;

namespace ChannelBridge.Application.Common;

/// <summary>
/// The one shape of every limit here: a fixed one-minute window per key, no queue (over the limit is refused at
/// once, with the time left as Retry-After). Used for Linnworks calls per integration, Channel API calls per key,
/// failed authentications per address and OAuth tokens per client.
/// </summary>
public static class PerMinuteLimit
{
    private static FixedWindowRateLimiterOptions Options(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    /// <summary>
    /// Every <see cref="PerKey"/> limit's windows, in one partitioned limiter: each partitioned limiter wakes a
    /// thread-pool worker ten times a second to tidy its partitions, busy or idle, so one per limit kept an idle node's
    /// workers waking (docs/performance.md, "An idle node's CPU"). A window's key is its limit and the key within it.
    /// </summary>
    private static readonly PartitionedRateLimiter<(Limit Limit, string Key)> Windows =
        PartitionedRateLimiter.Create<(Limit Limit, string Key), (Limit, string)>(window => RateLimitPartition.GetFixedWindowLimiter(window, w => Options(w.Limit.Permits())));

    public static RateLimitPartition<string> Partition(string key, int permits) => RateLimitPartition.GetFixedWindowLimiter(key, _ => Options(permits));

    /// <summary>A limiter keyed by string, each key with <paramref name="permits"/> (read when the key's window is made).</summary>
    public static PartitionedRateLimiter<string> PerKey(Func<int> permits)
    {
        var limit = new Limit(permits);
        return Windows.WithTranslatedKey<string>(key => (limit, key), leaveOpen: true);
    }

    /// <summary>How long until <paramref name="key"/>'s window opens again when it has no permit left this minute (taking none), else null.</summary>
    public static TimeSpan? Spent(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key, permitCount: 0);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    /// <summary>Takes one of <paramref name="key"/>'s permits this minute: null when taken, else how long until its window opens again.</summary>
    public static TimeSpan? TryTake(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    /// <summary>One limit's identity among the shared windows (by reference) and its permits a window.</summary>
    private sealed class Limit(Func<int> permits)
    {
        public int Permits() => permits();
    }
}
